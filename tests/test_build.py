"""Strict, safe builds: errors stop the build, name path:line, and keep output."""

import hashlib
import logging

import pytest

from conftest import FIXTURES, ROOT, build, merged_content
from safe_build import BuildFailed, build_site

BAD = FIXTURES / "backbone" / "bad-content"


def digest(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def good_content(tmp_path):
    return merged_content(tmp_path / "content", ROOT / "content")


def test_every_content_error_is_listed_with_path_and_line(tmp_path, good_content):
    content = merged_content(good_content, BAD)
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", content)
    problems = "\n".join(failure.value.problems)
    assert (
        "press-releases/tanggal-rusak.md:2: Date: '13 Maret 2020' is not a date"
        in problems
    )
    assert "press-releases/adv-tanpa-kunci.md:6: the text ends with '(Adv)'" in problems
    assert (
        "press-releases/tanpa-judul.md:1: required key 'Title' is missing" in problems
    )
    assert (
        "press-releases/tanpa-judul.md:2: OPD 'dinas-tidak-ada' names no file"
        in problems
    )


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path, good_content):
    output = build(tmp_path / "output", good_content)
    before = digest(output)
    merged_content(good_content, BAD)
    with pytest.raises(BuildFailed):
        build(output, good_content, force=True)
    assert digest(output) == before
    # No staging folder is left; "cache" holds the good build's stamp.
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert leftovers == ["cache", "content", "output"]


def test_pelicans_could_not_process_is_fatal(tmp_path, good_content):
    # With our checks off, Pelican itself drops the file and logs an error;
    # plain Pelican would still exit 0.
    merged_content(good_content, BAD)
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", good_content, CONTENT_MODEL_STRICT=False)
    assert any("Could not process" in p for p in failure.value.problems)
    assert not (tmp_path / "output").exists()


def test_the_same_content_builds_byte_identical(tmp_path, good_content):
    first = digest(build(tmp_path / "one", good_content))
    second = digest(build(tmp_path / "two", good_content))
    assert first == second


def test_docutils_localisation_notice_does_not_fail_a_build(
    tmp_path, good_content, caplog
):
    log = logging.getLogger("docutils")
    # Stand-in for the notice Pelican logs on every build with DEFAULT_LANG "id".
    from pelican import signals

    def notice(sender):
        log.error("Docutils has no localization for 'id'. Using 'en' instead.")

    signals.initialized.connect(notice)
    try:
        build(tmp_path / "output", good_content)
    finally:
        signals.initialized.disconnect(notice)


def test_build_site_reports_warnings_without_failing(tmp_path, good_content):
    (good_content / "people" / "dasuki.md").write_text(
        "Title: Dasuki\nRole: Kepala Dinas\nTittle: typo\n", encoding="utf-8"
    )
    report = build_site(
        ROOT / "pelicanconf.py",
        {
            "PATH": str(good_content),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "SITEURL": "https://festival.example.org",
        },
    )
    assert any("unknown key 'Tittle'" in w and "'Title'" in w for w in report.warnings)


def test_a_second_build_in_one_process_logs_its_warnings_again(tmp_path):
    # Pelican drops a warning identical to one logged earlier in the process;
    # each build must still report its own (livereload builds many times).
    warned = []
    for name in ("first", "second"):
        report = build_site(
            ROOT / "pelicanconf.py",
            {
                "OUTPUT_PATH": str(tmp_path / name),
                "CACHE_PATH": str(tmp_path / f"cache-{name}"),
                "IMAGES_CACHE": False,
                # Before the seed's date: it is held, and the build says so.
                "NEWSROOM_NOW": "2000-01-01 00:00",
            },
        )
        warned.append([w for w in report.warnings if "held back" in w])
    assert warned[0] and warned[0] == warned[1]
