"""Fast Markdown: Pelican's Markdown reader, on every core and without waste.

Pelican's MarkdownReader builds a new `Markdown` object for every file and
converts each file (and its Summary) one after another on one core. This
plugin puts a reader in its place, for the same file extensions, that gives
byte-identical content and metadata and:

- keeps one Markdown instance per reader and resets it between files;
- before the articles or pages generator reads its files, renders every
  Markdown file that Pelican's content cache does not already hold in a pool
  of worker processes, so reading uses every core; the generator then picks
  the results up in its own order while the workers go on;
- with CACHE_CONTENT on, keeps what it rendered in CACHE_PATH, checked
  against the file's bytes (SHA-256) and the Markdown settings, so a file
  whose mtime changed but whose text did not is not rendered again;
- reads a plain `Date` or `Modified` (2020-03-13 or 2020-03-13 08:00) without
  dateutil, to the same value;
- cleans what Markdown made (the body and the `Summary`) with the sanitise
  plugin's author policy, in the worker that rendered it, and reports each
  change at `path:line` when the file is read (a warning, or an error under
  SANITISE_STRICT);
- stops a file nested so deeply that Python-Markdown runs out of recursion
  with an error naming it, instead of Pelican's bare "Could not process".

A file that fails in a worker is read again in the build's own process, so
its error is reported exactly as Pelican reports it.

Signals: readers_init, article_generator_init, page_generator_init,
article_generator_finalized, page_generator_finalized.
Settings:
    FAST_MARKDOWN_WORKERS    worker processes; 0 means one per CPU  (0)
    FAST_MARKDOWN_MIN_FILES  files to render before a pool is worth it  (64)
    FAST_MARKDOWN_CHUNK      files per task sent to a worker  (16)
"""

import concurrent.futures
import hashlib
import logging
import multiprocessing
import os
import pickle
from pathlib import Path

from markdown import Markdown
from markdown import __version__ as markdown_version

from common.files import atomic_write
from content_model.frontmatter import parse_header
from content_model.model import display_path
from i18n import _
from pelican import signals
from pelican.readers import (
    DUPLICATES_DEFINITIONS_ALLOWED,
    METADATA_PROCESSORS,
    MarkdownReader,
)
from pelican_internals import decode, parse_metadata, plain_date
from sanitise.plugin import log_problems, policies, severity
from sanitise.policy import Sanitised, clean
from sanitise.report import placed

log = logging.getLogger(__name__)

DEFAULTS = {
    "FAST_MARKDOWN_WORKERS": 0,
    "FAST_MARKDOWN_MIN_FILES": 64,
    "FAST_MARKDOWN_CHUNK": 16,
}
CACHE_FILE = "fast_markdown.pickle"
META_EXTENSION = "markdown.extensions.meta"
DATE_PROCESSORS = {key: METADATA_PROCESSORS[key] for key in ("date", "modified")}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def field_config(config):
    """Return Markdown settings for formatted fields: no metadata parsing.

    Pelican converts `Summary` with the meta preprocessor removed, so a
    summary that looks like `Key: value` stays text.
    """
    fields = dict(config)
    fields["extensions"] = [e for e in config["extensions"] if e != META_EXTENSION]
    return fields


class NestingError(ValueError):
    """Markdown ran out of recursion: the text nests too deeply."""


def config_key(config, formatted_fields, policy=None):
    """Return a hash of everything besides the text that decides the output."""
    recipe = repr(
        (
            markdown_version,
            repr(policy),
            sorted(config.get("extensions", [])),
            sorted(
                (k, repr(v)) for k, v in config.get("extension_configs", {}).items()
            ),
            config.get("output_format"),
            sorted(formatted_fields),
        )
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:16]


class Engine:
    """One Markdown instance for documents and one for formatted fields.

    With a sanitiser `policy`, every HTML result is cleaned with it.
    """

    def __init__(self, config, formatted_fields, policy=None):
        self.document = Markdown(**config)
        self.fields = Markdown(**field_config(config))
        self.formatted_fields = set(formatted_fields)
        self.policy = policy

    def convert(self, markdown, text):
        try:
            return markdown.reset().convert(text)
        except RecursionError:
            raise NestingError(
                "the text nests lists or quotes so deeply that the Markdown "
                "reader gives up; flatten the nesting"
            ) from None

    def render(self, text):
        """Return (content HTML, raw metadata, formatted fields as HTML, changes).

        `changes` maps "" (the body) and each formatted field's name to the
        sanitiser's Changes; it is empty when nothing changed.
        """
        content = self.convert(self.document, text)
        meta = getattr(self.document, "Meta", {}) or {}
        formatted = {
            name.lower(): self.convert(self.fields, "\n".join(values))
            for name, values in meta.items()
            if name.lower() in self.formatted_fields
        }
        changes = {}
        if self.policy is not None:
            content = self.cleaned(content, "", changes)
            formatted = {
                name: self.cleaned(html, name, changes)
                for name, html in formatted.items()
            }
        return content, dict(meta), formatted, changes

    def cleaned(self, html, name, changes):
        result = clean(html, self.policy)
        if result.changes:
            changes[name] = result.changes
        return Sanitised(result.html)


def render_files(paths, config, formatted_fields, policy=None):
    """Render files in a worker: [(path, digest, result or None)].

    `result` is None when the file could not be read or rendered; the build's
    own process then reads it and reports the error as Pelican does.
    """
    engine = Engine(config, formatted_fields, policy)
    out = []
    for path in paths:
        try:
            raw = Path(path).read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            out.append((path, digest, engine.render(decode(raw))))
        except Exception:  # noqa: BLE001 - re-read in the main process
            out.append((path, None, None))
    return out


def chunks(items, size):
    """Split `items` into lists of at most `size`."""
    return [items[i : i + size] for i in range(0, len(items), size)]


class FastMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with a reused engine and prefetched results."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._engine = None
        self._pending = {}  # path -> future of the chunk holding it
        self._done = {}  # path -> (digest, result), rendered but not read yet
        self._pool = None
        self._cache = None  # path -> (digest, result), when CACHE_CONTENT is on
        self._cache_dirty = False
        # Each generator has its own readers, so each its own cache file.
        self.cache_name = "reader"

    # --- rendering ----------------------------------------------------------

    @property
    def formatted_fields(self):
        return [f.lower() for f in self.settings["FORMATTED_FIELDS"]]

    @property
    def policy(self):
        return policies(self.settings)[0]

    def engine(self):
        if self._engine is None:
            self._engine = Engine(
                self.settings["MARKDOWN"], self.formatted_fields, self.policy
            )
        return self._engine

    def cache(self):
        """Return the cache of rendered files, {path: (digest, result)}."""
        if self._cache is not None:
            return self._cache
        self._cache = {}
        if self.settings.get("CACHE_CONTENT") and self.settings.get(
            "LOAD_CONTENT_CACHE"
        ):
            try:
                with open(self.cache_path(), "rb") as handle:
                    self._cache = pickle.load(handle)
            except (OSError, pickle.PickleError, EOFError, AttributeError):
                self._cache = {}
        return self._cache

    def cache_path(self):
        key = config_key(self.settings["MARKDOWN"], self.formatted_fields, self.policy)
        name = f"{self.cache_name}-{key}-{CACHE_FILE}"
        return Path(self.settings["CACHE_PATH"]) / name

    def save_cache(self):
        """Write the content-hash cache when caching is on and it changed."""
        if not (self.settings.get("CACHE_CONTENT") and self._cache_dirty):
            return
        # Files that are gone leave the cache, so it never outgrows the content.
        cache = {p: entry for p, entry in self.cache().items() if os.path.exists(p)}
        atomic_write(
            self.cache_path(), pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL)
        )
        self._cache_dirty = False

    def prefetch(self, paths, conf):
        """Start rendering `paths` (absolute) ahead of `read`."""
        paths = [p for p in paths if p not in self._pending and p not in self._done]
        if self.settings.get("CACHE_CONTENT"):
            cache = self.cache()
            missing = []
            for path in paths:
                try:
                    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                except OSError:
                    missing.append(path)
                    continue
                if cache.get(path, (None,))[0] == digest:
                    self._done[path] = cache[path]
                else:
                    missing.append(path)
            paths = missing
        if len(paths) < conf["FAST_MARKDOWN_MIN_FILES"]:
            return
        workers = conf["FAST_MARKDOWN_WORKERS"] or os.cpu_count() or 1
        # fork: workers start at once and inherit the loaded Markdown modules.
        context = multiprocessing.get_context("fork")
        self._pool = concurrent.futures.ProcessPoolExecutor(workers, context)
        config = self.settings["MARKDOWN"]
        policy = self.policy
        for chunk in chunks(sorted(paths), conf["FAST_MARKDOWN_CHUNK"]):
            future = self._pool.submit(
                render_files, chunk, config, self.formatted_fields, policy
            )
            for path in chunk:
                self._pending[path] = future
        log.debug(
            "fast_markdown: rendering %d files in %d workers", len(paths), workers
        )

    def close(self):
        """Stop the workers (after the generator read its files)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()
        self._done.clear()
        self.save_cache()

    def prefetched(self, path):
        """Return (digest, result) rendered ahead for `path`, or None."""
        future = self._pending.pop(path, None)
        if future is not None and path not in self._done:
            try:
                for done_path, digest, result in future.result():
                    if result is not None:
                        self._done.setdefault(done_path, (digest, result))
            except Exception as error:  # noqa: BLE001 - the pool broke: read inline
                log.debug("fast_markdown: a worker failed (%s); reading here", error)
        # Each result is handed out once; Pelican keeps what it needs.
        return self._done.pop(path, None)

    # --- Pelican's reader interface -----------------------------------------

    def read(self, source_path):
        """Return (content, metadata) exactly as MarkdownReader would."""
        self._source_path = source_path
        found = self.prefetched(source_path)
        if found is None:
            with open(source_path, "rb") as handle:
                raw = handle.read()
            digest = hashlib.sha256(raw).hexdigest()
            try:
                result = self.engine().render(decode(raw))
            except NestingError as error:
                path = display_path(source_path, self.settings["PATH"])
                raise NestingError(f"{path}:1: {error}") from None
        else:
            digest, result = found
        if self.settings.get("CACHE_CONTENT"):
            cache = self.cache()
            if cache.get(source_path, (None,))[0] != digest:
                cache[source_path] = (digest, result)
                self._cache_dirty = True
        content, meta, formatted, changes = result
        if changes:
            self.report(source_path, changes)
        return content, self.parse_metadata(meta, formatted)

    def report(self, source_path, changes):
        """Log the sanitiser's changes to one file at their Markdown lines."""
        with open(source_path, "rb") as handle:
            header = parse_header(decode(handle.read()))
        path = display_path(source_path, self.settings["PATH"])
        hosts = self.policy.iframe_hosts
        problems = []
        for name, found in changes.items():
            if name:
                line = header.line(name)
                where = f"'{name.title()}'"
                placed_changes = placed(found, "", line, where, hosts)
            else:
                placed_changes = placed(
                    found, header.body, header.body_line, _("the text"), hosts
                )
            problems += [(path, line, text) for line, text in placed_changes]
        log_problems(sorted(problems, key=lambda p: p[1]), severity(self.settings))

    def process_metadata(self, name, value):
        """Pelican's `process_metadata`, reading plain dates without dateutil."""
        # Only date keys, and only while Pelican's own processors are in place.
        if (
            name in DATE_PROCESSORS
            and METADATA_PROCESSORS[name] is DATE_PROCESSORS[name]
        ):
            moment = plain_date(value)
            if moment is not None:
                return moment
        return super().process_metadata(name, value)

    def parse_metadata(self, meta, formatted):
        """Pelican's `_parse_metadata`, with formatted fields already HTML."""
        return parse_metadata(
            self, meta, formatted, DUPLICATES_DEFINITIONS_ALLOWED, logger=log
        )


def use_fast_reader(readers):
    # Reader classes are chosen but not built yet: swap Pelican's own
    # Markdown reader, and leave any reader the settings chose alone.
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = FastMarkdownReader


def misses(generator, paths, excludes, extension="md"):
    """Return absolute paths of `.md` files Pelican's content cache lacks."""
    found = []
    by_generator = generator.settings.get("CONTENT_CACHING_LAYER") == "generator"
    for relative in sorted(generator.get_files(paths, exclude=excludes)):
        if not relative.endswith(f".{extension}"):
            continue
        if by_generator and generator.get_cached_data(relative, None) is not None:
            continue
        path = os.path.abspath(os.path.join(generator.path, relative))
        if generator.readers.get_cached_data(path, (None, None))[0] is not None:
            continue
        found.append(path)
    return found


def markdown_reader(generator):
    reader = generator.readers.readers.get("md")
    return reader if isinstance(reader, FastMarkdownReader) else None


def prefetch(generator, paths_key, excludes_key):
    """Render, ahead of Pelican, the files of `generator` its cache lacks."""
    reader = markdown_reader(generator)
    if reader is not None:
        reader.cache_name = type(generator).__name__
        paths = misses(
            generator,
            generator.settings[paths_key],
            generator.settings[excludes_key],
        )
        reader.prefetch(paths, plugin_settings(generator.settings))


def prefetch_articles(generator):
    # The generator and its caches exist; no file has been read yet.
    prefetch(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prefetch_pages(generator):
    prefetch(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def stop_workers(generator):
    # Every file of this generator has been read.
    reader = markdown_reader(generator)
    if reader is not None:
        reader.close()


def register():
    signals.readers_init.connect(use_fast_reader)
    signals.article_generator_init.connect(prefetch_articles)
    signals.page_generator_init.connect(prefetch_pages)
    signals.article_generator_finalized.connect(stop_workers)
    signals.page_generator_finalized.connect(stop_workers)
