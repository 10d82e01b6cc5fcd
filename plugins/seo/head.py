"""What a page says about itself in <head>, from its template context.

Description, canonical URL, sharing-card tags and JSON-LD.

`describe_page(ctx, blocks, site, conf)` is a pure function of the context
Pelican renders a page with (a mapping: `output_file`, `SITEURL`, and the
page's subject: `article`, `page`, `event`, `program`, `person` or `agency`)
plus the rendered `title`, `description` and `breadcrumbs` blocks.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from common.urls import absolute_url
from content_model.kinds import BY_NAME, KIND_LIST
from content_model.model import MODEL_KEY
from newsroom.advertorial import labelled_title

from . import jsonld
from .text import (
    first_sentences,
    page_url,
    plain_text,
    shorten,
    squeeze,
    title_text,
)

# The context keys of the kinds' own pages, checked in this order: a record's
# page may also carry the `agency` it belongs to, so that one comes last.
SUBJECTS = tuple(
    sorted(
        dict.fromkeys(kind.context_key for kind in KIND_LIST),
        key=lambda key: key == BY_NAME["agency"].context_key,
    )
)
OG_TYPES = {"article": "article", "person": "profile"}
LISTING_KEYS = ("articles_page", "items", "period", "tag", "category", "author")


@dataclass(frozen=True)
class Blocks:
    """The rendered title, description and breadcrumbs blocks of a page."""

    title: str = ""
    description: str = ""
    breadcrumbs: str = ""


class _TrailParser(HTMLParser):
    """Collect (label, href) of each link in a breadcrumbs block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.trail = []
        self._href = None
        self._label = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._label = []

    def handle_data(self, data):
        if self._href is not None:
            self._label.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.trail.append((squeeze("".join(self._label)), self._href))
            self._href = None


def breadcrumb_trail(fragment):
    """Return the (label, href) pairs of a rendered breadcrumbs block."""
    parser = _TrailParser()
    parser.feed(fragment or "")
    parser.close()
    return parser.trail


def subject_of(ctx):
    """Return (kind, object) of the item a page is about, or (None, None)."""
    for kind in SUBJECTS:
        value = ctx.get(kind)
        if value is not None and not _undefined(value):
            return kind, value
    return None, None


def _undefined(value):
    return type(value).__name__.endswith("Undefined")


def _attr(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def summary_of(kind, subject):
    """Return the author-written Summary of an item as HTML, or ''."""
    if kind in ("article", "page"):
        metadata = _attr(subject, "metadata") or {}
        return metadata.get("summary") or ""
    meta = _attr(subject, "meta") or {}
    return meta.get("summary") or ""


def description_of(kind, subject, fallback, limit):
    """Return the description: Summary, else first sentences, else `fallback`."""
    if subject is not None:
        summary = plain_text(summary_of(kind, subject))
        if summary:
            return shorten(summary, limit)
        body = _attr(subject, "content") or ""
        opening = first_sentences(body, limit) if body else ""
        if opening:
            return opening
    return shorten(plain_text(fallback), limit)


def title_of(subject, block_title, sitename):
    """Return the item's title, else the <title> less the site name."""
    if subject is not None and title_text(_attr(subject, "title")):
        return title_text(_attr(subject, "title"))
    title = title_text(block_title)
    suffix = f" · {sitename}"
    if title.endswith(suffix) and title != suffix.strip():
        title = title[: -len(suffix)]
    return title or sitename


def share_image(subject, site, alt):
    """Return the item's 1200x630 sharing image, else the site default, or None."""
    image = _attr(subject, "share_image") if subject is not None else None
    image = image or site.default_image
    if not image or not _attr(image, "url"):
        return None
    return {
        "url": absolute_url(site.url, _attr(image, "url")),
        "width": _attr(image, "width"),
        "height": _attr(image, "height"),
        "alt": alt,
    }


def linked_agencies(kind, subject, model):
    """Return the agencies an item names in `OPD`, as records."""
    found = _attr(subject, "agencies")
    if found:
        return list(found)
    related = (_attr(subject, "related") or {}).get("agency")
    if related is not None:
        return [related]
    agencies = model.agencies if model is not None else {}
    meta = _attr(subject, "meta") or {}
    slugs = [s.strip() for s in str(meta.get("opd") or "").split(",") if s.strip()]
    return [agencies[slug] for slug in slugs if slug in agencies]


def main_node(kind, subject, ctx, site, url, description, name):
    """Return the JSON-LD node of the page's subject (or of the page itself)."""
    model = ctx.get(MODEL_KEY)
    people = model.people if model is not None else {}
    if kind == "article":
        return jsonld.article_node(subject, site, url, description, people)
    if kind == "page":
        return jsonld.page_node(subject, site, url, description)
    if kind == "event":
        agencies = linked_agencies(kind, subject, model)
        images = [_attr(subject, "share_image"), _attr(subject, "lead_image")]
        return jsonld.event_node(subject, site, url, description, agencies, images)
    if kind == "program":
        agencies = linked_agencies(kind, subject, model)
        return jsonld.program_node(subject, site, url, description, agencies)
    if kind == "person":
        agencies = linked_agencies(kind, subject, model)
        return jsonld.person_node(subject, site, url, description, agencies)
    if kind == "gallery":
        agencies = (_attr(subject, "related") or {}).get("opd") or []
        return jsonld.gallery_node(subject, site, url, description, agencies)
    if kind == "agency":
        head = (_attr(subject, "related") or {}).get("head")
        if head is None:
            head = people.get((_attr(subject, "meta") or {}).get("head", ""))
        return jsonld.agency_node(subject, site, url, description, head)
    # The context keys of Pelican's (and our) listing pages; `dates` and
    # `articles` are in every page's context, so they tell nothing.
    listing = any(ctx.get(k) for k in LISTING_KEYS)
    kind_name = "CollectionPage" if listing else "WebPage"
    if ctx.get("search_page"):
        kind_name = "SearchResultsPage"
    return jsonld.webpage_node(kind_name, name, site, url, description)


def describe_page(ctx, blocks, site, conf):
    """Return everything seo_head.html prints for one page.

    `conf` holds DESCRIPTION_LENGTH, OG_LOCALE and NOINDEX (output files that
    search engines should not index).
    """
    output_file = str(ctx.get("output_file") or "")
    url = page_url(site.url, output_file)
    kind, subject = subject_of(ctx)
    # Paid content says so wherever its title or description is shared; the
    # label counts toward the description's length.
    paid = kind == "article" and subject.view.advertorial
    limit = conf["DESCRIPTION_LENGTH"]
    description = description_of(kind, subject, blocks.description, limit)
    if paid:
        description = shorten(labelled_title(description, paid), limit)
    title = title_of(subject, blocks.title, site.name)
    is_home = output_file == "index.html"
    robots = ctx.get("robots") or ""
    if not robots and output_file in conf["NOINDEX"]:
        robots = "noindex, follow"
    trail = breadcrumb_trail(blocks.breadcrumbs)
    nodes = []
    if is_home:
        nodes.append(jsonld.website_node(site, description))
    else:
        nodes.append(main_node(kind, subject, ctx, site, url, description, title))
    nodes.append(jsonld.breadcrumb_node(trail, site, url, title))
    article = kind == "article"
    dates = jsonld.item_dates(subject) if article else ("", "")
    return {
        "canonical": url,
        "description": description,
        "title": labelled_title(title, paid),
        "type": OG_TYPES.get(kind, "website"),
        "locale": conf["OG_LOCALE"],
        "site_name": site.name,
        "robots": robots,
        "image": share_image(subject, site, labelled_title(title, paid)),
        # The same values as JSON-LD: a date-only item is a day, not midnight.
        "published": dates[0],
        "modified": dates[1],
        "section": title_text(_attr(subject, "category")) if article else "",
        "tags": [title_text(t) for t in _attr(subject, "tags") or []]
        if article
        else [],
        "json_ld": jsonld.script_json(jsonld.graph(nodes)),
    }
