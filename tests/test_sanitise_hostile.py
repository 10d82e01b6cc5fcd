"""Hostile content in every output: nothing runs, redirects or calls out.

Each case builds its own small site: one release, one page, one event and one
agency, with the same hostile markup in the body and in every header field.
Every output format is scanned (pages, RSS/Atom/JSON feeds including the
per-agency ones, JSON-LD, ICS, sitemaps, the Pagefind index), and the pages
are opened in Chromium, where no dialog may open, no navigation happen and
no request leave the site's host. An allow-listed YouTube embed plays (its
host is routed to a local stub: there is no network here).
"""

import functools
import gzip
import http.server
import json
import threading
from urllib.parse import urlsplit

import icalendar
import jinja2
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from conftest import ROOT, build, free_port
from pelican.settings import read_settings
from sanitise.policy import url_scheme

MARK = "bsfxss"
EVIL = "evil.example"
ALERT = f"alert('{MARK}')"
# Each payload is Markdown for the body; its first line also goes into every
# header field (flattened, and cut so the Title stays under its limit).
PAYLOADS = {
    "attr-list": f'Paragraf.\n{{: onfocus="{ALERT}" autofocus tabindex=0 .merah }}',
    "details-ontoggle": (
        f'<details open ontoggle="{ALERT}"><summary>Buka</summary>isi</details>'
    ),
    "ref-in-quote": f"> Baca [di sini][j].\n>\n> [j]: javascript:{ALERT}",
    "ref-in-list": f"- Baca [di sini][j].\n\n    [j]: javascript:{ALERT}",
    "nested-brackets": (
        f"[[a [b] c]](javascript:{ALERT}) dan [x [y [z]]](javascript:{ALERT})"
    ),
    "entity-scheme": (
        f'<a href="&#106;ava&#x09;script:{ALERT}">a</a> [b](jav&#x61;script:{ALERT})'
        f' <a href="data:text/html,&lt;script&gt;{ALERT}&lt;/script&gt;">c</a>'
    ),
    "long-text": "[" + "panjang " * 3000 + f"](javascript:{ALERT})",
    "long-attribute": (
        f'<a title="{"x" * 60000}" href="javascript:{ALERT}" onmouseover="{ALERT}">'
        "t</a>"
    ),
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=https://{EVIL}/">',
    "base": f'<base href="https://{EVIL}/">[tautan](relatif.html)',
    "form": (
        f'<form action="https://{EVIL}/" method="post"><input name="q">'
        f'<button formaction="javascript:{ALERT}">kirim</button></form>'
    ),
    "iframe": (
        f'<iframe src="https://{EVIL}/"></iframe>'
        f'<iframe srcdoc="&lt;script&gt;{ALERT}&lt;/script&gt;"></iframe>'
        f'<iframe src="http://www.youtube-nocookie.com/embed/x"></iframe>'
    ),
    "object-embed": (
        f'<object data="https://{EVIL}/x.swf"></object>'
        f'<embed src="https://{EVIL}/x.swf">'
    ),
    "style": (
        f"<style>/*{MARK}*/body{{display:none}}</style>"
        f'<p style="background:url(https://{EVIL}/x.png)">gaya</p>'
    ),
    "script": (
        f"<script>{ALERT}</script>"
        f'<script src="https://{EVIL}/x.js"></script>'
        f"<svg><script>{ALERT}</script></svg>"
    ),
    # (An image from another host is a content error: never published.)
    "img-handler": (
        f'<img src="/images/foto.png" alt="x" onerror="{ALERT}">'
        f'<svg onload="{ALERT}"></svg>'
    ),
}
# Text that decodes into a tag: the quote's text must not carry it as markup.
QUOTE = f"&lt;script&gt;{ALERT}&lt;/script&gt; &lt;img src=x onerror={ALERT}&gt;"
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "cite",
    "background",
    "xlink:href",
)
EMBED = "https://www.youtube-nocookie.com/embed/abc123"
EMBED_BODY = (
    "Video pembukaan festival:\n\n"
    f'<iframe src="{EMBED}" title="Video pembukaan" width="560" height="315" '
    "allowfullscreen></iframe>\n"
)


def flat(payload, limit=200):
    # A word first: a tag or author needs a letter to build its address from.
    return "Teks " + " ".join(payload.split())[:limit]


def write_site(content, body, field):
    """Write the small content tree: every header field holds `field`."""
    for folder in (
        "press-releases",
        "pages",
        "events",
        "agencies",
        "galleries",
        "images",
    ):
        (content / folder).mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (30, 90, 160)).save(content / "images" / "foto.png")
    # Tags and Authors split at ',' and ';': one value holding all of it.
    one = field.replace(",", " ").replace(";", " ")
    (content / "agencies" / "dinas-uji.md").write_text(
        f"Title: Dinas Uji\nAcronym: DU\nSummary: {field}\n\n{body}\n",
        encoding="utf-8",
    )
    (content / "press-releases" / "rilis-uji.md").write_text(
        f"Title: Rilis {field}\nDate: 2020-03-14 10:00\nSummary: {field}\n"
        f"Tags: Smart City, {one}\nAuthors: {one}\nOPD: dinas-uji\n"
        f"Image: images/foto.png\nImage_Alt: {field}\nImage_Caption: {field}\n\n"
        f"“Kutipan {QUOTE},” ujar Pejabat Uji.\n\n{body}\n",
        encoding="utf-8",
    )
    (content / "pages" / "halaman-uji.md").write_text(
        f"Title: Halaman {field}\nSummary: {field}\n\n{body}\n", encoding="utf-8"
    )
    (content / "events" / "acara-uji.md").write_text(
        f"Title: Acara {field}\nStart: 2020-03-14 09:00\nEnd: 2020-03-14 12:00\n"
        f"Location: {field}\nSummary: {field}\nOPD: dinas-uji\n\n{body}\n",
        encoding="utf-8",
    )
    (content / "galleries" / "galeri-uji.md").write_text(
        f"Title: Galeri {field}\nDate: 2020-03-14 11:00\nSummary: {field}\n"
        f"OPD: dinas-uji\nEvent: acara-uji\n\n"
        '![Foto uji](../images/foto.png "Keterangan uji | Foto: Fotografer Uji")'
        f"\n\n{body}\n",
        encoding="utf-8",
    )
    return content


class Served:
    """A built site served on loopback at its SITEURL."""

    def __init__(self, output, port):
        self.output = output
        self.url = f"http://127.0.0.1:{port}"
        handler = functools.partial(_Quiet, directory=str(output))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.cache
def jinja_settings(folder):
    """Our Jinja settings plus a bytecode cache shared by this file's builds.

    Compiling the templates is most of a small site's build time; the cache
    lives in a temporary folder, never in the repository.
    """
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    cache = jinja2.FileSystemBytecodeCache(folder)
    return {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": cache}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    return str(tmp_path_factory.mktemp("jinja-cache"))


def build_case(tmp_path, body, field, templates=None):
    port = free_port()
    content = write_site(tmp_path / "content", body, field)
    extra = {"JINJA_ENVIRONMENT": jinja_settings(templates)} if templates else {}
    output = build(tmp_path / "output", content, f"http://127.0.0.1:{port}", **extra)
    return output, port


# --- scanners --------------------------------------------------------------------


def bad_url(value):
    """Return whether a URL value could run script or leave for the bad host."""
    values = [value]
    if "," in value or " " in value.strip():
        values = [part.strip().split(" ")[0] for part in value.split(",")]
    for url in values:
        scheme = url_scheme(url)
        # webcal: is the theme's own calendar subscription link.
        if scheme and scheme not in ("http", "https", "mailto", "tel", "webcal"):
            return True
        if (urlsplit(url.strip()).hostname or "").endswith(EVIL):
            return True
    return False


def html_problems(markup, where, embeds=()):
    """Return what in an HTML document or fragment could run or redirect."""
    soup = BeautifulSoup(markup, "html.parser")
    found = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if name in ("base", "object", "embed", "applet", "frame", "frameset"):
            found.append(f"{where}: <{name}>")
        if name == "meta" and tag.get("http-equiv"):
            found.append(f"{where}: <meta http-equiv>")
        if name == "script":
            inline = tag.get_text()
            if tag.get("type") != "application/ld+json" and (
                MARK in inline or tag.get("src", "").find(EVIL) != -1
            ):
                found.append(f"{where}: <script> {inline[:60]!r}")
        if name == "style" and MARK in tag.get_text():
            found.append(f"{where}: <style> from content")
        if name == "form" and EVIL in tag.get("action", ""):
            found.append(f"{where}: <form action>")
        # BeautifulSoup reads sandbox as a list of tokens.
        sandbox = " ".join(tag.get_attribute_list("sandbox", []))
        if name == "iframe" and (
            tag.get("src") not in embeds
            or sandbox != "allow-scripts allow-same-origin allow-presentation"
        ):
            found.append(f"{where}: <iframe src={tag.get('src')!r}>")
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                found.append(f"{where}: {attribute}= on <{name}>")
            if attribute.lower() == "style" and (MARK in text or EVIL in text):
                found.append(f"{where}: style= on <{name}>")
            if attribute.lower() in URL_ATTRIBUTES and bad_url(text):
                found.append(f"{where}: {attribute}={text[:60]!r} on <{name}>")
    return found


def no_markup_in_text(text, where):
    """A plain-text field: nothing a CMS reading it as HTML would take for a tag."""
    soup = BeautifulSoup(text or "", "html.parser")
    return [f"{where}: {tag.name} in {text[:80]!r}" for tag in soup.find_all(True)]


def page_files(output):
    return [
        p
        for p in sorted(output.rglob("*.html"))
        if p.relative_to(output).parts[0] not in ("theme", "pagefind")
    ]


def scan_pages(output, embeds=()):
    pages = page_files(output)
    assert len(pages) > 8, pages
    found = []
    for page in pages:
        found += html_problems(
            page.read_text(encoding="utf-8"), str(page.relative_to(output)), embeds
        )
    return found


def feed_files(output):
    feeds = sorted((output / "feeds").rglob("*"))
    return [p for p in feeds if p.suffix in (".xml", ".json")]


def scan_feeds(output, embeds=()):
    """Scan RSS, Atom and JSON Feed files, the per-agency ones included."""
    feeds = feed_files(output)
    names = {p.relative_to(output).as_posix() for p in feeds}
    assert {"feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"} <= names, names
    assert any("dinas-uji" in name for name in names), names
    found = []
    entries = quotes = 0
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path in feeds:
        where = path.relative_to(output).as_posix()
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            for item in data["items"]:
                entries += 1
                quotes += len(item["_newsroom"]["quotes"])
                found += html_problems(item.get("content_html", ""), where, embeds)
                found += no_markup_in_text(item.get("title"), where)
                found += no_markup_in_text(item.get("summary"), where)
                for quote in item["_newsroom"]["quotes"]:
                    found += no_markup_in_text(quote["text"], where)
                found += [f"{where}: url" for u in [item["url"]] if bad_url(u)]
            continue
        root = etree.parse(str(path)).getroot()
        for item in root.iter("item", "{http://www.w3.org/2005/Atom}entry"):
            entries += 1
            for child in item:
                tag = etree.QName(child).localname
                if tag in ("description", "encoded", "content", "summary"):
                    found += html_problems(child.text or "", where, embeds)
                if tag == "title":
                    found += no_markup_in_text(child.text, where)
                for attribute in ("href", "url"):
                    if bad_url(child.get(attribute, "")):
                        found.append(f"{where}: {tag} {attribute}")
                if tag == "link" and child.text and bad_url(child.text):
                    found.append(f"{where}: link")
        for link in root.iterfind(".//a:link", ns):
            if bad_url(link.get("href", "")):
                found.append(f"{where}: atom link")
    assert entries >= 4, entries
    assert quotes >= 1, "no quote reached the JSON feed"
    return found


def json_strings(value, key=""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from json_strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item, key)


def scan_json_ld(output):
    found = []
    blocks = 0
    for page in page_files(output):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.find_all("script", attrs={"type": "application/ld+json"}):
            blocks += 1
            for key, text in json_strings(json.loads(block.string)):
                if key in ("url", "@id", "image", "logo", "sameAs", "contentUrl"):
                    if bad_url(text):
                        found.append(f"{page.name}: JSON-LD {key}={text[:60]!r}")
    assert blocks >= 4, blocks
    return found


def scan_calendars(output):
    calendars = sorted(output.rglob("*.ics"))
    assert any(p.name == "acara-uji.ics" for p in calendars), calendars
    found = []
    for path in calendars:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            for name in ("URL", "ATTACH"):
                if name in event and bad_url(str(event[name])):
                    found.append(f"{path.name}: {name}")
    return found


def scan_sitemaps(output, siteurl):
    sitemaps = sorted(output.glob("*sitemap*.xml"))
    assert any(p.name == "sitemap.xml" for p in sitemaps), sitemaps
    found = []
    for path in sitemaps:
        for element in etree.parse(str(path)).getroot().iter():
            if etree.QName(element).localname == "loc":
                if not (element.text or "").startswith(siteurl + "/"):
                    found.append(f"{path.name}: loc {element.text[:60]!r}")
    return found


def scan_search_index(output, siteurl):
    folder = output / "pagefind" / "fragment"
    assert folder.is_dir(), "no search index was written"
    found = []
    records = 0
    for path in sorted(folder.iterdir()):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        records += 1
        for key, text in json_strings(record.get("meta", {})):
            if key in ("image", "url") and bad_url(text):
                found.append(f"pagefind {key}={text[:60]!r}")
        if bad_url(record.get("url", "")):
            found.append(f"pagefind url {record['url'][:60]!r}")
    # The release and the page are indexed.
    assert records >= 2, records
    return found


# --- the browser -------------------------------------------------------------------


def visit(browser, served, pages, stub=None):
    """Open `pages` (site paths); return (dialogs, navigations, foreign requests)."""
    host = served.url.split("//", 1)[1]
    dialogs, navigations, foreign, frames = [], [], [], []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def route(request_route):
        url = request_route.request.url
        if stub is not None and url.startswith("https://www.youtube-nocookie.com/"):
            frames.append(url)
            return request_route.fulfill(
                status=200, content_type="text/html", body=stub
            )
        if url.split("//", 1)[-1].split("/", 1)[0] != host:
            foreign.append(url)
            return request_route.abort()
        return request_route.continue_()

    context.route("**/*", route)
    expected = {"url": ""}

    def navigated(frame):
        # Any main-frame navigation but the one we asked for.
        if frame == page.main_frame and frame.url != expected["url"]:
            navigations.append(frame.url)

    page.on("framenavigated", navigated)
    try:
        for path in pages:
            expected["url"] = served.url + path
            try:
                page.goto(expected["url"], wait_until="load")
            except PlaywrightError as error:
                navigations.append(f"{path}: {str(error)[:120]}")
                continue
            # Give handlers their chance: focus, pointer, a meta refresh.
            page.mouse.move(5, 5)
            page.keyboard.press("Tab")
            page.wait_for_timeout(100)
    finally:
        context.close()
    return dialogs, navigations, foreign, frames


# The pages that print the hostile item's text and header fields.
ITEM_PAGES = [
    "/berita/2020/03/rilis-uji/",
    "/halaman-uji/",
    "/agenda/acara-uji/",
    "/opd/dinas-uji/",
    "/galeri/galeri-uji/",
]


def scan_all(output, port, embeds=()):
    siteurl = f"http://127.0.0.1:{port}"
    return [
        *scan_pages(output, embeds),
        *scan_feeds(output, embeds),
        *scan_json_ld(output),
        *scan_calendars(output),
        *scan_sitemaps(output, siteurl),
        *scan_search_index(output, siteurl),
        *scan_republish_texts(output),
    ]


def scan_republish_texts(output):
    """The plain and WhatsApp texts beside a release are plain text too."""
    texts = sorted(output.rglob("rilis*.txt"))
    assert texts, "no republish text was written"
    found = []
    for path in texts:
        found += no_markup_in_text(path.read_text("utf-8"), path.name)
    return found


@pytest.mark.parametrize("case", list(PAYLOADS))
def test_hostile_markup_reaches_no_output_and_runs_nowhere(
    case, tmp_path, browser, templates
):
    body = PAYLOADS[case]
    output, port = build_case(tmp_path, body, flat(body), templates)
    assert scan_all(output, port) == []
    served = Served(output, port)
    try:
        dialogs, navigations, foreign, _ = visit(browser, served, ITEM_PAGES)
    finally:
        served.close()
    assert dialogs == []
    assert navigations == []
    assert foreign == []


STUB = (
    "<!doctype html><title>stub</title><body><script>"
    "document.body.dataset.played = 'ya';</script></body>"
)


def test_an_allow_listed_youtube_embed_is_kept_sandboxed_and_plays(
    tmp_path, browser, templates
):
    output, port = build_case(tmp_path, EMBED_BODY, "Video festival", templates)
    assert scan_all(output, port, embeds=(EMBED,)) == []
    page = output / "berita" / "2020" / "03" / "rilis-uji" / "index.html"
    assert page.is_file()
    (iframe,) = BeautifulSoup(page.read_bytes(), "html.parser").find_all("iframe")
    assert iframe["src"] == EMBED
    assert iframe["title"] == "Video pembukaan"
    assert iframe["sandbox"] == [
        "allow-scripts",
        "allow-same-origin",
        "allow-presentation",
    ]
    assert iframe["loading"] == "lazy"
    feed = json.loads((output / "feeds" / "feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in feed["items"] if i["url"].endswith("/rilis-uji/")]
    assert EMBED in [
        tag["src"]
        for tag in BeautifulSoup(item["content_html"], "html.parser")("iframe")
    ]
    served = Served(output, port)
    try:
        context = browser.new_context()
        requests = []
        context.route(
            "https://www.youtube-nocookie.com/**",
            lambda route: (
                requests.append(route.request.url),
                route.fulfill(status=200, content_type="text/html", body=STUB),
            ),
        )
        tab = context.new_page()
        tab.goto(served.url + ITEM_PAGES[0], wait_until="load")
        tab.locator("iframe").scroll_into_view_if_needed()
        frame = tab.frame_locator("iframe")
        frame.locator("body[data-played='ya']").wait_for(state="attached", timeout=5000)
        context.close()
    finally:
        served.close()
    assert requests == [EMBED]
