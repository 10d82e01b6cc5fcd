"""`invoke check` and the build report exactly the same problems.

Both go through content_model.check_content, with every plugin's own checks
(events, quotes) registered; the broken fixtures hold one case of each.
"""

import logging
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, build
from safe_build import BuildFailed

BROKEN = FIXTURES / "broken" / "content"
SHOWN = "tests/fixtures/broken/content"
LOGGED = re.compile(r"^content_model: (?P<place>[^:\n]+:\d+): (?P<message>.+)$", re.S)


def check_lines(*options):
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", SHOWN, *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    return result.returncode, lines[:-1]


def build_lines(tmp_path, caplog, **settings):
    """Build the broken fixtures; return (failure, problems as check prints them)."""
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        with pytest.raises(BuildFailed) as failure:
            build(tmp_path / "output", BROKEN, **settings)
    lines = []
    for record in caplog.records:
        match = LOGGED.match(record.getMessage())
        if match is None:
            continue
        warning = "warning: " if record.levelno < logging.ERROR else ""
        lines.append(f"{match['place']}: {warning}{match['message']}")
    return failure.value, lines


def sanitiser_lines(lines):
    """The lines of what the sanitiser removes from releases (see below)."""
    return [
        line
        for line in lines
        if line.startswith(f"{SHOWN}/press-releases/skrip")
        and re.search(r"\b(?:is|are) removed\b", line)
    ]


def without_sanitiser(lines):
    # The one difference: a build has Pelican's reader report what the
    # sanitiser removes from releases, remarks and pages as it renders them,
    # and a build whose content check fails never reads them; check renders
    # them for the sanitiser up front.
    sanitised = sanitiser_lines(lines)
    assert len(sanitised) == 6, lines
    return [line for line in lines if line not in sanitised]


def test_check_and_the_build_list_the_same_problems(tmp_path, caplog):
    code, checked = check_lines()
    failure, built = build_lines(tmp_path, caplog)
    assert code == 1
    assert built == without_sanitiser(checked)
    checked = built
    # The build stops on exactly the errors that check lists.
    errors = [line for line in checked if ": warning: " not in line]
    assert failure.problems == errors
    assert not (tmp_path / "output").exists()
    # What plugins check is in both: before one code path, check missed these.
    assert any(
        line.startswith(f"{SHOWN}/events/festival.md:1: event slug 'festival'")
        for line in checked
    )
    assert any(
        line.startswith(f"{SHOWN}/press-releases/kutipan-bermasalah.md:8: warning: ")
        and "'Budi Santoso' who is not in content/people/" in line
        for line in checked
    )


def test_strict_mode_makes_every_warning_an_error_in_both(tmp_path, caplog):
    _, plain = check_lines()
    code, checked = check_lines("--strict")
    failure, built = build_lines(tmp_path, caplog, CONTENT_MODEL_STRICT_WARNINGS=True)
    assert code == 1
    assert built == without_sanitiser(checked)
    assert failure.problems == built
    assert checked == [line.replace(": warning: ", ": ", 1) for line in plain]
    assert (
        f"{SHOWN}/press-releases/kutipan-bermasalah.md:10: a quotation mark is "
        "opened in the paragraph starting here and never closed"
    ) in "\n".join(checked)
