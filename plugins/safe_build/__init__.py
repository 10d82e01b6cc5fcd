"""Safe builds: every Pelican run goes through `build_site`.

`build_site` builds into a fresh staging folder beside OUTPUT_PATH, treats any
error logged during the run as a failed build (Pelican itself logs "Could not
process" and exits 0), and swaps the staging folder into place only when the
build succeeded, so a failed or interrupted build leaves the previous output
exactly as it was.

As a plugin it checks, once everything is written, that no drafts folder
reached the output.

Signals: finalized.
Settings: none of its own (uses OUTPUT_PATH and the DRAFT_* settings).
"""

import contextlib
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

log = logging.getLogger(__name__)

STAGING_PREFIX = ".output-"
# Harmless on every build with DEFAULT_LANG = "id"; see DESIGN.md.
IGNORED_MESSAGES = ("Docutils has no localization for",)


class BuildFailed(Exception):
    """The build logged errors or raised; `problems` lists what went wrong."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"build failed, output left untouched:\n{lines}")


@dataclass
class BuildReport:
    """What a successful build wrote and what it warned about."""

    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)


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


def swap_into_place(staging, output):
    """Replace `output` with `staging`, keeping the old one until the move."""
    output = Path(output)
    with _swap_lock(output):
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
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def load_settings(settings_file, overrides=None):
    """Read Pelican settings from `settings_file` with `overrides` applied."""
    return read_settings(str(settings_file), override=dict(overrides or {}))


def build_site(settings_file, overrides=None):
    """Build the site; return a BuildReport or raise BuildFailed.

    The previous output is replaced only after a build without errors.
    """
    started = time.monotonic()
    settings = load_settings(settings_file, overrides)
    output = Path(settings["OUTPUT_PATH"])
    output.parent.mkdir(parents=True, exist_ok=True)
    with _swap_lock(output):
        recover(output)
        remove_stale_staging(output.parent)
    staging = Path(
        tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output.parent)
    )
    settings["OUTPUT_PATH"] = str(staging)
    collector = _Collector()
    quiet = _Quiet()
    root = logging.getLogger()
    root.addHandler(collector)
    for handler in root.handlers:
        handler.addFilter(quiet)
    try:
        Pelican(settings).run()
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        problems = getattr(error, "problems", None)
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        raise BuildFailed(
            [str(p) for p in problems] if problems else [*collector.errors, repr(error)]
        ) from error
    finally:
        root.removeHandler(collector)
        for handler in root.handlers:
            handler.removeFilter(quiet)
    if collector.errors:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(collector.errors)
    settings["OUTPUT_PATH"] = str(output)
    swap_into_place(staging, output)
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


def register():
    signals.finalized.connect(forbid_drafts)
