"""sitemap.xml, news-sitemap.xml and robots.txt as text: pure functions.

The build date
--------------
A news sitemap holds the releases of the last two days "before now", but a
build must give the same bytes for the same content whenever it runs. So
"now" is, in order:

1. the `SEO_NEWS_SITEMAP_NOW` setting (a datetime or `YYYY-MM-DD[ HH:MM]`,
   WITA unless an offset is given), for tests and for re-creating a build;
2. the `SOURCE_DATE_EPOCH` environment variable (the reproducible-builds
   convention: seconds since 1970 UTC), when the publisher sets it;
3. else the date of the newest published release.

With (3) the news sitemap always holds the newest release and whatever was
published in the two days before it, and it has nothing to hold only when
those are all advertorials or none exists. Then no news-sitemap.xml is
written and robots.txt does not name it: the sitemap 0.9 schema wants at
least one `<url>` in a `<urlset>`, and crawlers should not be sent to a file
that is empty or missing. It comes back with the next release that qualifies.

The same date stands in for `lastmod` of pages that carry no date of their
own and list nothing dated (the festival page, a person without releases).
"""

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from content_model.dates import WITA, DateError, as_wita, iso
from content_model.kinds import BY_NAME
from content_model.model import Record

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_WINDOW = dt.timedelta(days=2)


@dataclass(frozen=True, order=True)
class Entry:
    """One URL of sitemap.xml; `lastmod` None means "the build date"."""

    url: str
    lastmod: dt.datetime | None = None


@dataclass(frozen=True)
class NewsItem:
    """One release of news-sitemap.xml."""

    url: str
    title: str
    published: dt.datetime


class BuildDateError(ValueError):
    """SEO_NEWS_SITEMAP_NOW or SOURCE_DATE_EPOCH cannot be read."""


def build_date(setting, environ, releases):
    """Return the build date (aware, WITA) or None when nothing is dated."""
    if setting:
        try:
            return as_wita(setting)
        except (DateError, TypeError, ValueError) as error:
            raise BuildDateError(
                f"SEO_NEWS_SITEMAP_NOW {setting!r} is not a date ({error})"
            ) from None
    epoch = (environ or {}).get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError) as error:
            raise BuildDateError(
                f"SOURCE_DATE_EPOCH {epoch!r} is not a number of seconds ({error})"
            ) from None
        return moment.astimezone(WITA)
    dates = [as_wita(r.date) for r in releases if r.date]
    return max(dates) if dates else None


def is_public(item):
    """Whether an article, page or record may appear in a sitemap.

    Not embargoed, published, and not withdrawn: a withdrawn item keeps its
    URL (saying why it was withdrawn) but is listed nowhere. A held record is
    out of the content model, so every record listed is public.
    """
    if isinstance(item, Record):
        return True
    if item.view.embargoed or item.view.withdrawn:
        return False
    return item.status in ("published", None)


def news_items(articles, now, title_of, url_of):
    """Releases (no advertorials, no remarks) dated in the two days up to `now`."""
    if now is None:
        return []
    chosen = []
    for article in articles:
        if not BY_NAME[article.view.kind].news_sitemap:
            continue
        if article.view.advertorial or not is_public(article):
            continue
        published = as_wita(article.date)
        if now - NEWS_WINDOW <= published <= now:
            chosen.append(NewsItem(url_of(article), title_of(article), published))
    return sorted(chosen, key=lambda item: (item.published, item.url), reverse=True)


def sitemap_xml(entries, fallback):
    """Return sitemap.xml listing each entry once, by URL."""
    seen = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}">',
    ]
    for url in sorted(seen):
        lastmod = seen[url].lastmod or fallback
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(url)}</loc>")
        if lastmod is not None:
            lines.append(f"    <lastmod>{iso(lastmod)}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def news_sitemap_xml(items, publication, language):
    """Return news-sitemap.xml (Google News sitemap 0.9) for `items`.

    None when there is no item: an empty `<urlset>` is invalid, so there is
    no file to write (see the module docstring).
    """
    if not items:
        return None
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">',
    ]
    for item in items:
        lines += [
            "  <url>",
            f"    <loc>{escape(item.url)}</loc>",
            "    <news:news>",
            "      <news:publication>",
            f"        <news:name>{escape(publication)}</news:name>",
            f"        <news:language>{escape(language)}</news:language>",
            "      </news:publication>",
            f"      <news:publication_date>{iso(item.published)}"
            "</news:publication_date>",
            f"      <news:title>{escape(item.title)}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_urls, disallow=()):
    """Return robots.txt: everything may be crawled; the sitemaps are named."""
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow]
    lines.append("Allow: /")
    lines.append("")
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"
