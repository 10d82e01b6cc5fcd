"""Corrections (ralat) and withdrawals (pencabutan): header lines to every output.

A module build of the repository content plus tests/fixtures/corrections:
a release corrected twice (one correction written over two lines), a
withdrawn release with a lead image, a quote, its own author and tag, and a
remarks item corrected once with " - " as the separator.
"""

import datetime as dt
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import urllib.parse

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import (
    AXE_JS,
    CHROMIUM,
    FIXTURES,
    ROOT,
    VNU_JAR,
    Site,
    assert_one_problem,
    build,
    free_port,
    merged_content,
    require_tool,
    soup_of,
)
from content_model.corrections import parse_notice
from content_model.dates import WITA
from content_model.frontmatter import parse_header
from feeds.websub import changed_feeds, feed_digests, feed_urls, ping_hub

CONTENT = FIXTURES / "corrections" / "content"
ENTITY = "smartfestival.bontangkota.go.id,2020"
CORRECTED = "/berita/2020/03/ralat-jam-stan/"
CORRECTED_ID = f"tag:{ENTITY}:berita/ralat-jam-stan"
WITHDRAWN = "/berita/2020/03/dicabut-data-peserta/"
WITHDRAWN_ID = f"tag:{ENTITY}:berita/dicabut-data-peserta"
WITHDRAWN_TITLE = "Daftar Peserta Lomba Aplikasi Diumumkan"
WITHDRAWN_REASON = "Data pribadi peserta di bawah umur ikut termuat."
WITHDRAWN_AT = "2020-03-15T09:30:00+08:00"
WITHDRAWN_TEXT = "nomor telepon peserta"
LIVE_URL = "https://festival.example.org"
WITHDRAWN_QUOTE = "Kutipan yang ikut dicabut bersama beritanya"
REMARKS = "/sambutan/sambutan-diralat/"
# Newest first: the remarks' correction, then the release's two.
CORRECTION_TIMES = ["2020-03-15T08:00:00+08:00", "2020-03-14T15:30:00+08:00"]
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dcterms": "http://purl.org/dc/terms/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
}
SITE_FEEDS = ("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json")


def corrections_content(target):
    """Repository content, the fixtures and the one picture they use."""
    merged_content(target, ROOT / "content", CONTENT)
    (target / "images").mkdir(exist_ok=True)
    picture = FIXTURES / "content" / "images" / "feeds-stan.png"
    shutil.copy2(picture, target / "images" / picture.name)
    return target


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    content = corrections_content(tmp_path_factory.mktemp("corrections-content"))
    url = f"http://127.0.0.1:{free_port()}"
    output = build(
        tmp_path_factory.mktemp("corrections-site") / "output",
        content,
        siteurl=url,
        SEO_NEWS_SITEMAP_NOW="2020-03-15 12:00",
    )
    return Site(output, url, content)


def json_ld(page):
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    return next(n for n in data["@graph"] if n["@id"].endswith("#artikel"))


def entry_by_id(parsed, item_id):
    found = [e for e in parsed.entries if e.id == item_id]
    assert len(found) == 1, [e.id for e in parsed.entries]
    return found[0]


def json_item(site, item_id, path="feeds/feed.json"):
    data = json.loads((site.output / path).read_text(encoding="utf-8"))
    found = [item for item in data["items"] if item["id"] == item_id]
    assert len(found) == 1
    return found[0]


def listed_hrefs(site, url):
    return {a["href"] for a in site.soup(url).select("main a[href]")}


# --- Header lines ------------------------------------------------------------------


def test_a_repeated_correction_keeps_every_line_and_its_continuation():
    header = parse_header(
        "Title: T\nDate: 2020-03-14\n"
        "Correction: 2020-03-14 10:00 — Satu\n"
        "    dua baris.\n"
        "Correction: 2020-03-15 08:00 - Dua\n\nTeks.\n"
    )
    assert header.get_all("correction") == [
        (3, "2020-03-14 10:00 — Satu dua baris."),
        (5, "2020-03-15 08:00 - Dua"),
    ]
    assert header.duplicates == []


@pytest.mark.parametrize(
    "value",
    [
        "2020-03-14 10:00 — Nama stan diperbaiki",
        "2020-03-14 10:00 – Nama stan diperbaiki",
        "2020-03-14 10:00 - Nama stan diperbaiki",
        "2020-03-14 10:00—Nama stan diperbaiki",
    ],
)
def test_em_dash_en_dash_or_spaced_hyphen_separate_time_and_text(value):
    notice = parse_notice("correction", value)
    assert notice.when == dt.datetime(2020, 3, 14, 10, 0, tzinfo=WITA)
    assert notice.text == "Nama stan diperbaiki"


BAD_LINES = [
    ("Correction: 2020-03-32 10:00 — Salah ketik", "'2020-03-32 10:00' is not a date"),
    ("Correction: 2020-03-14 10:00 —", "says nothing after the time"),
    ("Correction: 2020-03-14 — Salah ketik", "has no hour"),
    ("Correction: 2020-03-14 10:00 Salah ketik", "has no ' — ' between"),
    ("Correction: 2020-03-01 10:00 — Salah ketik", "is before date"),
    ("Withdrawn: 2020-03-14 10:00", "withdrawn has no ' — ' between"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_a_bad_notice_line_fails_the_build_at_its_line(tmp_path, line, message):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "press-releases" / "salah.md").write_text(
        f"Title: Rilis uji\nDate: 2020-03-14 09:00\nCorrection: 2020-03-14 "
        f"12:00 — Benar\n{line}\n\nTeks.\n",
        encoding="utf-8",
    )
    assert_one_problem(tmp_path, content, "press-releases/salah.md", 4, message)


def test_the_fix_is_in_the_message(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "remarks" / "salah.md").write_text(
        "Title: S\nDate: 2020-03-14\nSpeaker: neni-moerniaeni\nOccasion: O\n"
        "Withdrawn: kemarin — alasan\n\nTeks.\n",
        encoding="utf-8",
    )
    assert_one_problem(
        tmp_path,
        content,
        "remarks/salah.md",
        5,
        "write 'Withdrawn: YYYY-MM-DD HH:MM — why it was withdrawn'",
    )


def test_withdrawn_given_twice_is_an_error(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "press-releases" / "salah.md").write_text(
        "Title: R\nDate: 2020-03-14\nWithdrawn: 2020-03-15 10:00 — Satu\n"
        "Withdrawn: 2020-03-16 10:00 — Dua\n\nTeks.\n",
        encoding="utf-8",
    )
    assert_one_problem(
        tmp_path, content, "press-releases/salah.md", 4, "is given twice"
    )


# --- A correction ------------------------------------------------------------------


def test_corrections_show_at_the_top_of_the_release_newest_first(corrected):
    page = corrected.soup(CORRECTED)
    header = page.select_one(".bsf-article__header")
    box = header.select_one(".bsf-notice--correction")
    assert box["role"] == "note"
    label = page.select_one(f"#{box['aria-labelledby']}")
    assert label.select_one(".bsf-notice__label").get_text() == "Ralat"
    times = [t["datetime"] for t in box.select(".bsf-notice__item time")]
    assert times == CORRECTION_TIMES
    texts = [li.get_text(" ", strip=True) for li in box.select(".bsf-notice__item")]
    assert texts[1] == (
        "Sabtu, 14 Maret 2020, pukul 15.30 WITA : Jam tutup stan tertulis "
        "20.00 WITA; yang benar 21.00 WITA."
    )
    # Above the body, right under the headline.
    assert box.find_previous_sibling("h1").get_text() == (
        "Stan Relawan TIK Buka Hingga Malam"
    )
    assert page.select_one(".bsf-article__body") is not None


def test_a_remarks_correction_with_a_spaced_hyphen_is_shown(corrected):
    box = corrected.soup(REMARKS).select_one(".bsf-notice--correction")
    assert [t["datetime"] for t in box.select("time")] == ["2020-03-15T19:45:00+08:00"]
    assert (
        box.select_one(".bsf-notice__item")
        .get_text()
        .endswith("Nama acara diperbaiki.")
    )


def test_json_ld_carries_each_correction_and_the_new_date_modified(corrected):
    node = json_ld(corrected.soup(CORRECTED))
    assert node["dateModified"] == CORRECTION_TIMES[0]
    assert node["datePublished"] == "2020-03-14T09:00:00+08:00"
    assert node["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Nama ketua Relawan TIK diperbaiki.",
            "datePublished": CORRECTION_TIMES[0],
        },
        {
            "@type": "CorrectionComment",
            "text": "Jam tutup stan tertulis 20.00 WITA; yang benar 21.00 WITA.",
            "datePublished": CORRECTION_TIMES[1],
        },
    ]
    modified = corrected.soup(CORRECTED).select_one(
        "meta[property='article:modified_time']"
    )
    assert modified["content"] == CORRECTION_TIMES[0]


def test_an_uncorrected_release_has_no_correction_node(corrected):
    node = json_ld(corrected.soup("/berita/2020/03/bontang-smart-festival-2020/"))
    assert "correction" not in node
    assert node["dateModified"] == node["datePublished"]


def test_feeds_update_the_corrected_entry_and_keep_its_id(corrected):
    atom = feedparser.parse((corrected.output / "feeds/atom.xml").read_bytes())
    assert not atom.bozo
    entry = entry_by_id(atom, CORRECTED_ID)
    assert entry.updated == CORRECTION_TIMES[0]
    assert entry.published == "2020-03-14T09:00:00+08:00"
    ralat = [p for p in re.findall(r"<p>.*?</p>", entry.content[0].value)][:2]
    assert [re.search(r'datetime="([^"]+)"', p)[1] for p in ralat] == CORRECTION_TIMES
    rss = feedparser.parse((corrected.output / "feeds/rss.xml").read_bytes())
    assert not rss.bozo
    assert entry_by_id(rss, CORRECTED_ID).link.endswith(CORRECTED)
    tree = etree.parse(str(corrected.output / "feeds/rss.xml"))
    item = tree.xpath("//item[guid=$id]", id=CORRECTED_ID)[0]
    assert item.findtext("dcterms:modified", namespaces=NS) == CORRECTION_TIMES[0]
    data = json_item(corrected, CORRECTED_ID)
    assert data["date_modified"] == CORRECTION_TIMES[0]
    assert data["date_published"] == "2020-03-14T09:00:00+08:00"
    assert [c["date"] for c in data["_newsroom"]["corrections"]] == CORRECTION_TIMES


def test_the_corrections_index_lists_every_notice_newest_first(corrected):
    page = corrected.soup("/ralat/")
    items = page.select(".bsf-corrections__item")
    times = [li.select_one(".bsf-corrections__meta time")["datetime"] for li in items]
    assert times == [
        "2020-03-15T19:45:00+08:00",
        WITHDRAWN_AT,
        *CORRECTION_TIMES,
    ]
    links = [li.select_one("h2 a")["href"] for li in items]
    assert links == [
        corrected.url + REMARKS,
        corrected.url + WITHDRAWN,
        corrected.url + CORRECTED,
        corrected.url + CORRECTED,
    ]
    labels = [li.select_one(".bsf-notice__label").get_text() for li in items]
    assert labels == ["Ralat", "Dicabut", "Ralat", "Ralat"]
    assert all(corrected.path(urllib.parse.urlsplit(u).path).exists() for u in links)
    # No main-menu item claims the page; the footer links to it from every page.
    menu = page.select_one("nav[aria-label='Menu utama']")
    assert menu.select("[aria-current]") == []
    assert page.select_one("h1").get_text() == "Ralat dan pencabutan"
    footer = corrected.soup("/").select_one(".bsf-footer__nav")
    assert f"{corrected.url}/ralat/" in {a["href"] for a in footer.select("a")}
    sitemap = etree.parse(str(corrected.output / "sitemap.xml"))
    locs = sitemap.xpath("//sm:loc/text()", namespaces=NS)
    assert f"{corrected.url}/ralat/" in locs


def test_the_corrections_index_without_corrections_says_so(site):
    page = site.soup("/ralat/")
    assert page.select(".bsf-corrections__item") == []
    assert page.select_one(".bsf-empty").get_text() == "Belum ada ralat."


def test_a_correction_changes_the_feeds_that_carry_the_item_so_they_are_pinged(
    corrected, tmp_path
):
    # The same content before the correction lines were added.
    content = corrections_content(tmp_path / "content")
    release = content / "press-releases" / "ralat-jam-stan.md"
    text = release.read_text(encoding="utf-8")
    before = re.sub(r"Correction: .*\n(?:    .*\n)?", "", text)
    assert before != text
    release.write_text(before, encoding="utf-8")
    earlier = build(
        tmp_path / "output",
        content,
        siteurl=corrected.url,
        SEO_NEWS_SITEMAP_NOW="2020-03-15 12:00",
    )
    changed = changed_feeds(feed_digests(earlier), corrected.output)
    # The item is in the site feeds, its agency's and its category's; the
    # remarks feed has no correction of a release to announce.
    assert {
        *SITE_FEEDS,
        "feeds/opd/diskominfo.xml",
        "feeds/kategori/berita.xml",
    } <= set(changed)
    assert "feeds/sambutan.xml" not in changed
    received = []

    class Hub(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["Content-Length"])
            received.append(urllib.parse.parse_qs(self.rfile.read(length).decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        hub = f"http://127.0.0.1:{server.server_address[1]}/"
        # The live address: a hub is never pinged for a local site's feeds.
        results = ping_hub(hub, feed_urls(LIVE_URL, changed), timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert all(r.ok for r in results)
    pinged = {r["hub.url"][0] for r in received}
    assert f"{LIVE_URL}/feeds/atom.xml" in pinged


# --- A withdrawal ------------------------------------------------------------------


def test_a_withdrawn_release_keeps_its_url_title_reason_and_time_only(corrected):
    page = corrected.soup(WITHDRAWN)
    assert page.select_one("h1").get_text() == WITHDRAWN_TITLE
    assert page.title.get_text().startswith(f"[Dicabut] {WITHDRAWN_TITLE}")
    box = page.select_one(".bsf-article__header .bsf-notice--withdrawn")
    assert box["role"] == "note"
    assert box.select_one(".bsf-notice__label").get_text() == "Dicabut"
    assert box.select_one("time")["datetime"] == WITHDRAWN_AT
    assert WITHDRAWN_REASON in box.get_text()
    main = page.select_one("main")
    assert main.select_one(".bsf-article__body") is None
    assert main.select_one(".bsf-quotes") is None
    assert main.select("img, picture, figure") == []
    # The photo only it used is not published either.
    assert not (corrected.output / "images" / "feeds-stan.png").exists()
    assert (corrected.content / "images" / "feeds-stan.png").exists()
    text = page.get_text()
    assert WITHDRAWN_TEXT not in text and WITHDRAWN_QUOTE not in text
    assert "Ringkasan asli" not in str(page)
    assert page.select_one("meta[name=robots]")["content"] == "noindex, follow"
    assert page.select("[data-pagefind-body]") == []
    node = json_ld(page)
    assert node["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": f"Dicabut: {WITHDRAWN_REASON}",
            "datePublished": WITHDRAWN_AT,
        }
    ]
    assert "hasPart" not in node


def test_a_withdrawn_release_leaves_the_sitemaps_and_the_search_index(corrected):
    withdrawn = corrected.url + WITHDRAWN
    sitemap = etree.parse(str(corrected.output / "sitemap.xml"))
    locs = set(sitemap.xpath("//sm:loc/text()", namespaces=NS))
    assert corrected.url + CORRECTED in locs
    assert withdrawn not in locs
    news = etree.parse(str(corrected.output / "news-sitemap.xml"))
    news_locs = set(news.xpath("//sm:loc/text()", namespaces=NS))
    assert corrected.url + CORRECTED in news_locs
    assert withdrawn not in news_locs
    from test_search import fragments

    indexed = set(fragments(corrected.output))
    assert CORRECTED in indexed
    assert WITHDRAWN not in indexed


LISTINGS = [
    "/",
    "/berita/",
    "/arsip/2020/03/",
    "/opd/diskominfo/",
    "/kategori/berita/",
]


@pytest.mark.parametrize("url", LISTINGS)
def test_a_withdrawn_release_leaves_every_listing(corrected, url):
    hrefs = listed_hrefs(corrected, url)
    assert corrected.url + CORRECTED in hrefs, url
    assert corrected.url + WITHDRAWN not in hrefs, url


def test_a_withdrawn_release_has_no_tag_or_author_page_of_its_own(corrected):
    assert corrected.path("/tag/uji-ralat/").exists()
    assert not corrected.path("/tag/tag-khusus-pencabutan/").exists()
    assert not corrected.path("/penulis/penulis-khusus-pencabutan/").exists()
    for page in corrected.page_files():
        for link in soup_of(page).select("a[href]"):
            target = urllib.parse.urlsplit(link["href"]).path
            if target.startswith(("/tag/", "/penulis/")):
                assert corrected.path(target).exists(), (page, target)


def test_quotes_of_a_withdrawn_release_leave_person_pages(corrected):
    person = corrected.soup("/tokoh/neni-moerniaeni/").get_text()
    assert "Terima kasih kepada seluruh peserta lomba aplikasi" in person
    assert WITHDRAWN_QUOTE not in person
    assert corrected.url + WITHDRAWN not in listed_hrefs(
        corrected, "/tokoh/neni-moerniaeni/"
    )


def test_the_feed_entry_of_a_withdrawn_release_says_so_with_the_same_id(corrected):
    for path in ("feeds/atom.xml", "feeds/rss.xml", "feeds/opd/diskominfo.xml"):
        parsed = feedparser.parse((corrected.output / path).read_bytes())
        assert not parsed.bozo, path
        entry = entry_by_id(parsed, WITHDRAWN_ID)
        assert entry.title == f"[Dicabut] {WITHDRAWN_TITLE}", path
        assert entry.link.endswith(WITHDRAWN)
        body = entry.content[0].value
        assert WITHDRAWN_REASON in body and WITHDRAWN_TEXT not in body, path
        assert WITHDRAWN_QUOTE not in body
        assert not [link for link in entry.links if link.rel == "enclosure"], path
    atom = feedparser.parse((corrected.output / "feeds/atom.xml").read_bytes())
    assert entry_by_id(atom, WITHDRAWN_ID).updated == WITHDRAWN_AT
    data = json_item(corrected, WITHDRAWN_ID)
    assert data["title"] == f"[Dicabut] {WITHDRAWN_TITLE}"
    assert data["date_modified"] == WITHDRAWN_AT
    assert "image" not in data
    assert data["_newsroom"]["quotes"] == []
    assert data["_newsroom"]["withdrawn"] == {
        "date": WITHDRAWN_AT,
        "text": WITHDRAWN_REASON,
    }


# --- Valid and accessible ------------------------------------------------------------

CHECKED = [CORRECTED, WITHDRAWN, REMARKS, "/ralat/"]


@pytest.mark.slow
def test_notice_pages_pass_the_nu_html_checker(corrected):
    require_tool(VNU_JAR, "The Nu HTML checker (npm vnu-jar)")
    files = [str(corrected.path(url)) for url in CHECKED]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []


@pytest.fixture(scope="module")
def served(corrected):
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(corrected.output)
    )
    handler.log_message = lambda *args: None
    port = int(corrected.url.rsplit(":", 1)[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield corrected
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("url", CHECKED)
def test_axe_finds_no_violation_on_notice_pages(browser, served, url):
    require_tool(CHROMIUM, "Chromium (Debian package chromium)")
    require_tool(AXE_JS, "axe-core (npm)")
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(served.url + url, wait_until="load")
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        violations = [
            f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        assert violations == []
    finally:
        context.close()


def test_a_withdrawn_item_is_never_public_for_the_sitemaps_whatever_its_status():
    from types import SimpleNamespace

    from content_model.view import ItemView
    from seo.sitemaps import is_public

    notice = parse_notice("withdrawn", "2020-03-15 09:30 — Alasan")
    kept = ItemView("release")
    assert is_public(SimpleNamespace(status="published", view=kept))
    gone = ItemView("release", withdrawn=notice)
    assert not is_public(SimpleNamespace(status="published", view=gone))


def test_the_notices_keep_their_time_through_the_sanitiser(corrected):
    # The notices are our own markup: the final allow-list pass keeps them
    # whole, and says nothing about them to the author.
    feed = feedparser.parse(str(corrected.output / "feeds" / "atom.xml"))
    entries = {e.id: e for e in feed.entries}
    for entry_id in (CORRECTED_ID, WITHDRAWN_ID):
        soup = BeautifulSoup(entries[entry_id].content[0].value, "html.parser")
        assert soup.select("time[datetime]"), entry_id
