"""Search: the /cari/ page, the Pagefind index of the output, and a real search.

The shared test builds index as preview and publish do (conftest); the
development build, which does not, is checked at the end.
"""

import functools
import gzip
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import threading

import pytest

from conftest import (
    AXE_JS,
    ROOT,
    VNU_JAR,
    Site,
    build_overrides,
    free_port,
    require_tool,
    soup_of,
)
from safe_build import BuildFailed, build_site
from search import plugin as search_plugin
from search.plugin import plugin_settings, run_pagefind
from search.stable import decode, encode, filter_list, read_packed, stabilise

SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
SEED_TITLE = "Bontang Smart Festival 2020 Jadi Wadah Sosialisasi Smart City"
# Pages whose article element is indexed: releases, remarks, programs, events.
INDEXED = re.compile(
    r"^/(berita/\d{4}/\d{2}|sambutan|program|agenda|galeri)/(?!halaman/)[^/]+/$"
)


def fragments(output):
    """Return {url: fragment} for every page in a built site's Pagefind index."""
    found = {}
    for path in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        fragment = json.loads(raw[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


def marked_pages(site):
    """URL paths of the built pages that carry data-pagefind-body."""
    urls = set()
    for path in site.page_files():
        if soup_of(path).select_one("[data-pagefind-body]") is not None:
            relative = path.relative_to(site.output).as_posix()
            urls.add("/" + relative.removesuffix("index.html"))
    return urls


def test_search_page_has_a_labelled_form_filters_and_a_plain_archive_link(site):
    page = site.soup("/cari/")
    form = page.select_one("main form[role=search]")
    assert form["action"] == f"{site.url}/cari/" and form["method"] == "get"
    query = form.select_one("input[name=q]")
    assert page.select_one(f"label[for={query['id']}]").get_text() == "Kata kunci"
    kinds = [o["value"] for o in form.select("select[name=jenis] option")]
    assert kinds == ["", "berita", "sambutan", "program", "agenda", "galeri"]
    agencies = [o["value"] for o in form.select("select[name=opd] option")]
    assert "Diskominfo" in agencies
    links = {a["href"] for a in page.select(".bsf-search__fallback a")}
    assert f"{site.url}/arsip/" in links
    assert site.path("/arsip/").exists()
    script = page.select_one("script[type=module]")
    assert script["src"] == f"{site.url}/theme/js/cari.js"
    assert site.path("/theme/js/cari.js").exists()
    assert page.select_one(".bsf-search")["data-bundle"] == f"{site.url}/pagefind/"


def test_the_index_is_in_indonesian(site):
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == len(fragments(site.output))


def test_only_item_bodies_of_the_searchable_kinds_are_indexed(site):
    indexed = set(fragments(site.output))
    assert indexed == marked_pages(site)
    assert SEED_URL in indexed
    assert all(INDEXED.match(url) for url in indexed), sorted(indexed)
    kinds = {url.split("/")[1] for url in indexed}
    assert kinds == {"berita", "sambutan", "program", "agenda", "galeri"}


def test_seed_fragment_has_title_date_filters_and_no_page_chrome(site):
    seed = fragments(site.output)[SEED_URL]
    assert seed["meta"]["title"] == SEED_TITLE
    assert seed["meta"]["date"] == "2020-03-13T00:00:00+08:00"
    assert seed["filters"] == {"kind": ["berita"], "agency": ["Diskominfo"]}
    assert "Relawan TIK" in seed["content"]
    for chrome in ("Menu utama", "Langsung ke isi utama", "Bagikan", "Remah roti"):
        assert chrome not in seed["content"]


def test_each_kind_is_a_filter_value(site):
    found = fragments(site.output)
    by_kind = {}
    for url, fragment in found.items():
        (kind,) = fragment["filters"]["kind"]
        by_kind.setdefault(kind, set()).add(url.split("/")[1])
    assert by_kind == {
        "berita": {"berita"},
        "sambutan": {"sambutan"},
        "program": {"program"},
        "agenda": {"agenda"},
        "galeri": {"galeri"},
    }
    program = found["/program/relawan-tik/"]
    assert program["filters"]["agency"] == ["Diskominfo"]


def test_embargoed_items_never_reach_the_index(seo_site):
    page = seo_site.soup("/berita/2020/03/seo-embargo/")
    assert page.select_one("[data-pagefind-body]") is None
    found = fragments(seo_site.output)
    assert "/berita/2020/03/seo-embargo/" not in found
    assert "/berita/2020/03/seo-dalam-jendela/" in found
    assert not [f for f in found.values() if "zamrudembargo" in f["content"]]


def test_the_index_is_the_same_bytes_on_every_run(site, tmp_path):
    runs = []
    for name in ("one", "two", "three"):
        copy = tmp_path / name
        shutil.copytree(site.output, copy, ignore=shutil.ignore_patterns("pagefind"))
        assert run_pagefind(copy, plugin_settings({})) == []
        runs.append(
            {
                p.relative_to(copy).as_posix(): p.read_bytes()
                for p in sorted((copy / "pagefind").rglob("*"))
                if p.is_file()
            }
        )
    assert runs[0] == runs[1] == runs[2]


def test_stabilised_filters_are_sorted_and_named_by_content(site):
    bundle = site.output / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta_file = bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta"
    filters = filter_list(read_packed(meta_file)[0])
    assert [name for name, _ in filters] == ["agency", "kind"]
    for _, short in filters:
        value, payload = read_packed(bundle / "filter" / f"{short}.pf_filter")
        assert short == f"id_{hashlib.sha1(payload).hexdigest()[:7]}"
        values = [v for v, _ in value[1]]
        assert values == sorted(values)
    before = sorted(p.name for p in bundle.rglob("*"))
    stabilise(bundle)  # a second pass changes nothing
    assert json.loads((bundle / "pagefind-entry.json").read_text()) == entry
    assert sorted(p.name for p in bundle.rglob("*")) == before


@pytest.mark.parametrize(
    "value",
    [
        0,
        23,
        24,
        255,
        256,
        65536,
        2**32,
        -1,
        -500,
        "",
        "Diskominfo",
        "é",
        b"\x00",
        [],
        [1, ["a", [2, 3]]],
        {"a": 1},
        True,
        False,
        None,
    ],
)
def test_cbor_codec_round_trips(value):
    assert decode(encode(value)) == value


def test_a_missing_pagefind_binary_is_reported(tmp_path):
    problems = run_pagefind(tmp_path, plugin_settings({}), tmp_path / "nope")
    assert problems and "Pagefind binary is missing" in problems[0]


@pytest.mark.browser
def test_typing_relawan_finds_the_seed_release(browser, served_site):
    page = browser.new_page()
    try:
        page.goto(f"{served_site.url}/cari/")
        page.wait_for_selector(".bsf-search--ready")
        page.fill("#bsf-search-q", "Relawan")
        page.wait_for_selector(".bsf-search__result")
        results = page.locator(".bsf-search__result")
        links = results.locator(".bsf-search__link")
        titles = links.all_inner_texts()
        assert SEED_TITLE in titles
        seed = results.filter(has_text=SEED_TITLE)
        assert seed.locator("a").first.get_attribute("href") == SEED_URL
        time = seed.locator("time")
        assert time.get_attribute("datetime") == "2020-03-13T00:00:00+08:00"
        assert time.inner_text() == "Jumat, 13 Maret 2020"
        assert seed.locator(".bsf-search__excerpt mark").count() >= 1
        assert "q=Relawan" in page.url
        status = page.locator(".bsf-search__status").inner_text()
        assert "hasil" in status
    finally:
        page.close()


@pytest.mark.browser
def test_the_kind_filter_narrows_results(browser, served_site):
    page = browser.new_page()
    try:
        page.goto(f"{served_site.url}/cari/?q=Relawan&jenis=program")
        page.wait_for_selector(".bsf-search__result")
        hrefs = page.locator(".bsf-search__link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert hrefs and all(h.startswith("/program/") for h in hrefs)
        assert page.locator("#bsf-search-kind").input_value() == "program"
    finally:
        page.close()


# --- Development builds do not index; preview and publish always do -------------


def development_overrides(output):
    """A test build's overrides, leaving SEARCH_INDEX to the settings file."""
    overrides = build_overrides(ROOT / "content", output)
    del overrides["SEARCH_INDEX"]
    return overrides


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory):
    """`invoke build`'s settings (pelicanconf.py); every command run recorded."""
    output = tmp_path_factory.mktemp("search-dev") / "output"
    commands = []
    real_popen = subprocess.Popen

    def recording_popen(args, *rest, **kwargs):
        commands.append([str(part) for part in args])
        return real_popen(args, *rest, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "Popen", recording_popen)
        build_site(ROOT / "pelicanconf.py", development_overrides(output))
    return output, commands


def test_a_development_build_runs_no_pagefind_and_writes_no_index(dev_build):
    output, commands = dev_build
    assert not [c for c in commands if any("pagefind" in part for part in c)]
    assert not (output / "pagefind").exists()
    assert (output / "cari" / "index.html").is_file()


def test_the_development_search_page_says_why_search_is_off(dev_build):
    output, _ = dev_build
    page = soup_of(output / "cari" / "index.html")
    assert page.select_one("main form") is None
    assert page.select_one("script[src$='cari.js']") is None
    notice = " ".join(page.select_one("main .bsf-search__unindexed").get_text().split())
    assert "Pencarian tidak berfungsi di sini" in notice
    assert "invoke preview" in notice and "invoke publish" in notice
    assert "memerlukan JavaScript" not in page.select_one("main").get_text()
    links = {a["href"] for a in page.select(".bsf-search__fallback a")}
    assert "https://festival.example.org/arsip/" in links


@pytest.mark.slow
def test_the_development_search_page_passes_the_nu_html_checker(dev_build):
    require_tool(VNU_JAR, "The Nu HTML checker (npm vnu-jar)")
    output, _ = dev_build
    result = subprocess.run(
        [
            *("java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"),
            str(output / "cari" / "index.html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert [m["message"] for m in messages if m.get("type") == "error"] == []


def serve(folder, port):
    """Serve `folder` on 127.0.0.1:`port` in a thread; return the server."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(folder)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.browser
def test_the_development_search_page_passes_axe(browser, dev_build):
    require_tool(AXE_JS, "axe-core (npm)")
    output, _ = dev_build
    port = free_port()
    # Served as built (its links point to the test SITEURL; axe needs none).
    server = serve(output, port)
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/cari/", wait_until="load")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        assert [v["id"] for v in result["violations"]] == []
    finally:
        page.close()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """`invoke preview`'s settings: publishconf.py at a local address."""
    port = free_port()
    output = tmp_path_factory.mktemp("search-publish") / "output"
    overrides = development_overrides(output)
    overrides["SITEURL"] = f"http://127.0.0.1:{port}"
    build_site(ROOT / "publishconf.py", overrides)
    site = Site(output, overrides["SITEURL"], ROOT / "content")
    server = serve(output, port)
    yield site
    server.shutdown()
    server.server_close()


def test_preview_and_publish_index_every_searchable_page(published):
    indexed = set(fragments(published.output))
    assert SEED_URL in indexed
    assert indexed == marked_pages(published)
    page = published.soup("/cari/")
    assert page.select_one("main form[role=search] input[name=q]")
    assert page.select_one(".bsf-search__unindexed") is None


@pytest.mark.browser
def test_typing_relawan_finds_the_seed_release_in_a_preview(browser, published):
    page = browser.new_page()
    try:
        page.goto(f"{published.url}/cari/?q=Relawan")
        page.wait_for_selector(".bsf-search__result")
        titles = page.locator(".bsf-search__link").all_inner_texts()
        assert SEED_TITLE in titles
    finally:
        page.close()


def test_a_publish_build_fails_when_indexing_fails(tmp_path, monkeypatch):
    missing = tmp_path / "no-pagefind"
    monkeypatch.setattr(search_plugin, "pagefind_executable", lambda: missing)
    output = tmp_path / "output"
    with pytest.raises(BuildFailed) as failure:
        build_site(ROOT / "publishconf.py", development_overrides(output))
    assert any("Pagefind binary is missing" in p for p in failure.value.problems)
    assert not output.exists()
