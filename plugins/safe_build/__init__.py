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


def remove_stale_staging(parent):
    """Delete staging folders that an interrupted build left behind."""
    for stale in Path(parent).glob(f"{STAGING_PREFIX}*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def swap_into_place(staging, output):
    """Replace `output` with `staging`, keeping the old one until the move."""
    output = Path(output)
    retired = None
    if output.exists():
        retired = output.with_name(f"{STAGING_PREFIX}retired-{os.getpid()}")
        os.replace(output, retired)
    os.replace(staging, output)
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
    remove_stale_staging(output.parent)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output.parent))
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
