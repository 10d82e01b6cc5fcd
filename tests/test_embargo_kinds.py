"""Embargo on every kind with a public URL: pages, agencies, programs, people, events.

A held record or page has no page and is in no list, calendar, feed, sitemap
or search index; once lifted it is everywhere a published one is. A
published item that names a held one is an error saying when it lifts.
"""

import types

import lxml.etree
import pytest

from conftest import (
    ROOT,
    SITEURL,
    assert_one_problem,
    build_overrides,
    every_byte,
    merged_content,
    soup_of,
)
from content_model.kinds import BY_NAME
from newsroom.embargo import leak_report, now_wita, readable_forms
from safe_build import build_site, load_settings

BEFORE = "2098-12-31 08:00"
AFTER = "2099-01-01 08:00"
LIFTS = "Kamis, 1 Januari 2099, pukul 08.00 WITA (2099-01-01T08:00:00+08:00)"
SENTENCE = "Kalimat khas yang panjang ini hanya ada pada berkas {token} saja."
# The kinds that are not articles (those have their own embargo tests), by
# the token that marks each one's text.
TOKENS = {
    "page": "zqxhalaman",
    "agency": "zqxdinas",
    "program": "zqxprogram",
    "person": "zqxtokoh",
    "event": "zqxacara",
}
# kind -> (content file, token, page, listing that links it), from the registry.
KINDS = {
    name: (
        f"{BY_NAME[name].folder}/{token}.md",
        token,
        BY_NAME[name].url_of(token),
        BY_NAME[name].index or None,
    )
    for name, token in TOKENS.items()
}
SEARCHED = tuple(name for name in TOKENS if BY_NAME[name].search)
HEADERS = {
    "page": "",
    "agency": "Acronym: ZQXDINAS\n",
    "program": "OPD: diskominfo\nDimension: governance\n",
    "person": "Role: Kepala Bidang\n",
    "event": "Start: 2020-03-14 09:00\nEnd: 2020-03-14 11:00\nLocation: Bontang\n",
}


def held_file(kind, embargo=AFTER):
    path, token, _page, _listing = KINDS[kind]
    return path, (
        f"Title: Judul {token.title()}\n{HEADERS[kind]}Embargo: {embargo}\n"
        f"Summary: Ringkasan {token} rahasia.\n\n{SENTENCE.format(token=token)}\n"
    )


def write_held(content, kinds=KINDS, embargo=AFTER):
    for kind in kinds:
        path, text = held_file(kind, embargo)
        (content / path).write_text(text, encoding="utf-8")
    return content


def publish(content, output, now):
    return build_site(
        ROOT / "publishconf.py", build_overrides(content, output, NEWSROOM_NOW=now)
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("kinds")
    content = write_held(merged_content(base / "content", ROOT / "content"))
    return types.SimpleNamespace(
        content=content,
        held=publish(content, base / "held" / "output", BEFORE),
        lifted=publish(content, base / "lifted" / "output", AFTER).output,
        settings=load_settings(
            ROOT / "publishconf.py", {"PATH": str(content), "SITEURL": SITEURL}
        ),
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_held_item_of_any_kind_leaves_no_byte(site, kind):
    token = KINDS[kind][1].encode()
    assert (site.held.output / "index.html").is_file()
    leaks = sorted(
        {name for name, data in every_byte(site.held.output) if token in data.lower()}
    )
    assert leaks == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_held_item_of_any_kind_is_logged_with_its_lift(site, kind):
    path = KINDS[kind][0]
    expected = (
        f"newsroom: content/{path}: held back under embargo until {LIFTS}; it is "
        "in no page, listing, feed or index of this build and appears on the "
        "first build after that"
    )
    assert expected in site.held.warnings


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_lifted_item_of_any_kind_has_its_page(site, kind):
    _path, token, page, _listing = KINDS[kind]
    title = soup_of(site.lifted / page / "index.html").select_one("h1").get_text()
    assert token in title.lower()


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if KINDS[k][3]))
def test_a_lifted_item_of_any_kind_is_in_its_listing(site, kind):
    _path, _token, page, listing = KINDS[kind]
    links = {
        a["href"]
        for a in soup_of(site.lifted / listing / "index.html").select("main a")
    }
    assert f"{SITEURL}/{page}" in links


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_lifted_item_of_any_kind_is_in_the_sitemap_and_search(site, kind):
    _path, token, page, _listing = KINDS[kind]
    listed = set()
    sitemaps = sorted(site.lifted.glob("*sitemap*.xml"))
    assert sitemaps
    for path in sitemaps:
        listed |= {loc.text for loc in lxml.etree.parse(str(path)).iter("{*}loc")}
    assert f"{SITEURL}/{page}" in listed
    fragments = sorted((site.lifted / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    indexed = any(
        token.encode() in form.lower()
        for path in fragments
        for form in readable_forms(path)
    )
    # The search plugin indexes programs and events (and the news), not pages,
    # agencies or people.
    assert indexed is (kind in SEARCHED)


def test_a_lifted_event_is_in_the_calendars(site):
    assert (site.lifted / "agenda" / "zqxacara.ics").is_file()
    assert b"Zqxacara" in (site.lifted / "agenda" / "festival.ics").read_bytes()
    assert not (site.held.output / "agenda" / "zqxacara.ics").exists()


def test_the_publish_check_passes_the_held_build(site):
    assert leak_report(site.content, site.held.output, settings=site.settings) == []


def test_the_publish_check_finds_every_kind_in_a_lifted_output(site):
    lines = leak_report(site.content, site.lifted, now_wita(BEFORE), site.settings)
    for kind, (path, token, page, _listing) in KINDS.items():
        expected = (
            f"{page}index.html: shows 'Judul {token.title()}' (content/{path}), "
            "embargoed until 2099-01-01T08:00+08:00"
        )
        assert expected in lines, kind


# --- Published items that name a held one --------------------------------------------


@pytest.fixture
def content(tmp_path):
    return merged_content(tmp_path / "content", ROOT / "content")


RELEASE = "Title: Rilis Terbit\nDate: 2020-03-13 10:00\n{extra}\nIsi rilis.\n\n{body}\n"


@pytest.mark.parametrize(
    ("kind", "file", "text", "line", "message"),
    [
        (
            "agency",
            "press-releases/terbit.md",
            RELEASE.format(extra="OPD: zqxdinas\n", body=""),
            3,
            "OPD 'zqxdinas' names content/agencies/zqxdinas.md, which is under "
            f"embargo until {LIFTS}",
        ),
        (
            "program",
            "press-releases/terbit.md",
            RELEASE.format(extra="Programs: zqxprogram\n", body=""),
            3,
            "Programs 'zqxprogram' names content/programs/zqxprogram.md, which is "
            f"under embargo until {LIFTS}",
        ),
        (
            "agency",
            "programs/terbit.md",
            "Title: Program Terbit\nOPD: zqxdinas\nDimension: living\n\nIsi.\n",
            2,
            "OPD 'zqxdinas' names content/agencies/zqxdinas.md",
        ),
        (
            "person",
            "remarks/terbit.md",
            "Title: Sambutan\nDate: 2020-03-13 10:00\nSpeaker: zqxtokoh\n"
            "Occasion: Pembukaan\n\nIsi sambutan.\n",
            3,
            "Speaker 'zqxtokoh' names content/people/zqxtokoh.md, which is under "
            f"embargo until {LIFTS}",
        ),
        (
            "person",
            "agencies/terbit.md",
            "Title: Dinas Terbit\nAcronym: DT\nHead: zqxtokoh\n\nIsi.\n",
            3,
            "Head 'zqxtokoh' names content/people/zqxtokoh.md",
        ),
        (
            "person",
            "press-releases/terbit.md",
            RELEASE.format(
                extra="", body="“Kami siap melayani warga,” kata Judul Zqxtokoh."
            ),
            6,
            "quote attributed to 'Judul Zqxtokoh' names content/people/zqxtokoh.md, "
            f"which is under embargo until {LIFTS}",
        ),
        (
            "agency",
            "events/terbit.md",
            "Title: Acara Terbit\nStart: 2020-03-14 09:00\nEnd: 2020-03-14 10:00\n"
            "Location: Bontang\nOPD: zqxdinas\n\nIsi.\n",
            5,
            "OPD 'zqxdinas' names content/agencies/zqxdinas.md",
        ),
    ],
)
def test_a_published_item_naming_a_held_record_is_an_error(
    tmp_path, content, kind, file, text, line, message
):
    write_held(content, [kind], embargo="2099-01-01 08:00")
    (content / file).write_text(text, encoding="utf-8")
    assert_one_problem(tmp_path, content, file, line, message)


@pytest.mark.parametrize(
    ("target", "link"),
    [
        ("press-releases/rahasia.md", "{filename}rahasia.md"),
        ("press-releases/rahasia.md", "{filename}/press-releases/rahasia.md"),
        ("pages/zqxhalaman.md", "{filename}../pages/zqxhalaman.md"),
        # The page a held item will have, however its address is written.
        ("press-releases/rahasia.md", "/berita/2020/03/rahasia/"),
        ("pages/zqxhalaman.md", "/zqxhalaman/index.html"),
        ("agencies/zqxdinas.md", "/opd/zqxdinas/"),
        ("programs/zqxprogram.md", "../program/zqxprogram/"),
        ("people/zqxtokoh.md", f"{SITEURL}/tokoh/zqxtokoh/"),
        ("events/zqxacara.md", "/agenda/./zqxacara/#jadwal"),
    ],
)
def test_a_link_to_a_held_item_is_an_error_saying_when_it_lifts(
    tmp_path, content, target, link
):
    (content / "press-releases" / "rahasia.md").write_text(
        "Title: Rahasia\nDate: 2020-03-13 10:00\nEmbargo: 2099-01-01 08:00\n\nIsi.\n",
        encoding="utf-8",
    )
    write_held(content)
    (content / "press-releases" / "terbit.md").write_text(
        RELEASE.format(extra="", body=f"Lihat [rilis lain]({link}) nanti."),
        encoding="utf-8",
    )
    assert_one_problem(
        tmp_path,
        content,
        "press-releases/terbit.md",
        6,
        f"link '{link}' goes to content/{target}, which is under embargo until "
        f"{LIFTS}; remove the link, or give this item an Embargo no earlier than "
        "that",
    )


def test_a_filename_link_from_a_held_item_to_a_held_one_is_fine(tmp_path, content):
    write_held(content, ["page"])
    (content / "press-releases" / "rahasia.md").write_text(
        "Title: Rahasia\nDate: 2020-03-13 10:00\nEmbargo: 2099-01-01 08:00\n\n"
        "Lihat [halaman]({filename}../pages/zqxhalaman.md).\n",
        encoding="utf-8",
    )
    report = publish(content, tmp_path / "output", BEFORE)
    assert not (report.output / "zqxhalaman").exists()
