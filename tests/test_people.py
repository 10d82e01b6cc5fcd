"""People pages (tokoh): the index, each person's remarks, quotes and releases."""

import logging
import types

import pytest

from conftest import ROOT, build, merged_content, soup_of
from content_model.model import Record
from content_model.view import ItemView
from newsroom.quotes import Quote
from people.plugin import (
    check_settings,
    page_sections,
    photo_url,
    related_items,
    sorted_people,
)

SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
REMARKS_URL = "/sambutan/pembukaan-bontang-smart-festival-2020/"


def test_people_index_lists_everyone_with_role_and_link(site):
    page = site.soup("/tokoh/")
    assert page.select_one("h1").get_text(strip=True) == "Tokoh"
    people = {
        li.select_one("a").get_text(strip=True): (
            li.select_one("a")["href"],
            li.select_one(".bsf-people__role").get_text(strip=True),
        )
        for li in page.select(".bsf-people__item")
    }
    assert people["Neni Moerniaeni"] == (
        f"{site.url}/tokoh/neni-moerniaeni/",
        "Wali Kota Bontang",
    )
    assert people["Dasuki"] == (
        f"{site.url}/tokoh/dasuki/",
        "Kepala Dinas Komunikasi dan Informatika",
    )


def test_mayor_page_lists_her_remarks_and_links_to_the_index(site):
    page = site.soup("/tokoh/neni-moerniaeni/")
    assert page.select_one("h1").get_text(strip=True) == "Neni Moerniaeni"
    assert page.select_one(".bsf-person__role").get_text() == "Wali Kota Bontang"
    remarks = page.select_one("#bsf-person-remarks").parent
    links = [a["href"] for a in remarks.select(".bsf-card__title a")]
    assert links == [f"{site.url}{REMARKS_URL}"]
    assert remarks.select_one(".bsf-more a")["href"] == f"{site.url}/sambutan/"


def test_remarks_index_and_mayor_page_link_to_each_other(site):
    index = site.soup("/sambutan/")
    to_person = [a["href"] for a in index.select(".bsf-remarks-list__speaker")]
    assert f"{site.url}/tokoh/neni-moerniaeni/" in to_person
    person = site.soup("/tokoh/neni-moerniaeni/")
    assert f"{site.url}/sambutan/" in [a["href"] for a in person.select("main a")]


def person_quotes(page):
    """Return (quote text, item link) for each quote on a person page."""
    return [
        (
            " ".join(fig.select_one("blockquote").get_text().split()),
            card.select_one(".bsf-card__title a")["href"],
        )
        for card in page.select(".bsf-person__section .bsf-card")
        for fig in card.select(".bsf-person__quotes figure")
    ]


def test_mayor_page_lists_her_quotes_with_links_back(site):
    quotes = person_quotes(site.soup("/tokoh/neni-moerniaeni/"))
    by_item = {}
    for text, href in quotes:
        by_item.setdefault(href, []).append(text)
    for url in (SEED_URL, REMARKS_URL):
        texts = by_item[f"{site.url}{url}"]
        assert [t[:10] for t in texts] == ["Zaman ini ", "2016 lalu,"]


def test_head_of_agency_page_lists_his_quotes_agency_and_quoting_releases(site):
    page = site.soup("/tokoh/dasuki/")
    agency = page.select_one(".bsf-person__agency a")
    assert agency["href"] == f"{site.url}/opd/diskominfo/"
    from_seed = [t for t, href in person_quotes(page) if href.endswith(SEED_URL)]
    assert [t[:10] for t in from_seed] == ["Saat kita ", "Ibarat buk", "Kita berha"]
    quoting = page.select_one("#bsf-person-quotes").parent.select(".bsf-card")
    kinds = {
        card.select_one(".bsf-card__title a")["href"]: card.select_one(
            ".bsf-card__kind"
        ).get_text()
        for card in quoting
    }
    assert kinds[f"{site.url}{SEED_URL}"] == "Siaran pers"
    remarks = page.select_one("#bsf-person-remarks").parent
    assert remarks.select_one(".bsf-empty") is not None


def test_agency_page_links_its_head_to_the_person_page(site):
    page = site.soup("/opd/diskominfo/")
    heads = [a["href"] for a in page.select(".bsf-facts a") if "/tokoh/" in a["href"]]
    assert heads == [f"{site.url}/tokoh/dasuki/"]


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """The repository's content built with two remarks or quotes a page."""
    tmp = tmp_path_factory.mktemp("people-paged")
    content = merged_content(tmp / "content", ROOT / "content")
    return build(tmp / "out", content, PEOPLE_PER_PAGE=2)


def person_pages(output, slug):
    """Return the soup of each page of a person, in order."""
    pages = [output / "tokoh" / slug / "index.html"]
    pages += sorted(
        (output / "tokoh" / slug / "halaman").glob("*/index.html"),
        key=lambda p: int(p.parent.name),
    )
    return [soup_of(page) for page in pages]


def test_a_long_person_record_is_paginated_like_the_news_list(paged):
    base = "https://festival.example.org/tokoh/neni-moerniaeni/"
    # One remarks given, two quotes in it, two in the release: five entries.
    pages = person_pages(paged, "neni-moerniaeni")
    assert len(pages) == 3
    first, second, last = pages
    assert first.select_one(".bsf-pagination a[rel=next]")["href"] == (
        f"{base}halaman/2/"
    )
    assert second.select_one(".bsf-pagination a[rel=prev]")["href"] == base
    assert second.select_one(".bsf-pagination a[rel=next]")["href"] == (
        f"{base}halaman/3/"
    )
    assert last.select_one(".bsf-pagination a[rel=next]") is None
    assert "(halaman 2)" in second.select_one("title").get_text()
    assert "halaman" not in first.select_one("title").get_text()
    # The profile is on the first page; later pages name the person only.
    assert first.select_one(".bsf-person__role") is not None
    assert second.select_one(".bsf-person__role") is None
    assert second.select_one("h1").get_text(strip=True) == "Neni Moerniaeni"


def test_every_quote_is_on_exactly_one_person_page(paged, site):
    together = [
        q
        for page in person_pages(paged, "neni-moerniaeni")
        for q in person_quotes(page)
    ]
    unpaged = person_quotes(site.soup("/tokoh/neni-moerniaeni/"))
    assert len(together) == 4
    assert [(text, href.split("/", 3)[3]) for text, href in together] == [
        (text, href.split("/", 3)[3]) for text, href in unpaged
    ]


def cards_in(page, section):
    """Return the item links of the cards in a person page's section."""
    return [
        a["href"].split("/", 3)[3]
        for a in page.select(f"#bsf-person-{section} ~ ul .bsf-card__title a")
    ]


def test_person_pages_show_only_the_sections_they_hold(paged):
    pages = person_pages(paged, "neni-moerniaeni")
    first, second, last = pages
    remarks, release = REMARKS_URL.lstrip("/"), SEED_URL.lstrip("/")
    # Her remarks and her two quotes in them run from page 1 to page 2; her
    # two quotes in the release from page 2 to page 3.
    assert [cards_in(page, "remarks") for page in pages] == [[remarks], [remarks], []]
    assert [cards_in(page, "quotes") for page in pages] == [[], [release], [release]]
    # A section with nothing on a page is left out, never "none yet".
    assert first.select_one("#bsf-person-quotes") is None
    assert last.select_one("#bsf-person-remarks") is None
    assert [page.select(".bsf-empty") for page in pages] == [[], [], []]
    # Each quote is under the card of its item.
    assert [t[:10] for t, _ in person_quotes(first)] == ["Zaman ini "]
    assert [t[:10] for t, _ in person_quotes(second)] == ["2016 lalu,", "Zaman ini "]


def test_a_person_without_remarks_says_so_on_the_first_page_only(paged):
    first, second = person_pages(paged, "dasuki")
    assert first.select_one("#bsf-person-remarks ~ .bsf-empty") is not None
    assert second.select_one("#bsf-person-remarks") is None


# --- Pure functions -------------------------------------------------------


def item(kind, title, date, quotes=(), speaker_id=None):
    view = ItemView(kind, quotes=tuple(quotes), speaker_id=speaker_id)
    return types.SimpleNamespace(title=title, date=date, url=f"{title}/", view=view)


def test_related_items_split_remarks_quotes_and_quoting_releases():
    said = Quote("Satu", "Neni", "neni", 1)
    other = Quote("Dua", "Dasuki", "dasuki", 2)
    release = item("release", "rilis", 2, [said, other])
    remarks = item("remarks", "sambutan", 3, [said], speaker_id="neni")
    unrelated = item("release", "lain", 4, [other])
    found = related_items("neni", [release, unrelated, remarks])
    assert found["remarks"] == [remarks]
    assert found["releases"] == [release]
    assert found["quotes"] == [(said, remarks), (said, release)]


def test_remarks_by_someone_else_are_not_theirs():
    remarks = item("remarks", "sambutan", 1, speaker_id="dasuki")
    assert related_items("neni", [remarks])["remarks"] == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("images/neni.jpg", "images/neni.jpg"),
        ("{static}/images/neni.jpg", "images/neni.jpg"),
        ("/images/neni.jpg", "images/neni.jpg"),
        ("https://example.com/neni.jpg", None),
        ("//example.com/neni.jpg", None),
        ("", None),
        (None, None),
    ],
)
def test_photo_url_keeps_local_files_only(value, expected):
    assert photo_url(value) == expected


def test_people_are_sorted_by_name():
    people = {
        slug: Record("person", slug, f"{slug}.md", {"title": title}, {})
        for slug, title in [("b", "neni"), ("a", "Dasuki"), ("c", "Andi")]
    }
    assert [p.slug for p in sorted_people(people)] == ["c", "a", "b"]


def test_page_sections_group_a_pages_quotes_by_item():
    said, more = Quote("Satu", "Neni", "neni", 1), Quote("Dua", "Neni", "neni", 2)
    release = item("release", "rilis", 2, [said, more])
    remarks = item("remarks", "sambutan", 3, [said], speaker_id="neni")
    others = item("remarks", "sambutan-lain", 1, [more], speaker_id="dasuki")
    entries = related_items("neni", [release, remarks, others])["entries"]
    assert entries == [
        ("remarks", remarks, None),
        ("remarks", remarks, said),
        ("quoted", release, said),
        ("quoted", release, more),
        ("quoted", others, more),
    ]
    assert page_sections(entries) == {
        "remarks": [(remarks, [said])],
        "quoted": [(release, [said, more]), (others, [more])],
    }
    assert page_sections(entries[1:4]) == {
        "remarks": [(remarks, [said])],
        "quoted": [(release, [said, more])],
    }


@pytest.mark.parametrize("value", [0, -3, "20", 2.5, True, None])
def test_a_bad_page_size_is_an_error_and_falls_back(value, caplog):
    pelican = types.SimpleNamespace(settings={"PEOPLE_PER_PAGE": value})
    with caplog.at_level(logging.ERROR, logger="people.plugin"):
        check_settings(pelican)
    assert pelican.settings["PEOPLE_PER_PAGE"] == 20
    assert "PEOPLE_PER_PAGE" in caplog.text
