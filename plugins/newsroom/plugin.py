"""Newsroom: press releases and remarks as the news flow of the site.

Marks each item's kind ("release" or "remarks"), advertorial flag and, for
remarks, its speaker, occasion and delivery; finds the quotes of each item and
who said them; keeps embargoed items out of the build; puts rel="sponsored" on
outbound links of advertorials; writes the remarks index (/sambutan/); and
puts the latest items on the home page. Corrections and withdrawals (the
/ralat/ index, withdrawn items leaving every list) are in `corrections.py`.

Embargo (rules in `embargo.py`): held releases and remarks leave the
generator's lists before taxonomies; held pages leave the page lists; held
agencies, programs, people and events leave `context[MODEL_KEY]`
before any generator reads it (kept in `context[HELD_RECORDS_KEY]`).
Every held item is in `context[HELD_KEY]` ({source: release moment}).
Once static files are known, a file that only held items refer to is
dropped, and a published item that names a held one (a link to it;
OPD, Programs, Speaker or Head; a quote of a held person) is an error.

The quotes of each text are kept in CACHE_PATH/newsroom-quotes.pickle when
CACHE_CONTENT is on (read back with LOAD_CONTENT_CACHE), keyed by a digest of
the text, the people's names and aliases, and the extractor's code.

Attributes set on every release and remarks article (other plugins read them):
    kind ("release" | "remarks"), kind_label, advertorial (bool),
    quotes (list of quotes.Quote), embargoed (bool: shown only by a
    development build with EMBARGO_PREVIEW), embargo_until (aware datetime or
    None), and for remarks speaker (the person Record), speaker_id (slug),
    occasion, location, delivery ("transcript" | "excerpt" | "notes" | None)
    and delivery_label. Templates read these; other plugins read the same
    facts from `article.view` (content_model.view.ItemView), attached by the
    last of these receivers once they are decided.

Its content problems (a quote from someone not in content/people/, a
quotation mark left open) are part of the content check (`check_quotes`, on
content_model's `content_checks`), so `invoke check` reports them too; the
quotes it finds are reused by the build.

Jinja filter: `labelled_title` (an item, or a title and the advertorial
flag, as "[Advertorial] Judul" when paid; see `advertorial.labelled_title`).

Signals: generator_init, article_generator_pretaxonomy,
article_generator_finalized, page_generator_finalized,
static_generator_finalized, get_generators, content_model's content_checks.
Settings:
    HOME_LATEST                 items listed on the home page  (6)
    EMBARGO_PREVIEW             show embargoed releases and remarks in this
                                build, with a red banner, never in feeds
                                (False; publishconf.py forces False)
    NEWSROOM_NOW                the moment embargoes are judged against, as
                                "YYYY-MM-DD HH:MM[+08:00]"; None is the clock
                                (None; tests set it)
    NEWSROOM_REMARKS_URL        URL of the remarks index  ("sambutan/")
    NEWSROOM_REMARKS_PER_PAGE   remarks per index page; None means
                                DEFAULT_PAGINATION  (None)
    CORRECTIONS_URL             URL of the corrections index  ("ralat/")
"""

import hashlib
import logging
import os
import pickle
from pathlib import Path
from urllib.parse import urlsplit

from common.context_keys import (
    HELD_KEY,
    HELD_RECORDS_KEY,
    LATEST_ITEMS_KEY,
    MODEL_KEY,
    RECORDS_HELD_KEY,
)
from common.files import atomic_write
from content_model import DELIVERIES, Model, Problem, content_checks, is_true
from content_model.dates import DateError, iso, pukul, tanggal
from content_model.kinds import BY_NAME, kind_of
from content_model.model import display_path, write_pages
from content_model.view import article_view, attach
from i18n import N_, _
from pelican import signals
from pelican.generators import Generator
from pelican.paginator import Paginator
from pelican.urlwrappers import Category
from pelican.utils import order_content
from pelican_internals import ARTICLE_LISTS, PAGE_LISTS, items_of
from safe_build import note_output_changes_at

from . import corrections
from . import quotes as extractor
from .advertorial import add_sponsored, labelled_title
from .embargo import (
    embargo_holds,
    embargo_time,
    held_files,
    is_draft,
    model_headers,
    now_wita,
    published_references,
    reference_problems,
    release_time,
)
from .quotes import Person, Quote, build_name_index, extract_quotes

log = logging.getLogger(__name__)

DEFAULTS = {
    "HOME_LATEST": 6,
    "EMBARGO_PREVIEW": False,
    "NEWSROOM_NOW": None,
    "NEWSROOM_REMARKS_URL": BY_NAME["remarks"].index,
    "NEWSROOM_REMARKS_PER_PAGE": None,
}
# Quotes found in each text, under CACHE_PATH (see QuoteCache).
QUOTES_CACHE_FILE = "newsroom-quotes.pickle"
# Where check_quotes leaves its QuoteCache in the content model's `shared`.
QUOTES_SHARED_KEY = "newsroom.quotes"
# Folders whose items have quotes.
QUOTED_FOLDERS = ("press-releases", "remarks")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def source_of(article, content_path):
    """Return the item's path as authors know it (content/...)."""
    return display_path(
        os.path.join(content_path, article.relative_source_path), content_path
    )


def all_items(generator):
    """Return every article the generator read, whatever list it is in."""
    seen = {}
    for item in items_of(generator, ARTICLE_LISTS):
        seen.setdefault(id(item), item)
    return list(seen.values())


# --- Kind, advertorial and remarks fields -----------------------------------


def classify(article, people=None, remarks_category=None):
    """Set kind, label, advertorial flag and the remarks fields on an article.

    `remarks_category` (a Category) replaces the default category of a remarks
    item whose header names none.
    """
    kind = kind_of(article.kind)
    article.kind = kind.name
    article.kind_label = kind.label
    article.advertorial = is_true(article.header.get("advertorial"))
    article.speaker = article.speaker_id = None
    article.delivery_label = None
    if "speaker" not in kind.keys:
        article.occasion = article.delivery = None
        return
    article.speaker_id = _meta(article, "speaker") or None
    if remarks_category is not None and not article.header.get("category"):
        article.category = remarks_category
    article.speaker = (people or {}).get(article.speaker_id)
    article.occasion = _meta(article, "occasion") or None
    article.location = _meta(article, "location") or None
    delivery = (_meta(article, "delivery") or "").strip().lower()
    article.delivery = delivery if delivery in DELIVERIES else None
    article.delivery_label = DELIVERIES.get(article.delivery)


def _meta(article, key):
    """Return a metadata value as text ("" when absent)."""
    value = article.metadata.get(key, "")
    return str(value).strip() if value is not None else ""


def mark_articles(generator):
    # Before taxonomies: embargo, feeds and people pages read these flags.
    people = (generator.context.get(MODEL_KEY) or Model()).people
    # Pelican fills in DEFAULT_CATEGORY before content_model's router sees the
    # metadata, so remarks get their own category here, from the header.
    name = generator.settings.get("REMARKS_CATEGORY", "Sambutan")
    category = Category(name, generator.settings)
    for article in all_items(generator):
        classify(article, people, category)


# --- Quotes -----------------------------------------------------------------


def people_for_quotes(records):
    """Return quotes.Person stand-ins for the people Records."""
    return [
        Person(
            id=record.slug,
            name=record.title,
            aliases=tuple(record.list("aliases")),
            role=record.meta.get("role", ""),
        )
        for record in records.values()
    ]


def quote_messages(quotes, body_line):
    """Return (file line, "problem; fix") for each quote whose speaker is unknown."""
    problems = []
    for quote in quotes:
        if quote.speaker_id is not None:
            continue
        line = body_line + quote.line - 1
        if quote.speaker:
            message = _(
                "quote attributed to '{speaker}' who is not in content/people/; "
                "add them or their alias"
            ).format(speaker=quote.speaker)
        else:
            message = _(
                "quote continues an earlier speaker, but nobody is named "
                "before it; name the speaker"
            )
        problems.append((line, message))
    return problems


def quote_problems(quotes, path, body_line):
    """Return (file line, message) for each quote whose speaker is unknown."""
    return [
        (line, f"{path}:{line}: {message}")
        for line, message in quote_messages(quotes, body_line)
    ]


def unbalanced_problems(text, body_line):
    """Return (file line, "problem; fix") for each paragraph with a quote left open."""
    return [
        (
            body_line + line - 1,
            _(
                "a quotation mark is opened in the paragraph starting here and "
                "never closed, so its quote is missing from the Kutipan box; "
                'close it with ” (or ") or delete it'
            ),
        )
        for line in extractor.unbalanced_quotes(text)
    ]


def check_quotes(model, settings):
    # The content check of `invoke check` and of every build (content_model):
    # quotes from people not in content/people/, quotation marks left open.
    # The quotes found are kept on the model for attribute_quotes.
    cache = QuoteCache(settings, people_for_quotes(model.people))
    model.shared[QUOTES_SHARED_KEY] = cache
    problems = []
    for source_rel, header in model.headers.items():
        if source_rel.split("/", 1)[0] not in QUOTED_FOLDERS:
            continue
        found = quote_messages(cache.quotes(header.body), header.body_line)
        found += unbalanced_problems(header.body, header.body_line)
        problems += [
            Problem(header.path, line, text, "warning") for line, text in found
        ]
    return problems


def quotes_recipe(people):
    """Return a digest of everything besides an item's text that decides its quotes.

    The extractor (its version and the bytes of quotes.py) and each person's
    id, name and aliases: editing any of them gives every item a new key.
    """
    source = hashlib.sha256(Path(extractor.__file__).read_bytes()).hexdigest()
    names = sorted((p.id, p.name, tuple(p.aliases)) for p in people)
    recipe = repr((extractor.EXTRACTOR_VERSION, source, names))
    return hashlib.sha256(recipe.encode("utf-8", "surrogatepass")).hexdigest()


class QuoteCache:
    """The quotes of each text, kept by a digest of the text and the recipe.

    Like Pelican's content cache (and fast_markdown's), it is read from
    CACHE_PATH when CACHE_CONTENT and LOAD_CONTENT_CACHE are on and written
    back when CACHE_CONTENT is on, holding only the texts of this build.
    """

    def __init__(self, settings, people):
        self.index = build_name_index(people)
        self.recipe = quotes_recipe(people)
        self.path = Path(settings.get("CACHE_PATH") or "cache") / QUOTES_CACHE_FILE
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.loaded = {}
        if self.enabled and settings.get("LOAD_CONTENT_CACHE"):
            self.loaded = self.load()
        self.used = {}  # key -> quotes as tuples, for the texts of this build

    def load(self):
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a bad cache only costs time
            return {}
        return stored if isinstance(stored, dict) else {}

    def key(self, text):
        data = f"{self.recipe}\n{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def quotes(self, text):
        """Return the quotes of `text`, extracting them only when not cached."""
        key = self.key(text)
        found = self.used.get(key)
        if found is None:
            found = self.loaded.get(key)
        if not isinstance(found, tuple):
            found = tuple(
                (q.text, q.speaker, q.speaker_id, q.line)
                for q in extract_quotes(text, index=self.index)
            )
        self.used[key] = found
        return [Quote(*fields) for fields in found]

    def save(self):
        """Write the cache when caching is on and it differs from what was read."""
        if not self.enabled or self.used == self.loaded:
            return
        try:
            atomic_write(
                self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL)
            )
        except OSError as error:
            # A cache that cannot be written only makes the next build slower.
            log.debug("newsroom: quote cache not saved (%s)", error)


def attribute_quotes(generator):
    # Before taxonomies, so feeds and people pages see the quotes of each item.
    # The content check found them (check_quotes) and reported the problems.
    model = generator.context.get(MODEL_KEY) or Model()
    cache = model.shared.get(QUOTES_SHARED_KEY)
    if cache is None:
        # Held people are known by name too: a published quote of one is an
        # error (see held_quotes), not an unknown speaker. (check_quotes ran
        # before hold_records took them out of the model, so its cache
        # knows them as well.)
        people = dict(model.people)
        for record in generator.context.get(HELD_RECORDS_KEY, []):
            if record.kind == "person":
                people.setdefault(record.slug, record)
        cache = QuoteCache(generator.settings, people_for_quotes(people))
    for article in all_items(generator):
        article.quotes = cache.quotes(article.header.body)
    cache.save()


# --- Embargo ----------------------------------------------------------------


def build_now(settings):
    """Return the moment embargoes are judged against; log a bad NEWSROOM_NOW."""
    setting = plugin_settings(settings)["NEWSROOM_NOW"]
    try:
        return now_wita(setting)
    except DateError as error:
        log.error(
            _(
                "newsroom: NEWSROOM_NOW %r cannot be read (%s); set it to "
                "'YYYY-MM-DD HH:MM' or None for the clock"
            ),
            setting,
            error,
        )
        return now_wita(None)


def destination(article, now, preview):
    """Return where an item belongs at `now`.

    One of "published", "hidden", "draft" or "held" (left out of the build).

    The status comes from the header, never from Pelican's: Pelican decides
    future dates with its own clock, and its content cache keeps an old
    "draft" after the date passes (https://github.com/getpelican/pelican/issues/1493).
    """
    header = article.header
    written = header.get("status", "").lower()
    if written == "draft":
        return "draft"
    until = release_time(header)
    if embargo_holds(until, now) and not preview:
        return "held"
    return "hidden" if written == "hidden" else "published"


def lifts_at(until):
    """Return a reader's description of when an embargo lifts."""
    return f"{tanggal(until)}, pukul {pukul(until)} ({iso(until)})"


def hold_embargoed(generator):
    # Before taxonomies: tags, categories, authors, archives and every later
    # plugin then never see a held item.
    conf = plugin_settings(generator.settings)
    now = build_now(generator.settings)
    preview = bool(conf["EMBARGO_PREVIEW"])
    held = []
    placed = {"published": [], "hidden": [], "draft": []}
    translations = {
        "translations": "published",
        "hidden_translations": "hidden",
        "drafts_translations": "draft",
    }
    kept_translations = {name: [] for name in translations}
    for name in ARTICLE_LISTS:
        for article in getattr(generator, name):
            # An item from Pelican's generator-level cache carries the context
            # of the build that cached it, where a held item's links and
            # photo were missing (https://github.com/getpelican/pelican/issues/1493).
            article._context = generator.context
            header = article.header
            until = release_time(header)
            waiting = embargo_holds(until, now)
            article.embargo_until = until if waiting else embargo_time(header)
            article.embargoed = waiting and preview
            if waiting and not conf["NEWSROOM_NOW"]:
                # Judged by the clock: this build's output is stale once it lifts.
                note_output_changes_at(until)
            where = destination(article, now, preview)
            if where == "held":
                held.append(article)
                continue
            article.status = where
            if name in translations:
                kept_translations[name].append(article)
            else:
                placed[where].append(article)
            if article.embargoed:
                log.warning(
                    _(
                        "newsroom: %s: embargoed until %s; shown only because "
                        "EMBARGO_PREVIEW is True (never in feeds; publishconf.py "
                        "turns it off)"
                    ),
                    source_of(article, generator.path),
                    lifts_at(until),
                )
    order = generator.settings["ARTICLE_ORDER_BY"]
    generator.articles = order_content(placed["published"], order)
    generator.hidden_articles = order_content(placed["hidden"], order)
    generator.drafts = order_content(placed["draft"], order)
    for name, kept in kept_translations.items():
        setattr(generator, name, kept)
    generated = generator.context.get("generated_content", {})
    for article in held:
        if generated.get(article.relative_source_path) is article:
            del generated[article.relative_source_path]
        log.warning(
            _(HELD_MESSAGE),
            source_of(article, generator.path),
            lifts_at(release_time(article.header)),
        )
    # The static generator drops files only held items use (see hold_files).
    note_held(
        generator, [(a.relative_source_path, release_time(a.header)) for a in held]
    )


def note_held(generator, held):
    """Record held (source, release moment) pairs for `hold_files`."""
    found = generator.context.setdefault(HELD_KEY, {})
    for source, until in held:
        found[source.replace(os.sep, "/")] = until


HELD_MESSAGE = N_(
    "newsroom: %s: held back under embargo until %s; it is in no page, "
    "listing, feed or index of this build and appears on the first build "
    "after that"
)


def log_held(path, until):
    log.warning(
        _(HELD_MESSAGE),
        path,
        lifts_at(until),
    )


def hold_records(generator):
    # The first generator_init after content_model's: every record is read
    # and no generator has listed one yet. Agencies, programs, people and
    # events have no preview: a held record is in no page of any build.
    context = generator.context
    model = context.get(MODEL_KEY)
    if model is None or RECORDS_HELD_KEY in context:
        return
    context[RECORDS_HELD_KEY] = True
    now = build_now(generator.settings)
    clock = not plugin_settings(generator.settings)["NEWSROOM_NOW"]
    held = []
    for records in model.records.values():
        for slug, record in list(records.items()):
            until = release_time(record.meta)
            if not embargo_holds(until, now):
                continue
            del records[slug]
            if clock:
                note_output_changes_at(until)
            held.append((record, until))
    sources = record_sources(model)
    for record, until in held:
        log_held(record.source_path, until)
    note_held(generator, [(sources[(r.kind, r.slug)], until) for r, until in held])
    context[HELD_RECORDS_KEY] = [record for record, _until in held]


def record_sources(model):
    """Return {(kind name, slug): source under the content folder} of records."""
    from content_model.model import KINDS, slug_of

    return {
        (KINDS[source.split("/", 1)[0]].name, slug_of(source, header)): source
        for source, header in model.headers.items()
    }


def hold_pages(generator):
    # Pages are final and nothing is rendered; content_model has given each
    # its header (an earlier receiver of this signal). Pages have no preview.
    now = build_now(generator.settings)
    clock = not plugin_settings(generator.settings)["NEWSROOM_NOW"]
    generated = generator.context.get("generated_content", {})
    held = []
    for name in PAGE_LISTS:
        kept = []
        for page in getattr(generator, name):
            header = page.view.header
            until = release_time(header)
            if is_draft("pages", header):
                kept.append(page)
                continue
            if not embargo_holds(until, now):
                kept.append(page)
                continue
            if clock:
                note_output_changes_at(until)
            held.append((page, until))
            if generated.get(page.relative_source_path) is page:
                del generated[page.relative_source_path]
        # In place: the context already holds these very lists.
        getattr(generator, name)[:] = kept
    for page, until in held:
        log_held(source_of(page, generator.path), until)
    note_held(generator, [(p.relative_source_path, until) for p, until in held])


def held_quotes(context, held, display):
    """Return (source, line, message) for published quotes of held people."""
    people = {
        record.slug: record
        for record in context.get(HELD_RECORDS_KEY, [])
        if record.kind == "person"
    }
    sources = record_sources(context[MODEL_KEY])
    problems = []
    for article in [*context.get("articles", []), *context.get("hidden_articles", [])]:
        header = article.view.header
        source = article.relative_source_path.replace(os.sep, "/")
        for quote in article.view.quotes:
            person = people.get(quote.speaker_id)
            if person is None:
                continue
            target = sources[("person", person.slug)]
            problems.append(
                (
                    source,
                    header.body_line + quote.line - 1,
                    _(
                        "quote attributed to '{speaker}' names {path}, which is "
                        "under embargo until {until}; remove the quote, or give "
                        "this item an Embargo no earlier than that"
                    ).format(
                        speaker=quote.speaker,
                        path=display(target),
                        until=lifts_at(held[target]),
                    ),
                )
            )
    return problems


def hold_files(generator):
    # Every item is read and every hold decided; static files are known and
    # nothing is copied yet. A file that only held items use waits with them,
    # and a published item that points to a held one is an error.
    held = generator.context.get(HELD_KEY) or {}
    model = generator.context.get(MODEL_KEY)
    if not held or model is None:
        return
    headers = model_headers(model)
    refs = published_references(headers, generator.settings)

    def display(source):
        return display_path(os.path.join(generator.path, source), generator.path)

    problems = reference_problems(headers, refs, held, display, lifts_at)
    problems += held_quotes(generator.context, held, display)
    for source, line, message in problems:
        log.error("newsroom: %s:%s: %s", display(source), line, message)
    waiting = held_files(refs, held)
    if not waiting:
        return
    for path in corrections.drop_static_files(generator, waiting):
        log.warning(
            _("newsroom: %s is used only by embargoed items; held back with them"),
            path,
        )


# --- The view of each item -------------------------------------------------


def attach_views(generator):
    # The last of the newsroom's pretaxonomy receivers: kind, quotes, embargo
    # and notices are decided, so every item kept gets its one view.
    for article in all_items(generator):
        attach(article, article_view(article))


# --- Advertorials and the home page -----------------------------------------


def mark_sponsored_links(generator):
    # Content HTML is final here and not rendered yet (Content.content memoises).
    host = urlsplit(generator.settings.get("SITEURL", "")).hostname or ""
    for article in [*generator.articles, *generator.hidden_articles]:
        if article.advertorial and article._content:
            article._content = add_sponsored(article._content, host)


def latest(articles, count):
    """Return the `count` newest articles."""
    return sorted(articles, key=lambda a: a.date, reverse=True)[:count]


def list_latest(generator):
    # Articles are final here and nothing has been rendered yet.
    conf = plugin_settings(generator.settings)
    generator.context[LATEST_ITEMS_KEY] = latest(
        generator.articles, conf["HOME_LATEST"]
    )


# --- The remarks index ------------------------------------------------------


def remarks_of(articles):
    """Return the remarks among `articles`, newest first."""
    return latest([a for a in articles if a.kind == "remarks"], None)


class RemarksIndexGenerator(Generator):
    """Write /sambutan/ (paginated like /berita/): the remarks, newest first."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        url = conf["NEWSROOM_REMARKS_URL"]
        per_page = conf["NEWSROOM_REMARKS_PER_PAGE"] or self.settings.get(
            "DEFAULT_PAGINATION"
        )
        remarks = remarks_of(self.context.get("articles", []))
        paginator = Paginator(f"{url}index.html", url, remarks, self.settings, per_page)
        write_pages(
            writer,
            self.get_template("remarks_index"),
            self.context,
            paginator,
            "remarks",
            page_name="sambutan",
            breadcrumbs=[("Sambutan", url)],
        )


def get_generators(pelican):
    return RemarksIndexGenerator


def add_label_filter(generator):
    # Every generator has its own Jinja environment; all of them render titles.
    generator.env.filters["labelled_title"] = labelled_title


def register():
    signals.generator_init.connect(add_label_filter)
    signals.article_generator_pretaxonomy.connect(mark_articles)
    signals.article_generator_pretaxonomy.connect(attribute_quotes)
    signals.article_generator_pretaxonomy.connect(hold_embargoed)
    # After the embargo hold: withdrawn items leave every list built next.
    signals.article_generator_pretaxonomy.connect(corrections.apply_notices)
    # After every other pretaxonomy receiver of the newsroom (see view.py).
    signals.article_generator_pretaxonomy.connect(attach_views)
    signals.article_generator_finalized.connect(list_latest)
    signals.article_generator_finalized.connect(mark_sponsored_links)
    signals.generator_init.connect(hold_records)
    signals.page_generator_finalized.connect(hold_pages)
    signals.static_generator_finalized.connect(hold_files)
    signals.static_generator_finalized.connect(corrections.drop_withdrawn_static)
    signals.get_generators.connect(get_generators)
    signals.get_generators.connect(corrections.get_generators)
    content_checks.connect(check_quotes)
