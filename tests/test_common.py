"""The shared helpers in plugins/common: one implementation each."""

import os
from pathlib import Path

import pytest
from PIL import Image

from common.files import atomic_write
from common.images import image_size
from common.urls import absolute_url

SITE = "https://festival.example.org"


@pytest.mark.parametrize(
    ("siteurl", "url", "expected"),
    [
        (SITE, "berita/x/", f"{SITE}/berita/x/"),
        (f"{SITE}/", "/theme/a.png", f"{SITE}/theme/a.png"),
        (SITE, "https://other.example/a", "https://other.example/a"),
        (SITE, "mailto:humas@example.org", "mailto:humas@example.org"),
        (SITE, "", ""),
        (SITE, None, ""),
        ("", "agenda/x/", "/agenda/x/"),
        (f"{SITE}/sub", "a/?q=1#f", f"{SITE}/sub/a/?q=1#f"),
    ],
)
def test_absolute_url(siteurl, url, expected):
    assert absolute_url(siteurl, url) == expected


def test_image_size_reads_a_picture(tmp_path):
    path = tmp_path / "a.png"
    Image.new("RGB", (30, 20)).save(path)
    assert image_size(path) == (30, 20)


@pytest.mark.parametrize("content", [b"not a picture", None])
def test_image_size_is_none_when_unreadable(tmp_path, content):
    path = tmp_path / "a.png"
    if content is not None:  # None: the file does not exist
        path.write_bytes(content)
    assert image_size(path) is None


def test_atomic_write_creates_folder_and_replaces(tmp_path):
    target = tmp_path / "deep" / "cache.bin"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    atomic_write(target, "dua ✓")
    assert target.read_text(encoding="utf-8") == "dua ✓"
    assert sorted(p.name for p in target.parent.iterdir()) == ["cache.bin"]


def test_atomic_write_failure_keeps_old_file_and_leaves_no_temporary(
    tmp_path, monkeypatch
):
    target = tmp_path / "state.json"
    target.write_text("old")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_atomic_write_temporary_is_hidden_beside_the_target(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(source, destination):
        seen.append(Path(source))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / "stamp.json", "{}")
    assert len(seen) == 1
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".stamp.json.")
    assert seen[0].name.endswith(".tmp")


def test_no_plugin_keeps_its_own_copy():
    """The helpers live in plugins/common only."""
    plugins = Path(__file__).resolve().parents[1] / "plugins"
    copies = []
    for path in plugins.rglob("*.py"):
        if path.parent.name == "common":
            continue
        text = path.read_text(encoding="utf-8")
        for name in ("def absolute_url(", "def image_size(", "tempfile.mkstemp("):
            if name in text:
                copies.append(f"{path.relative_to(plugins)}: {name}")
    assert copies == []
