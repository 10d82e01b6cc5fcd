"""Markup rules over every built page, and the Nu HTML checker on all of them."""

import json
import subprocess

import pytest

from conftest import VNU_JAR, require_tool, soup_of


def pages(site):
    return [
        (p.relative_to(site.output).as_posix(), soup_of(p)) for p in site.page_files()
    ]


def test_every_page_is_indonesian_with_skip_link_and_one_main(site):
    for name, page in pages(site):
        assert page.html["lang"] == "id", name
        skip = page.body.find("a")
        assert skip["href"] == "#main-content", name
        mains = page.find_all("main")
        assert len(mains) == 1 and mains[0]["id"] == "main-content", name


def test_every_navigation_is_labelled(site):
    for name, page in pages(site):
        for nav in page.find_all("nav"):
            assert nav.get("aria-label") or nav.get("aria-labelledby"), name


def test_main_navigation_marks_the_current_section(site):
    expected = {
        "index.html": "Beranda",
        "berita/index.html": "Berita",
        "berita/2020/03/bontang-smart-festival-2020/index.html": "Berita",
        "opd/index.html": "OPD & Program",
        "tentang/index.html": "Tentang",
    }
    for name, label in expected.items():
        nav = site.soup(name).select_one("nav[aria-label='Menu utama']")
        current = nav.select("[aria-current=page]")
        assert [a.get_text() for a in current] == [label], name


def test_every_image_has_alt_text(site):
    for name, page in pages(site):
        for img in page.find_all("img"):
            assert img.has_attr("alt"), f"{name}: {img}"


def test_headings_start_at_h1_and_skip_no_level(site):
    for name, page in pages(site):
        levels = [
            int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        ]
        assert levels and levels[0] == 1, name
        assert levels.count(1) == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} then h{after}"


def test_every_time_element_carries_an_offset_or_a_date(site):
    for name, page in pages(site):
        for time in page.find_all("time"):
            value = time["datetime"]
            assert value.endswith("+08:00") or len(value) == 10, f"{name}: {value}"


def test_no_page_requests_another_host(site):
    for name, page in pages(site):
        for tag in page.select(
            "link[href], script[src], img[src], source[srcset], iframe"
        ):
            url = tag.get("href") or tag.get("src") or tag.get("srcset") or ""
            if tag.name == "link" and tag.get("rel") in (["alternate"], ["canonical"]):
                continue
            assert not url.startswith("//"), f"{name}: {url}"
            assert url.startswith(site.url) or not url.startswith("http"), (
                f"{name}: {url}"
            )


def test_the_home_page_has_latest_news_festival_box_and_agencies(site):
    home = site.soup("/")
    assert home.select(".bsf-home__latest .bsf-card")
    facts = [dd.get_text(strip=True) for dd in home.select(".bsf-festival__facts dd")]
    assert facts == ["13–15 Maret 2020", "Pendopo Rujab Walikota, Bontang"]
    assert [a.get_text() for a in home.select(".bsf-agency-links a")] == ["Diskominfo"]


def test_a_404_page_and_a_favicon_exist(site):
    assert (
        site.soup("/404.html").select_one("h1").get_text() == "Halaman tidak ditemukan"
    )
    assert (site.output / "favicon.ico").stat().st_size > 0


def test_release_page_offers_share_links_without_script(site):
    share = site.soup("/berita/2020/03/bontang-smart-festival-2020/").select(
        ".bsf-share a"
    )
    services = [a.get_text() for a in share]
    assert services == ["WhatsApp", "Facebook", "X", "Telegram", "Email"]
    assert all("bontang-smart-festival-2020" in a["href"] for a in share)


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(site):
    require_tool(VNU_JAR, "The Nu HTML checker (npm vnu-jar)")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site.output),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{m.get('url', '').split(str(site.output))[-1]}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []


TITLE = 'Tarif <5 ribu & "gratis" </script><b>tebal</b>'


def test_a_title_with_markup_characters_is_shown_as_written(site):
    page = site.soup("/berita/2020/02/tema-judul-bertanda/")
    assert page.select_one("h1").get_text() == TITLE
    assert page.select_one("h1").find("b") is None
    assert page.title.get_text().startswith(TITLE)
    crumb = page.select_one(".bsf-breadcrumbs [aria-current=page]").get_text()
    assert TITLE.startswith(crumb.removesuffix("..."))
    tags = [a.get_text() for a in page.select(".bsf-tags a")]
    assert tags == ['Uji <Tag> & "kutip"']
    listing = site.soup("/arsip/2020/02/")
    titles = [a.get_text() for a in listing.select(".bsf-card__title a")]
    assert TITLE in titles
