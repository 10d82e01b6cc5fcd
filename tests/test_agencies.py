"""Agencies (OPD) and Smart City programs: pages, grouping, links and errors."""

import re
from types import SimpleNamespace

import pytest

from agencies.plugin import (
    DIMENSION_TEXT,
    items_by_program,
    programs_by_dimension,
    sorted_programs,
)
from conftest import AXE_JS, FIXTURES, assert_one_problem, build, require_tool, soup_of
from content_model import DIMENSIONS
from content_model.frontmatter import parse_header
from content_model.model import Record
from content_model.view import ItemView, header_facts

SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
CASES = FIXTURES / "agencies"


def program(slug, dimension, title=None):
    return Record(
        kind="program",
        slug=slug,
        source_path=f"content/programs/{slug}.md",
        meta={"title": title or slug.title(), "dimension": dimension},
        lines={},
    )


def article(title, day, programs=None):
    text = f"Title: {title}\n" + (f"Programs: {programs}\n" if programs else "")
    item = SimpleNamespace(
        header=parse_header(text), date_has_time=False, opd_slugs=[], agencies=[]
    )
    view = ItemView("release", **header_facts(item))
    return SimpleNamespace(title=title, date=day, view=view)


def text(tag):
    return re.sub(r"\s+", " ", tag.get_text()).strip()


# --- pure functions -----------------------------------------------------------


def test_programs_group_under_dimensions_in_national_order():
    programs = [
        program("sampah", "environment"),
        program("cc", "governance", "Command Center"),
        program("rtik", "Society", "Relawan TIK"),
        program("aduan", "governance", "Aduan Warga"),
    ]
    groups = programs_by_dimension(programs)
    assert [g["slug"] for g in groups] == ["governance", "society", "environment"]
    assert [p.slug for p in groups[0]["programs"]] == ["aduan", "cc"]
    assert groups[1]["label"] == "Smart Society"


def test_every_dimension_is_kept_when_asked_even_empty():
    groups = programs_by_dimension([program("cc", "governance")], keep_empty=True)
    assert [g["slug"] for g in groups] == list(DIMENSIONS)
    assert [len(g["programs"]) for g in groups] == [1, 0, 0, 0, 0, 0]


def test_each_dimension_is_explained_in_one_indonesian_sentence():
    assert set(DIMENSION_TEXT) == set(DIMENSIONS)
    for slug, sentence in DIMENSION_TEXT.items():
        assert sentence.startswith(DIMENSIONS[slug]), slug
        assert sentence.endswith(".") and sentence.count(". ") == 0, slug


def test_programs_sort_by_dimension_then_title():
    programs = [program("b", "society", "B"), program("a", "economy", "Z")]
    assert [p.slug for p in sorted_programs(programs)] == ["a", "b"]


def test_releases_link_to_the_programs_they_name_newest_first():
    older = article("Lama", 1, "cc, rtik")
    newer = article("Baru", 2, "cc")
    other = article("Lain", 3)
    linked = items_by_program([older, other, newer], ["cc", "rtik", "sampah"])
    assert [a.title for a in linked["cc"]] == ["Baru", "Lama"]
    assert [a.title for a in linked["rtik"]] == ["Lama"]
    assert linked["sampah"] == []


# --- the built site -------------------------------------------------------------


def test_agency_index_shows_acronym_head_and_number_of_programs(site):
    items = site.soup("/opd/").select(".bsf-agencies__item")
    diskominfo = next(
        i for i in items if i.select_one("abbr").get_text() == "Diskominfo"
    )
    assert diskominfo.select_one("a")["href"] == f"{site.url}/opd/diskominfo/"
    meta = text(diskominfo.select_one(".bsf-agencies__meta"))
    assert "Kepala: Dasuki" in meta
    assert text(diskominfo.select_one(".bsf-agencies__count")) == "2 program Smart City"


def test_agency_page_groups_its_programs_by_dimension(site):
    section = site.soup("/opd/diskominfo/").select_one(".bsf-agency__programs")
    groups = [
        (text(h3), [a.get_text() for a in h3.find_next_sibling("ul").select("a")])
        for h3 in section.select("h3")
    ]
    assert groups == [
        ("Smart Governance", ["Command Center"]),
        ("Smart Society", ["Relawan TIK (RTIK)"]),
    ]
    links = [a["href"] for a in section.select("ul a")]
    assert links == [
        f"{site.url}/program/command-center/",
        f"{site.url}/program/relawan-tik/",
    ]


def test_agency_head_links_to_their_person_page_when_there_is_one(site):
    facts = site.soup("/opd/diskominfo/").select_one(".bsf-facts")
    head = facts.find("dt", string="Kepala").find_next_sibling("dd")
    assert text(head) == "Dasuki, Kepala Dinas Komunikasi dan Informatika"
    # content/people/dasuki.md is built: a missing page is a failure, never a
    # reason to check something weaker.
    assert site.path("/tokoh/dasuki/").is_file()
    assert head.select_one("a")["href"] == f"{site.url}/tokoh/dasuki/"


def test_agency_page_lists_its_events(site):
    section = site.soup("/opd/diskominfo/").select_one(".bsf-agency__events")
    titles = [a.get_text() for a in section.select("a")]
    assert "Pengukuhan Relawan TIK (RTIK)" in titles
    assert "Lomba Aplikasi" in titles
    # The exhibition names no agency, so Diskominfo does not list it.
    assert "Pameran Program Smart di Stand OPD" not in titles


def test_program_index_groups_six_dimensions_with_in_page_links(site):
    page = site.soup("/program/")
    nav = page.select_one("nav[aria-label='Dimensi Smart City']")
    targets = [a["href"] for a in nav.select("a")]
    assert targets == [f"#dimensi-{slug}" for slug in DIMENSIONS]
    for slug, label in DIMENSIONS.items():
        group = page.select_one(f"#dimensi-{slug}")
        assert group["tabindex"] == "-1", slug
        assert text(group.select_one("h2")) == label
        about = group.select(".bsf-programs__about")
        assert [p.get_text() for p in about] == [DIMENSION_TEXT[slug]]
        assert group.select_one(".bsf-programs__top a")["href"] == "#dimensi"
    assert page.select_one("#dimensi").name == "nav"


def test_seed_programs_sit_in_their_dimensions(site):
    page = site.soup("/program/")
    placed = {
        slug: [a.get_text() for a in page.select(f"#dimensi-{slug} h3 a")]
        for slug in DIMENSIONS
    }
    assert placed["governance"] == ["Command Center"]
    assert placed["society"] == ["Relawan TIK (RTIK)"]
    assert sum(len(titles) for titles in placed.values()) == 2


@pytest.mark.parametrize(
    "slug, dimension",
    [("command-center", "governance"), ("relawan-tik", "society")],
)
def test_program_page_names_agency_dimension_and_releases(site, slug, dimension):
    page = site.soup(f"/program/{slug}/")
    facts = page.select_one(".bsf-facts")
    agency = facts.find("dt", string="OPD").find_next_sibling("dd").select_one("a")
    assert agency["href"] == f"{site.url}/opd/diskominfo/"
    dim = facts.find("dt", string="Dimensi").find_next_sibling("dd").select_one("a")
    assert text(dim) == DIMENSIONS[dimension]
    assert dim["href"] == f"{site.url}/program/#dimensi-{dimension}"
    releases = [a["href"] for a in page.select(".bsf-card__title a")]
    assert releases == [f"{site.url}{SEED_URL}"]


def test_command_center_says_what_the_seed_says(site):
    page = site.soup("/program/command-center/")
    facts = page.select_one(".bsf-facts")
    assert text(facts.find("dt", string="Dimulai").find_next_sibling("dd")) == "2016"
    prose = text(page.select_one(".bsf-prose"))
    assert "2016" in prose and "Rp 200 juta" in prose
    assert "aplikasi sendiri" in prose


# --- a small site with every optional key ---------------------------------------


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    output = tmp_path_factory.mktemp("agencies") / "output"
    return build(output, CASES / "lengkap")


def test_agency_page_shows_every_contact_field_present(complete):
    page = soup_of(complete / "opd" / "dinas-uji" / "index.html")
    facts = page.select_one(".bsf-facts")
    shown = {text(dt): dt.find_next_sibling("dd") for dt in facts.select("dt")}
    assert list(shown) == [
        "Kepala",
        "Alamat",
        "Situs web",
        "Email",
        "Telepon",
        "Stand di festival",
    ]
    assert shown["Email"].a["href"] == "mailto:humas@dinas-uji.example.org"
    assert shown["Telepon"].a["href"] == "tel:0548123456"
    assert text(shown["Stand di festival"]) == "Stand nomor 3, halaman parkir"
    bare = soup_of(complete / "opd" / "badan-tanpa-program" / "index.html")
    assert [text(dt) for dt in bare.select(".bsf-facts dt")] == []
    assert text(bare.select_one(".bsf-agency__programs .bsf-empty")).startswith(
        "Belum ada program"
    )


def test_agency_index_counts_programs_of_each_agency(complete):
    page = soup_of(complete / "opd" / "index.html")
    counts = {
        item.select_one("abbr").get_text(): text(
            item.select_one(".bsf-agencies__count")
        )
        for item in page.select(".bsf-agencies__item")
    }
    assert counts == {"BTP": "belum ada program", "DUK": "2 program Smart City"}


def test_program_page_shows_status_launch_and_links(complete):
    page = soup_of(complete / "program" / "program-lengkap" / "index.html")
    facts = page.select_one(".bsf-facts")
    shown = {text(dt): dt.find_next_sibling("dd") for dt in facts.select("dt")}
    assert text(shown["Dimensi"]) == "Smart Environment"
    assert shown["Dimensi"].a["href"].endswith("/program/#dimensi-environment")
    assert text(shown["Status"]) == "Berjalan"
    assert text(shown["Dimulai"]) == "2019"
    assert shown["Situs web"].a["href"] == "https://program-uji.example.org/"
    assert text(shown["Aplikasi"]) == "Aplikasi Uji"
    titles = [a.get_text() for a in page.select(".bsf-card__title a")]
    assert titles == ["Rilis yang menyebut dua program"]


def test_program_image_is_shown_with_its_alt_and_caption(complete):
    page = soup_of(complete / "program" / "program-lengkap" / "index.html")
    figure = page.select_one(".bsf-program figure")
    img = figure.select_one("img")
    assert img["alt"] == "Bidang hijau polos sebagai gambar uji"
    assert (complete / img["src"].split("festival.example.org/", 1)[1]).is_file()
    caption = figure.select_one("figcaption")
    # The office's own photo is credited to the site's copyright holder.
    assert text(caption) == "Gambar uji program. Foto: Diskominfo Kota Bontang"
    assert text(caption.select_one(".bsf-figure__credit")) == (
        "Foto: Diskominfo Kota Bontang"
    )


def test_releases_appear_on_each_program_and_agency_they_name(complete):
    second = soup_of(complete / "program" / "program-kedua" / "index.html")
    assert [a.get_text() for a in second.select(".bsf-card__title a")] == [
        "Rilis yang menyebut dua program"
    ]
    other = soup_of(complete / "opd" / "badan-tanpa-program" / "index.html")
    assert [a.get_text() for a in other.select(".bsf-card__title a")] == [
        "Rilis tanpa program"
    ]


# --- content errors fail the build with path:line ---------------------------------


@pytest.mark.parametrize(
    "case, path, line, message",
    [
        (
            "program-opd-tidak-dikenal",
            "programs/program-uji.md",
            2,
            "OPD 'dinas-salah' names no file in content/agencies/",
        ),
        (
            "rilis-program-tidak-dikenal",
            "press-releases/rilis-uji.md",
            3,
            "Programs 'program-salah' names no file in content/programs/",
        ),
        (
            "dimensi-salah",
            "programs/program-uji.md",
            3,
            "Dimension 'smart-city' is not a Smart City dimension",
        ),
        (
            "tanpa-akronim",
            "agencies/dinas-uji.md",
            1,
            "required key 'Acronym' is missing",
        ),
        (
            "slug-ganda",
            "programs/program-satu.md",
            4,
            "program slug 'program-sama' is used by",
        ),
        (
            "kepala-tidak-dikenal",
            "agencies/dinas-uji.md",
            3,
            "Head 'orang-salah' names no file in content/people/",
        ),
    ],
)
def test_bad_agency_or_program_content_fails_with_path_and_line(
    tmp_path, case, path, line, message
):
    assert_one_problem(tmp_path, CASES / case, path, line, message)


# --- the browser: in-page links move focus ------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("slug", ["society", "environment"])
def test_dimension_links_move_focus_to_their_group(browser, served_site, slug):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{served_site.url}/program/", wait_until="load")
        label = DIMENSIONS[slug]
        page.locator("nav[aria-label='Dimensi Smart City']").get_by_role(
            "link", name=label
        ).click()
        assert page.evaluate("document.activeElement.id") == f"dimensi-{slug}"
        page.locator(f"#dimensi-{slug} .bsf-programs__top a").click()
        assert page.evaluate("document.activeElement.id") == "dimensi"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/opd/", "/program/", "/program/command-center/"])
def test_agency_and_program_pages_pass_axe(browser, served_site, path):
    require_tool(AXE_JS, "axe-core (npm)")
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site.url + path, wait_until="load")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        assert [v["id"] for v in result["violations"]] == []
    finally:
        context.close()


def test_text_from_agency_program_and_event_files_is_escaped(complete):
    title = 'Program Kedua <b>&amp; "Uji"</b>'
    page = soup_of(complete / "program" / "program-kedua" / "index.html")
    assert page.h1.get_text() == title and page.h1.find("b") is None
    crumb = page.select(".bsf-breadcrumbs a")[-1]
    assert crumb.get_text() == title and crumb.find("b") is None
    assert page.title.get_text().startswith(title)
    index = soup_of(complete / "program" / "index.html")
    names = [a.get_text() for a in index.select("#dimensi-living h3 a")]
    assert names == [title]
    event = soup_of(complete / "agenda" / "agenda-uji" / "index.html")
    place = event.select_one(".bsf-event__place")
    assert place.get_text() == "Ruang <i>uji</i> & lobi" and place.find("i") is None
