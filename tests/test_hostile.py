"""Odd and hostile content: the check and the build end with our messages.

Property tests (Hypothesis) write generated files, valid and broken, beside a
small good content tree: `read_model` never raises and reports `path:line`,
and a build either succeeds or fails with `path:line` messages, leaving the
previous output byte-identical.
"""

import contextlib
import gzip
import hashlib
import html
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import FIXTURES, ROOT, build, merged_content
from content_model import read_model
from content_model.kinds import KIND_LIST
from safe_build import BuildFailed

# A path:line message, optionally after the plugin that logged it.
PATH_LINE = re.compile(r"^(?:[a-z_]+: )?[^\s:][^:\n]*:\d+: \S")
# Every kind's folder, releases four times as likely.
KINDS = ["press-releases"] * 3 + [kind.folder for kind in KIND_LIST]
HOSTILE_TEXT = [
    "<",
    ">",
    "&",
    "&amp;",
    '"',
    "'",
    "</script>",
    "<script>alert(1)</script>",
    "<b>tebal</b>",
    "🎉",
    "مرحبا",
    "\u202e",
    "\u200f",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x85",
    "\ufeff",
    "\ufffe",
    "\r",
    "\t",
    "(Adv)",
    "{filename}/tidak/ada.md",
    "javascript:alert(1)",
    "Bontang",
    "Smart City",
    "diskominfo",
    "dasuki",
]
VALUES = {
    "title": ["Judul Uji", ""],
    "date": ["2020-03-13", "2020-03-13 09:00", "2020-13-45", "kemarin", "0001-01-01"],
    "modified": ["2020-03-14", "2020-03-01", "2020-03-13 09.00"],
    "embargo": ["2020-03-13 08:00", "2019-01-01", "2020-03-14T09:00+08:00"],
    "start": ["2020-03-13 09:00", "2020-03-13"],
    "end": ["2020-03-13 17:00", "2020-03-12"],
    "tags": ["Smart City, RTIK", "🎉", "a; b, c", ", ,"],
    "category": ["Berita", "&&", "Pengumuman"],
    "authors": ["Tim Humas", "⭐"],
    "opd": ["diskominfo", "dinas-hantu", "diskominfo, diskominfo"],
    "speaker": ["dasuki", "neni-moerniaeni", "hantu"],
    "head": ["dasuki", "hantu"],
    "programs": ["command-center", "program-hantu"],
    "advertorial": ["yes", "ya", "no", "5"],
    "dimension": ["governance", "teleportasi"],
    "delivery": ["transcript", "bisikan"],
    "slug": ["slug-uji", "Slug Besar", "berita", "bontang-smart-festival-2020"],
    "status": ["published", "draft", "hidden", "terbit"],
    "image": ["images/tidak-ada.jpg", "https://contoh.example/x.jpg"],
    "image_alt": ["Foto uji"],
    "website": ["https://bontangkota.go.id", "javascript:alert(1)", "bontang"],
    "allow_script": ["yes", "mungkin"],
    "lang": ["id", "en"],
    "template": ["press_release", "page", "tidak-ada"],
    "summary": ['Ringkasan <b>tebal</b> & "kutip"', "<img src=x onerror=alert(1)>"],
    "occasion": ["Pembukaan"],
    "location": ["Pendopo"],
    "role": ["Kepala Dinas"],
    "acronym": ["DUC"],
}
KEYS = [*VALUES, "tittle", "embrago", "x-kunci", "Date", "TITLE"]
BODY_PARTS = [
    "Paragraf biasa tentang Smart City di Bontang.",
    "“Kutipan panjang,” ujar Dasuki.",
    "![Foto](images/tidak-ada.png)",
    "![](x.png)",
    "[tautan]({filename}/pages/tidak-ada.md)",
    "[tautan]({filename}/press-releases/bontang-smart-festival-2020.md)",
    "<p onclick='x()'>klik</p>",
    "<script>alert(1)</script>",
    "```\n<script>kode</script>\n```",
    "[jahat](javascript:alert(1))",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "* satu\n* dua",
    "# Judul dalam isi",
    "(Adv)",
    "<div>tanpa penutup",
    "[[[[[[",
    "]]]]((((",
    "<!-- komentar",
]


def header_lines():
    key = st.sampled_from(KEYS)
    value = any_value()
    return st.lists(
        st.one_of(
            st.tuples(key, value).map(lambda kv: f"{kv[0].title()}: {kv[1]}"),
            st.sampled_from(["    lanjutan", "bukan kunci", "---", ""]),
        ),
        max_size=10,
    )


def bodies():
    part = st.one_of(
        st.sampled_from(BODY_PARTS),
        st.lists(st.sampled_from(HOSTILE_TEXT), max_size=8).map("".join),
        st.text(max_size=80),
    )
    return st.lists(part, max_size=6).map("\n\n".join)


def encode(text, how):
    if how == "utf-8-sig":
        return text.encode("utf-8-sig", "surrogatepass")
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    if how == "cr":
        return text.replace("\n", "\r").encode("utf-8", "surrogatepass")
    if how in ("latin-1", "utf-16", "cp1252"):
        return text.encode(how, "replace")
    return text.encode("utf-8", "surrogatepass")


# A valid header per folder; "near" files start here and get a few mutations.
VALID = {
    "press-releases": {
        "title": "Rilis Uji",
        "date": "2020-03-14 10:00",
        "summary": "Ringkasan uji.",
        "tags": "Smart City",
        "opd": "diskominfo",
    },
    "remarks": {
        "title": "Sambutan Uji",
        "date": "2020-03-14",
        "speaker": "dasuki",
        "occasion": "Pembukaan",
    },
    "pages": {"title": "Halaman Uji"},
    "agencies": {"title": "Dinas Uji", "acronym": "DU"},
    "people": {"title": "Tokoh Uji", "role": "Kepala"},
    "programs": {"title": "Program Uji", "opd": "diskominfo", "dimension": "living"},
    "events": {
        "title": "Acara Uji",
        "start": "2020-03-14 09:00",
        "end": "2020-03-14 12:00",
        "location": "Pendopo",
    },
    "galleries": {
        "title": "Galeri Uji",
        "date": "2020-03-14 10:00",
        "opd": "diskominfo",
        "event": "bontang-smart-festival-2020",
    },
}


def any_value():
    return st.one_of(
        st.sampled_from([v for values in VALUES.values() for v in values]),
        st.lists(st.sampled_from(HOSTILE_TEXT), max_size=6).map("".join),
        st.text(max_size=40),
        st.integers(min_value=1, max_value=200_000).map(lambda n: "x" * n),
    )


@st.composite
def near_valid_header(draw, folder):
    """A valid header for `folder` with zero to three keys changed or added."""
    values = dict(VALID[folder])
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()) and key.lower() in values:
            del values[key.lower()]
        else:
            values[key.lower()] = draw(any_value())
    return [f"{key.title()}: {value}" for key, value in values.items()]


@st.composite
def content_files(draw):
    """One generated file: (folder, file name, bytes)."""
    folder = draw(st.sampled_from(KINDS))
    name = draw(
        st.sampled_from(
            ["uji"] * 4
            + ["uji-dua", "Judul Besar", ".tersembunyi", "é", "berita"]
            + ["a" * 200]
        )
    )
    shape = draw(
        st.sampled_from(["near"] * 6 + ["random"] * 3 + ["empty", "junk", "blank"])
    )
    if shape == "empty":
        return folder, f"{name}.md", b""
    if shape == "junk":
        return folder, f"{name}.md", draw(st.binary(max_size=300))
    if shape == "blank":
        return folder, f"{name}.md", b"\n \n\t\n"
    if shape == "near":
        lines = draw(near_valid_header(folder))
    else:
        lines = draw(header_lines())
    text = "\n".join(lines) + "\n\n" + draw(bodies()) + "\n"
    how = draw(
        st.sampled_from(
            ["utf-8"] * 5 + ["utf-8-sig", "crlf", "cr", "latin-1", "utf-16"]
        )
    )
    return folder, f"{name}.md", encode(text, how)


def base_content(target):
    """A small good tree: the agency, people and programs the seed needs."""
    for folder in ("agencies", "people", "programs", "pages"):
        shutil.copytree(ROOT / "content" / folder, target / folder, dirs_exist_ok=True)
    for folder in set(KINDS):
        (target / folder).mkdir(parents=True, exist_ok=True)
    return target


@contextlib.contextmanager
def added(content, files):
    """Add generated files to `content` for the duration of the block."""
    written = []
    try:
        for folder, name, data in files:
            target = content / folder / name
            target.write_bytes(data)
            written.append(target)
        yield content
    finally:
        for path in written:
            path.unlink(missing_ok=True)


def digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


def assert_well_formed(problems):
    for problem in problems:
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert problem.severity in ("error", "warning"), problem
        assert "; " in problem.message, problem
        assert str(problem).isprintable(), str(problem)
        assert len(problem.message) < 1000, problem.message[:200]
        assert PATH_LINE.match(str(problem)), str(problem)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A good content tree and its build: the output failed builds must keep."""
    root = tmp_path_factory.mktemp("property")
    content = base_content(root / "content")
    output = build(root / "previous", content)
    return content, output, digest(output)


SETTINGS = {
    "database": None,  # nothing written inside the repository
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
}


@settings(max_examples=250, **SETTINGS)
@given(files=st.lists(content_files(), min_size=1, max_size=3))
def test_the_check_never_raises_and_names_path_and_line(files, workspace):
    content = workspace[0]
    with added(content, files):
        model = read_model(content, theme=ROOT / "theme")
    assert_well_formed(model.problems)


@settings(max_examples=60, **SETTINGS)
@given(files=st.lists(content_files(), min_size=1, max_size=2))
def test_the_build_succeeds_or_fails_cleanly_keeping_the_old_output(files, workspace):
    content, previous, before = workspace
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "output"
        shutil.copytree(previous, target)
        with added(content, files):
            try:
                build(target, content)
            except BuildFailed as failure:
                event("build failed")
                assert failure.problems
                for message in failure.problems:
                    assert PATH_LINE.match(message), message
                assert digest(target) == before
            else:
                event("build succeeded")
                assert (target / "index.html").is_file()
        leftovers = [p.name for p in Path(folder).iterdir() if p.name != "output"]
        assert leftovers in ([], ["cache"])


FREE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
        blacklist_characters="\ufeff\ufffe\uffff",
    ),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


@st.composite
def valid_hostile_releases(draw):
    """A release whose keys are right and whose free text is anything printable."""
    title = draw(FREE_TEXT)
    summary = draw(FREE_TEXT)
    tags = draw(st.lists(FREE_TEXT, max_size=3))
    body = draw(st.lists(FREE_TEXT, min_size=1, max_size=4))
    lines = [
        f"Title: {title}",
        "Date: 2020-03-14 10:00",
        f"Summary: {summary}",
        "OPD: diskominfo",
    ]
    if tags:
        lines.append(f"Tags: Smart City, {', '.join(tags)}")
    text = "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"
    return "press-releases", "rilis-uji.md", text.encode("utf-8")


@settings(max_examples=40, **SETTINGS)
@given(release=valid_hostile_releases())
def test_any_printable_text_in_a_valid_release_builds_or_is_named(release, workspace):
    content, previous, before = workspace
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "output"
        with added(content, [release]):
            problems = read_model(content, theme=ROOT / "theme").errors
            try:
                build(target, content)
            except BuildFailed as failure:
                # Only our own checks may stop it (a tag without a letter,
                # a <script> typed into the text): never Pelican or a plugin.
                assert problems, failure.problems
                assert failure.problems == [str(p) for p in problems]
            else:
                assert not problems
                assert (target / "index.html").is_file()


# --- hostile text comes out escaped and intact in every format -----------------

HOSTILE = FIXTURES / "hostile" / "content"
H = (
    "Tes <b>tebal</b> & \"kutip\" 'tunggal' </script><script>alert(1)</script> "
    "🎉 مرحبا بكم A<B>C"
)
TITLES = {
    "/berita/2020/03/hostile-rilis/": f"Rilis {H}",
    "/sambutan/hostile-sambutan/": f"Sambutan {H}",
    "/opd/hostile-dinas/": f"Dinas {H}",
    "/tokoh/hostile-tokoh/": f"Tokoh {H}",
    "/program/hostile-program/": f"Program {H}",
    "/agenda/hostile-acara/": f"Acara {H}",
    "/hostile-halaman/": f"Halaman {H}",
}
RELEASE_URL = "/berita/2020/03/hostile-rilis/"
# H in a feed's plain-text field: each '<' that could open a tag is '＜'
# (U+FF1C), so a CMS that inserts the field as HTML finds no tag in it.
H_FEED = (
    "Tes \uff1cb>tebal\uff1c/b> & \"kutip\" 'tunggal' \uff1c/script>\uff1cscript>"
    "alert(1)\uff1c/script> 🎉 مرحبا بكم A\uff1cB>C"
)
TAGS = ['Tag <b>&</b> "kutip" </script> 🎉', "وسم عربي", "Smart City"]
AUTHOR = 'Penulis <i>&</i> "Uji" 🎉'
SUMMARY = "Ringkasan 5 < 6 & 7 > 3, \"kutip\" 'tunggal' 🎉 مرحبا بكم"
LOCATION = 'Ruang <A> & "B", 🎉 قاعة; baris\\nbaru'
# What the text turns into when markup in it is taken for HTML and stripped.
MANGLED = (
    "Tes tebal",
    "'tunggal'  alert(1)",
    "'tunggal' alert(1)",
    "بكم AC",
    "بكم A C",
)
# Where the seo plugin writes text: checked by their own tests below.
SEO_META = ("og:", "twitter:")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    content = merged_content(
        tmp_path_factory.mktemp("hostile") / "content", ROOT / "content", HOSTILE
    )
    url = "https://festival.example.org"
    output = build(tmp_path_factory.mktemp("hostile-site") / "output", content, url)
    return output


def output_file(site, relative, what):
    # Every plugin exists: a missing output is the regression to catch.
    path = site / relative
    assert path.is_file(), f"{relative} was not written ({what})"
    return path


def html_pages(site):
    return [
        p for p in sorted(site.rglob("*.html")) if p.parts[len(site.parts)] != "theme"
    ]


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def assert_not_mangled(strings, where):
    for text in strings:
        for mangled in MANGLED:
            assert mangled not in text, f"{where}: {text[:200]!r}"


def page_strings(soup):
    """Text nodes and attribute values, minus what the seo plugin writes."""
    for text in soup.find_all(string=True):
        if text.parent.name != "script":
            yield str(text)
    for tag in soup.find_all(True):
        if tag.name == "meta" and tag.get("property", "").startswith(SEO_META):
            continue
        if tag.name == "meta" and tag.get("name", "").startswith(SEO_META):
            continue
        for value in tag.attrs.values():
            yield " ".join(value) if isinstance(value, list) else str(value)


def test_no_page_runs_or_renders_markup_typed_into_text(hostile_site):
    pages = html_pages(hostile_site)
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        where = page.relative_to(hostile_site).as_posix()
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue
            assert "alert(1)" not in script.get_text(), where
        assert not [b for b in soup.find_all("b") if b.get_text() == "tebal"], where
        assert not [i for i in soup.find_all("i") if i.get_text() == "&"], where
        assert_not_mangled(page_strings(soup), where)


@pytest.mark.parametrize("url", list(TITLES))
def test_each_page_shows_its_title_intact(hostile_site, url):
    page = output_file(hostile_site, url.strip("/") + "/index.html", "page")
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    title = TITLES[url]
    # An agency's heading adds its acronym: "Title (Acronym)".
    assert soup.h1.get_text(" ", strip=True).startswith(title)
    assert soup.title.get_text().startswith(title)


@pytest.mark.parametrize("url", list(TITLES))
def test_sharing_tags_keep_the_title_intact(hostile_site, url):
    page = output_file(hostile_site, url.strip("/") + "/index.html", "page")
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    found = [
        meta
        for meta in soup.find_all("meta")
        if meta.get("property") in ("og:title", "twitter:title")
        or meta.get("name") in ("og:title", "twitter:title")
    ]
    assert found, "no sharing tags were written (seo plugin)"
    for meta in found:
        assert meta["content"] == TITLES[url]


def test_release_page_shows_tags_author_and_summary_intact(hostile_site):
    soup = BeautifulSoup(
        (hostile_site / RELEASE_URL.strip("/") / "index.html").read_bytes(),
        "html.parser",
    )
    tags = [a.get_text() for a in soup.select(".bsf-tags a")]
    assert tags == TAGS
    assert soup.select_one(".bsf-article__byline a").get_text() == AUTHOR
    description = soup.find("meta", attrs={"name": "description"})
    assert description["content"].startswith(SUMMARY)


def test_json_ld_parses_and_keeps_the_title_intact(hostile_site):
    soup = BeautifulSoup(
        (hostile_site / RELEASE_URL.strip("/") / "index.html").read_bytes(),
        "html.parser",
    )
    blocks = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert blocks, "no JSON-LD was written (seo plugin)"
    data = [json.loads(block.string) for block in blocks]
    strings = [s for block in data for s in json_strings(block)]
    assert f"Rilis {H}" in strings
    assert_not_mangled(strings, "JSON-LD")


def test_every_json_ld_block_parses_on_every_page(hostile_site):
    found = 0
    for page in html_pages(hostile_site):
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        for block in soup.find_all("script", attrs={"type": "application/ld+json"}):
            json.loads(block.string)
            found += 1
    assert found, "no JSON-LD was written (seo plugin)"


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "opd/hostile-dinas.xml"])
def test_xml_feeds_keep_titles_tags_and_authors_intact(hostile_site, name):
    path = output_file(hostile_site, f"feeds/{name}", "feeds plugin")
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = etree.parse(str(path)).getroot()
    ns = {
        "atom": "http://www.w3.org/2005/Atom",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    items = root.findall(".//item") or root.findall("atom:entry", ns)
    titles = [
        i.findtext("title") or i.findtext("atom:title", namespaces=ns) for i in items
    ]
    assert f"Rilis {H_FEED}" in titles
    release = items[titles.index(f"Rilis {H_FEED}")]
    categories = [c.text or c.get("term") for c in release.findall("category")] or [
        c.get("term") for c in release.findall("atom:category", ns)
    ]
    assert set(TAGS) <= set(categories)
    authors = [a.text for a in release.findall("dc:creator", ns)] + [
        a.findtext("atom:name", namespaces=ns)
        for a in release.findall("atom:author", ns)
    ]
    assert AUTHOR in authors
    assert_not_mangled([t for t in titles if t], name)


def test_json_feed_keeps_titles_tags_and_summary_intact(hostile_site):
    path = output_file(hostile_site, "feeds/feed.json", "feeds plugin")
    items = {
        item["url"]: item
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]
    }
    release = items[f"https://festival.example.org{RELEASE_URL}"]
    assert release["title"] == f"Rilis {H_FEED}"
    assert set(TAGS) <= set(release["tags"])
    assert release["summary"] == SUMMARY
    assert AUTHOR in [a["name"] for a in release.get("authors", [])]
    remarks = items["https://festival.example.org/sambutan/hostile-sambutan/"]
    assert remarks["title"] == f"Sambutan {H_FEED}"


def test_sitemaps_parse_and_keep_titles_intact(hostile_site):
    sitemap = output_file(hostile_site, "sitemap.xml", "seo plugin")
    root = etree.parse(str(sitemap)).getroot()
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert f"https://festival.example.org{RELEASE_URL}" in locs
    news = output_file(hostile_site, "news-sitemap.xml", "seo plugin")
    titles = [
        t.text for t in etree.parse(str(news)).getroot().iterfind(".//news:title", ns)
    ]
    assert f"Rilis {H}" in titles


def test_calendar_keeps_summary_and_location_intact(hostile_site):
    path = output_file(hostile_site, "agenda/hostile-acara.ics", "events plugin")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Acara {H}"
    assert str(event["LOCATION"]).startswith(LOCATION)
    lines = path.read_bytes().split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), "ICS lines must be folded"


def pagefind_records(site):
    folder = site / "pagefind" / "fragment"
    assert folder.is_dir(), "no search index was written (search plugin)"
    for path in sorted(folder.iterdir()):
        raw = gzip.decompress(path.read_bytes())
        yield json.loads(raw[raw.index(b"{") :])


def test_search_index_keeps_titles_intact(hostile_site):
    records = {r["url"]: r for r in pagefind_records(hostile_site)}
    record = records[RELEASE_URL]
    title = record["meta"]["title"].replace("___END_PAGEFIND_WEIGHT___", "").strip()
    assert html.unescape(title).rstrip(".") == f"Rilis {H}"
    assert f"Rilis {H}" in html.unescape(record["content"])


# --- big content: the build finishes and pages stay usable ---------------------

BIG_URL = "/berita/2020/03/rilis-dua-mb/"
QUOTES_URL = "/berita/2020/03/rilis-500-kutipan/"
TAGS_URL = "/berita/2020/03/rilis-300-tag/"
PARAGRAPH = (
    "Pemerintah Kota Bontang melalui Diskominfo terus menyosialisasikan Smart "
    "City kepada seluruh lapisan masyarakat, dari kelurahan hingga sekolah. "
)


def write_big_content(content):
    """A 2 MB release, 500 quotes, 300 tags, an agency with 200 programs."""
    releases = content / "press-releases"
    paragraphs = [f"Paragraf {n}. {PARAGRAPH * 6}" for n in range(2600)]
    paragraphs.append("Paragraf penutup rilis besar.")
    body = "\n\n".join(paragraphs)
    (releases / "rilis-dua-mb.md").write_text(
        f"Title: Rilis Dua Megabita\nDate: 2020-03-15\nOPD: diskominfo\n\n{body}\n",
        encoding="utf-8",
    )
    quotes = "\n\n".join(
        f"“Kalimat kutipan nomor {n} tentang Smart City,” ujar Dasuki."
        for n in range(500)
    )
    (releases / "rilis-500-kutipan.md").write_text(
        f"Title: Rilis 500 Kutipan\nDate: 2020-03-15\n\n{quotes}\n", encoding="utf-8"
    )
    tags = ", ".join(f"Topik {n:03d}" for n in range(300))
    (releases / "rilis-300-tag.md").write_text(
        f"Title: Rilis 300 Tag\nDate: 2020-03-15\nTags: {tags}\n\nIsi.\n",
        encoding="utf-8",
    )
    (content / "agencies" / "dinas-besar.md").write_text(
        "Title: Dinas Besar\nAcronym: DB\n\nDinas dengan banyak program.\n",
        encoding="utf-8",
    )
    dimensions = ["governance", "branding", "economy", "living", "society"]
    for n in range(200):
        (content / "programs" / f"program-besar-{n:03d}.md").write_text(
            f"Title: Program Besar {n:03d}\nOPD: dinas-besar\n"
            f"Dimension: {dimensions[n % 5]}\n\nProgram nomor {n}.\n",
            encoding="utf-8",
        )
    return body


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    content = merged_content(
        tmp_path_factory.mktemp("big") / "content", ROOT / "content"
    )
    body = write_big_content(content)
    assert len(body.encode("utf-8")) > 2_000_000
    started = time.monotonic()
    output = build(tmp_path_factory.mktemp("big-site") / "output", content)
    return output, time.monotonic() - started


def soup_at(site, url):
    return BeautifulSoup(
        (site / url.strip("/") / "index.html").read_bytes(), "html.parser"
    )


def test_big_content_builds_in_reasonable_time(big_site):
    _, seconds = big_site
    assert seconds < 120


def test_a_two_megabyte_release_is_published_whole(big_site):
    site, _ = big_site
    body = soup_at(site, BIG_URL).select_one(".bsf-article__body")
    paragraphs = body.find_all("p")
    assert len(paragraphs) == 2601
    assert paragraphs[-1].get_text() == "Paragraf penutup rilis besar."
    # Listings show a summary, not the whole text.
    listing = (site / "berita" / "index.html").stat().st_size
    assert listing < 200_000


def test_five_hundred_quotes_are_all_attributed(big_site):
    site, _ = big_site
    items = soup_at(site, QUOTES_URL).select(".bsf-quotes__item")
    assert len(items) == 500
    feed = site / "feeds" / "feed.json"
    assert feed.is_file()
    entries = json.loads(feed.read_text(encoding="utf-8"))["items"]
    (entry,) = [e for e in entries if e["url"].endswith(QUOTES_URL)]
    quotes = entry["_newsroom"]["quotes"]
    assert len(quotes) == 500
    assert {q["speaker_id"] for q in quotes} == {"dasuki"}


def test_three_hundred_tags_each_get_a_page(big_site):
    site, _ = big_site
    links = soup_at(site, TAGS_URL).select(".bsf-tags a")
    assert len(links) == 300
    for n in (0, 150, 299):
        page = soup_at(site, f"/tag/topik-{n:03d}/")
        titles = [a.get_text() for a in page.select(".bsf-card__title a")]
        assert titles == ["Rilis 300 Tag"]
    index = soup_at(site, "/tag/")
    assert len({a["href"] for a in index.select("main a[href*='/tag/topik-']")}) == 300


def test_an_agency_with_two_hundred_programs_lists_them_all(big_site):
    site, _ = big_site
    page = soup_at(site, "/opd/dinas-besar/")
    links = {a["href"] for a in page.select("main a[href*='/program/program-besar-']")}
    assert len(links) == 200
    index = site / "program" / "index.html"
    assert index.is_file()
    soup = soup_at(site, "/program/")
    found = {a["href"] for a in soup.select("main a[href*='/program/program-besar-']")}
    assert len(found) == 200


def test_big_lists_stay_light(big_site):
    # Pages that list items (not the 2 MB release itself) stay small enough
    # for a phone on a slow connection; growing lists must paginate.
    site, _ = big_site
    sizes = {
        url: (site / url.strip("/") / "index.html").stat().st_size
        for url in ("/berita/", "/tag/", "/opd/dinas-besar/", "/program/", "/")
    }
    heavy = {url: size for url, size in sizes.items() if size > 150_000}
    assert heavy == {}
