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
from parallel_write.plugin import work_of
from pelican import __version__ as pelican_version
from pelican import signals
from pelican.contents import Content
from pelican_internals import intrasite_links
from safe_build import RUN_KEY, on_build_success
from safe_build.stamps import tree_digest

from .fingerprint import Fingerprinter

log = logging.getLogger(__name__)

DEFAULTS = {"INCREMENTAL": True}
# Bump when fingerprints or the state change: older states then never match.
STATE_VERSION = 1
STATE_DIR = "incremental"
CONTENT_CACHE_KEY = "content-cache.key"
# Parts of the build key that pages read through their context or templates
# (so they are fingerprinted page by page), or that say nothing of the output.
PAGE_PARTS = ("content", "content_outside", "theme", "stamp")
# What each context function of our plugins reads from the page's context,
# besides the values given to the page alone (always fingerprinted).
CONTEXT_READS = {
    "seo_page": (
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
    """Return the digest of every input that is not read page by page."""
    kept = {name: value for name, value in parts.items() if name not in PAGE_PARTS}
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
    """Return {relative: [fingerprint, size, mtime_ns, inode]} from `path`.

    Empty (a full build) when the file is missing or unreadable, of another
    version or global key, or not of the expected shape.
    """
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return {}
    if state.get("global") != key or not isinstance(state.get("pages"), dict):
        return {}
    pages = {}
    for relative, entry in state["pages"].items():
        if (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and all(isinstance(n, int) and not isinstance(n, bool) for n in entry[1:])
        ):
            pages[relative] = entry
    return pages


def file_facts(path):
    """Return [size, mtime_ns, inode] of a file, or None."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def content_links(value):
    """Return the resolved body and summary of an item whose links need others.

    Pelican resolves `{filename}` links and the like when the body is read,
    from the other items' URLs; only then does the item's digest see them.
    """
    if not isinstance(value, Content):
        return None
    texts = [value.__dict__.get("_content"), value.__dict__.get("_summary")]
    if not any(isinstance(t, str) and intrasite_links(value, t) for t in texts):
        return None
    return f"{value.content}\0{value.summary}"


class Template:
    """What one template and everything it extends, includes, imports reads."""

    def __init__(self, env, name):
        self.names = []
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
            sources.append(f"{current}\0{_digest(source)}")
            ast = env.parse(source)
            self.variables |= meta.find_undeclared_variables(ast)
            for referenced in meta.find_referenced_templates(ast):
                if referenced is None:
                    # A template chosen while rendering: any may be read.
                    self.reads_all = True
                else:
                    pending.append(referenced)
            for node in ast.find_all((nodes.Filter, nodes.Test)):
                table = env.filters if isinstance(node, nodes.Filter) else env.tests
                if _passes_context(table.get(node.name)):
                    self.context_functions.add(node.name)
        for variable in self.variables:
            if _passes_context(env.globals.get(variable)):
                self.context_functions.add(variable)
        self.names = sorted(seen)
        self.digest = _digest("\n".join(sorted(sources)))


def _passes_context(function):
    return function is not None and _PassArg.from_obj(function) is _PassArg.context


class Tracker:
    """Fingerprints the pages of one build; keeps the unchanged ones."""

    def __init__(self, settings, run):
        self.output = Path(run["output"])
        self.key = global_key(run["parts"], settings)
        self.cache_path = settings.get("CACHE_PATH")
        self.caching = bool(settings.get("CACHE_CONTENT"))
        self.path = state_path(self.cache_path, self.output)
        self.previous = read_state(self.path, self.key)
        self.pages = {}
        self.templates = {}
        self.fingerprints = Fingerprinter(content_links)
        self.kept = 0
        self.rendered = 0

    def template(self, template):
        found = self.templates.get(id(template))
        if found is None:
            found = Template(template.environment, template.name)
            self.templates[id(template)] = (template, found)
            return found
        return found[1]

    def fingerprint(self, job):
        """Return the fingerprint of a page job (parallel_write's PageJob)."""
        reads = self.template(job.template)
        local, shared = job.localcontext, job.context
        if reads.reads_all:
            keys = set(local)
        else:
            keys = set(reads.variables)
            keys.update(k for k, v in local.items() if shared.get(k, MISSING) is not v)
            for name in reads.context_functions:
                wanted = CONTEXT_READS.get(name, ALL)
                keys.update(local if wanted is ALL else wanted)
        digest = self.fingerprints.digest
        lines = [self.key, job.template.name, reads.digest]
        for name in sorted(keys):
            value = local[name] if name in local else MISSING
            lines.append(f"{name}={digest(value) if name in local else value}")
        return _digest("\n".join(lines))

    def keep(self, job, entry):
        """Link the previous file of `job` into the staging folder; say if it was."""
        previous = self.output / job.relative
        try:
            os.makedirs(os.path.dirname(job.path), exist_ok=True)
            os.link(previous, job.path)
        except OSError:
            return False
        if file_facts(job.path) != entry[1:]:
            # Another file than the one recorded: render it again.
            os.unlink(job.path)
            return False
        return True

    def select(self, jobs):
        """Return the jobs to run: every page whose fingerprint changed."""
        chosen = []
        for job in jobs:
            relative = getattr(job, "relative", None)
            if relative is None:
                chosen.append(job)
                continue
            fingerprint = self.fingerprint(job)
            self.pages[relative] = fingerprint
            entry = self.previous.get(relative)
            if entry is not None and entry[0] == fingerprint and self.keep(job, entry):
                self.kept += 1
                continue
            self.rendered += 1
            chosen.append(job)
        log.info(
            "incremental: %d pages rendered, %d kept from %s",
            self.rendered,
            self.kept,
            self.output,
        )
        return chosen

    def record(self):
        """Write the state of the output just swapped in (build_site calls it)."""
        pages = {}
        for relative, fingerprint in self.pages.items():
            facts = file_facts(self.output / relative)
            if facts is not None:
                pages[relative] = [fingerprint, *facts]
        state = {"version": STATE_VERSION, "global": self.key, "pages": pages}
        try:
            atomic_write(self.path, json.dumps(state, separators=(",", ":")))
            if self.caching:
                key_file = Path(self.cache_path) / STATE_DIR / CONTENT_CACHE_KEY
                atomic_write(key_file, self.key)
        except OSError as error:
            # The old state then names files that are gone: a full build next.
            log.warning("incremental: could not record %s (%s)", self.path, error)


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
        log.warning("incremental: could not remove the cache key (%s)", error)


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
    on_build_success(tracker.record)


def register():
    signals.initialized.connect(start_tracking)
