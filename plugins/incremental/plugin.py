"""Incremental builds: render again only the pages whose inputs changed.

`safe_build.build_site` builds into a fresh staging folder and tells this
plugin where the previous output is (`safe_build.RUN_KEY`). Just before the
queued pages are rendered (parallel_write's queue, once every generator has
decided its pages and the context is final), this plugin computes for each
page a fingerprint of exactly what its render consumes:

- the build's key without the content and templates (`global_key`): the
  settings, the plugins' code, the settings files, installed versions,
  environment, theme static files (`inline_css` reads them);
- the page's template and every template it extends, includes or imports
  (their source);
- the context values those templates read (`jinja2.meta` over the templates:
  their undeclared variables), every value given to this page alone (the
  article, the paginator page, `output_file`), and the values read by the
  context functions they call (`CONTEXT_READS`; an unknown one reads all);
  each value digested with everything it reaches (`fingerprint.py`).

A page whose fingerprint equals the one recorded for its file by the build
that wrote the previous output, and whose previous file is still the one
that build recorded (inode, size and mtime), is not rendered: the previous
file is hard-linked into the staging folder. After a successful swap the
state (CACHE_PATH/incremental/<output digest>.json) records every page.

Every other output (feeds, sitemaps, calendars, republish files, images,
Pagefind) is written again by every build. Anything unusual gives a full
build, never a wrong one: no state, a state that cannot be read or was
written with another global key (another Pelican, other settings or code),
a previous file that was changed or removed, a file that cannot be linked.
The content caches (Pelican's CACHE_CONTENT, fast_markdown, quotes) are only
loaded when the previous build that wrote them had the same global key
(Pelican's cache knows nothing of settings).

Signals: initialized (after parallel_write, whose queue this plugin filters).
Settings:
    INCREMENTAL  render only changed pages (a build through build_site)  (True)
"""

import hashlib
import json
import logging
import os
from pathlib import Path

from jinja2 import meta, nodes
from jinja2.utils import _PassArg

from common.files import atomic_write
from i18n import _
from parallel_write.plugin import work_of
from pelican import __version__ as pelican_version
from pelican import signals
from pelican_internals import track_reads
from safe_build import RUN_KEY, on_build_failure, on_build_success
from safe_build.stamps import stable_repr, tree_digest
from seo.head import LISTING_KEYS, SUBJECTS

from . import reads

log = logging.getLogger(__name__)

DEFAULTS = {"INCREMENTAL": True}
# Bump when fingerprints or the state change: older states then never match.
STATE_VERSION = 2
STATE_DIR = "incremental"
CONTENT_CACHE_KEY = "content-cache.key"
# Parts of the build key that pages read through their context or templates
# (so they are fingerprinted page by page), or that say nothing of the output.
PAGE_PARTS = ("content", "content_outside", "theme", "stamp")
# Settings that change where a build writes or what it reuses, not what it
# writes (OUTPUT_PATH is the staging folder here; the state is per output).
UNSEEN_SETTINGS = frozenset(
    {"OUTPUT_PATH", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE"}
)
# What each context function of our plugins reads from the page's context,
# besides the values given to the page alone (always fingerprinted).
CONTEXT_READS = {
    "seo_page": (
        *SUBJECTS,
        *LISTING_KEYS,
        "SITEURL",
        "content_model",
        "search_url",
        "site_share_image",
        "search_page",
        "robots",
        "output_file",
    ),
}
ALL = object()
MISSING = "missing"


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def _digest(text):
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def global_key(parts, settings):
    """Return the digest of every input that is not read page by page.

    The settings count without those that say where the build writes and
    whether caches are used (the output is the same either way).
    """
    kept = {name: value for name, value in parts.items() if name not in PAGE_PARTS}
    used = {
        name: value
        for name, value in settings.items()
        if name.isupper() and name not in UNSEEN_SETTINGS
    }
    kept["settings"] = _digest(stable_repr(used))
    theme = settings.get("THEME") or ""
    kept["theme_static"] = [
        tree_digest(Path(theme) / folder)
        for folder in settings.get("THEME_STATIC_PATHS") or []
    ]
    kept["state"] = STATE_VERSION
    kept["pelican"] = pelican_version
    return _digest(json.dumps(kept, sort_keys=True, default=str))


def state_path(cache_path, output):
    """Return the state file of `output` under `cache_path`."""
    name = _digest(str(Path(output).resolve()))[:32]
    return Path(cache_path) / STATE_DIR / f"{name}.json"


def read_state(path, key):
    """Return (pages, reads) of the state at `path`.

    pages: {relative: [fingerprint, size, mtime_ns, inode, [read ids]]};
    reads: [[item key, attribute, digest], ...]. Both empty (a full build)
    when the file is missing or unreadable, of another version or global
    key, or not of the expected shape.
    """
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, []
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return {}, []
    reads = state.get("reads")
    if state.get("global") != key or not isinstance(state.get("pages"), dict):
        return {}, []
    if not isinstance(reads, list) or not all(_is_read(r) for r in reads):
        return {}, []
    pages = {}
    for relative, entry in state["pages"].items():
        if _is_entry(entry, len(reads)):
            pages[relative] = entry
    return pages, reads


def _is_read(read):
    return (
        isinstance(read, list)
        and len(read) == 3
        and all(isinstance(p, str) for p in read)
    )


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_entry(entry, reads):
    return (
        isinstance(entry, list)
        and len(entry) == 5
        and isinstance(entry[0], str)
        and all(_is_int(n) for n in entry[1:4])
        and isinstance(entry[4], list)
        and all(_is_int(i) and 0 <= i < reads for i in entry[4])
    )


def file_facts(path):
    """Return [size, mtime_ns, inode] of a file, or None."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


class SourceReads:
    """What one template file reads: its variables, templates and filters."""

    def __init__(self, env, source):
        ast = env.parse(source)
        self.variables = meta.find_undeclared_variables(ast)
        self.templates = list(meta.find_referenced_templates(ast))
        self.filters = {n.name for n in ast.find_all(nodes.Filter)}
        self.tests = {n.name for n in ast.find_all(nodes.Test)}


class Template:
    """What one template and everything it extends, includes, imports reads.

    `files` memoizes each file's SourceReads by its source's digest (every
    generator has its own Jinja environment over the same files).
    """

    def __init__(self, env, name, files):
        self.variables = set()
        self.reads_all = False
        self.context_functions = set()
        sources = []
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            source, _, _ = env.loader.get_source(env, current)
            digest = _digest(source)
            sources.append(f"{current}\0{digest}")
            found = files.get(digest)
            if found is None:
                found = files[digest] = SourceReads(env, source)
            self.variables |= found.variables
            for referenced in found.templates:
                if referenced is None:
                    # A template chosen while rendering: any may be read.
                    self.reads_all = True
                else:
                    pending.append(referenced)
            for table, names in (
                (env.filters, found.filters),
                (env.tests, found.tests),
            ):
                self.context_functions.update(
                    n for n in names if _passes_context(table.get(n))
                )
        for variable in self.variables:
            if _passes_context(env.globals.get(variable)):
                self.context_functions.add(variable)
        self.names = sorted(seen)
        self.digest = _digest("\n".join(sorted(sources)))


def _passes_context(function):
    return function is not None and _PassArg.from_obj(function) is _PassArg.context


class TrackedJob:
    """A page job whose reads are recorded while it renders."""

    __slots__ = ("job", "recorder")

    def __init__(self, job, recorder):
        self.job = job
        self.recorder = recorder

    def __call__(self):
        self.recorder.record(self.job.relative, self.job)


class Tracker:
    """Fingerprints the pages of one build; keeps the unchanged ones."""

    def __init__(self, settings, run):
        self.output = Path(run["output"])
        self.key = global_key(run["parts"], settings)
        self.cache_path = settings.get("CACHE_PATH")
        self.caching = bool(settings.get("CACHE_CONTENT"))
        self.path = state_path(self.cache_path, self.output)
        self.previous, self.previous_reads = read_state(self.path, self.key)
        self.pages = {}  # relative -> root fingerprint
        self.kept_reads = {}  # relative -> the previous read ids of a kept page
        self.templates = {}
        self.files = {}
        self.fingerprints = reads.keyed_fingerprinter()
        self.recorder = reads.Recorder()
        self.unchanged = {}  # previous read id -> still the same in this build
        self.registry = None
        self.undo = None
        self.kept = 0
        self.rendered = 0

    def template(self, template):
        found = self.templates.get(id(template))
        if found is None:
            found = Template(template.environment, template.name, self.files)
            self.templates[id(template)] = (template, found)
            return found
        return found[1]

    def fingerprint(self, job):
        """Return the fingerprint of the values a page job starts from.

        Its templates, and the context values they read, the page's own
        values and those its context functions read, with every tracked
        item standing as its key (the item's own fields are reads).
        """
        reads_of = self.template(job.template)
        local, shared = job.localcontext, job.context
        if reads_of.reads_all:
            keys = set(local)
        else:
            keys = set(reads_of.variables)
            keys.update(k for k, v in local.items() if shared.get(k, MISSING) is not v)
            for name in reads_of.context_functions:
                wanted = CONTEXT_READS.get(name, ALL)
                keys.update(local if wanted is ALL else wanted)
        digest = self.fingerprints.digest
        lines = [self.key, job.template.name, reads_of.digest]
        for name in sorted(keys):
            value = local[name] if name in local else MISSING
            lines.append(f"{name}={digest(value) if name in local else value}")
        return _digest("\n".join(lines))

    def reads_unchanged(self, job, ids):
        """Return whether every recorded read of a page gives the same value."""
        if self.registry is None:
            self.registry = reads.registry_of(list(job.context.values()))
        for index in ids:
            same = self.unchanged.get(index)
            if same is None:
                key, name, recorded = self.previous_reads[index]
                now = reads.current_digest(self.registry, self.fingerprints, key, name)
                same = self.unchanged[index] = now == recorded
            if not same:
                return False
        return True

    def keep(self, job, entry):
        """Link the previous file of `job` into the staging folder; say if it was."""
        previous = self.output / job.relative
        try:
            os.makedirs(os.path.dirname(job.path), exist_ok=True)
            os.link(previous, job.path)
        except OSError:
            return False
        if file_facts(job.path) != entry[1:4]:
            # Another file than the one recorded: render it again.
            os.unlink(job.path)
            return False
        return True

    def select(self, jobs):
        """Return the jobs to run: every page whose inputs changed, recorded."""
        chosen = []
        for job in jobs:
            relative = getattr(job, "relative", None)
            if relative is None:
                chosen.append(job)
                continue
            fingerprint = self.fingerprint(job)
            self.pages[relative] = fingerprint
            entry = self.previous.get(relative)
            if (
                entry is not None
                and entry[0] == fingerprint
                and self.reads_unchanged(job, entry[4])
                and self.keep(job, entry)
            ):
                self.kept_reads[relative] = entry[4]
                self.kept += 1
                continue
            self.rendered += 1
            chosen.append(TrackedJob(job, self.recorder))
        log.info(
            _(
                "incremental: {rendered} pages rendered, {kept} kept from {output}"
            ).format(rendered=self.rendered, kept=self.kept, output=self.output)
        )
        # Recorded in whichever process renders a page (forked copies send
        # theirs back); the hook goes when the build ends, however it ends.
        self.undo = track_reads(reads.TRACKED, reads.read_attribute)
        on_build_failure(self.stop)
        return chosen

    def merge(self, data):
        """Take the reads recorded by a forked copy."""
        self.recorder.table.update(data["table"])
        for relative, found in data["pages"].items():
            self.recorder.pages.setdefault(relative, set()).update(found)

    def stop(self):
        if self.undo is not None:
            self.undo()
            self.undo = None

    def state(self):
        """Return the state of this build's pages (see `read_state`)."""
        table, index = [], {}

        def number(key, name, digest):
            found = index.get((key, name))
            if found is None:
                found = index[(key, name)] = len(table)
                table.append([key, name, digest])
            return found

        pages = {}
        for relative, fingerprint in self.pages.items():
            facts = file_facts(self.output / relative)
            if facts is None:
                continue
            if relative in self.kept_reads:
                ids = [
                    number(*self.previous_reads[i]) for i in self.kept_reads[relative]
                ]
            elif relative in self.recorder.pages:
                ids = [
                    number(key, name, self.recorder.table[(key, name)])
                    for key, name in self.recorder.pages[relative]
                    if key is not None and (key, name) in self.recorder.table
                ]
                if any(key is None for key, _ in self.recorder.pages[relative]):
                    continue
            else:
                continue
            pages[relative] = [fingerprint, *facts, sorted(ids)]
        return {
            "version": STATE_VERSION,
            "global": self.key,
            "reads": table,
            "pages": pages,
        }

    def record(self):
        """Write the state of the output just swapped in (build_site calls it)."""
        self.stop()
        try:
            state = json.dumps(self.state(), separators=(",", ":"))
            atomic_write(self.path, state)
            if self.caching:
                key_file = Path(self.cache_path) / STATE_DIR / CONTENT_CACHE_KEY
                atomic_write(key_file, self.key)
        except OSError as error:
            # The old state then names files that are gone: a full build next.
            log.warning(
                _("incremental: could not record {path} ({error})").format(
                    path=self.path, error=error
                )
            )


def content_cache_key(cache_path):
    """Return the global key of the build that last wrote the content caches."""
    try:
        return (Path(cache_path) / STATE_DIR / CONTENT_CACHE_KEY).read_text()
    except (OSError, UnicodeDecodeError):
        return None


def forget_content_cache_key(cache_path):
    """Remove the key of the content caches (this build rewrites them)."""
    try:
        (Path(cache_path) / STATE_DIR / CONTENT_CACHE_KEY).unlink(missing_ok=True)
    except OSError as error:
        log.warning(
            _("incremental: could not remove the cache key ({error})").format(
                error=error
            )
        )


def start_tracking(pelican):
    # Before any generator exists: the content caches may still be turned
    # off, and parallel_write's queue (opened by an earlier receiver) exists.
    settings = pelican.settings
    run = settings.get(RUN_KEY)
    work = work_of(settings)
    if not run or not settings.get("CACHE_PATH"):
        return
    tracker = Tracker(settings, run)
    if content_cache_key(tracker.cache_path) != tracker.key:
        # The content caches hold what a build with other settings or code
        # read (Pelican's cache knows nothing of them), or what a failed
        # build left: read everything again. The key is written back only
        # when this build succeeds.
        settings["LOAD_CONTENT_CACHE"] = False
        forget_content_cache_key(tracker.cache_path)
    if run.get("full") or work is None or not plugin_settings(settings)["INCREMENTAL"]:
        tracker.previous = {}
    if work is not None:
        work.select_pages(tracker.select)
        work.report_from_copies(tracker.recorder.export, tracker.merge)
    on_build_success(tracker.record)


def register():
    signals.initialized.connect(start_tracking)
