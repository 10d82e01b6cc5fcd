"""The kind registry (content_model/kinds.py): every kind is complete.

A registered kind without a template, a URL, a scaffold or a JSON-LD type
fails here, and so does one whose pages the built site does not carry.
"""

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from content_model import read_model
from content_model.dates import WITA
from content_model.frontmatter import read_header
from content_model.kinds import (
    ARTICLE_FOLDERS,
    BY_NAME,
    FIELD_FORMATS,
    FIELD_TYPES,
    KIND_LIST,
    READERS,
    RESERVED_SEGMENTS,
    editor_fields,
    key_name,
    search_filters,
)
from content_model.scaffold import scaffold
from content_model.validate import item_url

NAMES = [kind.name for kind in KIND_LIST]
TEMPLATES = ROOT / "theme" / "templates"
SETTINGS = {"__file__": str(ROOT / "pelicanconf.py")}
exec((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), SETTINGS)


def test_each_kind_has_one_name_one_folder_and_one_url():
    for attribute in ("name", "folder", "url", "label"):
        values = [getattr(kind, attribute) for kind in KIND_LIST]
        assert len(set(values)) == len(values), attribute


@pytest.mark.parametrize("name", NAMES)
def test_a_kind_has_a_template_a_url_a_scaffold_and_a_jsonld_type(name):
    kind = BY_NAME[name]
    assert (TEMPLATES / f"{kind.template}.html").is_file()
    if kind.written_by == "content_model":
        assert kind.reader == "record" and kind.index
        assert (TEMPLATES / f"{kind.index_template}.html").is_file()
    assert "{slug}" in kind.url and kind.url.endswith("/")
    assert kind.save_as == f"{kind.url}index.html"
    assert kind.scaffold.startswith("Title: {title}\n")
    assert re.fullmatch(r"[A-Z][A-Za-z]+", kind.jsonld)
    assert kind.reader in READERS
    assert kind.label and kind.context_key
    if kind.index:
        assert kind.url.startswith(kind.index)
    if kind.segment:
        assert kind.segment in RESERVED_SEGMENTS


@pytest.mark.parametrize("name", NAMES)
def test_a_kind_declares_typed_fields_for_an_editing_ui(name):
    kind = BY_NAME[name]
    assert kind.required[0] == "title"
    for field in kind.fields:
        assert field.type in FIELD_TYPES, field
        assert field.label and field.hint, field
        assert bool(field.choices) == (field.type == "select"), field
        assert bool(field.target) == (field.type == "relation"), field
        if field.target:
            assert field.target in BY_NAME, field
    shown = editor_fields(kind)
    assert [f["name"] for f in shown] == [*kind.keys, "body"]
    assert {f["widget"] for f in shown} <= set(FIELD_TYPES)


@pytest.mark.parametrize("name", NAMES)
def test_a_kind_declares_what_validation_checks(name):
    kind = BY_NAME[name]
    for field in kind.fields:
        assert field.format in FIELD_FORMATS, field
        assert not field.format or field.type in ("string", "list"), field
        if field.not_before:
            # A date is ordered against another date (when its kind has it).
            assert field.type == "datetime", field
            earlier = kind.field(field.not_before) or BY_NAME["release"].field("date")
            assert earlier.name == field.not_before, field
            assert earlier.type == "datetime", field
        assert not (field.whole_day or field.order_fix) or field.not_before, field
    assert [key for key, _ in kind.references] == [
        f.name for f in kind.fields if f.type == "relation"
    ]


def test_a_key_is_spelt_one_way_in_every_kind():
    # Each Field of one name declares the same spelling (messages use it).
    spellings = {}
    for kind in KIND_LIST:
        for field in kind.fields:
            spellings.setdefault(field.name, set()).add(field.written)
    assert {k: v for k, v in spellings.items() if len(v) > 1} == {}
    assert key_name("opd") == "OPD" and key_name("image_alt") == "Image_Alt"


@pytest.mark.parametrize("name", NAMES)
def test_invoke_new_writes_every_required_key_of_a_kind(tmp_path, name):
    kind = BY_NAME[name]
    now = dt.datetime(2020, 3, 13, 8, 0, tzinfo=WITA)
    path = scaffold(tmp_path, name, "Judul Uji", now)
    assert path == tmp_path / kind.folder / "judul-uji.md"
    header = read_header(path)
    for key in kind.required:
        assert header.line(key), key
    # The scaffold names no key its kind does not take.
    warnings = [p for p in read_model(tmp_path).problems if "unknown key" in p.message]
    assert warnings == []


def test_pelican_settings_agree_with_the_registry():
    dated = [k for k in KIND_LIST if k.reader == "article" and "{date" in k.url]
    assert [k.url for k in dated] == [SETTINGS["ARTICLE_URL"]]
    assert SETTINGS["ARTICLE_SAVE_AS"] == dated[0].save_as
    assert SETTINGS["ARTICLE_PATHS"] == list(ARTICLE_FOLDERS)
    pages = [k for k in KIND_LIST if k.reader == "page"]
    assert [k.url for k in pages] == [SETTINGS["PAGE_URL"]]
    assert SETTINGS["PAGE_SAVE_AS"] == pages[0].save_as
    assert SETTINGS["PAGE_PATHS"] == [k.folder for k in pages]
    for folder in ARTICLE_FOLDERS:
        assert re.match(SETTINGS["PATH_METADATA"], f"{folder}/x.md"), folder


def first_item(site, kind):
    """Return (slug, header) of the first plain item of `kind` in the build."""
    for path in sorted((Path(site.content) / kind.folder).glob("*.md")):
        header = read_header(path)
        if header.get("advertorial") or header.get("embargo"):
            continue
        if kind.name == "page" and path.stem in ("tentang", "kontak-media"):
            continue  # the about and contact pages have JSON-LD subtypes
        return path.stem, header
    raise AssertionError(f"no {kind.name} in {site.content}")


def graph_types(soup):
    script = soup.find("script", type="application/ld+json")
    assert script is not None
    return [node["@type"] for node in json.loads(script.string)["@graph"]]


@pytest.mark.parametrize("name", NAMES)
def test_the_site_publishes_each_kind_at_its_url_as_its_jsonld_type(site, name):
    kind = BY_NAME[name]
    slug, header = first_item(site, kind)
    url = item_url(kind.folder, slug, header)
    page = site.path(url)
    assert page.is_file(), url
    soup = site.soup(url)
    assert kind.jsonld in graph_types(soup)
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert (f"<loc>{site.url}/{url}</loc>" in sitemap) == kind.sitemap
    if kind.index:
        assert site.path(kind.index).is_file(), kind.index
    if kind.search:
        filters = [
            tag["data-pagefind-filter"]
            for tag in soup.find_all(attrs={"data-pagefind-filter": True})
        ]
        assert f"kind:{kind.segment}" in filters


def test_the_search_page_filters_by_every_searchable_kind(site):
    soup = site.soup("cari/")
    options = [
        (o["value"], o.get_text()) for o in soup.select("#bsf-search-kind option")
    ]
    assert [v for v, _ in options if v] == [v for v, _ in search_filters()]
    assert [v for v, _ in search_filters()] == [
        k.segment for k in KIND_LIST if k.search
    ]


def test_pelicanconf_takes_the_kinds_urls_from_the_registry(tmp_path):
    # Pelican reads the settings before it puts PLUGIN_PATHS on sys.path:
    # the first read must find the registry on its own. The second read sees
    # a changed registry.
    code = """if True:
        import dataclasses, sys
        from pelican.settings import read_settings
        first = read_settings(sys.argv[1])
        from content_model import kinds
        kinds.KIND_LIST = tuple(
            dataclasses.replace(k, url="warta/{date:%Y}/{slug}/", folder="warta")
            if k.name == "release" else k
            for k in kinds.KIND_LIST
        )
        second = read_settings(sys.argv[1])
        for s in (first, second):
            print(s["ARTICLE_URL"], s["ARTICLE_SAVE_AS"], s["ARTICLE_PATHS"][0])
        print(second["PATH_METADATA"])
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "pelicanconf.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second, pattern = done.stdout.splitlines()
    release = BY_NAME["release"]
    assert first.split() == [release.url, release.save_as, release.folder]
    assert second.split() == [
        "warta/{date:%Y}/{slug}/",
        "warta/{date:%Y}/{slug}/index.html",
        "warta",
    ]
    assert re.match(pattern, "warta/x.md")
