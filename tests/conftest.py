"""Shared fixtures: one real build of the site per session, served on loopback.

The site is our pelicanconf.py, plugins and theme over the repository's
`content/` plus the edge cases in `tests/fixtures/content/`, built into a
temporary folder. Nothing is written inside the repository.
"""

import functools
import http.server
import os
import re
import shutil
import socket
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# The suite reads messages in English, the text in the code (the site's own
# default is Indonesian): set before any message is made, and inherited by
# every `invoke` the tests run. tests/test_i18n.py checks the Indonesian.
os.environ["LANGUAGE"] = "en"

import i18n  # noqa: E402
from newsroom.embargo import readable_forms  # noqa: E402
from republish.plugin import DEFAULTS as REPUBLISH_DEFAULTS  # noqa: E402
from safe_build import BuildFailed, build_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
SITEURL = "https://festival.example.org"
REPUBLISH_HTML = REPUBLISH_DEFAULTS["REPUBLISH_FILES"]["html"]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Chromium as root on a machine with no outside network (see the env notes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def messages_in_english():
    """Each test starts with English messages, whatever the last one chose."""
    i18n.activate()
    yield
    i18n.activate()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def merged_content(target, *sources):
    """Copy content trees into `target`, later trees adding files to earlier."""
    for source in sources:
        shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def build(
    output,
    content,
    siteurl=SITEURL,
    conf=None,
    force=False,
    **extra,
):
    """Build `content` into `output` with our settings; return the output path.

    Like `build_site`, a build with nothing changed since the last one into
    `output` is skipped; `force=True` always builds.
    """
    overrides = build_overrides(content, output, siteurl, **extra)
    build_site(conf or ROOT / "pelicanconf.py", overrides, force=force)
    return Path(output)


def build_overrides(content, output, siteurl=SITEURL, **extra):
    """The settings a test build of `content` into `output` overrides.

    No content cache, no image cache, stamps beside the output, and the
    complete search index that preview and publish write (a development build
    skips it; tests/test_search.py checks both); `extra` adds settings or
    replaces these.
    """
    return {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        # The images plugin's encoding cache would be written inside the repo.
        "IMAGES_CACHE": False,
        # Build stamps go to CACHE_PATH: beside the output, never in the repo.
        "CACHE_PATH": str(Path(output).parent / "cache"),
        "SITEURL": siteurl,
        "SEARCH_INDEX": True,
        **extra,
    }


def every_byte(output):
    """Yield (relative path, bytes) of each output file, decompressed too.

    Each file's name comes first, then every readable form of its bytes
    (`readable_forms`: gzip and other compressed files are opened).
    """
    for path in sorted(p for p in Path(output).rglob("*") if p.is_file()):
        name = path.relative_to(output).as_posix()
        yield name, name.encode()
        for form in readable_forms(path):
            yield name, form


def copy_project(root):
    """Copy what a build needs (plugins, theme, content, tasks and settings)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("plugins", "theme", "content", "locale"):
        shutil.copytree(ROOT / name, root / name, ignore=ignore)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, root / name)
    return root


def assert_one_problem(tmp_path, content, path, line, message):
    """Build `content`; it must fail with exactly one problem, at `path:line`.

    `path` is relative to the folder that holds `content`; the message is
    compared without case. Nothing may be written.
    """
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", content)
    problems = failure.value.problems
    assert len(problems) == 1, problems
    shown = f"{Path(content).name}/{path}"
    assert re.search(rf"{re.escape(shown)}:{line}: ", problems[0]), problems[0]
    assert message.lower() in problems[0].lower()
    assert not (tmp_path / "output").exists()


def require_tool(path, what):
    """Skip when a test tool is missing, except in CI where it must be there."""
    if Path(path).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing at {path}; .ci/run must install it")
    pytest.skip(f"{what} not installed at {path}")


def soup_of(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


class Site:
    """A built site: its output folder, its URL, and helpers to read pages."""

    def __init__(self, output, url, content):
        self.output = Path(output)
        self.url = url
        self.content = Path(content)

    def path(self, url_path):
        """Return the file that serves `url_path` ("/berita/" -> index.html)."""
        relative = url_path.replace(self.url, "").lstrip("/")
        target = self.output / relative
        if relative == "" or relative.endswith("/"):
            target = target / "index.html"
        return target

    def soup(self, url_path):
        return soup_of(self.path(url_path))

    def html_files(self):
        return sorted(self.output.rglob("*.html"))

    def page_files(self):
        """Every HTML page of the site (the theme's own assets excluded).

        The clean HTML copies beside each release (`rilis.html`, republish
        plugin) are excluded too: they are bare documents to paste into
        another site's CMS, without our navigation, styles or metadata;
        tests/test_republish.py checks them.
        """
        return [
            p
            for p in self.html_files()
            if "theme" not in p.parts[:1] and p.name != REPUBLISH_HTML
        ]


@pytest.fixture(scope="session")
def site_port():
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_port):
    content = merged_content(
        tmp_path_factory.mktemp("content"), ROOT / "content", FIXTURES / "content"
    )
    url = f"http://127.0.0.1:{site_port}"
    output = build(tmp_path_factory.mktemp("site") / "output", content, siteurl=url)
    return Site(output, url, content)


@pytest.fixture(scope="session")
def seo_site(tmp_path_factory):
    """A second build for the seo and search tests, at a fixed build date.

    Repository content plus tests/fixtures/seo/content: a title holding
    </script>, an embargoed release shown in preview, releases around the
    news sitemap's two-day window.
    """
    content = merged_content(
        tmp_path_factory.mktemp("seo-content"),
        ROOT / "content",
        FIXTURES / "seo" / "content",
    )
    output = build(
        tmp_path_factory.mktemp("seo-site") / "output",
        content,
        EMBARGO_PREVIEW=True,
        NEWSROOM_NOW="2020-03-16 12:00",
        SEO_NEWS_SITEMAP_NOW="2020-03-16 12:00",
    )
    return Site(output, "https://festival.example.org", content)


GPS_IFD = 0x8825
XMP_MARK = b"http://ns.adobe.com/xap/1.0/"


def plant_gps(path):
    """Write an 800x600 JPEG at `path` with GPS, a camera model and XMP."""
    from PIL import Image

    image = Image.new("RGB", (800, 600), (40, 120, 90))
    exif = image.getexif()
    exif[0x0110] = "Kamera Uji"  # Model
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (0.0, 8.0, 0.0), 3: "E", 4: (117.0, 30.0, 0.0)}
    )
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Bontang 0.133,117.5</x:xmpmeta>'
    image.save(path, "JPEG", exif=exif, xmp=xmp)
    with Image.open(path) as planted:  # the plant itself worked
        assert planted.getexif().get_ifd(GPS_IFD)
        assert XMP_MARK in Path(path).read_bytes()


def republish_content(target):
    """Repository content plus tests/fixtures/republish/content and photos.

    The fixture releases credit photos of others; republish-gps.jpg is
    planted with GPS, camera and XMP data that no published copy may keep.
    """
    content = merged_content(
        target, ROOT / "content", FIXTURES / "republish" / "content"
    )
    merged_content(content / "images", FIXTURES / "content" / "images")
    plant_gps(content / "images" / "republish-gps.jpg")
    return content


@pytest.fixture(scope="module")
def republish_site(tmp_path_factory):
    """A build of `republish_content` at https://festival.example.org."""
    root = tmp_path_factory.mktemp("republish")
    content = republish_content(root / "content")
    output = build(root / "output", content)
    return Site(output, "https://festival.example.org", content)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(site, site_port):
    """Serve the built site at its SITEURL for browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    require_tool(CHROMIUM, "Chromium (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
