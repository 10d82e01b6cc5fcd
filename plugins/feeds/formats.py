"""Write a list of FeedItems as RSS 2.0, Atom 1.0 (feedgen) or JSON Feed 1.1.

Pure functions: `FeedInfo` + items in, bytes out. Nothing here reads the
clock, so the same items give the same bytes. Titles, the JSON `summary` and
quote texts are written through `plaintext.plain_field`, so that a CMS that
reads them as HTML finds no markup in them.
"""

import json
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from . import extensions
from .plaintext import plain_field

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
# RSS 2.0 caps the channel image at 144 pixels wide and 400 high.
RSS_LOGO_SIZE = 144


@dataclass(frozen=True)
class FeedInfo:
    """One feed file: where it goes, what it is called, what it announces."""

    path: str  # output-relative, e.g. "feeds/rss.xml"
    url: str  # absolute
    format: str  # "rss" | "atom" | "json"
    id: str
    title: str
    description: str
    home_url: str  # the HTML page the feed describes
    group: str  # "site" | "sambutan" | "opd" | "kategori", for listings
    label: str  # what the /langganan/ page calls it
    key: str = ""  # agency or category slug of an "opd"/"kategori" feed
    language: str = "id"
    copyright: str = ""
    author: str = ""
    author_url: str = ""
    ttl: int = 60
    logo_url: str = ""  # 144 x 144 PNG (RSS image, Atom icon)
    icon_url: str = ""  # 512 x 512 PNG (JSON Feed icon, Atom logo)
    favicon_url: str = ""
    hub: str | None = None
    stylesheet_url: str | None = None

    @property
    def media_type(self):
        return MEDIA_TYPES[self.format]


def iso(moment):
    """Return an RFC 3339 date with its offset and no fractions of a second."""
    return moment.replace(microsecond=0).isoformat()


def _fill_entry(entry, item):
    entry.id(item.id)  # also the RSS guid, isPermaLink="false"
    entry.title(plain_field(item.title))
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.summary(item.summary_html, type="html")
    entry.content(item.content_html, type="html")
    entry.published(item.published.replace(microsecond=0))
    entry.updated(item.updated.replace(microsecond=0))
    for name in item.authors:
        entry.author(name=name)
    for category in item.categories:
        if category.scheme:
            entry.category(
                term=category.term, scheme=category.scheme, label=category.term
            )
        else:
            entry.category(term=category.term, label=category.term)
    if item.picture is not None:
        image = item.picture
        # Atom link rel="enclosure"; feedgen also makes it the RSS enclosure.
        entry.link(
            href=image.url, rel="enclosure", type=image.mime, length=str(image.length)
        )
        media = {
            "url": image.url,
            "fileSize": str(image.length),
            "type": image.mime,
            "medium": "image",
            "isDefault": "true",
        }
        if image.width and image.height:
            media.update(width=str(image.width), height=str(image.height))
        entry.media.content(group=None, **media)
    entry.atom_links.links(entry.link())


def _generator(info, items, updated):
    feed = extensions.register(FeedGenerator())
    feed.id(info.id)
    feed.title(plain_field(info.title))
    feed.description(info.description)
    feed.language(info.language)
    feed.updated(updated.replace(microsecond=0))
    if info.copyright:
        feed.copyright(info.copyright)
    if info.author:
        feed.author(name=info.author, uri=info.author_url or None)
    for item in items:
        _fill_entry(feed.add_entry(order="append"), item)
    return feed


def rss_bytes(info, items, updated):
    """Return the RSS 2.0 document for `items` (newest first).

    `updated` is the channel's lastBuildDate: the newest item's update, so the
    bytes do not depend on when the build ran.
    """
    feed = _generator(info, items, updated)
    feed.link(href=info.url, rel="self", type=info.media_type)
    # feedgen uses the last link given as the RSS channel <link>.
    feed.link(href=info.home_url, rel="alternate", type="text/html")
    feed.ttl(info.ttl)
    if items:
        feed.pubDate(max(item.published for item in items).replace(microsecond=0))
    if info.logo_url:
        feed.image(
            url=info.logo_url,
            title=plain_field(info.title),
            link=info.home_url,
            width=str(RSS_LOGO_SIZE),
            height=str(RSS_LOGO_SIZE),
        )
    if info.hub:
        feed.newsroom.hub(info.hub)
    if info.stylesheet_url:
        feed.newsroom.stylesheet(info.stylesheet_url)
    for entry, item in zip(feed.entry(), items, strict=True):
        entry.newsroom.creators(item.authors)
        entry.newsroom.modified(item.updated)
    return feed.rss_str(pretty=True)


def atom_bytes(info, items, updated):
    """Return the Atom 1.0 document for `items` (newest first)."""
    feed = _generator(info, items, updated)
    # The site's address first: a reader that takes the first link for it
    # would otherwise take the feed's own URL (rel="self").
    feed.link(href=info.home_url, rel="alternate", type="text/html")
    feed.link(href=info.url, rel="self", type=info.media_type)
    if info.hub:
        feed.link(href=info.hub, rel="hub")
    if info.copyright:
        feed.rights(info.copyright)
    if info.logo_url:
        feed.icon(info.logo_url)
    if info.icon_url:
        feed.logo(info.icon_url)
    return feed.atom_str(pretty=True)


def json_item(item):
    """Return one JSON Feed 1.1 item, `_newsroom` included."""
    data = {
        "id": item.id,
        "url": item.url,
        "title": plain_field(item.title),
        "content_html": item.content_html,
        "summary": plain_field(item.summary_text),
        "date_published": iso(item.published),
        "date_modified": iso(item.updated),
        "authors": [{"name": name} for name in item.authors],
        "tags": item.tags,
        "language": "id",
    }
    if item.picture is not None:
        data["image"] = item.picture.url
    newsroom = item.newsroom()
    newsroom["quotes"] = [
        {**quote, "text": plain_field(quote.get("text"))}
        for quote in newsroom["quotes"]
    ]
    data["_newsroom"] = newsroom
    return data


def json_bytes(info, items):
    """Return the JSON Feed 1.1 document for `items` (newest first)."""
    data = {
        "version": JSON_FEED_VERSION,
        "title": plain_field(info.title),
        "home_page_url": info.home_url,
        "feed_url": info.url,
        "description": info.description,
        "language": info.language,
    }
    if info.icon_url:
        data["icon"] = info.icon_url
    if info.favicon_url:
        data["favicon"] = info.favicon_url
    if info.author:
        author = {"name": info.author}
        if info.author_url:
            author["url"] = info.author_url
        data["authors"] = [author]
    if info.hub:
        data["hubs"] = [{"type": "WebSub", "url": info.hub}]
    data["items"] = [json_item(item) for item in items]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return f"{text}\n".encode()


def feed_bytes(info, items, updated):
    """Return the document of `info.format` for `items`."""
    if info.format == "rss":
        return rss_bytes(info, items, updated)
    if info.format == "atom":
        return atom_bytes(info, items, updated)
    if info.format == "json":
        return json_bytes(info, items)
    raise ValueError(f"feeds: unknown feed format {info.format!r}")
