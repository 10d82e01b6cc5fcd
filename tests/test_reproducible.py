"""Reproducible builds: the same content gives the same bytes, anywhere, any time.

Two builds in separate processes, from copies of the content in different
folders, into different output folders, a few seconds apart, with a different
hash seed, time zone and locale, and the same SOURCE_DATE_EPOCH: every file is
compared byte for byte.
"""

import difflib
import json
import os
import subprocess
import sys
import textwrap
import time

from conftest import FIXTURES, ROOT, merged_content

BUILD_SCRIPT = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from safe_build import build_site
    build_site(sys.argv[2], json.loads(sys.argv[3]))
    """
)
# 2020-03-16 00:00 WITA: the day after the festival, a fixed "build date".
EPOCH = "1584288000"


def build_in_process(content, output, env):
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        # Build stamps go to CACHE_PATH: never inside the repository.
        "CACHE_PATH": str(output.parent / "cache"),
        "SITEURL": "https://festival.example.org",
        # The index preview and publish write must be reproducible too.
        "SEARCH_INDEX": True,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD_SCRIPT,
            str(ROOT / "plugins"),
            str(ROOT / "pelicanconf.py"),
            json.dumps(overrides),
        ],
        cwd=output.parent,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return output


def files_of(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def describe_difference(name, one, two):
    try:
        a, b = one.decode("utf-8"), two.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(one)} vs {len(two)} bytes)"
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
    return f"{name}:\n" + "\n".join(list(diff)[:12])


def test_two_builds_anywhere_any_time_are_byte_identical(tmp_path):
    sources = (ROOT / "content", FIXTURES / "content", FIXTURES / "hostile" / "content")
    first_content = merged_content(tmp_path / "a" / "content", *sources)
    second_content = merged_content(
        tmp_path / "kedua" / "folder-yang-lebih-panjang" / "content", *sources
    )
    first = build_in_process(
        first_content,
        tmp_path / "a" / "output",
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"},
    )
    time.sleep(1.1)
    second = build_in_process(
        second_content,
        tmp_path / "kedua" / "keluaran" / "output",
        {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C"},
    )
    one, two = files_of(first), files_of(second)
    assert len(one) > 50
    assert sorted(one) == sorted(two)
    different = [name for name in one if one[name] != two[name]]
    report = "\n".join(describe_difference(n, one[n], two[n]) for n in different[:5])
    assert different == [], report
    for name, data in one.items():
        # No absolute path of either build leaked into the output.
        assert str(tmp_path).encode() not in data, name
