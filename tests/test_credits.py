"""Photo credits and licences: the syntax, the figures, JSON-LD, and errors."""

import json

import pytest

from conftest import FIXTURES, ROOT, assert_one_problem, merged_content
from content_model.credits import (
    LICENCES,
    credit_of,
    format_title,
    licence_of,
    parse_title,
)

PHOTOS_URL = "/berita/2020/03/republish-foto-pihak-lain/"
SITEURL = "https://festival.example.org"

# --- the syntax -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "caption", "credit", "licence"),
    [
        ("", "", "", None),
        ("Relawan TIK", "Relawan TIK", "", None),
        ("Relawan TIK | Foto: Andi", "Relawan TIK", "Andi", None),
        ("Relawan TIK | Foto: Andi | CC BY 4.0", "Relawan TIK", "Andi", "CC BY 4.0"),
        ("| Foto: Andi | cc-by-sa-4.0", "", "Andi", "CC BY-SA 4.0"),
        ("Foto: Andi", "", "Andi", None),
        (
            "Stan | foto : Kantor Berita | Seizin pemilik",
            "Stan",
            "Kantor Berita",
            "Seizin pemilik",
        ),
    ],
)
def test_an_image_title_gives_caption_credit_and_licence(
    title, caption, credit, licence
):
    found, problems = parse_title(title)
    assert problems == []
    assert (found.caption, found.credit) == (caption, credit)
    assert (found.licence.name if found.licence else None) == licence
    assert found.own is (licence is None)


@pytest.mark.parametrize(
    ("caption", "credit", "licence"),
    [
        ("Keterangan", "", ""),
        ("Keterangan", "Andi", ""),
        ("", "Andi", "CC0 1.0"),
        ("Keterangan", "Andi", "Domain publik"),
    ],
)
def test_a_title_written_by_a_program_reads_back_the_same(caption, credit, licence):
    found, problems = parse_title(format_title(caption, credit, licence))
    assert problems == []
    assert (found.caption, found.credit) == (caption, credit)
    assert (found.licence.name if found.licence else "") == licence


def test_every_licence_is_found_by_its_own_name_and_has_an_https_url_or_none():
    for name, licence in LICENCES.items():
        assert licence_of(name.lower().replace(" ", "-")) is licence
        assert licence.url == "" or licence.url.startswith("https://")
    assert licence_of("CC0") is LICENCES["CC0 1.0"]
    assert licence_of("CC BY-NC 4.0").open is False


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Stan | CC BY 4.0", "needs a credit"),
        ("Stan | Foto: Andi | CC-BY 9.9", "did you mean 'CC BY 4.0'?"),
        ("a | Foto: b | CC0 | d", "has 4 parts"),
        ("a | Foto: b | CC0 1.0 | Foto: c", "has 4 parts"),
    ],
)
def test_a_bad_title_says_what_to_write(title, message):
    _found, problems = parse_title(title)
    assert any(message in p for p in problems), problems


def test_an_office_photo_needs_no_credit_and_another_licence_does():
    assert credit_of("Panggung", "", "")[1] == []
    assert credit_of("Panggung", "", "")[0].holder("Diskominfo") == "Diskominfo"
    problems = credit_of("Panggung", "", "CC BY 4.0")[1]
    assert len(problems) == 1 and "not the office's own" in problems[0]


# --- the built pages ---------------------------------------------------------------


def test_the_lead_figure_shows_credit_and_links_the_licence(republish_site):
    figure = republish_site.soup(PHOTOS_URL).select_one("main figure.bsf-figure--lead")
    credit = figure.select_one("figcaption small.bsf-figure__credit")
    assert credit.get_text() == "Foto: Rina Wulandari · CC BY-SA 4.0"
    link = credit.select_one("a[rel=license]")
    assert link["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_body_figures_show_each_credit(republish_site):
    body = republish_site.soup(PHOTOS_URL).select_one(".bsf-article__body")
    credits = [s.get_text() for s in body.select("figure small.bsf-figure__credit")]
    assert credits == [
        "Foto: Kantor Berita Uji · Seizin pemilik",
        "Foto: Diskominfo Kota Bontang",
    ]
    assert body.select_one("figure small a") is None  # no licence page to link
    assert not any(img.has_attr("title") for img in body.select("img"))


def json_ld(page):
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


def image_objects(page):
    found = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if value.get("@type") == "ImageObject":
                found.append(value)
            for key, item in value.items():
                # An organisation's logo is its mark, not a photo to credit.
                if key != "logo":
                    walk(item)

    walk(json_ld(page))
    return found


def test_json_ld_images_carry_credit_notice_licence_and_where_to_ask(republish_site):
    images = image_objects(republish_site.soup(PHOTOS_URL))
    lead = [i for i in images if i["url"].endswith("republish-gps-800.jpg")]
    assert lead == [
        {
            "@type": "ImageObject",
            "url": f"{SITEURL}/images/republish-gps-800.jpg",
            "width": 800,
            "height": 600,
            "creditText": "Rina Wulandari",
            "copyrightNotice": "© Rina Wulandari, CC BY-SA 4.0",
            "license": "https://creativecommons.org/licenses/by-sa/4.0/",
            "acquireLicensePage": "https://creativecommons.org/licenses/by-sa/4.0/",
        }
    ]
    # The share image is a crop of the lead photo: the same rights.
    share = [i for i in images if "/share/" in i["url"]]
    assert share and all(i["creditText"] == "Rina Wulandari" for i in share)


def test_the_seed_card_is_credited_to_the_office_under_its_terms(site):
    images = image_objects(site.soup("/berita/2020/03/bontang-smart-festival-2020/"))
    assert images
    for image in images:
        assert image["creditText"] == "Diskominfo Kota Bontang"
        assert image["copyrightNotice"] == "© Diskominfo Kota Bontang"
        assert image["license"] == f"{site.url}/kontak-media/"
        assert image["acquireLicensePage"] == f"{site.url}/kontak-media/"


# --- errors -----------------------------------------------------------------------


def bad_content(tmp_path, text):
    content = merged_content(tmp_path / "content", ROOT / "content")
    merged_content(content / "images", FIXTURES / "content" / "images")
    (content / "press-releases" / "kredit-hilang.md").write_text(text, encoding="utf-8")
    return content


def test_a_lead_photo_under_another_licence_without_credit_fails_at_its_line(
    tmp_path,
):
    content = bad_content(
        tmp_path,
        "Title: Foto tanpa kredit\nDate: 2020-03-14 10:00\n"
        "Image: images/images-panggung.jpg\nImage_Alt: Panggung festival\n"
        "Image_License: CC BY 4.0\n\nIsi.\n",
    )
    assert_one_problem(
        tmp_path,
        content,
        "press-releases/kredit-hilang.md",
        5,
        "is not the office's own, so it needs a credit",
    )


def test_a_body_photo_under_another_licence_without_credit_fails_at_its_line(
    tmp_path,
):
    content = bad_content(
        tmp_path,
        "Title: Foto tanpa kredit\nDate: 2020-03-14 10:00\n\nIsi.\n\n"
        '![Relawan TIK](images/images-relawan.jpg "Relawan | CC BY-SA 4.0")\n',
    )
    assert_one_problem(
        tmp_path,
        content,
        "press-releases/kredit-hilang.md",
        6,
        "photo under licence 'CC BY-SA 4.0' is not the office's own",
    )


def test_an_unknown_licence_fails_with_a_suggestion(tmp_path):
    content = bad_content(
        tmp_path,
        "Title: Lisensi salah\nDate: 2020-03-14 10:00\n"
        "Image: images/images-panggung.jpg\nImage_Alt: Panggung festival\n"
        "Image_Credit: Andi\nImage_License: CC-BY-SA 4\n\nIsi.\n",
    )
    assert_one_problem(
        tmp_path,
        content,
        "press-releases/kredit-hilang.md",
        6,
        "licence 'CC-BY-SA 4' is not one we know; did you mean",
    )


def test_invoke_check_reports_the_credit_problems_the_build_reports(tmp_path):
    # The content model checks every credit before the build (and `check`).
    from content_model import read_model

    content = bad_content(
        tmp_path,
        "Title: Dua masalah\nDate: 2020-03-14 10:00\n"
        "Image: images/images-panggung.jpg\nImage_Alt: Panggung festival\n"
        "Image_License: Domain publik\n\nIsi.\n\n"
        '![Relawan TIK](images/images-relawan.jpg "Relawan | CC BY 4.0")\n\n'
        '<img src="images/images-relawan.jpg" alt="Relawan" title="a | b | c | d">\n',
    )
    found = [
        (p.line, p.message)
        for p in read_model(content).errors
        if p.path.endswith("kredit-hilang.md")
    ]
    assert [line for line, _ in found] == [5, 9, 11]
    assert "'Domain publik' is not the office's own" in found[0][1]
    assert "'CC BY 4.0' is not the office's own" in found[1][1]
    assert "has 4 parts" in found[2][1]
