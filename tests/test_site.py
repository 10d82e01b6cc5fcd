"""The built site: the seed release published faithfully, dates, links, listings."""

import re
from urllib.parse import urljoin, urlparse

from conftest import FIXTURES

SEED = FIXTURES / "seed" / "bontang-smart-festival-2020.txt"
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
# The only edit to the seed: a space before "(PUBG)" (typography).
TYPOGRAPHY = {"batlleground(PUBG)": "batlleground (PUBG)"}


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def seed_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    for wrong, right in TYPOGRAPHY.items():
        text = text.replace(wrong, right)
    paragraphs = [normalise(p) for p in text.splitlines() if p.strip()]
    assert paragraphs[-1].endswith("(Adv)")
    paragraphs[-1] = paragraphs[-1].removesuffix("(Adv)").strip()
    return paragraphs


def test_seed_release_has_every_paragraph_in_order(site):
    body = site.soup(SEED_URL).select_one(".bsf-article__body")
    published = [normalise(p.get_text()) for p in body.find_all("p")]
    assert published == seed_paragraphs()


def test_seed_release_keeps_every_quote_verbatim(site):
    body = normalise(site.soup(SEED_URL).select_one(".bsf-article__body").get_text())
    quotes = re.findall(r"“[^”]+”", SEED.read_text(encoding="utf-8"))
    assert len(quotes) == 5
    for quote in quotes:
        assert normalise(quote) in body


def test_seed_release_is_labelled_advertorial(site):
    page = site.soup(SEED_URL)
    header = page.select_one(".bsf-article__header")
    assert header.select_one(".bsf-label--adv").get_text(strip=True) == "Advertorial"
    assert "(Adv)" not in page.select_one(".bsf-article__body").get_text()


def test_seed_release_date_reads_in_indonesian_with_wita_offset(site):
    time = site.soup(SEED_URL).select_one(".bsf-article__dateline time")
    assert time.get_text(strip=True) == "Jumat, 13 Maret 2020"
    assert time["datetime"] == "2020-03-13T00:00:00+08:00"


def test_a_time_in_the_metadata_is_shown_in_wita(site):
    page = site.soup("/berita/2020/03/fixture-dengan-jam/")
    time = page.select_one(".bsf-article__dateline time")
    assert time.get_text(strip=True) == "Sabtu, 14 Maret 2020, pukul 09.00 WITA"
    assert time["datetime"] == "2020-03-14T09:00:00+08:00"
    assert (
        page.select_one(".bsf-article__byline a").get_text() == "Tim Humas Diskominfo"
    )


def test_seed_release_links_its_agency(site):
    links = site.soup(SEED_URL).select(".bsf-article__agencies a")
    assert [a["href"] for a in links] == [f"{site.url}/opd/diskominfo/"]
    agency = site.soup("/opd/diskominfo/")
    titles = [a.get_text() for a in agency.select(".bsf-card__title a")]
    assert "Bontang Smart Festival 2020 Jadi Wadah Sosialisasi Smart City" in titles


def test_every_listing_card_labels_the_advertorial(site):
    listings = [
        "/",
        "/berita/",
        "/arsip/2020/03/",
        "/tag/smart-city/",
        "/opd/diskominfo/",
        "/kategori/berita/",
    ]
    for url in listings:
        cards = [
            card
            for card in site.soup(url).select(".bsf-card")
            if card.select_one(".bsf-card__title a")["href"].endswith(SEED_URL)
        ]
        assert cards, url
        assert cards[0].select_one(".bsf-label--adv").get_text() == "Advertorial", url


def test_news_list_is_newest_first_and_paginated(site):
    first = site.soup("/berita/")
    dates = [t["datetime"] for t in first.select(".bsf-card time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 10
    next_link = first.select_one(".bsf-pagination a[rel=next]")["href"]
    assert next_link == f"{site.url}/berita/halaman/2/"
    second = site.soup(next_link)
    assert (
        second.select_one(".bsf-pagination a[rel=prev]")["href"]
        == f"{site.url}/berita/"
    )


def test_archives_are_by_month_in_indonesian(site):
    months = [a.get_text() for a in site.soup("/arsip/").select(".bsf-archive a")]
    assert months == ["Maret 2020", "Februari 2020", "Januari 2020"]
    title = site.soup("/arsip/2020/02/").select_one("h1").get_text()
    assert title == "Arsip Februari 2020"


def test_pages_about_the_festival_and_media_contact(site):
    about = site.soup("/tentang/")
    text = normalise(about.select_one(".bsf-prose").get_text())
    assert "13–15 Maret 2020" in text
    assert "Pendopo Rujab Walikota, Bontang" in text
    assert site.soup("/kontak-media/").select_one("h1").get_text() == "Kontak Media"


def test_every_internal_link_resolves(site):
    broken = []
    for page in site.page_files():
        for tag in site.soup(page.relative_to(site.output).as_posix()).select(
            "a[href], link[href], img[src], script[src]"
        ):
            target = tag.get("href") or tag.get("src")
            base = f"{site.url}/{page.relative_to(site.output).as_posix()}"
            absolute = urljoin(base, target)
            if not absolute.startswith(site.url + "/") and absolute != site.url:
                continue
            path = urlparse(absolute).path
            if not site.path(path).exists():
                broken.append(f"{page.relative_to(site.output)} -> {target}")
    assert broken == []


def test_no_drafts_folder_is_written(site):
    assert not (site.output / "drafts").exists()
