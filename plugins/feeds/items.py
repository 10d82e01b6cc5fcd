"""Feed items: what one release or remarks item says in every feed format.

Pure functions, no Pelican imports: a `FeedItem` is built from an article and
a `SiteInfo`, and the writers in `formats.py` turn lists of them into RSS,
Atom and JSON Feed.

Entry ids (the rule subscribers rely on):

    tag:<FEEDS_TAGGING_ENTITY>:<kind>/<key>

where <kind> is "berita" for a release and "sambutan" for remarks, and <key>
is the item's `Id` metadata when given, else the path of its source file
inside its kind folder without ".md" (``press-releases/bontang-smart-
festival-2020.md`` gives ``bontang-smart-festival-2020``). Title, Slug, body,
Date and Modified can all change without changing the id; renaming or moving
the file changes it unless the header pins it with `Id:` (which `invoke new`
should write when it creates the file). An `Id` that already is a ``tag:`` or
``urn:`` URI is used as it is.

Corrections and withdrawals (`article.view.corrections`,
`article.view.withdrawn`) keep the id and the place of the entry (feeds are ordered
by publication date). A correction moves `updated` to its time (the newsroom
plugin moves `modified` to the latest notice), which is Atom `updated`, JSON
Feed `date_modified` and RSS `dcterms:modified` (RSS 2.0 has no updated date
of its own; `pubDate` stays the publication date); the correction is written,
with its time, above the content. A
withdrawn item's entry says so in its title ("[Dicabut] …") and its content
is the withdrawal notice: it stays as long as the item is among the
FEEDS_MAX_ITEMS newest, so subscribers that republished it learn of it.

Titles: a paid item's title carries the label, "[Advertorial] Judul"
(`newsroom.advertorial.labelled_title`), in every feed format.

Dates written without a time (`Date: 2020-03-13`) are a day, not midnight.
Every feed format needs a time (RSS pubDate, Atom published/updated, JSON
Feed date_published/date_modified), so such a date is written as 12:00 WITA
(`2020-03-13T12:00:00+08:00`): the same calendar day for readers from
UTC-04:00 to UTC+14:00, all of Indonesia included, where midnight WITA was
the day before for everyone west of WITA. The same rule applies to a
date-only `Modified`. Two date-only items of one day therefore share their
stamp (the W3C validator notes it as DuplicateUpdated): the content knows
nothing finer, and `invoke new` writes the time for that reason.

Images: the lead image when there is one; else the item's share card (the
1200x630 JPEG the images plugin draws), so every item has an image in RSS
(enclosure, media:content), Atom (link rel="enclosure") and JSON Feed
(`image`). Only a lead image is also shown as a figure in the content.
"""

import datetime as dt
import html
import mimetypes
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import lxml.html

from common.images import image_size
from common.urls import absolute_url
from content_model.corrections import correction_html
from content_model.dates import as_wita, written_with_time
from content_model.kinds import BY_NAME
from i18n import _
from newsroom.advertorial import labelled_title

ADVERTORIAL = "Advertorial"
WITHDRAWN_PREFIX = "[Dicabut] "
# `Id:` is either a path-like token or an absolute tag:/urn: URI.
ID_TOKEN = re.compile(r"^[a-z0-9]+(?:[-_./][a-z0-9]+)*$")
ID_URI = re.compile(r"^(?:tag|urn):\S+$")
STATIC_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|")
WHITESPACE = re.compile(r"\s+")
# The time of day a date-only value is written with (see the module docstring).
DATE_ONLY_TIME = dt.time(12, 0)


class ItemError(ValueError):
    """An item's metadata cannot give a feed entry; the message says the fix."""

    def __init__(self, key, message):
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class SiteInfo:
    """What the items need to know about the site."""

    siteurl: str
    tagging_entity: str
    organisation: str
    content_path: str = ""
    output_path: str = ""
    # Output-relative URL of each static file, by its content-relative path.
    static_urls: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Image:
    """The lead image of an item, with its real size and type."""

    url: str
    length: int
    mime: str
    width: int | None = None
    height: int | None = None
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Category:
    """A category or tag of an item; `scheme` is the taxonomy's URL."""

    term: str
    scheme: str | None = None


@dataclass
class FeedItem:
    """One entry of a feed, every value final (absolute URLs, WITA dates)."""

    id: str
    url: str
    title: str
    content_html: str
    summary_html: str
    summary_text: str
    authors: list[str]
    categories: list[Category]
    published: object
    updated: object
    kind: str
    advertorial: bool
    opd: list[str]
    category_slug: str = ""
    image: Image | None = None  # the lead image, also a figure in the content
    card: Image | None = None  # the share card, for items without a lead image
    quotes: list[dict] = field(default_factory=list)
    speaker_id: str | None = None
    occasion: str | None = None
    # {"date", "text"} of each correction, newest first; the withdrawal or None.
    corrections: list[dict] = field(default_factory=list)
    withdrawn: dict | None = None

    @property
    def picture(self):
        """The image a feed announces: the lead image, else the share card."""
        return self.image or self.card

    @property
    def tags(self):
        """Every category term once, in order (JSON Feed `tags`)."""
        return list(dict.fromkeys(c.term for c in self.categories))

    def newsroom(self):
        """Return the JSON Feed `_newsroom` extension object (docs/contracts.md)."""
        data = {
            "kind": self.kind,
            "advertorial": self.advertorial,
            "opd": list(self.opd),
            "quotes": [dict(q) for q in self.quotes],
        }
        if self.kind == "remarks":
            data["speaker_id"] = self.speaker_id
            data["occasion"] = self.occasion
        if self.corrections:
            data["corrections"] = [dict(c) for c in self.corrections]
        if self.withdrawn:
            data["withdrawn"] = dict(self.withdrawn)
        return data


# Attributes whose value is a URL (srcset and imagesrcset hold several).
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "data"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})


def absolute_srcset(value, base_url):
    """Return a srcset with each candidate's URL made absolute."""
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split(maxsplit=1)
        if parts:
            parts[0] = urljoin(base_url, parts[0])
            candidates.append(" ".join(parts))
    return ", ".join(candidates)


class _Absolutiser(HTMLParser):
    """Copy HTML through, rewriting only the URL attributes of tags.

    A token stream, not a tree: HTML5 markup that libxml2 does not know
    (<picture><source>) comes out exactly as it went in.
    """

    def __init__(self, base_url):
        super().__init__(convert_charrefs=False)
        self.base_url = base_url
        self.out = []

    def _tag(self, tag, attrs, closing):
        if not any(
            name in URL_ATTRIBUTES or name in SRCSET_ATTRIBUTES for name, _ in attrs
        ):
            self.out.append(self.get_starttag_text())
            return
        parts = [f"<{tag}"]
        for name, value in attrs:
            if value is None:
                parts.append(f" {name}")
                continue
            if name in URL_ATTRIBUTES:
                value = urljoin(self.base_url, value.strip())
            elif name in SRCSET_ATTRIBUTES:
                value = absolute_srcset(value, self.base_url)
            parts.append(f' {name}="{html.escape(value, quote=True)}"')
        parts.append(" />" if closing else ">")
        self.out.append("".join(parts))

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, closing=False)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, closing=True)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def absolute_html(fragment, base_url):
    """Return an HTML fragment with every link, image and srcset made absolute.

    Relative URLs resolve against `base_url` (the item's page), as a browser
    would resolve them there; everything else is copied unchanged.
    """
    if not fragment or not fragment.strip():
        return ""
    parser = _Absolutiser(base_url)
    parser.feed(fragment)
    parser.close()
    if parser.rawdata:
        parser.out.append(parser.rawdata)
    return "".join(parser.out)


def plain_text(fragment):
    """Return the text of an HTML fragment on one line."""
    if not fragment or not fragment.strip():
        return ""
    text = lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()
    return WHITESPACE.sub(" ", text).strip()


def entry_id(tagging_entity, kind, relative_source_path, pinned=None):
    """Return the entry id of an item (see the module docstring).

    `relative_source_path` is the content-relative path ("press-releases/x.md");
    `pinned` is the item's `Id` metadata. Raise ItemError for a bad `Id`.
    """
    if pinned is not None and str(pinned).strip():
        pinned = str(pinned).strip()
        if ID_URI.match(pinned):
            return pinned
        if not ID_TOKEN.match(pinned):
            raise ItemError(
                "id",
                _(
                    "Id '{id}' is not usable as a feed id; write lower-case "
                    "letters, digits and '-', e.g. 'Id: 2020-03-13-festival', or "
                    "a full tag:/urn: URI"
                ).format(id=pinned),
            )
        key = pinned
    else:
        parts = PurePosixPath(str(relative_source_path).replace("\\", "/")).parts
        inner = PurePosixPath(*parts[1:]) if len(parts) > 1 else PurePosixPath(*parts)
        key = str(inner.with_suffix(""))
    return f"tag:{tagging_entity}:{BY_NAME[kind].segment}/{key}"


def strip_static_prefix(value):
    """Return an image reference without Pelican's {static} prefix or a '/'."""
    value = str(value).strip()
    for prefix in STATIC_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value.lstrip("/")


def lead_image(article, site):
    """Return the item's lead Image, or None; raise ItemError when it is missing.

    Uses `article.lead_image` when the images plugin set it (a dict with
    "path", output-relative, and "url", "width", "height", "mime", "alt",
    "caption"); the length is that of the published file. Without the images
    plugin, the `Image` metadata is resolved against the content folder.
    """
    caption = _meta(article, "image_caption")
    alt = _meta(article, "image_alt") or caption or str(article.title)
    if hasattr(article, "lead_image"):
        given = article.lead_image
        if not isinstance(given, dict) or not given.get("path"):
            return None
        relative = strip_static_prefix(given["path"])
        published = Path(site.output_path) / relative
        if not published.is_file():
            raise ItemError(
                "image",
                _(
                    "lead image '{path}' was not written to the output; check "
                    "the Image key and the images plugin's errors"
                ).format(path=relative),
            )
        mime = given.get("mime") or mimetypes.guess_type(relative)[0]
        width, height = given.get("width"), given.get("height")
        if not width or not height:
            width, height = image_size(published) or (None, None)
        return Image(
            url=absolute_url(site.siteurl, given.get("url") or relative),
            length=published.stat().st_size,
            mime=mime or "application/octet-stream",
            width=width,
            height=height,
            alt=str(given.get("alt") or alt),
            caption=str(given.get("caption") or caption),
        )
    reference = _meta(article, "image")
    if not reference:
        return None
    relative = strip_static_prefix(reference)
    source = Path(site.content_path) / relative
    if not source.is_file():
        raise ItemError(
            "image",
            _(
                "Image '{image}' is not a file under content/; put the picture "
                "in content/images/ and write 'Image: images/<file>'"
            ).format(image=reference),
        )
    mime = mimetypes.guess_type(source.name)[0]
    if not mime or not mime.startswith("image/"):
        raise ItemError(
            "image",
            _(
                "Image '{image}' is not a picture type feeds accept; use a "
                "JPEG, PNG, GIF or WebP file"
            ).format(image=reference),
        )
    width, height = image_size(source) or (None, None)
    url_path = site.static_urls.get(relative, relative)
    return Image(
        url=absolute_url(site.siteurl, url_path),
        length=source.stat().st_size,
        mime=mime,
        width=width,
        height=height,
        alt=alt,
        caption=caption,
    )


def lead_figure(image):
    """Return the lead image as an HTML <figure> for the feed content."""
    size = ""
    if image.width and image.height:
        size = f' width="{image.width}" height="{image.height}"'
    caption = (
        f"<figcaption>{html.escape(image.caption)}</figcaption>"
        if image.caption
        else ""
    )
    return (
        f'<figure><img src="{html.escape(image.url)}" '
        f'alt="{html.escape(image.alt)}"{size}>{caption}</figure>'
    )


def feed_moment(moment, has_time=True):
    """Return `moment` in WITA; a date-only value at 12:00 WITA (docstring)."""
    moment = as_wita(moment)
    if has_time:
        return moment
    return dt.datetime.combine(moment.date(), DATE_ONLY_TIME, tzinfo=moment.tzinfo)


def share_card(article, site):
    """Return the item's share card as an Image, or None when it has none.

    The card is read from the output, so call this once the images plugin
    has written it (the feeds are written last for that reason).
    """
    card = getattr(article, "share_image", None)
    if not isinstance(card, dict) or not card.get("path"):
        return None
    published = Path(site.output_path) / strip_static_prefix(card["path"])
    if not published.is_file():
        return None
    return Image(
        url=absolute_url(site.siteurl, card.get("url") or card["path"]),
        length=published.stat().st_size,
        mime=card.get("mime") or "image/jpeg",
        width=card.get("width"),
        height=card.get("height"),
        alt=labelled_title(article),
    )


def _meta(article, key):
    value = article.metadata.get(key)
    return str(value).strip() if value is not None else ""


def _names(values):
    names = []
    for value in values or []:
        name = str(getattr(value, "name", value)).strip()
        if name:
            names.append(name)
    return names


def _quotes(article):
    return [
        {"speaker_id": q.speaker_id, "speaker": q.speaker, "text": q.text}
        for q in article.view.quotes
    ]


def item_categories(article, site):
    """Return the item's categories: "Advertorial" first, then category, tags."""
    base = site.siteurl.rstrip("/")
    found = []
    if article.view.advertorial:
        found.append(Category(ADVERTORIAL))
    if str(article.category):
        found.append(Category(str(article.category), f"{base}/kategori/"))
    # Pelican sets `tags` only on an item whose header has Tags.
    for tag in getattr(article, "tags", None) or []:
        found.append(Category(str(tag), f"{base}/tag/"))
    return found


def item_texts(article, url, image):
    """Return the item's content and summary, URLs made absolute.

    Corrections come first, newest first, each with its time.
    """
    content = article.content or ""
    if image is not None:
        content = lead_figure(image) + content
    notices = article.view.corrections
    if notices:
        content = "".join(correction_html(n) for n in notices) + content
    summary = article.summary or ""
    return {
        "content_html": absolute_html(content, url),
        "summary_html": absolute_html(summary, url),
        "summary_text": plain_text(summary),
    }


def with_texts(item, article, site=None):
    """Return `item` (made with texts=False) with its content and summary.

    With `site`, an item without a lead image also gets its share card; a
    withdrawn item gets none (its entry carries only the notice).
    """
    wants_card = not item.image and not article.view.withdrawn
    card = share_card(article, site) if site is not None and wants_card else None
    return replace(item, card=card, **item_texts(article, item.url, item.image))


def item_title(article):
    """Return the entry title, as the page's <title>: "[Dicabut] [Advertorial] Judul".

    A withdrawn item's says so first, then the label of paid content.
    """
    title = labelled_title(str(article.title), article.view.advertorial)
    if article.view.withdrawn:
        return WITHDRAWN_PREFIX + title
    return title


def feed_item(article, site, texts=True):
    """Return the FeedItem of a release or remarks article.

    With `texts` False, content and summary are left empty: making them is
    most of the work, and only the newest items of each feed need them
    (`with_texts` adds them). Raise ItemError (with the metadata key to point
    at) when its `Id` or `Image` cannot be used.
    """
    view = article.view
    kind = view.kind
    url = absolute_url(site.siteurl, article.url)
    image = lead_image(article, site)
    if texts:
        made = item_texts(article, url, image)
    else:
        made = {"content_html": "", "summary_html": "", "summary_text": ""}
    published = feed_moment(article.date, written_with_time(article, "date"))
    # Pelican sets `modified` only on an item whose header has Modified.
    modified = getattr(article, "modified", None)
    updated = (
        feed_moment(modified, written_with_time(article, "modified"))
        if modified
        else published
    )
    return FeedItem(
        id=entry_id(
            site.tagging_entity,
            kind,
            article.relative_source_path,
            _meta(article, "id") or None,
        ),
        url=url,
        title=item_title(article),
        **made,
        # Pelican sets `authors` only when the header or AUTHOR names one.
        authors=_names(getattr(article, "authors", None)) or [site.organisation],
        categories=item_categories(article, site),
        published=published,
        updated=max(updated, published),
        kind=kind,
        advertorial=view.advertorial,
        opd=list(view.opd_slugs),
        category_slug=str(article.category.slug or ""),
        image=image,
        quotes=_quotes(article),
        speaker_id=view.speaker_id if kind == "remarks" else None,
        occasion=view.occasion if kind == "remarks" else None,
        corrections=[notice_data(n) for n in view.corrections],
        withdrawn=notice_data(view.withdrawn),
    )


def notice_data(notice):
    """Return a correction or withdrawal as JSON data, or None for no notice."""
    if notice is None:
        return None
    moment = as_wita(notice.when).replace(microsecond=0).isoformat()
    return {"date": moment, "text": notice.text}


def newest_first(items):
    """Return items newest first; equal dates fall back to the id (stable)."""
    return sorted(items, key=lambda item: (item.published, item.id), reverse=True)


def newest_update(items):
    """Return the latest `updated` of the items, or None for no items."""
    return max((item.updated for item in items), default=None)


def duplicate_ids(pairs):
    """Return [(source, id, first source)] for each id given to two items.

    `pairs` is an iterable of (source path, id).
    """
    seen = {}
    duplicates = []
    for source, item_id in pairs:
        if item_id in seen:
            duplicates.append((source, item_id, seen[item_id]))
        else:
            seen[item_id] = source
    return duplicates
