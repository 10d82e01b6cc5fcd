"""Everything this project copies from Pelican or relies on inside it.

A library package (no `register()`, not in PLUGINS). Pelican's private code
is not an API: a new Pelican may change any of it without notice. So every
piece of Pelican that a plugin copies, patches or reaches into lives here,
and `RELIED_ON` names the Pelican function each piece mirrors, with what to
re-check. `tests/test_pelican_internals.py` pins a sha256 of the installed
source of each of those functions: when Pelican is upgraded the test fails
and names what to compare (docs/decisions.md, "Pelican internals").

Users: parallel_write (the Writer's decisions), fast_markdown (the Markdown
reader's file decoding, dates and metadata), fast_urls (URL overrides),
newsroom and images (the memoized content caches), safe_build (the log's
duplicate filter; parallel_write's log replay), incremental (a hook on the
content classes that records what each page's render reads).
"""

import datetime
import importlib
import inspect
import logging
import os
import re

from pelican.log import FilteredMessage, LimitFilter
from pelican.paginator import Paginator
from pelican.utils import SafeDatetime, get_relative_path, path_to_url
from pelican.writers import FileOverwriteFailedError

log = logging.getLogger(__name__)

# Pelican function -> what here mirrors it and must be re-checked when it changes.
RELIED_ON = {
    "pelican.writers:Writer.write_file": (
        "page_contexts and write_page: file names, pagination, the local "
        "context, the content_written signal"
    ),
    "pelican.writers:Writer._open_w": "claim_output: the overwrite rules",
    "pelican.utils:pelican_open": "decode: universal newlines, BOM dropped",
    "pelican.utils:get_date": "plain_date: a plain ISO date read without dateutil",
    "pelican.readers:BaseReader.process_metadata": (
        "fast_markdown's process_metadata override (plain_date first)"
    ),
    "pelican.readers:MarkdownReader._parse_metadata": "parse_metadata",
    "pelican.readers:MarkdownReader.read": (
        "fast_markdown's FastMarkdownReader.read returns the same (content, meta)"
    ),
    "pelican.utils:memoized": "forget_rendered: the per-item cache keys",
    "pelican.contents:Content.get_content": "forget_rendered (memoized)",
    "pelican.contents:Content.get_summary": "forget_rendered (memoized)",
    "pelican.contents:Content.get_url_setting": (
        "freeze_urls: override_url / override_save_as are read first"
    ),
    "pelican.log:LimitFilter": "forget_logged_messages: the class-level memory",
    "pelican.log:FatalLogger": (
        "handle_record: FilteredMessage swallowed as FatalLogger._log does"
    ),
    "pelican.contents:Content._update_content": (
        "track_reads: links are resolved from `_context` (never recorded) only "
        "inside get_content/get_summary, whose results the incremental plugin "
        "records"
    ),
    "pelican.urlwrappers:URLWrapper": (
        "track_reads: no __getattribute__ of its own; `_name` keys a wrapper"
    ),
    "pelican.generators:ArticlesGenerator.__init__": "ARTICLE_LISTS",
    "pelican.generators:PagesGenerator.__init__": "PAGE_LISTS",
}

# The generators' lists of items, every status and language.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)

# A date dateutil reads as the naive datetime of its fields, so Pelican's
# `get_date` need not be asked (it is the slowest part of reading metadata).
PLAIN_DATE = re.compile(r"[12]\d{3}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?\Z")


def pelican_object(name):
    """Return the Pelican object named "module:Qual.name" in RELIED_ON.

    A memoized method is returned as the function it wraps.
    """
    module_name, qualname = name.split(":")
    found = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = inspect.getattr_static(found, part)
    return getattr(found, "func", found)


def pelican_source(name):
    """Return the installed source of a Pelican object named in RELIED_ON."""
    return inspect.getsource(pelican_object(name))


# --- Writer.write_file and Writer._open_w -----------------------------------


def claim_output(writer, path, override):
    """Apply Writer._open_w's rules for a file written twice by `writer`.

    Return whether the page is to be written (False: an
    overriding page holds the file); raise FileOverwriteFailedError as
    Pelican does.
    """
    written, overridden = writer._written_files, writer._overridden_files
    if path in overridden:
        if override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" a second time '
                "(was previously overwritten)"
            )
        log.info('Skipping "%s", not overwriting', path)
        return False
    if path in written:
        if not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already '
                "written to it previously (set `override=True` if intended)"
            )
        log.info('Overwriting "%s"', path)
    if override:
        overridden.add(path)
    written.add(path)
    return True


def local_context(context, name, kwargs, relative_urls):
    """Return the template context of one output file, as write_file makes it."""
    localcontext = context.copy()
    localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
    if relative_urls:
        relative_url = path_to_url(get_relative_path(name))
        localcontext["SITEURL"] = relative_url
        localcontext["localsiteurl"] = relative_url
    localcontext["output_file"] = name
    localcontext.update(kwargs)
    return localcontext


def page_contexts(
    settings, name, context, relative_urls, paginated, template_name, url, kwargs
):
    """Yield (file name, local context) of each file write_file would write."""
    if paginated is None:
        paginated = {
            key: val for key, val in kwargs.items() if key in {"articles", "dates"}
        }
    if not (paginated and template_name in settings["PAGINATED_TEMPLATES"]):
        yield name, local_context(context, name, kwargs, relative_urls)
        return
    per_page = (
        settings["PAGINATED_TEMPLATES"][template_name] or settings["DEFAULT_PAGINATION"]
    )
    paginators = {
        key: Paginator(name, url, val, settings, per_page)
        for key, val in paginated.items()
    }
    for page_num in range(next(iter(paginators.values())).num_pages):
        paginated_kwargs = kwargs.copy()
        for key, paginator in paginators.items():
            previous_page = paginator.page(page_num) if page_num > 0 else None
            page = paginator.page(page_num + 1)
            next_page = (
                paginator.page(page_num + 2)
                if page_num + 1 < paginator.num_pages
                else None
            )
            paginated_kwargs.update(
                {
                    f"{key}_paginator": paginator,
                    f"{key}_page": page,
                    f"{key}_previous_page": previous_page,
                    f"{key}_next_page": next_page,
                }
            )
        yield (
            page.save_as,
            local_context(context, page.save_as, paginated_kwargs, relative_urls),
        )


def write_page(template, localcontext, path, relative):
    """Render and write one page, as write_file's inner _write_file does."""
    output = template.render(localcontext)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(output)
    log.info('Writing "%s"', relative)


# --- The Markdown reader -----------------------------------------------------


def decode(raw):
    """Return file bytes as Pelican's `pelican_open` reads them."""
    text = raw.decode("utf-8")
    # Text mode with universal newlines, then the BOM dropped.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def plain_date(value):
    """Return what Pelican's `get_date` gives for a plain ISO date, or None."""
    if not isinstance(value, str) or not PLAIN_DATE.match(value):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return SafeDatetime(*moment.timetuple()[:6])


def parse_metadata(reader, meta, formatted, duplicates_allowed, logger=log):
    """MarkdownReader._parse_metadata, with formatted fields already HTML.

    `reader` gives `process_metadata` and `_source_path`; `formatted` maps
    a field name to its HTML; `duplicates_allowed` is Pelican's
    DUPLICATES_DEFINITIONS_ALLOWED; `logger` logs the duplicate warning.
    """
    output = {}
    for name, value in meta.items():
        name = name.lower()
        if name in formatted:
            output[name] = reader.process_metadata(name, formatted[name])
        elif not duplicates_allowed.get(name, True):
            if len(value) > 1:
                logger.warning(
                    "Duplicate definition of `%s` for %s. Using first one.",
                    name,
                    reader._source_path,
                )
            output[name] = reader.process_metadata(name, value[0])
        elif len(value) > 1:
            output[name] = reader.process_metadata(name, value)
        else:
            output[name] = reader.process_metadata(name, value[0])
    return output


# --- Content items ------------------------------------------------------------


def items_of(generator, names):
    """Return every item of the generator's lists named in `names`."""
    return [item for name in names for item in getattr(generator, name, None) or []]


def track_reads(classes, hook):
    """Make `hook(item, name)` the `__getattribute__` of `classes`; return undo.

    The incremental plugin records, while pages render, each attribute read
    of Pelican's items (Content, URLWrapper) and the content model's. None
    of those classes has a `__getattribute__` of its own (pinned); `undo()`
    gives them back object's.
    """
    for cls in classes:
        if "__getattribute__" in cls.__dict__ and cls.__getattribute__ is not hook:
            raise TypeError(f"{cls.__qualname__} has its own __getattribute__")
    for cls in classes:
        cls.__getattribute__ = hook

    def undo():
        for cls in classes:
            if cls.__dict__.get("__getattribute__") is hook:
                del cls.__getattribute__

    return undo


def forget_rendered(item):
    """Drop `item`'s entries from the memoized get_content/get_summary caches.

    Pelican memoizes them per (item, siteurl): a text replaced after someone
    read it would keep serving the old HTML.
    """
    for method in (item.get_content, item.get_summary):
        cache = getattr(method, "cache", None) or {}
        for key in [k for k in cache if k and k[0] is item]:
            del cache[key]


def freeze_urls(items):
    """Store the current url and save_as of each item as its override.

    `get_url_setting` returns `override_url` / `override_save_as` first
    (what `URL:` and `Save_as:` metadata set), so the values are the same
    and are no longer computed on every access.
    """
    for item in items:
        for key in ("url", "save_as"):
            if not hasattr(item, f"override_{key}"):
                setattr(item, f"override_{key}", getattr(item, key))


# --- Logging ------------------------------------------------------------------


def forget_logged_messages():
    """Let this build log what an earlier build in this process logged.

    LimitFilter keeps the messages it saw on the class, so a second build in
    one process (livereload, tests, a skip-then-force) would lose warnings.
    """
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def handle_record(logger, record):
    """Have `logger` handle `record` as a call to one of its log methods would.

    Pelican's logger raises FilteredMessage from its filter for a message its
    LimitFilter already let through (two processes logged the same warning);
    its own `_log` swallows it, `handle` does not.
    """
    try:
        logger.handle(record)
    except FilteredMessage:
        pass
