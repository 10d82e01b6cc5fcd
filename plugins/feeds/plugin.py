"""Feeds: RSS, Atom and JSON Feed for media outlets, and the /langganan/ page.

A generator (from `get_generators`) owns `feeds/` and writes, with feedgen:

    feeds/rss.xml            RSS 2.0, every release and remarks item
    feeds/atom.xml           Atom 1.0, the same items
    feeds/feed.json          JSON Feed 1.1, the same items, with `_newsroom`
    feeds/sambutan.xml       RSS of remarks
    feeds/opd/<slug>.xml     RSS per agency (every agency, even with no item)
    feeds/kategori/<slug>.xml  RSS per category

and the page `langganan/` that lists them for journalists. Each feed holds the
FEEDS_MAX_ITEMS newest items, full content with absolute URLs, and ids that
survive edits (rule in `items.py`). Embargoed items (`article.embargoed`) are
never in a feed. Withdrawn items (`context["withdrawn_articles"]`, newsroom
plugin) keep their entry, saying that they were withdrawn. Dates in feeds
come from content only, so builds of the same content are byte-identical (a
date without a time is 12:00 WITA, see `items.py`). An item without a lead
image announces its share card, whose size in bytes is read from the output:
with the parallel_write plugin the cards are drawn as late work, so the feeds
are written at its end.

Context (for templates, set before any page is written):
    feeds          every FeedInfo, in the order the /langganan/ page lists them
    site_feeds     {"rss" | "atom" | "json": FeedInfo} of the whole site
    agency_feeds   {agency slug: FeedInfo} of each agency's RSS

Signals: initialized, get_generators.
Settings:
    FEEDS_MAX_ITEMS       items in each feed, newest first  (50)
    FEEDS_TTL             minutes readers may cache a feed (RSS ttl)  (60)
    WEBSUB_HUB            WebSub hub URL announced in every feed; None for
                          no hub  (None)
    FEEDS_TAGGING_ENTITY  "domain,date" of entry ids (RFC 4151); fixed so ids
                          stay the same in development, preview and live
                          ("smartfestival.bontangkota.go.id,2020")
    FEEDS_STYLESHEET      output path of the XSL stylesheet for RSS; None for
                          none  ("theme/feeds/rss.xsl")
    FEEDS_LOGO            output path of the 144 x 144 PNG logo
                          ("theme/feeds/logo.png")
    FEEDS_ICON            output path of the 512 x 512 PNG icon
                          ("theme/feeds/icon.png")
    FEEDS_PAGE_URL        URL of the page that explains the feeds  ("langganan/")
"""

import datetime as dt
import logging
import os
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from common.context_keys import (
    AGENCY_FEEDS_KEY,
    FEEDS_KEY,
    MODEL_KEY,
    SITE_FEEDS_KEY,
    WITHDRAWN_KEY,
)
from common.urls import absolute_url
from content_model.dates import WITA
from content_model.kinds import BY_NAME
from content_model.model import display_path
from i18n import _
from parallel_write.plugin import work_of
from pelican import signals
from pelican.generators import Generator

from .formats import FeedInfo, feed_bytes
from .items import (
    ItemError,
    SiteInfo,
    duplicate_ids,
    feed_item,
    newest_first,
    newest_update,
    with_texts,
)

log = logging.getLogger(__name__)

# Context keys the templates read (see the module docstring).

DEFAULTS = {
    "FEEDS_MAX_ITEMS": 50,
    "FEEDS_TTL": 60,
    "WEBSUB_HUB": None,
    "FEEDS_TAGGING_ENTITY": "smartfestival.bontangkota.go.id,2020",
    "FEEDS_STYLESHEET": "theme/feeds/rss.xsl",
    "FEEDS_LOGO": "theme/feeds/logo.png",
    "FEEDS_ICON": "theme/feeds/icon.png",
    "FEEDS_PAGE_URL": "langganan/",
}
# An empty feed has no newest item; a constant keeps its bytes stable.
EMPTY_FEED_UPDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC).astimezone(WITA)
TAGGING_ENTITY = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9]"
    r"(?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|[^@\s]+@[^@\s]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$"
)


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def setting_problems(conf):
    """Return {setting: problem} for every invalid feeds setting."""
    problems = {}
    for name in ("FEEDS_MAX_ITEMS", "FEEDS_TTL"):
        value = conf[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems[name] = f"must be a whole number of at least 1, not {value!r}"
    hub = conf["WEBSUB_HUB"]
    if hub is not None and (
        not isinstance(hub, str) or urlsplit(hub).scheme not in ("http", "https")
    ):
        problems["WEBSUB_HUB"] = f"must be an http(s) URL or None, not {hub!r}"
    entity = conf["FEEDS_TAGGING_ENTITY"]
    if not isinstance(entity, str) or not TAGGING_ENTITY.match(entity):
        problems["FEEDS_TAGGING_ENTITY"] = (
            f"must be 'domain,YYYY[-MM[-DD]]' (RFC 4151), not {entity!r}"
        )
    return problems


def check_settings(pelican):
    # Before any generator runs: a bad value is reported once, then replaced.
    conf = plugin_settings(pelican.settings)
    for name, problem in setting_problems(conf).items():
        log.error("feeds: setting %s %s; using %r", name, problem, DEFAULTS[name])
        pelican.settings[name] = DEFAULTS[name]


def site_info(settings, static_content=None):
    """Return the SiteInfo the item builder needs."""
    conf = plugin_settings(settings)
    static_urls = {}
    for source, static in (static_content or {}).items():
        if static.url:
            static_urls[source] = static.url
    return SiteInfo(
        siteurl=settings["SITEURL"],
        tagging_entity=conf["FEEDS_TAGGING_ENTITY"],
        organisation=settings.get("SITE_ORGANISATION") or settings["SITENAME"],
        content_path=str(settings["PATH"]),
        output_path=str(settings["OUTPUT_PATH"]),
        static_urls=static_urls,
    )


def catalogue(settings, agencies=(), categories=()):
    """Return the FeedInfo of every feed, in the order the site lists them.

    `agencies` are content-model Records (slug, title, meta["acronym"], url);
    `categories` are Pelican Category objects (name, slug, url).
    """
    conf = plugin_settings(settings)
    siteurl = settings["SITEURL"]
    sitename = settings["SITENAME"]
    organisation = settings.get("SITE_ORGANISATION") or sitename
    parent = settings.get("SITE_PARENT_ORGANISATION")
    holder = settings.get("COPYRIGHT") or organisation
    entity = conf["FEEDS_TAGGING_ENTITY"]

    def asset(key):
        return absolute_url(siteurl, conf[key]) if conf[key] else ""

    common = {
        "copyright": f"© {holder}" + (f", {parent}" if parent else ""),
        "author": organisation,
        "author_url": f"{siteurl}/",
        "ttl": conf["FEEDS_TTL"],
        "logo_url": asset("FEEDS_LOGO"),
        "icon_url": asset("FEEDS_ICON"),
        "favicon_url": absolute_url(siteurl, "favicon.ico"),
        "hub": conf["WEBSUB_HUB"] or None,
        "stylesheet_url": asset("FEEDS_STYLESHEET") or None,
        "language": settings.get("DEFAULT_LANG") or "id",
    }

    def info(path, fmt, title, description, home, group, label, key=""):
        return FeedInfo(
            path=path,
            url=absolute_url(siteurl, path),
            format=fmt,
            id=f"tag:{entity}:{path}",
            title=title,
            description=description,
            home_url=home,
            group=group,
            label=label,
            key=key,
            **common,
        )

    description = settings.get("SITESUBTITLE") or sitename
    home = f"{siteurl}/"
    everything = "Semua berita dan sambutan"
    feeds = [
        info("feeds/rss.xml", "rss", sitename, description, home, "site", everything),
        info("feeds/atom.xml", "atom", sitename, description, home, "site", everything),
        info(
            "feeds/feed.json", "json", sitename, description, home, "site", everything
        ),
        info(
            "feeds/sambutan.xml",
            "rss",
            f"Sambutan · {sitename}",
            f"Sambutan pejabat Pemerintah Kota Bontang di {sitename}",
            absolute_url(
                siteurl, settings.get("NEWSROOM_REMARKS_URL", BY_NAME["remarks"].index)
            ),
            "sambutan",
            "Sambutan",
        ),
    ]
    # The URL the agencies plugin gives agency.url, from its own setting.
    agency_url = settings.get("AGENCY_URL", BY_NAME["agency"].url)
    for agency in sorted(agencies, key=lambda a: a.slug):
        acronym = agency.meta.get("acronym") or agency.title
        url = agency_url.format(slug=agency.slug)
        feeds.append(
            info(
                f"feeds/opd/{agency.slug}.xml",
                "rss",
                f"{acronym} · {sitename}",
                f"Berita dan sambutan {agency.title}",
                absolute_url(siteurl, url),
                "opd",
                f"{agency.title} ({acronym})",
                key=agency.slug,
            )
        )
    for category in sorted(categories, key=lambda c: c.slug):
        feeds.append(
            info(
                f"feeds/kategori/{category.slug}.xml",
                "rss",
                f"Kategori {category.name} · {sitename}",
                f"Berita kategori {category.name} dari {organisation}",
                absolute_url(siteurl, category.url),
                "kategori",
                category.name,
                key=category.slug,
            )
        )
    return feeds


def select(info, items):
    """Return the items that belong in the feed `info` (same order)."""
    if info.group == "sambutan":
        return [item for item in items if item.kind == "remarks"]
    if info.group == "opd":
        return [item for item in items if info.key in item.opd]
    if info.group == "kategori":
        return [item for item in items if item.category_slug == info.key]
    return list(items)


def publishable(articles):
    """Return the articles that may appear in a feed: never an embargoed one.

    A withdrawn item is hidden from every list but keeps its feed entry.
    """
    return [
        article
        for article in articles
        if not article.view.embargoed
        and (article.status == "published" or article.view.withdrawn)
    ]


def source_of(article, content_path):
    return display_path(
        os.path.join(content_path, article.relative_source_path), content_path
    )


def line_of(article, key):
    return article.view.header.line(key)


def build_items(articles, site):
    """Return (FeedItems newest first, problems as "path:line: message").

    Every publishable article is checked (ids, images), but the items carry
    no content yet: `write_feeds` adds it to the ones a feed shows. The
    article of each item is kept with the returned list.
    """
    items, problems, sources = [], [], []
    made_from = {}
    for article in publishable(articles):
        source = source_of(article, site.content_path)
        try:
            item = feed_item(article, site, texts=False)
        except ItemError as error:
            problems.append(f"{source}:{line_of(article, error.key)}: {error}")
            continue
        items.append(item)
        made_from[id(item)] = article
        sources.append((f"{source}:{line_of(article, 'id')}", item.id))
    for source, item_id, first in duplicate_ids(sources):
        problems.append(
            _(
                "{source}: the feed id {id} is already used by {first}; give "
                "one of them its own 'Id:' line"
            ).format(source=source, id=item_id, first=first)
        )
    return FeedItems(newest_first(items), made_from), problems


class FeedItems(list):
    """Feed items newest first, with the article each was made from."""

    def __init__(self, items, made_from):
        super().__init__(items)
        self._made_from = made_from

    def complete(self, item, site=None):
        """Return `item` with its content and summary (and share card: `site`)."""
        return with_texts(item, self._made_from[id(item)], site)


def write_feeds(output_path, feeds, items, max_items, site=None):
    """Write every feed under `output_path`; return the paths written.

    `items` come from `build_items`: the content of each item shown is made
    once here, however many feeds show it. With `site`, items without a lead
    image announce their share card, read from the output.
    """
    written, complete = [], {}
    for info in feeds:
        chosen = []
        for item in select(info, items)[:max_items]:
            if id(item) not in complete:
                complete[id(item)] = items.complete(item, site)
            chosen.append(complete[id(item)])
        updated = newest_update(chosen) or EMPTY_FEED_UPDATED
        target = Path(output_path) / info.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed_bytes(info, chosen, updated))
        written.append(target)
    return written


def feed_groups(feeds):
    """Return the feeds grouped for the /langganan/ page."""
    groups = defaultdict(list)
    for info in feeds:
        groups[info.group].append(info)
    return dict(groups)


class FeedsGenerator(Generator):
    """Write feeds/ and the /langganan/ page."""

    def generate_context(self):
        # Articles, categories and agencies are read by now; list the feeds so
        # templates (the /langganan/ page, head links) can name them.
        model = self.context.get(MODEL_KEY)
        agencies = list(model.agencies.values()) if model is not None else []
        categories = [category for category, _ in self.context.get("categories", [])]
        self.feeds = catalogue(self.settings, agencies, categories)
        self.context[FEEDS_KEY] = self.feeds
        self.context[SITE_FEEDS_KEY] = {
            info.format: info for info in self.feeds if info.group == "site"
        }
        self.context[AGENCY_FEEDS_KEY] = {
            info.key: info for info in self.feeds if info.group == "opd"
        }

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        site = site_info(self.settings, self.context.get("static_content"))
        articles = [
            *self.context.get("articles", []),
            *self.context.get(WITHDRAWN_KEY, []),
        ]
        items, problems = build_items(articles, site)
        for problem in problems:
            log.error("feeds: %s", problem)

        def write():
            write_feeds(
                self.output_path, self.feeds, items, conf["FEEDS_MAX_ITEMS"], site
            )

        # Share cards are drawn as late work of the parallel writer: the feeds
        # announce their size in bytes, so they are written once it is done.
        work = work_of(self.settings)
        if work is None:
            write()
        else:
            work.at_end(write)
        page_url = conf["FEEDS_PAGE_URL"]
        writer.write_file(
            f"{page_url}index.html",
            self.get_template("langganan"),
            self.context,
            feeds=self.feeds,
            feed_groups=feed_groups(self.feeds),
            page_name="langganan",
            url=page_url,
            breadcrumbs=[("Langganan berita", page_url)],
        )


def get_generators(pelican):
    return FeedsGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
