"""The editing UI at /admin/ (Decap CMS, in Indonesian), end to end in Chromium.

The local backend (decap-server, from package-lock) writes into a tmp copy
of the content; the next build publishes what the editor saved, in our own
`Key: value` header format.
"""

import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections import namedtuple

import pytest
from playwright.sync_api import expect

from cms.config import IMAGE_ALT_MISSING, cms_config, header_settings
from conftest import ROOT, _QuietHandler, build, free_port, soup_of
from content_model.model import KINDS

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
LOCALES = ROOT / "node_modules" / "decap-cms-locales"
ENGLISH = LOCALES / "dist" / "esm" / "en" / "index.js"
INDONESIAN = ROOT / "plugins" / "cms" / "locale-id.js"
# Prints {"en": …, "id": …}: Decap's English phrases (an ES module) and what
# our locale-id.js registers, run against a stand-in for the CMS global.
PHRASES = """
const fs = require("fs"), vm = require("vm");
const [english, ours] = process.argv.slice(1);
const registered = {};
const CMS = {registerLocale: (name, phrases) => { registered[name] = phrases; }};
vm.runInNewContext(fs.readFileSync(ours, "utf8"), {CMS});
const source = fs.readFileSync(english, "utf8");
import("data:text/javascript," + encodeURIComponent(source)).then((module) => {
  console.log(JSON.stringify({en: module.default, ...registered}));
});
"""
PLACEHOLDER = re.compile(r"%\{(\w+)\}")
PNG = ROOT / "tests" / "fixtures" / "content" / "images" / "feeds-stan.png"


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_config_has_one_collection_per_kind_with_indonesian_labels():
    config = cms_config(KINDS.values())
    assert config["locale"] == "id"
    names = [c["name"] for c in config["collections"]]
    assert names == [kind.name for kind in KINDS.values()]
    release = collection(config, "release")
    assert release["label"] == "Siaran pers"
    assert release["folder"] == "content/press-releases"
    assert release["format"] == "newsroom-header"
    fields = {f["name"]: f for f in release["fields"]}
    assert fields["title"]["required"] is True and fields["title"]["label"] == "Judul"
    assert fields["date"]["required"] is True
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert "WITA" in fields["embargo"]["hint"]
    assert fields["embargo"]["required"] is False
    assert fields["opd"]["widget"] == "relation"
    assert fields["opd"]["collection"] == "agency"
    assert fields["programs"]["collection"] == "program"
    assert fields["programs"]["multiple"] is True
    assert fields["image"]["widget"] == "image"
    assert "image_alt" in fields
    assert fields["advertorial"]["widget"] == "boolean"
    assert fields["body"]["widget"] == "markdown"
    remarks = {f["name"]: f for f in collection(config, "remarks")["fields"]}
    assert remarks["speaker"]["collection"] == "person"
    assert {o["value"] for o in remarks["delivery"]["options"]} == {
        "transcript",
        "excerpt",
        "notes",
    }
    program = {f["name"]: f for f in collection(config, "program")["fields"]}
    assert len(program["dimension"]["options"]) == 6
    assert program["dimension"]["required"] is True
    assert header_settings(KINDS.values())["keys"]["opd"] == "OPD"
    assert header_settings(KINDS.values())["keys"]["image_alt"] == "Image_Alt"


def test_config_reads_registry_fields_when_a_kind_has_them():
    # The shape of a kind registry declaration (issue 13): fields with UI data.
    field = namedtuple("Field", "name label hint type required choices target multiple")
    kind = namedtuple("Kind", "name folder label fields")
    gallery = kind(
        "gallery",
        "galleries",
        "Galeri",
        (
            field("title", "Judul", "", "string", True, (), "", False),
            field(
                "event", "Agenda", "Acara fotonya", "relation", True, (), "event", False
            ),
            field(
                "mood", "Suasana", "", "select", False, (("riang", "Riang"),), "", False
            ),
        ),
    )
    fields = {f["name"]: f for f in cms_config([gallery])["collections"][0]["fields"]}
    assert fields["event"] == {
        "label": "Agenda",
        "name": "event",
        "widget": "relation",
        "required": True,
        "hint": "Acara fotonya",
        "collection": "event",
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "multiple": False,
    }
    assert fields["mood"]["options"] == [{"label": "Riang", "value": "riang"}]
    assert fields["body"]["widget"] == "markdown"


def flat(phrases, prefix=""):
    """Return {"a.b.c": phrase} of a nested phrase object."""
    out = {}
    for key, value in phrases.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def test_the_indonesian_interface_has_every_english_phrase_and_placeholder():
    node = shutil.which("node")
    assert node and ENGLISH.is_file(), "node and decap-cms-locales are needed"
    # The English file compared is the one the installed bundle was built with.
    app = json.loads((ROOT / "node_modules/decap-cms-app/package.json").read_text())
    version = json.loads((LOCALES / "package.json").read_text())["version"]
    assert app["dependencies"]["decap-cms-locales"] == version
    result = subprocess.run(
        [node, "-e", PHRASES, str(ENGLISH), str(INDONESIAN)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    phrases = json.loads(result.stdout)
    assert set(phrases) == {"en", "id"}
    english, indonesian = flat(phrases["en"]), flat(phrases["id"])
    assert len(english) > 200
    # A phrase Decap adds in an upgrade would show in English: translate it.
    assert sorted(english.keys() - indonesian.keys()) == []
    assert sorted(indonesian.keys() - english.keys()) == []
    changed = {
        key: (text, indonesian[key])
        for key, text in english.items()
        if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(indonesian[key]))
    }
    assert changed == {}
    # Translated, not copied: only names and placeholders may stay English.
    same = {key for key, text in english.items() if indonesian[key] == text}
    kept = {
        "app.header.media",
        "editor.editorToolbar.status",
        "editor.editorWidgets.markdown.markdown",
    }
    assert {key for key in same if PLACEHOLDER.sub("", english[key]).strip()} <= kept


def wait_for_port(port, process, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "decap-server exited"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture
def cms(tmp_path):
    """A tmp repo copy, its built site with admin/ served, and decap-server."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        pytest.fail("node and decap-server are needed: run `npm ci --ignore-scripts`")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copy(PNG, tmp_path / "lead.png")
    api_port, site_port = free_port(), free_port()
    siteurl = f"http://127.0.0.1:{site_port}"
    output = build(
        tmp_path / "output",
        repo / "content",
        siteurl=siteurl,
        CMS_ADMIN=True,
        CMS_LOCAL_BACKEND=f"http://127.0.0.1:{api_port}/api/v1",
    )
    env = {
        **os.environ,
        "PORT": str(api_port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(repo),
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    server_process = subprocess.Popen([node, str(DECAP_SERVER)], env=env)
    handler = functools.partial(_QuietHandler, directory=str(output))
    http_server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    try:
        wait_for_port(api_port, server_process)
        yield {"repo": repo, "siteurl": siteurl, "tmp": tmp_path, "output": output}
    finally:
        http_server.shutdown()
        http_server.server_close()
        server_process.terminate()
        server_process.wait(timeout=10)


QUOTE = "“Festival ini membuka jalan bagi warga,” kata Dasuki."


def fill_release(page, title, embargo):
    page.fill("[id^=title-field]", title)
    page.fill("[id^=date-field]", "2026-11-30T10:00")
    page.fill("[id^=embargo-field]", embargo)
    page.fill("[id^=opd-field]", "Dinas")
    page.get_by_role("option", name="Dinas Komunikasi dan Informatika").click()
    page.get_by_role("button", name="Pilih gambar").click()
    page.set_input_files("input[type=file]", str(PNG))
    page.get_by_role("button", name="Pakai yang dipilih").click()
    # The Markdown body is an editable area, not a form input.
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type(QUOTE)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Festival berlangsung tiga hari.")


def test_create_a_release_in_the_editor_and_build_it(cms, browser):
    context = browser.new_context(timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(cms["siteurl"] + "/admin/")
    page.get_by_role("button", name="Masuk").click()
    page.goto(cms["siteurl"] + "/admin/#/collections/release/new")

    # A missing required field (the title) is an error in the form.
    page.fill("[id^=date-field]", "2026-11-30T10:00")
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.locator("li", has_text="Judul wajib diisi.").first.wait_for()
    saved = cms["repo"] / "content" / "press-releases" / "festival-membuka-jalan.md"
    assert not saved.exists()

    fill_release(page, "Festival Membuka Jalan", "2026-12-01T09:00")
    # A lead image without alt text is not saved, and the editor is told why.
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.get_by_text(IMAGE_ALT_MISSING).wait_for()
    assert not saved.exists()

    page.fill("[id^=image_alt-field]", "Deretan stan berwarna di halaman Pendopo")
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.get_by_text("Entri tersimpan").wait_for()
    # The preview pane is styled by the site's own stylesheet.
    stylesheet = "/theme/css/main.css"
    assert (cms["output"] / stylesheet.lstrip("/")).is_file()
    preview = page.frame_locator("iframe").first
    # The preview frame fills in after the save: wait for it, don't sample it.
    expect(preview.locator(f'link[href="{stylesheet}"]')).to_have_count(
        1, timeout=15_000
    )
    context.close()

    assert saved.is_file()
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("Title: Festival Membuka Jalan\nDate: 2026-11-30 10:00\n")
    assert "OPD: diskominfo\n" in text
    assert "Embargo: 2026-12-01 09:00\n" in text
    assert "Image_Alt: Deretan stan berwarna di halaman Pendopo\n" in text
    image = cms["repo"] / "content" / "images" / PNG.name
    assert image.is_file()
    assert f"Image: images/{PNG.name}\n" in text

    content = cms["repo"] / "content"
    # Before the embargo lifts the release is held ...
    held = build(cms["tmp"] / "held", content, NEWSROOM_NOW="2026-12-01T08:59:00+08:00")
    assert not (held / "berita" / "2026" / "11" / "festival-membuka-jalan").exists()
    # ... and the next build after it publishes it, quote, agency and image.
    out = build(cms["tmp"] / "live", content, NEWSROOM_NOW="2026-12-01T09:01:00+08:00")
    pages = list(out.glob("**/festival-membuka-jalan/index.html"))
    assert len(pages) == 1
    soup = soup_of(pages[0])
    assert soup.find("h1").get_text(strip=True) == "Festival Membuka Jalan"
    assert "Festival ini membuka jalan bagi warga" in soup.get_text()
    assert soup.find("img", alt="Deretan stan berwarna di halaman Pendopo")


# Decap's own words an editor meets: in English, and as our locale says them.
WORDS = {
    "Login": "Masuk",
    "Collections": "Koleksi",
    "Publish": "Terbitkan",
    "Publish now": "Terbitkan sekarang",
    "Judul is required.": "Judul wajib diisi.",
    "you've missed a required field": "Ada kolom wajib yang belum diisi.",
    "Choose an image": "Pilih gambar",
}
# Every key of a phrase object, as "a.b.c", sorted.
KEYS = """(phrases) => {
    const flat = (o, p) => Object.entries(o).flatMap(([k, v]) =>
        typeof v === "object" ? flat(v, p + k + ".") : [p + k]);
    return flat(phrases, "").sort();
}"""


def test_the_editor_speaks_indonesian(cms, browser):
    context = browser.new_context(timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(cms["siteurl"] + "/admin/")
    # Our phrases are the ones this bundle uses, none missing: Decap would
    # fill a missing one from the English in the bundle served.
    english = page.evaluate(f"() => ({KEYS})(CMS.getLocale('en'))")
    assert page.evaluate(f"() => ({KEYS})(CMS.getLocale('id'))") == english
    assert len(english) > 200
    page.get_by_role("button", name=WORDS["Login"]).click()
    page.goto(cms["siteurl"] + "/admin/#/collections/release")
    page.get_by_role("heading", name=WORDS["Collections"]).wait_for()
    new = page.get_by_role("link", name="Buat entri baru: Siaran pers")
    expect(new).to_have_text("＋ Siaran pers baru")
    new.click()
    page.get_by_role("button", name=WORDS["Publish"], exact=True).click()
    page.get_by_role("menuitem", name=WORDS["Publish now"]).wait_for()
    shown = [page.locator("body").inner_text().lower()]
    page.get_by_role("menuitem", name=WORDS["Publish now"]).click()
    page.get_by_text(WORDS["Judul is required."]).first.wait_for()
    page.get_by_text(WORDS["you've missed a required field"]).wait_for()
    page.get_by_role("button", name=WORDS["Choose an image"]).wait_for()
    shown.append(page.locator("body").inner_text().lower())
    context.close()
    # Labels are shown upper-case (CSS): compare in lower case.
    assert [word for word in WORDS if any(word.lower() in text for text in shown)] == []


def test_editing_an_existing_release_keeps_its_header_and_body(cms, browser):
    seed = cms["repo"] / "content" / "press-releases" / "bontang-smart-festival-2020.md"
    # A key the editor does not show (Id) is kept too.
    before = seed.read_text(encoding="utf-8").replace("\n", "\nId: 2020-03-13-bsf\n", 1)
    seed.write_text(before, encoding="utf-8")
    context = browser.new_context(timezone_id="Asia/Makassar")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(cms["siteurl"] + "/admin/")
    page.get_by_role("button", name="Masuk").click()
    page.goto(
        cms["siteurl"]
        + "/admin/#/collections/release/entries/bontang-smart-festival-2020"
    )
    page.fill("[id^=summary-field]", "Festival pertama di Bontang.")
    page.get_by_role("button", name="Terbitkan", exact=True).click()
    page.get_by_role("menuitem", name="Terbitkan sekarang").click()
    page.get_by_text("Entri tersimpan").wait_for()
    context.close()

    after = seed.read_text(encoding="utf-8")
    header, body = before.split("\n\n", 1)
    lines = header.split("\n")
    # Only the summary is new: every other line and the body are as they were.
    expected = [*lines, "Summary: Festival pertama di Bontang."]
    assert after == "\n".join(expected) + "\n\n" + body
