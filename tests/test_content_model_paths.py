"""content_model's display paths: what every `path:line` message names."""

import os

import pytest

from content_model.model import PathDisplay, display_path


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A repo folder with content/, a linked folder and a linked file."""
    repo = tmp_path / "repo"
    content = repo / "content"
    (content / "press-releases").mkdir(parents=True)
    (content / "press-releases" / "rilis.md").write_text("Title: A\n")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "remarks").mkdir(parents=True)
    (elsewhere / "remarks" / "sambutan.md").write_text("Title: B\n")
    (elsewhere / "asli.md").write_text("Title: C\n")
    os.symlink(elsewhere / "remarks", content / "remarks")
    os.symlink(elsewhere / "asli.md", content / "press-releases" / "tautan.md")
    monkeypatch.chdir(repo)
    return tmp_path


def test_paths_are_shown_relative_to_the_working_folder(tree):
    path = tree / "repo" / "content" / "press-releases" / "rilis.md"
    assert display_path(path, "content") == "content/press-releases/rilis.md"
    assert display_path(tree / "repo", "content") == "."


def test_else_relative_to_the_folder_holding_the_content(tree, monkeypatch):
    monkeypatch.chdir(tree / "elsewhere")
    root = tree / "repo" / "content"
    path = root / "press-releases" / "rilis.md"
    assert display_path(path, root) == "content/press-releases/rilis.md"


def test_links_are_resolved_and_outside_paths_kept(tree):
    root = tree / "repo" / "content"
    linked = root / "remarks" / "sambutan.md"
    assert display_path(linked, root) == str(linked)
    assert display_path("/nowhere/x.md", root) == "/nowhere/x.md"


@pytest.mark.parametrize(
    "relative",
    [
        "press-releases/rilis.md",
        "press-releases/tautan.md",
        "remarks/sambutan.md",
        "press-releases/missing.md",
        "press-releases/../press-releases/rilis.md",
    ],
)
@pytest.mark.parametrize("root", ["content", "ABS"])
def test_paths_under_the_root_are_shown_as_display_path_shows_them(
    tree, relative, root
):
    root = str(tree / "repo" / "content") if root == "ABS" else root
    path = os.path.join(root, relative)
    shown = PathDisplay(root)
    assert shown.under_root(path, relative) == display_path(path, root)
    assert shown(path) == display_path(path, root)
