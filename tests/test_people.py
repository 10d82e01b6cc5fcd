"""People pages (tokoh): the index, each person's remarks, quotes and releases."""

import types

import pytest

from content_model.model import Record
from newsroom.quotes import Quote
from people.plugin import photo_url, related_items, sorted_people

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
            fig.select_one("a.bsf-quote__item")["href"],
        )
        for fig in page.select(".bsf-person__quotes figure")
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
    releases = page.select_one("#bsf-person-releases").parent
    links = [a["href"] for a in releases.select(".bsf-card__title a")]
    assert f"{site.url}{SEED_URL}" in links
    remarks = page.select_one("#bsf-person-remarks").parent
    assert remarks.select_one(".bsf-empty") is not None


def test_agency_page_links_its_head_to_the_person_page(site):
    page = site.soup("/opd/diskominfo/")
    heads = [a["href"] for a in page.select(".bsf-facts a") if "/tokoh/" in a["href"]]
    assert heads == [f"{site.url}/tokoh/dasuki/"]


# --- Pure functions -------------------------------------------------------


def item(kind, title, date, quotes=(), speaker_id=None):
    return types.SimpleNamespace(
        kind=kind,
        title=title,
        date=date,
        url=f"{title}/",
        quotes=list(quotes),
        speaker_id=speaker_id,
    )


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
