"""Development settings: the single source of truth for the newsroom build.

`publishconf.py` imports everything from here and overrides only what differs
on the live site.
"""

import sys
from pathlib import Path

# The kind registry declares each kind's folder and URL; the settings below
# take them from it. It lives among the plugins, which Pelican puts on
# sys.path only after reading this file.
_plugins = str(Path(__file__).resolve().parent / "plugins")
if _plugins not in sys.path:
    sys.path.insert(0, _plugins)
from content_model.kinds import KIND_LIST as _kinds  # noqa: E402

# --- Site -------------------------------------------------------------------
SITENAME = "Bontang Smart Festival 2020"
SITESUBTITLE = "Ruang berita Diskominfo Kota Bontang"
# The local server address: `invoke serve` and `invoke livereload` listen here.
SITEURL = "http://127.0.0.1:8000"
# Links are absolute so that feeds, sharing cards and canonical URLs agree with
# the pages; `invoke serve` serves the site at SITEURL.
RELATIVE_URLS = False
TIMEZONE = "Asia/Makassar"  # WITA, UTC+08:00; a date without offset is WITA
DEFAULT_LANG = "id"
DEFAULT_DATE = None

# Text repeated on every page; the theme reads it from here.
SITE_ORGANISATION = "Dinas Komunikasi dan Informatika Kota Bontang"
SITE_PARENT_ORGANISATION = "Pemerintah Kota Bontang"
OFFICIAL_BANNER = "Situs resmi Pemerintah Kota Bontang"
OFFICIAL_BANNER_DETAIL = (
    "Ruang berita ini dikelola oleh Dinas Komunikasi dan Informatika "
    "(Diskominfo) Kota Bontang."
)
FESTIVAL = {
    "name": "Bontang Smart Festival 2020",
    "start": "2020-03-13",
    "end": "2020-03-15",
    "venue": "Pendopo Rujab Walikota",
    "city": "Bontang",
    "about_page": "tentang",
}
MEDIA_CONTACT_PAGE = "kontak-media"
COPYRIGHT = "Diskominfo Kota Bontang"
DATELINE_CITY = "Bontang"

# --- Paths and URLs -----------------------------------------------------------
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
ARTICLE_PATHS = [k.folder for k in _kinds if k.reader == "article"]
PAGE_PATHS = [k.folder for k in _kinds if k.reader == "page"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/favicon.ico": {"path": "favicon.ico"}}
# Agencies, people, programs and events are read by our own generators.
IGNORE_FILES = [".#*", "README*"]

# Pelican's ARTICLE_URL serves the one dated article kind (releases); the
# others get their URL from content_model's router, which reads the registry.
(_dated,) = [k for k in _kinds if k.reader == "article" and "{date" in k.url]
(_page,) = [k for k in _kinds if k.reader == "page"]
ARTICLE_URL = _dated.url
ARTICLE_SAVE_AS = _dated.save_as
PAGE_URL = _page.url
PAGE_SAVE_AS = _page.save_as
CATEGORY_URL = "kategori/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "kategori/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
MONTH_ARCHIVE_URL = "arsip/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
YEAR_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Home is its own template; the paginated news list lives at /berita/.
DIRECT_TEMPLATES = ["home", "index", "archives", "tags", "categories", "404"]
HOME_URL = ""
HOME_SAVE_AS = "index.html"
INDEX_URL = "berita/"
INDEX_SAVE_AS = "berita/index.html"
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
)
# Pelican writes future-dated and draft items to drafts/ by default; a newsroom
# must never publish them anywhere.
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""
# Translations are not used; keep Pelican from writing language variants.
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = ""

# --- Content ----------------------------------------------------------------
DEFAULT_CATEGORY = "Berita"
USE_FOLDER_AS_CATEGORY = False
SLUGIFY_SOURCE = "basename"
# The folder gives the kind; the file name gives the slug unless Slug says so.
PATH_METADATA = rf"(?P<kind>{'|'.join(ARTICLE_PATHS)})/(?:.*/)?(?P<slug>[^/]+)\.md$"
WITH_FUTURE_DATES = False
DEFAULT_METADATA = {}
SUMMARY_MAX_LENGTH = 40
# A lean extension set: releases need no code highlighting.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
TYPOGRIFY = False

# --- Feeds: written by our feeds plugin with feedgen, never by Pelican ---------
FEED_ATOM = FEED_RSS = FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# --- Theme ------------------------------------------------------------------
# Every value a template prints is HTML-escaped unless marked safe: titles,
# names and tags are plain text that may hold < > & and quotes. Rendered
# Markdown bodies are printed with `| safe`.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
NAV_ITEMS = (
    ("Beranda", "", "home"),
    ("Berita", "berita/", "berita"),
    ("Sambutan", "sambutan/", "sambutan"),
    ("OPD & Program", "opd/", "opd"),
    ("Agenda", "agenda/", "agenda"),
    ("Galeri", "galeri/", "galeri"),
    ("Tentang", "tentang/", "tentang"),
    ("Cari", "cari/", "cari"),
)
HOME_LATEST = 6

# --- Messages -----------------------------------------------------------------
# Language of the messages editors read (problems, `invoke check`, summaries):
# "id" (Indonesian) or "en". None follows the environment (LANG=en_US.UTF-8
# gives English) and is Indonesian when it names neither.
MESSAGES_LANGUAGE = None

# --- Plugins ------------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
# Order matters: the content model and the newsroom compute what later plugins
# read from the generator context.
PLUGINS = [
    # First: chooses the language of every message the others make.
    "i18n",
    "safe_build",
    # Replaces Pelican's Markdown reader (same output): renders on every core.
    "fast_markdown",
    # Publishes the theme's CSS minified (page-weight budget).
    "minify_css",
    # Compiles each template once per build, not once per generator.
    "shared_templates",
    "content_model",
    "newsroom",
    "people",
    "agencies",
    "events",
    "images",
    # After every plugin that adds markup to content (images, newsroom) and
    # before anything writes it: the final allow-list pass over all HTML.
    "sanitise",
    # After images (figures with credits) and the final sanitiser pass: writes
    # each release's republish texts, press kit and media contact beside its page.
    "republish",
    "feeds",
    # Last: seo collects every written page for the sitemap; search indexes
    # the finished output.
    "seo",
    "search",
    # After every other plugin: stores each item's final URL once (same URLs).
    "fast_urls",
    # Last: renders the queued pages and share images on every core once every
    # generator has asked for its pages.
    "parallel_write",
    # After parallel_write, whose queue it filters: renders only the pages
    # whose inputs changed since the previous build (incremental builds).
    "incremental",
    # After everything else (search indexes the output before it): writes the
    # editing UI into admin/ only when CMS_ADMIN is on (`invoke cms`).
    "cms",
]

# --- Newsroom ---------------------------------------------------------------
# Show embargoed items in this development build, with a red banner and never
# in feeds; publishconf.py always turns it off.
EMBARGO_PREVIEW = False

# --- Feeds --------------------------------------------------------------------
# The WebSub hub announced in every feed and pinged by `invoke publish`.
WEBSUB_HUB = "https://pubsubhubbub.appspot.com/"
FEEDS_MAX_ITEMS = 50

# --- Search -------------------------------------------------------------------
# Development builds (build, serve, livereload, cms) write no Pagefind index,
# so an edit reaches the browser without waiting for the indexer; the search
# page says so. publishconf.py turns it on: preview and publish always index
# the whole site.
SEARCH_INDEX = False

# --- Caching ------------------------------------------------------------------
CACHE_PATH = "cache"
# Reuse what was read, rendered and extracted last time (Pelican's content
# cache, rendered Markdown, quotes). The incremental plugin loads these caches
# only when the build that wrote them had the same settings and code, and the
# property test (tests/test_incremental_property.py) compares every cached,
# incremental build with a clean one, byte for byte.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# A file counts as changed by its bytes, not its mtime (a copy that keeps the
# mtime, or two edits within one clock tick, must not reuse the old reading).
CHECK_MODIFIED_METHOD = "sha256"
