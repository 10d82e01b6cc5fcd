"""One typed view of an item (content_model/view.py) and named context keys.

Plugins read what the content model and the newsroom decided about an item
from its `ItemView`, never by guessing with `getattr(item, "kind", "release")`,
and they name the keys they share through Pelican's context in
common/context_keys.py, never as string literals.
"""

import ast
import dataclasses
from pathlib import Path

import pytest

from conftest import build, merged_content
from content_model.frontmatter import parse_header
from content_model.view import ItemView, article_view, page_view

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"
# The fields of the view: no plugin reads one off an item with a default.
VIEW_FIELDS = {f.name for f in dataclasses.fields(ItemView)} | {"opd_slugs"}
# Keys Pelican itself puts in the context; ours are in common/context_keys.py.
PELICAN_KEYS = {
    "articles",
    "hidden_articles",
    "categories",
    "generated_content",
    "static_content",
    "localsiteurl",
    "output_file",
    "SITEURL",
}
# Modules another change owns; they keep their literal keys for now.
NOT_SCANNED = {"search/plugin.py"}


def plugin_trees():
    for path in sorted(PLUGINS.rglob("*.py")):
        name = path.relative_to(PLUGINS).as_posix()
        yield name, ast.parse(path.read_text("utf-8"))


def test_no_plugin_guesses_a_view_field_with_a_default():
    guesses = []
    for name, tree in plugin_trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) == 3
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in VIEW_FIELDS
            ):
                guesses.append(f"{name}:{node.lineno}: {node.args[1].value}")
    assert guesses == []


def _context_key(node):
    """Return the string literal `node` uses as a context key, or None."""
    if isinstance(node, ast.Subscript):
        target, key = node.value, node.slice
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("get", "setdefault", "pop")
        and node.args
    ):
        target, key = node.func.value, node.args[0]
    else:
        return None
    while isinstance(target, ast.Attribute) and target.attr != "context":
        target = target.value
    named = target.attr if isinstance(target, ast.Attribute) else None
    if isinstance(target, ast.Name):
        named = target.id
    if named not in ("context", "localcontext"):
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def test_plugins_name_the_context_keys_they_share():
    literal = []
    for name, tree in plugin_trees():
        if name in NOT_SCANNED:
            continue
        for node in ast.walk(tree):
            key = _context_key(node)
            if key is not None and key not in PELICAN_KEYS:
                literal.append(f"{name}:{node.lineno}: {key}")
    assert literal == []


class _Item:
    """An article or page as content_model's `describe` leaves it."""

    def __init__(self, header_text, **attributes):
        self.header = parse_header(header_text)
        self.date_has_time = True
        self.opd_slugs = ["diskominfo"]
        self.agencies = ["<agency diskominfo>"]
        vars(self).update(attributes)


def test_the_view_of_a_page_takes_what_content_model_read():
    page = _Item("Title: Tentang\nOPD: diskominfo\nPrograms: a, b\n\nTeks.\n")
    view = page_view(page)
    assert (view.kind, view.kind_label) == ("page", "Halaman")
    assert view.opd_slugs == ("diskominfo",) and view.programs == ("a", "b")
    assert view.header is page.header and view.date_has_time is True
    assert view.quotes == () and view.withdrawn is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.kind = "release"


def test_the_view_of_remarks_takes_what_the_newsroom_decided():
    remarks = _Item(
        "Title: Sambutan\nLocation: Pendopo\n\nTeks.\n",
        kind="remarks",
        kind_label="Sambutan",
        advertorial=False,
        speaker_id="neni",
        speaker="<person neni>",
        occasion="Pembukaan",
        location="Pendopo",
        quotes=["<quote>"],
        embargo_until=None,
        embargoed=False,
        corrections=["<notice>"],
        withdrawn=None,
    )
    view = article_view(remarks)
    assert (view.kind, view.speaker_id, view.occasion) == (
        "remarks",
        "neni",
        "Pembukaan",
    )
    assert view.location == "Pendopo"
    assert view.quotes == ("<quote>",) and view.corrections == ("<notice>",)


def test_every_built_item_carries_its_view(tmp_path):
    # The real build: every article and page the writer saw has a view that
    # agrees with the loose attributes templates read.
    from pelican import signals

    seen = []

    def look(generators):
        for generator in generators:
            for item in getattr(generator, "articles", []):
                seen.append((item.kind, item.advertorial, item.view))
            for item in getattr(generator, "pages", []):
                seen.append(("page", False, item.view))

    signals.all_generators_finalized.connect(look)
    try:
        content = merged_content(tmp_path / "content", ROOT / "content")
        build(tmp_path / "output", content)
    finally:
        signals.all_generators_finalized.disconnect(look)
    assert {kind for kind, _, _ in seen} == {"release", "remarks", "page"}
    for kind, advertorial, view in seen:
        assert isinstance(view, ItemView)
        assert view.kind == kind
        assert view.advertorial is bool(advertorial)
