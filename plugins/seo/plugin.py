"""SEO: structured data, sharing cards, sitemaps and robots.txt.

Every page gets, through `partials/seo_head.html` (included by base.html), a
meta description (the item's Summary, else its first sentences, else the
template's `description` block), a canonical URL, Open Graph tags, the Twitter
card type (X reads title, description and image from Open Graph, so they are
not repeated), and one JSON-LD script (see `jsonld.py` for the type of each
page). The build writes `sitemap.xml` (every public page with `lastmod`),
`news-sitemap.xml` (releases of the two days before the build date, no
advertorials; see `sitemaps.py` for the build date; not written, nor named
in robots.txt, when there is no such release) and `robots.txt`.

Embargoed items (`embargoed` true, only in a development preview), withdrawn
items (`withdrawn`, newsroom plugin) and pages marked `robots` (e.g.
"noindex") or listed in SEO_NOINDEX stay out of both sitemaps.

pelican-sitemap 1.2.2 was tried and not used: it dates listing pages with the
clock (builds would differ), cannot leave out embargoed items, and keeps its
queue in a module global that a failed build leaves stale.

Signals: generator_init (Jinja global `seo_page`), get_generators (the
sitemaps generator), content_written (collects each page for the sitemap).
Settings:
    SEO_DESCRIPTION_LENGTH  longest meta description, in characters  (200)
    SEO_OG_LOCALE           og:locale  ("id_ID")
    SEO_PUBLISHER_AGENCY    slug of the agency that publishes the site  ("diskominfo")
    SEO_ADDRESS             schema.org PostalAddress parts of the city
                            ({"addressLocality": "Bontang", "addressRegion":
                            "Kalimantan Timur", "addressCountry": "ID"})
    SEO_DEFAULT_IMAGE       sharing image for pages without their own, under
                            the theme's static folder; skipped when the file is
                            missing  ("img/share-default.png")
    SEO_LOGO                the publisher's `logo` in JSON-LD, under the
                            theme's static folder: the site's own mark (the
                            "B" tile of the favicon, as a 512 x 512 PNG), not
                            a city or agency emblem; skipped when the file is
                            missing  ("feeds/icon.png")
    SEO_NOINDEX             output files marked noindex and left out of the
                            sitemap  (["404.html"])
    SEO_SITEMAP             sitemap file  ("sitemap.xml")
    SEO_NEWS_SITEMAP        news sitemap file  ("news-sitemap.xml")
    SEO_NEWS_PUBLICATION    news:name of the publication  (SITENAME)
    SEO_NEWS_SITEMAP_NOW    the build date for the news sitemap  (None)
    SEO_ROBOTS_DISALLOW     paths robots.txt asks crawlers to skip  ([])
"""

import logging
import os
from pathlib import Path

from jinja2 import pass_context

from common.context_keys import MODEL_KEY, SEO_LASTMOD_MEMO_KEY, SEO_PAGES_KEY
from common.images import image_size
from common.urls import absolute_url
from content_model.dates import DateError, as_wita
from content_model.kinds import BY_NAME, KIND_LIST
from pelican import signals
from pelican.generators import Generator

from . import sitemaps
from .head import Blocks, describe_page, subject_of
from .jsonld import Site
from .text import page_url, title_text

log = logging.getLogger(__name__)

DEFAULTS = {
    "SEO_DESCRIPTION_LENGTH": 200,
    "SEO_OG_LOCALE": "id_ID",
    "SEO_PUBLISHER_AGENCY": "diskominfo",
    "SEO_ADDRESS": {
        "addressLocality": "Bontang",
        "addressRegion": "Kalimantan Timur",
        "addressCountry": "ID",
    },
    "SEO_DEFAULT_IMAGE": "img/share-default.png",
    "SEO_LOGO": "feeds/icon.png",
    "SEO_NOINDEX": ["404.html"],
    "SEO_SITEMAP": "sitemap.xml",
    "SEO_NEWS_SITEMAP": "news-sitemap.xml",
    "SEO_NEWS_PUBLICATION": None,
    "SEO_NEWS_SITEMAP_NOW": None,
    "SEO_ROBOTS_DISALLOW": [],
}
# The context keys of the kinds whose pages go into the sitemap (kinds.py).
SITEMAP_SUBJECTS = {kind.context_key for kind in KIND_LIST if kind.sitemap}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def default_image(settings, conf, key="SEO_DEFAULT_IMAGE"):
    """Return the theme image setting `key` names as {url, width, height}, or None.

    The default sharing image, or the logo (`key="SEO_LOGO"`).
    """
    relative = conf[key]
    if not relative:
        return None
    theme = Path(settings.get("THEME", "theme"))
    source = theme / "static" / relative
    size = image_size(source) if source.is_file() else None
    if size is None:
        return None
    static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    url = absolute_url(settings["SITEURL"], f"{static_dir}/{relative}")
    return {"url": url, "width": size[0], "height": size[1]}


def site_facts(settings, model=None, search_url="", share_image=None, logo=None):
    """Build the Site every JSON-LD node draws on.

    `share_image` is the site's default sharing image: the images plugin's
    card (`context["site_share_image"]`), else the theme's file; `logo` is
    SEO_LOGO read once per build (`default_image(settings, conf, "SEO_LOGO")`).
    """
    conf = plugin_settings(settings)
    siteurl = settings.get("SITEURL", "")
    agencies = model.agencies if model is not None else {}
    publisher = agencies.get(conf["SEO_PUBLISHER_AGENCY"])
    publisher_url = ""
    if publisher is not None and getattr(publisher, "url", None):
        publisher_url = absolute_url(siteurl, publisher.url)
    festival = settings.get("FESTIVAL") or {}
    return Site(
        url=siteurl,
        name=settings.get("SITENAME", ""),
        lang=settings.get("DEFAULT_LANG", "id"),
        organisation=settings.get("SITE_ORGANISATION", ""),
        parent=settings.get("SITE_PARENT_ORGANISATION", ""),
        publisher_url=publisher_url,
        publisher_acronym=publisher.meta.get("acronym", "") if publisher else "",
        address=dict(conf["SEO_ADDRESS"]),
        search_url=absolute_url(siteurl, search_url) if search_url else "",
        default_image=share_image,
        logo=logo,
        about_page=festival.get("about_page", ""),
        contact_page=settings.get("MEDIA_CONTACT_PAGE", ""),
    )


def _date_of(item):
    moment = getattr(item, "modified", None) or getattr(item, "date", None)
    if not moment:
        return None
    try:
        return as_wita(moment)
    except (DateError, TypeError, ValueError):
        return None


def newest_date(listed):
    """Return the newest date of the public items in `listed`, or None."""
    dated = [_date_of(a) for a in listed or [] if sitemaps.is_public(a)]
    return max((d for d in dated if d is not None), default=None)


def lastmod_of(subject, ctx, memo=None):
    """When a page last changed: its item's date, else its newest listed item.

    None means "no date of its own": the sitemap uses the build date. `memo`
    (a dict kept for one build) remembers the newest date of the shared lists
    (`items`, `dates`), which many pages pass whole: without it every such
    page scanned every article, pages x articles in all.
    """
    # A record's Modified (events have one) reads through Record.__getattr__.
    own = _date_of(subject) if subject is not None else None
    if own is not None:
        return own
    for key in ("articles_page", "items", "dates"):
        listed = ctx.get(key)
        if key == "articles_page":
            newest = newest_date(listed.object_list if listed is not None else None)
        elif memo is None or not isinstance(listed, list | tuple):
            newest = newest_date(listed)
        else:
            # Keyed by identity; the list is kept so that its id stays unique.
            kept = memo.get(id(listed))
            if kept is None or kept[0] is not listed or kept[1] != len(listed):
                kept = (listed, len(listed), newest_date(listed))
                memo[id(listed)] = kept
            newest = kept[2]
        if newest is not None:
            return newest
    return None


def page_entry(ctx, noindex, memo=None):
    """Return the sitemap Entry of a written page, or None to leave it out."""
    output_file = str(ctx.get("output_file") or "")
    if not output_file.endswith(".html") or output_file in noindex:
        return None
    if ctx.get("robots"):
        return None
    kind, subject = subject_of(ctx)
    if subject is not None:
        if kind not in SITEMAP_SUBJECTS:
            return None
        # An embargoed item (shown only by EMBARGO_PREVIEW) is not public.
        if kind in ("article", "page") and not sitemaps.is_public(subject):
            return None
    url = page_url(ctx.get("SITEURL", ""), output_file)
    return sitemaps.Entry(url, lastmod_of(subject, ctx, memo))


def make_seo_page(settings):
    """Return the `seo_page(title, description, breadcrumbs)` Jinja global."""
    conf = plugin_settings(settings)
    head_conf = {
        "DESCRIPTION_LENGTH": conf["SEO_DESCRIPTION_LENGTH"],
        "OG_LOCALE": conf["SEO_OG_LOCALE"],
        "NOINDEX": list(conf["SEO_NOINDEX"]),
    }

    theme_image = default_image(settings, conf)
    logo = default_image(settings, conf, "SEO_LOGO")

    @pass_context
    def seo_page(ctx, title="", description="", breadcrumbs=""):
        site = site_facts(
            {**settings, "SITEURL": ctx.get("SITEURL", settings.get("SITEURL", ""))},
            ctx.get(MODEL_KEY),
            ctx.get("search_url") or "",
            ctx.get("site_share_image") or theme_image,
            logo,
        )
        blocks = Blocks(
            str(title or ""), str(description or ""), str(breadcrumbs or "")
        )
        return describe_page(ctx, blocks, site, head_conf)

    return seo_page


def add_jinja_global(generator):
    # Every generator has its own Jinja environment; all of them render pages.
    generator.env.globals["seo_page"] = make_seo_page(generator.settings)


def collect_page(path, context):
    # Fired after each page is written, with the context it was rendered with.
    pages = context.get(SEO_PAGES_KEY)
    if pages is None:
        return
    conf = plugin_settings(context)
    entry = page_entry(
        context, set(conf["SEO_NOINDEX"]), context.get(SEO_LASTMOD_MEMO_KEY)
    )
    if entry is not None:
        pages.append(entry)


class SitemapsGenerator(Generator):
    """Write sitemap.xml, news-sitemap.xml and robots.txt.

    It runs after the content generators (the seo plugin comes late in
    PLUGINS), so every page they wrote has been collected.
    """

    def generate_context(self):
        self.context[SEO_PAGES_KEY] = []
        self.context[SEO_LASTMOD_MEMO_KEY] = {}

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        siteurl = self.settings["SITEURL"]
        articles = list(self.context.get("articles", []))
        releases = [
            a
            for a in articles
            if BY_NAME[a.view.kind].news_sitemap and sitemaps.is_public(a)
        ]
        try:
            now = sitemaps.build_date(
                conf["SEO_NEWS_SITEMAP_NOW"], os.environ, releases
            )
        except sitemaps.BuildDateError as error:
            log.error("seo: %s; fix the setting or the variable", error)
            return
        entries = self.context.get(SEO_PAGES_KEY, [])
        items = sitemaps.news_items(
            articles,
            now,
            title_of=lambda a: title_text(a.title),
            url_of=lambda a: absolute_url(siteurl, a.url),
        )
        publication = conf["SEO_NEWS_PUBLICATION"] or self.settings.get("SITENAME", "")
        language = self.settings.get("DEFAULT_LANG", "id")
        files = {conf["SEO_SITEMAP"]: sitemaps.sitemap_xml(entries, now)}
        # No news item, no news sitemap, and robots.txt names only what exists.
        news = sitemaps.news_sitemap_xml(items, publication, language)
        if news is not None:
            files[conf["SEO_NEWS_SITEMAP"]] = news
        files["robots.txt"] = sitemaps.robots_txt(
            [absolute_url(siteurl, name) for name in files],
            conf["SEO_ROBOTS_DISALLOW"],
        )
        for name, text in files.items():
            target = Path(self.output_path) / name
            target.write_text(text, encoding="utf-8")
            log.info("seo: wrote %s", target)


def get_generators(pelican):
    return SitemapsGenerator


def register():
    signals.generator_init.connect(add_jinja_global)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(collect_page)
