"""No symbolic link under content/, the theme or a plugin folder is followed.

Each test builds a real site in a tmp folder with a link planted, and checks
that the build fails naming the link, that the previous output is left as it
was, and that no byte of what the link points at reaches any output.
"""

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, merged_content
from content_model import read_model
from images import plugin
from pelican import signals
from safe_build import BuildFailed

SECRET = "RAHASIA-MESIN-BUILD-7f3a9c"
LINK_WORDS = "is a symbolic link, which the build does not follow"


def snapshot(folder):
    """Return {relative path: bytes} of every file under `folder`."""
    folder = Path(folder)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def every_output_byte(tmp_path):
    """Return the bytes of every file a build may have written under tmp_path."""
    found = b""
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file() and not path.is_symlink() and "outside" not in path.parts:
            if "content" in path.relative_to(tmp_path).parts[:1]:
                continue
            found += path.read_bytes()
    return found


@pytest.fixture
def outside(tmp_path):
    """A folder outside the content folder holding a secret and a photo."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "passwd").write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    (folder / "rahasia.md").write_text(
        "Title: Rahasia\nDate: 2020-03-14 10:00\nSummary: bocor\n\n"
        f"Isi rahasia {SECRET}.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def good(tmp_path):
    """The seed content, built once: (content folder, output, its snapshot)."""
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "images").mkdir(exist_ok=True)
    output = build(tmp_path / "output", content)
    return content, output, snapshot(output)


def failed_build(output, content, **overrides):
    with pytest.raises(BuildFailed) as failure:
        build(output, content, force=True, **overrides)
    return failure.value.problems


def assert_refused(problems, shown, output, before, tmp_path):
    """The build named the link, left the output alone and leaked nothing."""
    named = [p for p in problems if f"{shown}:1: " in p and LINK_WORDS in p]
    assert named, problems
    assert snapshot(output) == before
    assert SECRET.encode() not in every_output_byte(tmp_path)
    assert not any(SECRET in p for p in problems)


def test_a_linked_folder_in_images_pointing_at_etc_fails_the_build(tmp_path, good):
    content, output, before = good
    (content / "images" / "etc").symlink_to("/etc")
    problems = failed_build(output, content)
    assert_refused(problems, "content/images/etc", output, before, tmp_path)
    passwd = Path("/etc/passwd").read_bytes().splitlines()[0]
    assert passwd not in every_output_byte(tmp_path)


def test_a_linked_folder_pointing_outside_is_never_copied(tmp_path, good, outside):
    content, output, before = good
    (content / "images" / "luar").symlink_to(outside)
    problems = failed_build(output, content)
    assert_refused(problems, "content/images/luar", output, before, tmp_path)


def test_a_linked_markdown_file_outside_the_repository_is_not_read(
    tmp_path, good, outside
):
    content, output, before = good
    link = content / "press-releases" / "rahasia.md"
    link.symlink_to(outside / "rahasia.md")
    problems = failed_build(output, content)
    assert_refused(
        problems, "content/press-releases/rahasia.md", output, before, tmp_path
    )


def test_a_linked_image_file_fails_the_build(tmp_path, good, outside):
    content, output, before = good
    (content / "images" / "foto.jpg").symlink_to(outside / "passwd")
    problems = failed_build(output, content)
    assert_refused(problems, "content/images/foto.jpg", output, before, tmp_path)


def test_a_linked_content_folder_fails_the_build(tmp_path, good, outside):
    content, output, before = good
    shutil.rmtree(content / "remarks")
    (content / "remarks").symlink_to(outside)
    problems = failed_build(output, content)
    assert_refused(problems, "content/remarks", output, before, tmp_path)


def test_a_link_fails_the_build_even_when_content_checks_are_not_strict(
    tmp_path, good, outside
):
    content, output, before = good
    (content / "images" / "luar").symlink_to(outside)
    (content / "press-releases" / "rahasia.md").symlink_to(outside / "rahasia.md")
    read = []

    def note(item):
        read.append(str(item.source_path))

    # Every file Pelican reads becomes a content object (pages, statics).
    signals.content_object_init.connect(note)
    try:
        problems = failed_build(output, content, CONTENT_MODEL_STRICT=False)
    finally:
        signals.content_object_init.disconnect(note)
    for shown in ("content/images/luar", "content/press-releases/rahasia.md"):
        assert_refused(problems, shown, output, before, tmp_path)
    assert not read


def test_a_link_in_the_theme_static_folder_fails_the_build(tmp_path, good, outside):
    content, output, before = good
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "static" / "css" / "bocor.css").symlink_to(outside / "passwd")
    problems = failed_build(output, content, THEME=str(theme))
    assert_refused(problems, "theme/static/css/bocor.css", output, before, tmp_path)


def test_a_link_in_a_plugin_folder_fails_the_build(tmp_path, good, outside):
    content, output, before = good
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "bocor.py").symlink_to(outside / "passwd")
    problems = failed_build(
        output, content, PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugins)]
    )
    assert_refused(problems, "plugins/bocor.py", output, before, tmp_path)


def test_every_link_is_named(tmp_path, outside):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "images").mkdir()
    (content / "images" / "a").symlink_to(outside)
    (content / "extra" / "b.ico").symlink_to(outside / "passwd")
    (content / "pages" / "c.md").symlink_to(outside / "rahasia.md")
    problems = failed_build(tmp_path / "output", content)
    for shown in ("images/a", "extra/b.ico", "pages/c.md"):
        assert any(f"content/{shown}:1: " in p and LINK_WORDS in p for p in problems)
    assert not (tmp_path / "output").exists()


def test_invoke_check_names_a_link_without_reading_it(tmp_path, outside):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "pages" / "rahasia.md").symlink_to(outside / "rahasia.md")
    (content / "images").mkdir()
    (content / "images" / "etc").symlink_to("/etc")
    model = read_model(content)
    shown = {(p.path, p.line) for p in model.errors if LINK_WORDS in p.message}
    assert shown == {
        (f"{content.name}/pages/rahasia.md", 1),
        (f"{content.name}/images/etc", 1),
    }
    assert "rahasia" not in model.headers
    assert not any(SECRET in str(p) for p in model.problems)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "images/etc:1: is a symbolic link" in result.stdout
    assert SECRET not in result.stdout + result.stderr


def test_the_images_plugin_never_copies_a_refused_static_file(tmp_path, outside):
    # Behind the content checks: what Pelican lists as a static file (a
    # folder of STATIC_PATHS, a file a {static} link names) is checked again.
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "foto.jpg").symlink_to(outside / "passwd")
    (content / "images" / "luar").symlink_to(outside)
    (content / "images" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    refused = {
        "images/foto.jpg": LINK_WORDS,
        "images/luar/passwd": LINK_WORDS,
        "images/logo.svg": "'.svg' files are not published",
        "../outside/passwd": "is outside the content folder",
    }
    for rel, words in refused.items():
        problem = plugin.static_problem(content, rel)
        assert problem is not None and words in problem, rel


def test_a_link_to_an_endless_file_fails_at_once(tmp_path, good):
    # Nothing reads a link's target, not even the build stamp's digest: a
    # link to /dev/zero would otherwise be read until memory runs out.
    content, output, before = good
    (content / "images" / "foto.jpg").symlink_to("/dev/zero")
    (content / "images" / "akar").symlink_to("/")

    def too_slow(signum, frame):
        raise TimeoutError("the build read through a link")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(60)
    try:
        problems = failed_build(output, content)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    for shown in ("content/images/foto.jpg", "content/images/akar"):
        assert_refused(problems, shown, output, before, tmp_path)
