"""Atomic builds: a failed or interrupted build leaves the previous output as it was.

Every failure mode ends the same way: bad content, a plugin that raises halfway
through writing, and a build process killed by SIGTERM, SIGINT or SIGKILL while
Pelican is writing files. A successful build replaces the output whole.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT, build, merged_content
from safe_build import BuildFailed, load_settings

# A test plugin: raises, or stalls (so the test can kill the process), when
# Pelican writes its first page; the build is then in the middle of writing.
TRAP_PLUGIN = textwrap.dedent(
    '''
    """Test-only plugin: fail or stall once Pelican has started writing."""

    import os
    import time
    from pathlib import Path

    from pelican import signals


    def mark(marker, path):
        # Written whole, then renamed: the test may read it the moment it exists.
        Path(marker + ".tmp").write_text(path)
        os.replace(marker + ".tmp", marker)


    def trap(path, context):
        settings = context.get("TRAP") or {}
        if settings.get("mode") == "raise":
            raise RuntimeError("trap: a plugin failed while writing " + path)
        if settings.get("mode") == "stall":
            mark(settings["marker"], path)
            time.sleep(60)
        if settings.get("mode") == "wait" and not Path(settings["marker"]).exists():
            mark(settings["marker"], path)
            deadline = time.monotonic() + 60
            while not Path(settings["go"]).exists() and time.monotonic() < deadline:
                time.sleep(0.05)


    def register():
        signals.content_written.connect(trap)
    '''
)
BUILD_SCRIPT = textwrap.dedent(
    """
    import json, signal, sys
    # Ctrl-C as a terminal delivers it, even when the suite was started with
    # SIGINT ignored (a background job of a shell without job control).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.path[:0] = json.loads(sys.argv[1])
    from safe_build import build_site
    build_site(sys.argv[2], json.loads(sys.argv[3]))
    """
)


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def plugin_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plugins")
    (folder / "trap").mkdir()
    (folder / "trap" / "__init__.py").write_text(TRAP_PLUGIN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return merged_content(
        tmp_path_factory.mktemp("atomic") / "content", ROOT / "content"
    )


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, content):
    output = build(tmp_path_factory.mktemp("baseline") / "output", content)
    return output, digest(output)


@pytest.fixture
def previous(tmp_path, baseline):
    """A copy of a good build in tmp_path/site/output, and its digest."""
    output = tmp_path / "site" / "output"
    shutil.copytree(baseline[0], output)
    assert digest(output) == baseline[1]
    return output, baseline[1]


def trap_overrides(plugin_dir, mode, marker=None, go=None):
    plugins = load_settings(ROOT / "pelicanconf.py")["PLUGINS"]
    return {
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(plugin_dir)],
        "PLUGINS": [*plugins, "trap"],
        "TRAP": {"mode": mode, "marker": str(marker or ""), "go": str(go or "")},
    }


def test_bad_content_leaves_the_previous_output_byte_identical(previous, tmp_path):
    output, before = previous
    bad = merged_content(tmp_path / "bad", ROOT / "content")
    (bad / "press-releases" / "rusak.md").write_text(
        "Title: Rusak\nDate: 13 Maret 2020\n\nIsi.\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as failure:
        build(output, bad)
    assert failure.value.problems[0].endswith(
        "press-releases/rusak.md:2: Date: '13 Maret 2020' is not a date; write "
        "YYYY-MM-DD or YYYY-MM-DD HH:MM (WITA unless an offset such as +08:00 is "
        "given)"
    )
    assert digest(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


def test_a_plugin_failing_halfway_leaves_the_previous_output(
    previous, content, plugin_dir
):
    output, before = previous
    with pytest.raises(BuildFailed) as failure:
        build(output, content, **trap_overrides(plugin_dir, "raise"))
    assert any(
        "trap: a plugin failed while writing" in p for p in failure.value.problems
    )
    assert digest(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


def start_stalled_build(output, content, plugin_dir, marker, mode="stall", go=None):
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        # Where conftest's build() keeps stamps: beside the output, not in the repo.
        "CACHE_PATH": str(output.parent / "cache"),
        "SITEURL": "https://festival.example.org",
        # The search index, as conftest's build() writes it for `previous`.
        "SEARCH_INDEX": True,
        **trap_overrides(plugin_dir, mode, marker, go),
    }
    paths = [str(ROOT / "plugins")]
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            BUILD_SCRIPT,
            json.dumps(paths),
            str(ROOT / "pelicanconf.py"),
            json.dumps(overrides),
        ],
        cwd=output.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.05)
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_build_killed_while_writing_leaves_the_previous_output(
    previous, content, plugin_dir, tmp_path, signum
):
    output, before = previous
    marker = tmp_path / "writing"
    process = start_stalled_build(output, content, plugin_dir, marker)
    # (cache/ holds encoded share images, which may be made while pages are.)
    staging = [p for p in output.parent.iterdir() if p.name not in ("output", "cache")]
    # Pelican is writing into a staging folder beside output/, never into it.
    assert len(staging) == 1 and staging[0].name.startswith(".output-")
    assert Path(marker.read_text()).is_relative_to(staging[0])
    os.kill(process.pid, signum)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode != 0
    assert digest(output) == before
    # The next build clears whatever the killed one left and replaces the output.
    build(output, content, force=True)
    assert sorted(p.name for p in output.parent.iterdir()) == ["cache", "output"]
    assert digest(output) == before


def test_a_successful_build_replaces_the_output_whole(previous, content, tmp_path):
    output, before = previous
    (output / "sisa-lama.html").write_text("dari build lama", encoding="utf-8")
    smaller = merged_content(tmp_path / "smaller", content)
    (smaller / "pages" / "tentang.md").unlink()
    build(output, smaller, force=True)
    fresh = build(tmp_path / "fresh" / "output", smaller)
    after = digest(output)
    assert after == digest(fresh)
    assert "sisa-lama.html" not in after
    assert "tentang/index.html" in before and "tentang/index.html" not in after


def test_a_second_build_never_makes_a_running_one_publish_half_a_site(
    previous, content, plugin_dir, tmp_path
):
    output, before = previous
    marker, go = tmp_path / "writing", tmp_path / "go"
    first = start_stalled_build(output, content, plugin_dir, marker, "wait", go)
    try:
        # e.g. `invoke build` while livereload rebuilds; forced, so that it
        # really runs beside the first one.
        build(output, content, force=True)
        assert digest(output) == before
    finally:
        go.write_text("go", encoding="utf-8")
        first.wait(timeout=120)
        first.stderr.close()
    # Whatever the first build did, output/ is a whole site: never a part.
    assert digest(output) == before


# --- The swap itself: os.replace failing, a kill between the two moves, and a
# retired output left behind with no output/ -------------------------------------


def failing_replace(monkeypatch, output, which):
    """Make os.replace fail for the `which` move ("retire" or "swap in")."""
    real = os.replace
    calls = []

    def replace(src, dst, *args, **kwargs):
        src, dst = Path(src), Path(dst)
        if src == output:
            move = "retire"
        elif dst == output:
            move = "put back" if src.name.startswith(".output-retired-") else "swap in"
        else:
            move = None
        calls.append(move)
        if move == which:
            raise OSError(28, "No space left on device (test)")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return calls


@pytest.mark.parametrize("which", ["retire", "swap in"])
def test_a_failing_move_leaves_the_previous_output_and_fails_the_build(
    previous, content, tmp_path, monkeypatch, which
):
    output, before = previous
    changed = merged_content(tmp_path / "changed", content)
    (changed / "pages" / "tentang.md").unlink()
    calls = failing_replace(monkeypatch, output, which)
    with pytest.raises(OSError, match="No space left on device"):
        build(output, changed, force=True)
    moves = {"retire": ["retire"], "swap in": ["retire", "swap in", "put back"]}
    assert [move for move in calls if move] == moves[which]
    # The old site is back in place, whole, under its own name.
    assert digest(output) == before
    retired = list(output.parent.glob(".output-retired-*"))
    assert retired == []
    monkeypatch.undo()
    # The next build, with a working disk, swaps the new site in.
    build(output, changed, force=True)
    after = digest(output)
    assert "tentang/index.html" in before and "tentang/index.html" not in after


KILLING_BUILD = textwrap.dedent(
    """
    import json, os, signal, sys
    from pathlib import Path
    sys.path[:0] = json.loads(sys.argv[1])
    from safe_build import build_site
    output = Path(sys.argv[4])
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        # The old output is retired; die before the new one is moved in.
        if Path(dst) == output:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)

    os.replace = replace
    build_site(sys.argv[2], json.loads(sys.argv[3]), force=True)
    """
)


def kill_between_the_moves(output, content):
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "IMAGES_CACHE": False,
        "CACHE_PATH": str(output.parent / "cache"),
        "SITEURL": "https://festival.example.org",
        # The search index, as conftest's build() writes it for `previous`.
        "SEARCH_INDEX": True,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            KILLING_BUILD,
            json.dumps([str(ROOT / "plugins")]),
            str(ROOT / "pelicanconf.py"),
            json.dumps(overrides),
            str(output),
        ],
        cwd=output.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]


def test_a_build_killed_between_the_two_moves_is_recovered(previous, content, tmp_path):
    output, before = previous
    changed = merged_content(tmp_path / "changed", content)
    (changed / "pages" / "tentang.md").unlink()
    kill_between_the_moves(output, changed)
    # The kill came after the first move: no output/, the old one retired,
    # and the new one still in its staging folder.
    assert not output.exists()
    (retired,) = output.parent.glob(".output-retired-*")
    assert digest(retired) == before
    # A build that fails next puts the old site back (and leaves it alone).
    bad = merged_content(tmp_path / "bad", changed)
    (bad / "press-releases" / "rusak.md").write_text(
        "Title: Rusak\nDate: kemarin\n\nIsi.\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed):
        build(output, bad, force=True)
    assert digest(output) == before
    # A good build finishes the job: the new site, and nothing left beside it.
    build(output, changed, force=True)
    fresh = build(tmp_path / "fresh" / "output", changed)
    assert digest(output) == digest(fresh)
    assert sorted(p.name for p in output.parent.iterdir()) == ["cache", "output"]


def dead_pid():
    """Return the pid of a process that has ended."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)


def test_a_retired_output_with_no_output_folder_is_put_back(
    previous, content, tmp_path
):
    output, before = previous
    # What a build killed mid-swap leaves: the old site retired, no output/.
    retired = output.with_name(f".output-retired-{dead_pid()}-abcd1234")
    os.replace(output, retired)
    bad = merged_content(tmp_path / "bad", content)
    (bad / "press-releases" / "rusak.md").write_text(
        "Title: Rusak\nDate: kemarin\n\nIsi.\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed):
        build(output, bad, force=True)
    # The failed build left the site as it was before the kill: recovered.
    assert digest(output) == before
    assert not retired.exists()
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]
