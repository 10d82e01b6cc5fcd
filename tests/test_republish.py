"""Muat ulang: the republish texts and media contact of every release.

The seed release is checked against the seed's own text (tests/fixtures/seed),
paragraph by paragraph and quote by quote, in every version; the fixture
releases in tests/fixtures/republish/ cover markup, photos and contacts.
"""

import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, VNU_JAR, build, merged_content, require_tool
from content_model.view import ItemView
from republish import texts
from republish.plugin import DEFAULTS, media_contact, setting_problems

SEED = FIXTURES / "seed" / "bontang-smart-festival-2020.txt"
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
SEED_TITLE = "Bontang Smart Festival 2020 Jadi Wadah Sosialisasi Smart City"
# The content file is the seed as the office published it: "(Adv)" at its
# end became `Advertorial: yes` (the label), and one space was added.
SEED_EDITS = {"batlleground(PUBG)": "batlleground (PUBG)"}
ADV_MARK = re.compile(r"\s*\(Adv\)\s*$")
PHOTOS_URL = "/berita/2020/03/republish-foto-pihak-lain/"
PLAIN_URL = "/berita/2020/03/republish-tanpa-opd/"
SITEURL = "https://festival.example.org"
STATEMENT = DEFAULTS["REPUBLISH_REUSE"]
STATEMENT_ADV = DEFAULTS["REPUBLISH_REUSE_ADVERTORIAL"]


def seed_paragraphs():
    """Return the seed's paragraphs as the release publishes them."""
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    assert ADV_MARK.search(paragraphs[-1])
    paragraphs[-1] = ADV_MARK.sub("", paragraphs[-1])
    for before, after in SEED_EDITS.items():
        assert any(before in p for p in paragraphs), before
        paragraphs = [p.replace(before, after) for p in paragraphs]
    return paragraphs


def seed_quotes():
    return re.findall(r"“[^”]+”", SEED.read_text(encoding="utf-8"))


def file_of(site, url, name):
    path = site.path(url).parent / name
    assert path.is_file(), path
    return path


def text_file(site, url, name):
    return file_of(site, url, name).read_text(encoding="utf-8")


def in_order(paragraphs, found):
    """Assert each paragraph is one of `found`, whole and in order."""
    position = -1
    for paragraph in paragraphs:
        assert paragraph in found, paragraph[:60]
        index = found.index(paragraph, position + 1)
        assert index > position
        position = index


# --- the seed against the seed's own text -------------------------------------


@pytest.mark.parametrize(
    ("name", "title_line"),
    [
        ("rilis.txt", f"[Advertorial] {SEED_TITLE}"),
        ("rilis-wa.txt", f"[Advertorial] *{SEED_TITLE}*"),
    ],
)
def test_seed_texts_hold_every_paragraph_and_quote_verbatim(site, name, title_line):
    text = text_file(site, SEED_URL, name)
    blocks = text.split("\n\n")
    assert blocks[0] == title_line
    assert blocks[1] == "Bontang, Jumat, 13 Maret 2020"
    in_order(seed_paragraphs(), blocks)
    for quote in seed_quotes():
        assert quote in text
    last = blocks[-1].rstrip("\n").split("\n")
    assert last[0] == (
        "Sumber: Dinas Komunikasi dan Informatika Kota Bontang (Diskominfo), "
        f"{site.url}{SEED_URL}"
    )
    statement = f"_{STATEMENT_ADV}_" if name == "rilis-wa.txt" else STATEMENT_ADV
    assert last[1:] == [statement]
    assert text.endswith("\n") and "<" not in text


def test_seed_clean_html_holds_every_paragraph_with_the_label(site):
    page = BeautifulSoup(file_of(site, SEED_URL, "rilis.html").read_bytes(), "lxml")
    article = page.select_one("body > article")
    assert page.html["lang"] == "id"
    assert page.title.get_text() == f"[Advertorial] {SEED_TITLE}"
    assert article.select_one("h1").get_text() == f"[Advertorial] {SEED_TITLE}"
    paragraphs = [p.get_text() for p in article.find_all("p")]
    in_order(seed_paragraphs(), paragraphs)
    assert paragraphs[-2] == (
        "Sumber: Dinas Komunikasi dan Informatika Kota Bontang (Diskominfo), "
        f"{site.url}{SEED_URL}"
    )
    assert article.find_all("p")[-2].a["href"] == f"{site.url}{SEED_URL}"
    assert paragraphs[-1] == STATEMENT_ADV
    assert page.find("script") is None
    assert page.select_one("link[rel=canonical]")["href"] == f"{site.url}{SEED_URL}"


def test_the_release_page_offers_the_texts_and_the_terms(site):
    page = site.soup(SEED_URL)
    section = page.select_one("main .bsf-republish")
    assert section.select_one("h2").get_text() == "Muat ulang"
    links = {a.get_text(): a["href"] for a in section.select("a")}
    assert links == {
        "Teks biasa": "rilis.txt",
        "Teks WhatsApp": "rilis-wa.txt",
        "HTML bersih": "rilis.html",
        "Kit pers (ZIP: teks, foto, kredit)": "kit-pers.zip",
    }
    assert STATEMENT_ADV in section.get_text()
    source = section.select_one(".bsf-republish__source").get_text()
    assert source == text_file(site, SEED_URL, "rilis.txt").split("\n")[-3]
    # Below the body, and the copy script only where the section is.
    body = page.select_one(".bsf-article__body")
    assert body.find_next("section", class_="bsf-republish") is section
    assert page.select_one("script[src$='/theme/js/muat-ulang.js'][defer]")
    assert (
        site.soup("/sambutan/pembukaan-bontang-smart-festival-2020/").select_one(
            "script[src$='muat-ulang.js']"
        )
        is None
    )


# --- media contact --------------------------------------------------------------


def test_seed_has_no_invented_contact_only_the_media_contact_page(site):
    # content/agencies/diskominfo.md has no Email or Phone.
    contact = site.soup(SEED_URL).select_one("main .bsf-contact")
    assert contact.select_one("h2").get_text() == "Kontak media rilis ini"
    assert [a["href"] for a in contact.select("a")] == [f"{site.url}/kontak-media/"]
    assert "@" not in contact.get_text()
    assert site.path("/kontak-media/").is_file()


def test_an_agency_contact_is_shown_from_its_own_fields(republish_site):
    contact = republish_site.soup(PHOTOS_URL).select_one("main .bsf-contact")
    links = [(a.get_text(), a["href"]) for a in contact.select("a")]
    assert links == [
        ("humas@bontangkota.go.id", "mailto:humas@bontangkota.go.id"),
        ("(0548) 21 000", "tel:054821000"),
        ("Halaman kontak media", f"{SITEURL}/kontak-media/"),
    ]
    assert contact.p.get_text().startswith("Bagian Humas Sekretariat Daerah")


def test_without_contact_fields_or_page_no_contact_is_shown(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "pages" / "kontak-media.md").unlink()
    # Other pages link to it; keep the build's link checks quiet.
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "kontak-media" in text:
            path.write_text(
                text.replace("](../opd/diskominfo/)", "]").replace(
                    "[kontak media](../../../../kontak-media/)", "kontak media"
                ),
                encoding="utf-8",
            )
    output = build(tmp_path / "output", content)
    page = BeautifulSoup(
        (output / SEED_URL.strip("/") / "index.html").read_bytes(), "lxml"
    )
    assert page.select_one(".bsf-contact") is None
    assert page.select_one(".bsf-republish") is not None


def test_media_contact_takes_only_what_the_agency_file_says():
    class Agency:
        def __init__(self, title, **meta):
            self.title, self.meta = title, meta

    class Article:
        view = ItemView(
            "release",
            agencies=(Agency("A", email="", phone=""), Agency("B", phone="0548 1")),
        )

    assert media_contact(Article(), "") == {
        "agencies": [{"name": "B", "email": "", "phone": "0548 1", "tel": "tel:05481"}],
        "page_url": "",
    }


# --- markup, photos and credits in the texts (fixture releases) -------------------


def test_whatsapp_text_uses_whatsapp_marks_and_no_html(republish_site):
    text = text_file(republish_site, PHOTOS_URL, "rilis-wa.txt")
    blocks = text.split("\n\n")
    # A title's literal "<b>" stays readable but can open no tag (as in feeds).
    assert (
        blocks[0]
        == "*Fixture republish: foto dari pihak lain & \uff1cb>tanda\uff1c/b>*"
    )
    assert blocks[1] == "Bontang, Sabtu, 14 Maret 2020, pukul 10.30 WITA"
    assert blocks[2].startswith("_Gambar: Pengunjung di stan Command Center. (Foto:")
    assert (
        "Paragraf pembuka dengan *kata tebal*, _kata miring_ dan tautan ke agenda "
        f"({SITEURL}/agenda/)."
    ) in blocks
    assert "*Jadwal lomba*" in blocks
    assert "- Lomba aplikasi, Jumat\n- Lomba PUBG, Sabtu" in blocks
    assert "“Media boleh memuat ulang teksnya,” ujar Dasuki." in blocks
    assert blocks[-1].endswith(f"_{STATEMENT}_\n")
    assert "<p" not in text and "**" not in text


def test_plain_text_has_no_marks_and_credits_every_photo(republish_site):
    text = text_file(republish_site, PHOTOS_URL, "rilis.txt")
    blocks = text.split("\n\n")
    assert (
        blocks[0] == "Fixture republish: foto dari pihak lain & \uff1cb>tanda\uff1c/b>"
    )
    assert blocks[2] == (
        "Gambar: Pengunjung di stan Command Center. (Foto: Rina Wulandari · "
        f"CC BY-SA 4.0): {SITEURL}/images/republish-gps-800.jpg"
    )
    assert (
        "Gambar: Relawan TIK mendampingi warga (Foto: Kantor Berita Uji · Seizin "
        f"pemilik): {SITEURL}/images/images-relawan-600.jpg"
    ) in blocks
    assert (
        "Gambar: Bagan layanan (Foto: Diskominfo Kota Bontang): "
        f"{SITEURL}/images/images-diagram-360.png"
    ) in blocks
    assert "Paragraf pembuka dengan kata tebal, kata miring dan" in text
    assert "*" not in text.replace("* * *", "") and "_" not in text.split("Sumber:")[0]
    assert "Sumber: Bagian Humas Sekretariat Daerah Kota Bontang (Humas Setda)" in text
    assert blocks[-1].rstrip("\n").endswith(STATEMENT)


def test_a_release_without_agency_names_the_office_and_is_not_labelled(
    republish_site,
):
    text = text_file(republish_site, PLAIN_URL, "rilis.txt")
    assert text == (
        "Fixture republish: rilis biasa tanpa OPD\n\n"
        "Bontang, Minggu, 15 Maret 2020\n\n"
        "Satu-satunya paragraf rilis ini.\n\n"
        "Sumber: Dinas Komunikasi dan Informatika Kota Bontang, "
        f"{SITEURL}{PLAIN_URL}\n{STATEMENT}\n"
    )


def test_clean_html_is_absolute_scriptless_with_credited_figures(republish_site):
    path = file_of(republish_site, PHOTOS_URL, "rilis.html")
    page = BeautifulSoup(path.read_bytes(), "lxml")
    article = page.select_one("article")
    assert page.find(["script", "style", "picture", "source", "iframe"]) is None
    for tag in page.find_all(True):
        assert not tag.get("class") and not any(
            a.startswith("data-") for a in tag.attrs
        )
    for tag in article.select("[href], [src]"):
        assert (tag.get("href") or tag["src"]).startswith("https://"), tag
    figures = article.select("figure")
    assert [f.figcaption.get_text(" ", strip=True) for f in figures] == [
        "Pengunjung di stan Command Center. Foto: Rina Wulandari · CC BY-SA 4.0",
        "Relawan TIK mendampingi warga Foto: Kantor Berita Uji · Seizin pemilik",
        "Bagan layanan Foto: Diskominfo Kota Bontang",
    ]
    assert all(f.img["alt"] and f.img["width"] for f in figures)
    licences = [(a.get_text(), a["href"]) for a in article.select("a[rel=license]")]
    assert licences == [
        ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
    ]
    assert article.select_one("h2").get_text() == "Jadwal lomba"
    assert [li.get_text() for li in article.select("ul li")] == [
        "Lomba aplikasi, Jumat",
        "Lomba PUBG, Sabtu",
    ]


def test_clean_html_is_valid_html(site, republish_site):
    require_tool(VNU_JAR, "Nu HTML checker (npm vnu-jar)")
    files = [
        str(file_of(site, SEED_URL, "rilis.html")),
        str(file_of(republish_site, PHOTOS_URL, "rilis.html")),
    ]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_an_embargoed_release_in_preview_gets_no_republish_files(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    held = content / "press-releases" / "republish-embargo.md"
    held.write_text(
        "Title: Rilis yang masih diembargo\nDate: 2020-03-13 09:00\n"
        "Embargo: 2020-03-20 08:00\n\nIsi rilis yang ditahan.\n",
        encoding="utf-8",
    )
    output = build(
        tmp_path / "output",
        content,
        EMBARGO_PREVIEW=True,
        NEWSROOM_NOW="2020-03-16 12:00",
    )
    folder = output / "berita" / "2020" / "03" / "republish-embargo"
    assert (folder / "index.html").is_file()
    assert sorted(p.name for p in folder.iterdir()) == ["index.html"]
    page = BeautifulSoup((folder / "index.html").read_bytes(), "lxml")
    assert page.select_one(".bsf-republish") is None


# --- pure functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("tebal", "*", "*tebal*"),
        (" tebal ", "*", " *tebal* "),
        ("  ", "*", "  "),
        ("miring", "_", "_miring_"),
    ],
)
def test_marks_touch_the_words(text, mark, expected):
    assert texts.marked(text, mark) == expected


def test_bad_republish_settings_are_named():
    conf = {
        **DEFAULTS,
        "REPUBLISH_REUSE": " ",
        "REPUBLISH_FILES": {**DEFAULTS["REPUBLISH_FILES"], "text": "index.html"},
    }
    assert set(setting_problems(conf)) == {"REPUBLISH_REUSE", "REPUBLISH_FILES"}
    assert setting_problems(DEFAULTS) == {}


# --- copy buttons in a real browser ---------------------------------------------------


@pytest.mark.browser
def test_copy_buttons_copy_each_whole_text_from_the_keyboard(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=served_site.url
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served_site.url + SEED_URL, wait_until="load")
        buttons = page.locator(".bsf-republish button")
        assert buttons.count() == 4
        names = [buttons.nth(i).get_attribute("aria-label") for i in range(4)]
        assert names == [
            "Salin sumber",
            "Salin Teks biasa",
            "Salin Teks WhatsApp",
            "Salin HTML bersih",
        ]
        expected = {
            "Salin Teks biasa": text_file(served_site, SEED_URL, "rilis.txt"),
            "Salin Teks WhatsApp": text_file(served_site, SEED_URL, "rilis-wa.txt"),
        }
        html_file = text_file(served_site, SEED_URL, "rilis.html")
        expected["Salin HTML bersih"] = html_file[
            html_file.index("<article>") : html_file.index("</article>") + 10
        ]
        source = page.locator(".bsf-republish__source").text_content()
        expected["Salin sumber"] = source
        status = page.locator(".bsf-republish [role=status]")
        for name, text in expected.items():
            button = page.get_by_role("button", name=name)
            button.focus()
            page.keyboard.press("Enter")
            page.wait_for_function(
                "n => document.querySelector('.bsf-republish [role=status]')"
                ".textContent.includes('tersalin')",
                arg=name,
            )
            assert page.evaluate("navigator.clipboard.readText()") == text, name
            assert "tersalin" in status.text_content()
            page.evaluate(
                "document.querySelector('.bsf-republish [role=status]')"
                ".textContent = ''"
            )
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_the_texts_are_there_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served_site.url + SEED_URL, wait_until="load")
        assert page.locator(".bsf-republish button").count() == 0
        link = page.get_by_role("link", name="Teks biasa")
        assert link.is_visible()
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and response.text().startswith("[Advertorial] ")
    finally:
        context.close()


@pytest.fixture(scope="module")
def served_republish_site(tmp_path_factory):
    """The fixture releases built for and served at a loopback address."""
    import functools
    import http.server
    import threading

    from conftest import Site, _QuietHandler, free_port, republish_content

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("republish-served")
    output = build(root / "output", republish_content(root / "content"), url)
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(output, url, root / "content")
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_axe_passes_a_release_with_credits_and_an_agency_contact(
    browser, served_republish_site
):
    from conftest import AXE_JS

    require_tool(AXE_JS, "axe-core (npm)")
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_republish_site.url + PHOTOS_URL, wait_until="load")
        assert page.locator(".bsf-contact a[href^='mailto:']").count() == 1
        assert page.locator(".bsf-republish button").count() == 4
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        assert [v["id"] for v in result["violations"]] == []
    finally:
        context.close()
