"""Embargoes: nothing of a held item in any published byte, all of it once lifted."""

import datetime as dt
import gzip
import json
import subprocess
import sys
import types
import zlib

import lxml.etree
import pytest

from conftest import (
    FIXTURES,
    ROOT,
    SITEURL,
    build_overrides,
    every_byte,
    merged_content,
    soup_of,
)
from content_model.dates import WITA
from content_model.frontmatter import parse_header
from newsroom.embargo import (
    EmbargoedItem,
    distinctive_sentences,
    embargoed_items,
    find_leaks,
    held_files,
    html_urls,
    is_held,
    leak_report,
    needles,
    now_wita,
    readable_forms,
    references,
    release_time,
    resolve,
)
from newsroom.plugin import destination
from safe_build import build_site, load_settings

EMBARGO = FIXTURES / "newsroom" / "embargo"
TOKENS = ("zqxrilis7731", "zqxsambutan7731", "zqxtanggal7731")
RELEASE = "berita/2020/03/newsroom-embargo-zqxrilis7731/index.html"
REMARKS = "sambutan/newsroom-sambutan-zqxsambutan7731/index.html"
FUTURE = "berita/2099/02/newsroom-tanggal-depan-zqxtanggal7731/index.html"
LIFTED_NOW = "2100-01-01 00:00"


def write_photo(content):
    """Write the small PNG the held release shows (the images plugin reads it)."""
    from PIL import Image

    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (16, 12), (11, 74, 125)).save(
        content / "images" / "newsroom-zqxrilis7731.png"
    )


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    target = merged_content(
        tmp_path_factory.mktemp("embargo") / "content", ROOT / "content", EMBARGO
    )
    write_photo(target)
    return target


def publish(content, output, cache, layer="generator", load=False, **extra):
    return build_site(
        ROOT / "publishconf.py",
        {
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "SITEURL": SITEURL,
            "CACHE_PATH": str(cache),
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": load,
            "CONTENT_CACHING_LAYER": layer,
            **extra,
        },
    )


@pytest.fixture(scope="module")
def held(content, tmp_path_factory):
    """A published build on the real clock, caching content for `lifted`."""
    base = tmp_path_factory.mktemp("held")
    report = publish(content, base / "output", base / "cache")
    return types.SimpleNamespace(report=report, output=base / "output", cache=base)


@pytest.fixture(scope="module")
def lifted(content, held):
    """The same content rebuilt from `held`'s cache once every embargo is past."""
    assert (held.cache / "cache" / "ArticlesGenerator").exists()
    output = held.cache / "lifted"
    publish(content, output, held.cache / "cache", load=True, NEWSROOM_NOW=LIFTED_NOW)
    return output


# --- A published build while the embargo holds ---------------------------------


def test_held_items_leave_no_byte_in_a_published_build(held):
    leaks = sorted(
        {
            (name, token)
            for name, data in every_byte(held.output)
            for token in TOKENS
            if token.encode() in data.lower()
        }
    )
    assert leaks == []
    assert (held.output / "index.html").exists()


def test_held_items_have_no_page_listing_or_tag(held):
    for page in (RELEASE, REMARKS, FUTURE):
        assert not (held.output / page).exists()
    assert not (held.output / "tag" / "zqxrilis7731-tag").exists()
    assert not (held.output / "arsip" / "2099").exists()
    smart_city = soup_of(held.output / "tag/smart-city/index.html")
    titles = [a.get_text() for a in smart_city.select(".bsf-card__title a")]
    assert titles and not any("Zqx" in t for t in titles)


def test_the_log_names_each_held_item_and_when_it_lifts(held):
    held_back = [w for w in held.report.warnings if "held back under embargo" in w]
    assert sorted(held_back) == sorted(
        [
            "newsroom: content/press-releases/newsroom-embargo-zqxrilis7731.md: "
            "held back under embargo until Kamis, 1 Januari 2099, pukul 08.00 WITA "
            "(2099-01-01T08:00:00+08:00); it is in no page, listing, feed or index "
            "of this build and appears on the first build after that",
            "newsroom: content/remarks/newsroom-sambutan-zqxsambutan7731.md: "
            "held back under embargo until Kamis, 1 Januari 2099, pukul 08.00 WITA "
            "(2099-01-01T08:00:00+08:00); it is in no page, listing, feed or index "
            "of this build and appears on the first build after that",
            "newsroom: content/press-releases/"
            "newsroom-tanggal-depan-zqxtanggal7731.md: held back under embargo "
            "until Minggu, 1 Februari 2099, pukul 09.00 WITA "
            "(2099-02-01T09:00:00+08:00); it is in no page, listing, feed or "
            "index of this build and appears on the first build after that",
        ]
    )


def test_the_publish_check_finds_no_leak_in_a_clean_build(held, content):
    items = embargoed_items(content, now_wita())
    assert sorted(i.path for i in items) == [
        "content/press-releases/newsroom-embargo-zqxrilis7731.md",
        "content/press-releases/newsroom-tanggal-depan-zqxtanggal7731.md",
        "content/remarks/newsroom-sambutan-zqxsambutan7731.md",
    ]
    assert find_leaks(held.output, items) == []


# --- The same content once every embargo is past (cached rebuild) ------------------


def test_lifted_items_are_on_their_pages(lifted):
    release = soup_of(lifted / RELEASE)
    assert "Zqxrilis7731" in release.select_one("h1").get_text()
    assert release.select_one(".bsf-embargo") is None
    remarks = soup_of(lifted / REMARKS)
    assert remarks.select_one(".bsf-remarks__speaker a").get_text() == (
        "Neni Moerniaeni"
    )
    assert (lifted / FUTURE).exists()


@pytest.mark.parametrize(
    ("listing", "page"),
    [
        ("berita/index.html", RELEASE),
        ("arsip/2020/03/index.html", RELEASE),
        ("tag/smart-city/index.html", RELEASE),
        ("tag/zqxrilis7731-tag/index.html", RELEASE),
        ("opd/diskominfo/index.html", RELEASE),
        ("sambutan/index.html", REMARKS),
        ("tokoh/neni-moerniaeni/index.html", REMARKS),
        ("arsip/2099/02/index.html", FUTURE),
    ],
)
def test_lifted_items_are_in_every_listing(lifted, listing, page):
    url = f"{SITEURL}/{page.removesuffix('index.html')}"
    links = [a["href"] for a in soup_of(lifted / listing).select("main a")]
    assert url in links


def test_lifted_quotes_reach_the_people_pages(lifted):
    page = soup_of(lifted / "tokoh/dasuki/index.html")
    quotes = [" ".join(b.get_text().split()) for b in page.select("blockquote")]
    assert "Layanan zqxrilis7731 ini kami siapkan sejak tahun lalu" in quotes


def test_lifted_release_publishes_its_photo(lifted, held):
    def photos(output):
        return [p for p in output.rglob("*zqxrilis7731*") if p.suffix != ".html"]

    assert photos(lifted)
    assert photos(held.output) == []


def test_the_publish_check_finds_every_item_once_lifted(lifted, content):
    items = embargoed_items(content, now_wita())
    leaks = find_leaks(lifted, items)
    assert {item.path for _file, item in leaks} == {item.path for item in items}
    assert (RELEASE, "Rilis Embargo Zqxrilis7731 tentang Peluncuran Aplikasi Baru") in {
        (file, item.title) for file, item in leaks
    }
    # The search index is gzip: the check reads it decompressed.
    assert (lifted / "pagefind").is_dir()
    assert any(file.endswith(".pf_fragment") for file, _item in leaks)


def test_leak_report_names_file_item_and_lift_time(lifted, held, content):
    assert leak_report(content, held.output) == []
    lines = leak_report(content, lifted)
    expected = (
        f"{RELEASE}: shows 'Rilis Embargo Zqxrilis7731 tentang Peluncuran Aplikasi "
        "Baru' (content/press-releases/newsroom-embargo-zqxrilis7731.md), "
        "embargoed until 2099-01-01T08:00+08:00"
    )
    assert expected in lines


def test_cached_and_fresh_builds_agree_once_lifted(lifted, content, tmp_path):
    fresh = build_site(
        ROOT / "publishconf.py",
        {
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "fresh"),
            "SITEURL": SITEURL,
            "CACHE_PATH": str(tmp_path / "cache"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "NEWSROOM_NOW": LIFTED_NOW,
        },
    ).output
    for page in (RELEASE, REMARKS, FUTURE, "berita/index.html", "tag/index.html"):
        assert (fresh / page).read_bytes() == (lifted / page).read_bytes(), page


def test_an_embargo_lifts_on_a_reader_cached_rebuild(content, tmp_path):
    first = publish(content, tmp_path / "one", tmp_path / "cache", layer="reader")
    assert not (first.output / RELEASE).exists()
    again = publish(
        content,
        tmp_path / "two",
        tmp_path / "cache",
        layer="reader",
        load=True,
        NEWSROOM_NOW=LIFTED_NOW,
    )
    assert (again.output / RELEASE).exists()
    assert (again.output / FUTURE).exists()


# --- The development preview ---------------------------------------------------------


@pytest.fixture(scope="module")
def preview(content, tmp_path_factory):
    output = tmp_path_factory.mktemp("preview") / "output"
    return build_site(
        ROOT / "pelicanconf.py",
        build_overrides(content, output, EMBARGO_PREVIEW=True),
    )


def test_preview_shows_held_items_under_a_red_banner(preview):
    page = soup_of(preview.output / RELEASE)
    banner = page.select_one(".bsf-article__header .bsf-embargo")
    text = " ".join(banner.get_text().split())
    assert text.startswith("EMBARGO hingga Kamis, 1 Januari 2099, pukul 08.00 WITA")
    assert banner.select_one("time")["datetime"] == "2099-01-01T08:00:00+08:00"
    future = soup_of(preview.output / FUTURE).select_one(".bsf-embargo time")
    assert future["datetime"] == "2099-02-01T09:00:00+08:00"
    assert any("EMBARGO_PREVIEW is True" in w for w in preview.warnings)


def test_preview_keeps_held_items_out_of_feeds(preview):
    feeds = [p for p in (preview.output / "feeds").rglob("*") if p.is_file()]
    assert {"rss.xml", "atom.xml", "feed.json"} <= {p.name for p in feeds}
    for path in feeds:
        for form in readable_forms(path):
            for token in TOKENS:
                assert token.encode() not in form.lower(), (path, token)


def test_preview_keeps_held_pages_out_of_sitemaps(preview):
    pages = {f"{SITEURL}/{p.removesuffix('index.html')}" for p in (RELEASE, FUTURE)}
    pages.add(f"{SITEURL}/{REMARKS.removesuffix('index.html')}")
    sitemaps = sorted(preview.output.rglob("*sitemap*.xml"))
    assert "sitemap.xml" in {p.name for p in sitemaps}
    listed = set()
    for path in sitemaps:
        listed |= {loc.text for loc in lxml.etree.parse(str(path)).iter("{*}loc")}
    assert listed
    assert not pages & listed


def test_publishconf_never_previews():
    assert load_settings(ROOT / "publishconf.py")["EMBARGO_PREVIEW"] is False
    assert load_settings(ROOT / "pelicanconf.py")["EMBARGO_PREVIEW"] is False


# --- Pure functions ------------------------------------------------------------------


def header(**keys):
    text = "".join(f"{k.title()}: {v}\n" for k, v in keys.items())
    return parse_header(text + "\nTeks.\n")


def moment(text):
    return now_wita(text)


def test_release_time_is_the_later_of_date_and_embargo_in_wita():
    assert release_time(header(date="2020-03-13", embargo="2020-03-13 08:00")) == (
        dt.datetime(2020, 3, 13, 8, 0, tzinfo=WITA)
    )
    assert release_time(header(date="2020-03-13 09:00+07:00")) == dt.datetime(
        2020, 3, 13, 10, 0, tzinfo=WITA
    )
    assert release_time(header(title="x")) is None


@pytest.mark.parametrize(
    ("now", "held"),
    [
        ("2020-03-13 07:59", True),
        ("2020-03-13 08:00", False),
        ("2020-03-13 00:00+00:00", False),  # 08:00 WITA
        ("2020-03-12 23:59:59+00:00", True),
    ],
)
def test_an_embargo_lifts_at_its_moment(now, held):
    item = header(date="2020-03-13", embargo="2020-03-13 08:00")
    assert is_held(item, moment(now)) is held


def test_now_is_the_clock_unless_set():
    before = dt.datetime.now(WITA)
    assert before <= now_wita(None) <= dt.datetime.now(WITA)
    assert now_wita("2020-03-13T08:00") == dt.datetime(2020, 3, 13, 8, tzinfo=WITA)


def stand_in(pelican_status, **keys):
    return types.SimpleNamespace(status=pelican_status, header=header(**keys))


@pytest.mark.parametrize(
    ("keys", "pelican_status", "preview", "expected"),
    [
        ({"date": "2020-03-13"}, "published", False, "published"),
        # Pelican's own clock or a stale cache said draft; the date is past.
        ({"date": "2020-03-13"}, "draft", False, "published"),
        ({"date": "2020-03-13", "embargo": "2099-01-01"}, "published", False, "held"),
        ({"date": "2099-01-01"}, "draft", False, "held"),
        ({"date": "2099-01-01"}, "draft", True, "published"),
        ({"date": "2020-03-13", "status": "draft"}, "draft", False, "draft"),
        ({"date": "2020-03-13", "status": "hidden"}, "hidden", False, "hidden"),
        ({"date": "2099-01-01", "status": "hidden"}, "hidden", False, "held"),
    ],
)
def test_destination_follows_the_header_not_pelicans_status(
    keys, pelican_status, preview, expected
):
    item = stand_in(pelican_status, **keys)
    now = moment("2050-01-01 00:00")
    assert destination(item, now, preview) == expected


def test_embargoed_items_lists_held_files_with_distinctive_texts(tmp_path):
    releases = tmp_path / "press-releases"
    releases.mkdir()
    shared = "Kalimat penutup ini muncul di setiap rilis Diskominfo Bontang."
    (releases / "terbit.md").write_text(
        f"Title: Rilis terbit\nDate: 2020-03-01\n\nIsi rilis yang terbit.\n\n{shared}\n"
    )
    (releases / "tunda.md").write_text(
        "Title: Rilis tertunda yang rahasia\nDate: 2020-03-01\n"
        "Embargo: 2020-03-20 08:00\nSummary: Ringkasan rilis tertunda ini.\n\n"
        "Kalimat pertama ini cukup panjang untuk menjadi penanda yang khas. "
        "Pendek. Kalimat kedua dengan *penekanan* tidak terbaca verbatim di HTML.\n\n"
        f"- Butir daftar yang panjang sekali tidak dipakai sebagai penanda.\n\n"
        f"{shared}\n"
    )
    (releases / "draf.md").write_text(
        "Title: Draf\nDate: 2099-01-01\nStatus: draft\n\nIsi draf.\n"
    )
    (item,) = embargoed_items(tmp_path, moment("2020-03-10 00:00"))
    assert item.path.endswith("press-releases/tunda.md")
    assert item.until == dt.datetime(2020, 3, 20, 8, tzinfo=WITA)
    assert item.texts == (
        "Rilis tertunda yang rahasia",
        "Ringkasan rilis tertunda ini.",
        "Kalimat pertama ini cukup panjang untuk menjadi penanda yang khas.",
    )
    assert embargoed_items(tmp_path, moment("2020-03-20 08:00")) == []


def test_distinctive_sentences_prefer_long_plain_ones():
    body = (
        "Satu kalimat yang panjangnya lebih dari empat puluh huruf di sini.\n"
        "Kalimat yang lebih panjang lagi, dengan koma, juga lebih dari empat puluh.\n\n"
        "Kalimat [bertaut](https://x.example.com) tidak verbatim di keluaran HTML.\n"
    )
    assert distinctive_sentences(body, count=1) == [
        "Kalimat yang lebih panjang lagi, dengan koma, juga lebih dari empat puluh."
    ]


ITEM = EmbargoedItem(
    path="content/press-releases/x.md",
    title="Judul rahasia zqxunit7731",
    until=dt.datetime(2099, 1, 1, tzinfo=WITA),
    texts=("Judul rahasia zqxunit7731", "Kalimat khas “bertanda” zqxunit7731 ini."),
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", b"<h1>Judul rahasia\n   zqxunit7731</h1>"),
        ("feed.json", json.dumps({"t": ITEM.texts[1]}).encode()),
        ("feed.xml.gz", gzip.compress(b"<title>Judul rahasia zqxunit7731</title>")),
        ("data.bin", zlib.compress(ITEM.texts[1].encode())),
        ("pagefind/fragment/x.pf_fragment", gzip.compress(ITEM.texts[0].encode())),
    ],
)
def test_find_leaks_reads_plain_escaped_and_compressed_files(tmp_path, name, data):
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    (tmp_path / "clean.html").write_text("<p>Judul lain</p>")
    assert find_leaks(tmp_path, [ITEM]) == [(name, ITEM)]


def test_needles_cover_html_and_json_escapes():
    forms = needles("Tom & “Jerry”")
    assert b"Tom &amp; \xe2\x80\x9cJerry\xe2\x80\x9d" in forms
    assert b"Tom & \\u201cJerry\\u201d" in forms


def test_find_leaks_reads_a_real_pagefind_index(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<!DOCTYPE html><html lang="id"><head><title>x</title></head><body><main>'
        f"<h1>Judul</h1><p>{ITEM.texts[1]}</p></main></body></html>",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site)],
        capture_output=True,
        check=False,
    )
    # Pagefind is a pinned dependency: failing to run it is a failure.
    assert run.returncode == 0, run.stderr[-2000:]
    (site / "a" / "index.html").unlink()
    files = {file for file, _item in find_leaks(site, [ITEM])}
    assert any(f.endswith(".pf_fragment") for f in files), files


def test_static_files_used_only_by_held_items_are_found():
    held = header(image="images/lead.jpg")
    page = header()
    record = header(image="{static}/images/lead.jpg")
    body = '<p><img src="{static}/images/body.png" alt="x"></p>'
    refs = {
        "press-releases/held.md": references(
            held,
            body + '<a href="{attach}../images/linked.pdf">x</a>'
            '<img src="https://cdn.example.com/x.png" alt="y">',
            "press-releases/held.md",
        ),
        "pages/page.md": references(
            page, '<img src="/images/body.png" alt="z">', "pages/page.md"
        ),
    }
    held_sources = {"press-releases/held.md"}
    assert held_files(refs, held_sources) == {
        "images/lead.jpg": ["press-releases/held.md"],
        "images/linked.pdf": ["press-releases/held.md"],
        "press-releases/images/lead.jpg": ["press-releases/held.md"],
    }
    refs["agencies/a.md"] = references(record, "", "agencies/a.md")
    assert set(held_files(refs, held_sources)) == {
        "images/linked.pdf",
        "press-releases/images/lead.jpg",
    }


def test_resolve_and_html_urls():
    assert resolve("{static}/images/a%20b.jpg") == ("images/a b.jpg",)
    assert resolve("https://x.example.com/a.jpg") == ()
    assert html_urls(
        '<picture><source srcset="/images/a-480.webp 480w, /images/a-800.webp 800w">'
        '<img src="images/a.jpg" alt=""></picture>'
    ) == ["/images/a-480.webp", "/images/a-800.webp", "images/a.jpg"]
