"""Safe builds: every Pelican run goes through `build_site`.

`build_site` builds into a fresh staging folder beside OUTPUT_PATH, treats any
error logged during the run as a failed build (Pelican itself logs "Could not
process" and exits 0), and swaps the staging folder into place only when the
build succeeded, so a failed or interrupted build leaves the previous output
exactly as it was.

A rebuild with nothing changed is skipped: after each successful build a
stamp in CACHE_PATH/build-stamps/ records the build key (a digest of every
input: content, theme, plugins, settings, environment, installed versions;
see `stamps.py`), a signature of the output it wrote, and the moment that
output goes stale (plugins call `note_output_changes_at`, e.g. for an
embargo that lifts). `build_site` returns without running Pelican while all
three still hold; `build_site(..., force=True)` always builds. A failed
build leaves the output, and so the stamp describing it, as they were.

`problem_page.problem_page(problems)` is the page `invoke livereload`
serves instead of the site while the build is broken.

As a plugin it checks, once everything is written, that no drafts folder
reached the output, and reports when Pelican's own clock (WITH_FUTURE_DATES)
will change the output.

Signals: article_generator_pretaxonomy, finalized.
Settings: none of its own (uses OUTPUT_PATH, CACHE_PATH, WITH_FUTURE_DATES and
the DRAFT_* settings).
"""

import contextlib
import contextvars
import copy
import datetime as dt
import fcntl
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings
from pelican_internals import ARTICLE_LISTS, forget_logged_messages

from . import stamps

log = logging.getLogger(__name__)

STAGING_PREFIX = ".output-"
# Harmless on every build with DEFAULT_LANG = "id"; see docs/decisions.md.
IGNORED_MESSAGES = ("Docutils has no localization for",)
# Every list of ArticlesGenerator that may hold an article.
# The moments reported by `note_output_changes_at` during the running build:
# a fresh list per build_site call (never shared between builds or threads).
_CHANGES = contextvars.ContextVar("safe_build_changes", default=None)
# What plugins asked to be done if the running build fails (see
# `on_build_failure`): a fresh list per build_site call.
_CLEANUPS = contextvars.ContextVar("safe_build_cleanups", default=None)
# ... and once its output is swapped in (`on_build_success`).
_SUCCESSES = contextvars.ContextVar("safe_build_successes", default=None)
# Settings key of the running build_site call, for the incremental plugin:
# {"output": the real OUTPUT_PATH (the previous output, if any, is there),
#  "parts": the build key's parts, "full": True when forced to build all}.
RUN_KEY = "safe_build_run"


class BuildFailed(Exception):
    """The build logged errors or raised; `problems` lists what went wrong."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"build failed, output left untouched:\n{lines}")


@dataclass
class BuildReport:
    """What a successful build wrote and what it warned about.

    `skipped` is True when nothing had changed since the build that wrote
    `output`: Pelican did not run, and `warnings` are that build's.
    """

    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    skipped: bool = False


class _Collector(logging.Handler):
    """Collect the messages of every error and warning logged during a build."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors = []
        self.warnings = []

    def emit(self, record):
        message = record.getMessage()
        if any(message.startswith(text) for text in IGNORED_MESSAGES):
            return
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        else:
            self.warnings.append(message)


class _Quiet(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith(IGNORED_MESSAGES)


def _alive(pid):
    """Return whether process `pid` is still running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(folder):
    """Return the pid in a staging folder's name, or None."""
    parts = folder.name[len(STAGING_PREFIX) :].split("-")
    pid = parts[1] if parts[0] == "retired" and len(parts) > 1 else parts[0]
    return int(pid) if pid.isdigit() else None


@contextlib.contextmanager
def _swap_lock(output):
    """Hold an exclusive lock on the folder of `output` while swapping.

    The lock is on the folder itself (flock on a directory descriptor), so no
    lock file is left beside the output.
    """
    handle = os.open(output.parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def recover(output):
    """Put back an output that a build killed mid-swap left retired."""
    output = Path(output)
    if output.exists():
        return
    retired = sorted(output.parent.glob(f"{STAGING_PREFIX}retired-*"))
    if retired:
        os.replace(retired[-1], output)


def remove_stale_staging(parent):
    """Delete staging folders left by builds whose process has ended.

    A folder of a build still running (livereload beside `invoke build`) is
    left alone: deleting it would make that build swap in half a site.
    """
    for stale in Path(parent).glob(f"{STAGING_PREFIX}*"):
        pid = _owner(stale)
        if stale.is_dir() and (pid is None or not _alive(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _swap(staging, output):
    """Move `staging` to `output` (the swap lock held); return the retired one."""
    retired = None
    if output.exists():
        retired = output.with_name(
            f"{STAGING_PREFIX}retired-{os.getpid()}-{staging.name[-8:]}"
        )
        os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        if retired is not None and not output.exists():
            os.replace(retired, output)
        raise
    return retired


def swap_into_place(staging, output, then=None):
    """Replace `output` with `staging`, keeping the old one until the move.

    `then()` runs right after the move, the lock still held, so that no other
    build swaps in between (build_site records its stamp there).
    """
    output = Path(output)
    with _swap_lock(output):
        retired = _swap(Path(staging), output)
        if then is not None:
            then()
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def load_settings(settings_file, overrides=None):
    """Read Pelican settings from `settings_file` with `overrides` applied."""
    return read_settings(str(settings_file), override=dict(overrides or {}))


def private_copy(settings):
    """Return a deep copy of `settings` for one Pelican run to change at will.

    Pelican's readers add to setting dicts in place (MARKDOWN gets an
    "extensions" list), and publishconf.py's `from pelicanconf import *`
    shares those dicts with the imported pelicanconf module: without a copy,
    every later build in the same process would read other settings. A value
    that cannot be copied (a module) is shared as it is.
    """
    copied = {}
    for name, value in settings.items():
        try:
            copied[name] = copy.deepcopy(value)
        except (TypeError, copy.Error):
            copied[name] = value
    return copied


def on_build_failure(callback):
    """Have `callback()` run if the running build raises.

    It runs before the staging folder is deleted, so that a plugin can stop
    work it started in the background. Outside `build_site` it does nothing.
    """
    cleanups = _CLEANUPS.get()
    if cleanups is not None:
        cleanups.append(callback)


def on_build_success(callback):
    """Have `callback()` run once the running build's output is swapped in.

    It runs under the swap lock, right after the stamp is recorded, so the
    output it sees is exactly the one this build wrote. Outside `build_site`
    it does nothing.
    """
    successes = _SUCCESSES.get()
    if successes is not None:
        successes.append(callback)


def note_output_changes_at(moment):
    """Report that this build's output goes stale at `moment` (aware datetime).

    Plugins whose output depends on the clock call it while the build runs
    (an embargo that lifts at `moment`); a rebuild with nothing else changed
    is then skipped only before the earliest moment reported. A naive
    datetime is local time. Call it from the build's own thread (signal
    receivers run there); outside `build_site` it does nothing.
    """
    moments = _CHANGES.get()
    if moments is not None and moment is not None:
        moments.append(moment)


def _never_hashed(output, cache_path):
    """Return skip(path) for build_key: the output, the cache, staging folders."""
    output = Path(output).resolve()
    ignored = {str(output)}
    if cache_path:
        ignored.add(str(Path(cache_path).resolve()))
    parent = str(output.parent)

    def skip(path):
        real = os.path.realpath(path)
        if real in ignored:
            return True
        folder, name = os.path.split(real)
        return folder == parent and name.startswith(STAGING_PREFIX)

    return skip


def build_site(settings_file, overrides=None, force=False):
    """Build the site; return a BuildReport or raise BuildFailed.

    The previous output is replaced only after a build without errors. When
    nothing changed since the build that wrote the current output (same build
    key, output untouched, no embargo lifted since), Pelican is not run and
    the report says `skipped`; `force=True` always builds.
    """
    started = time.monotonic()
    settings = load_settings(settings_file, overrides)
    output = Path(settings["OUTPUT_PATH"])
    output.parent.mkdir(parents=True, exist_ok=True)
    with _swap_lock(output):
        recover(output)
        remove_stale_staging(output.parent)
    # The key is taken before Pelican reads anything: an edit made while the
    # build runs gives another key next time, never a stale skip.
    key, parts = stamps.build_key(
        settings_file, settings, _never_hashed(output, settings.get("CACHE_PATH"))
    )
    stamp_file = stamps.stamp_path(settings.get("CACHE_PATH"), output)
    if stamp_file is not None and not force:
        with _swap_lock(output):
            stamp = stamps.read_stamp(stamp_file)
            stale = stamps.why_stale(stamp, key, parts, output, stamps.utc_now())
        if not stale:
            log.info("safe_build: nothing changed since %s was built", output)
            return BuildReport(
                output=output,
                seconds=time.monotonic() - started,
                warnings=list(stamp.get("warnings") or []),
                settings=settings,
                skipped=True,
            )
        log.info("safe_build: building %s: %s", output, "; ".join(stale))
    staging = Path(
        tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent)
    )
    settings = private_copy(settings)
    settings["OUTPUT_PATH"] = str(staging)
    settings[RUN_KEY] = {"output": str(output), "parts": parts, "full": force}
    collector = _Collector()
    quiet = _Quiet()
    root = logging.getLogger()
    root.addHandler(collector)
    for handler in root.handlers:
        handler.addFilter(quiet)
    forget_logged_messages()
    changes = []
    noting = _CHANGES.set(changes)
    cleanups = []
    cleaning = _CLEANUPS.set(cleanups)
    successes = []
    succeeding = _SUCCESSES.set(successes)
    try:
        Pelican(settings).run()
    except BaseException as error:
        for cleanup in cleanups:
            with contextlib.suppress(Exception):
                cleanup()
        shutil.rmtree(staging, ignore_errors=True)
        problems = getattr(error, "problems", None)
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise BuildFailed(
            [str(p) for p in problems] if problems else [*collector.errors, repr(error)]
        ) from error
    finally:
        _CHANGES.reset(noting)
        _CLEANUPS.reset(cleaning)
        _SUCCESSES.reset(succeeding)
        root.removeHandler(collector)
        for handler in root.handlers:
            handler.removeFilter(quiet)
    if collector.errors:
        # The output is untouched, so the stamp describing it stays true.
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(collector.errors)
    settings["OUTPUT_PATH"] = str(output)

    def record_stamp():
        # Under the swap lock: the stamp describes exactly the output swapped
        # in. Should writing fail, the old stamp's signature no longer matches
        # the output, so the next build runs.
        if stamp_file is not None:
            write_stamp()
        for callback in successes:
            callback()

    def write_stamp():
        stamp = stamps.make_stamp(
            key, parts, output, stamps.earliest(changes), collector.warnings
        )
        try:
            stamps.write_stamp(stamp_file, stamp)
        except OSError as error:
            log.warning("safe_build: could not record %s (%s)", stamp_file, error)

    swap_into_place(staging, output, then=record_stamp)
    return BuildReport(
        output=output,
        seconds=time.monotonic() - started,
        warnings=collector.warnings,
        settings=settings,
    )


def drafts_folders(output_path, settings):
    """Return the draft folders present in a built output."""
    found = []
    for key in ("DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS"):
        pattern = settings.get(key) or ""
        top = pattern.split("/", 1)[0] if "/" in pattern else ""
        if top and (Path(output_path) / top).exists():
            found.append(top)
    if (Path(output_path) / "drafts").exists():
        found.append("drafts")
    return sorted(set(found))


def forbid_drafts(pelican):
    # Everything is written: a drafts folder here would be published.
    for folder in drafts_folders(pelican.output_path, pelican.settings):
        log.error(
            "safe_build: %s/ was written; set DRAFT_SAVE_AS, DRAFT_LANG_SAVE_AS "
            "and DRAFT_PAGE_* to '' so drafts are never published",
            folder,
        )


def future_dates(articles, now, with_future_dates):
    """Return the dates after `now` of `articles` that Pelican made drafts.

    With WITH_FUTURE_DATES off, Pelican makes an article dated after its
    clock a draft; the output changes when that date passes.
    """
    if with_future_dates:
        return []
    found = []
    for article in articles:
        date = getattr(article, "date", None)
        if date is None or date.year >= dt.MAXYEAR:
            continue
        aware = date if date.tzinfo else date.astimezone()
        if aware > now:
            found.append(aware)
    return found


def note_future_articles(generator):
    # Before taxonomies, so before any plugin moves an article out of the
    # generator's lists; Pelican has judged future dates against its clock.
    articles = [a for name in ARTICLE_LISTS for a in getattr(generator, name, [])]
    with_future = generator.settings.get("WITH_FUTURE_DATES", True)
    for moment in future_dates(articles, stamps.utc_now(), with_future):
        note_output_changes_at(moment)


def register():
    signals.article_generator_pretaxonomy.connect(note_future_articles)
    signals.finalized.connect(forbid_drafts)
