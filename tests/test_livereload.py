"""Local preview: serve, livereload and preview build for the address served.

Each test copies the project into a temporary folder and runs the real
`invoke` task there on a free port, as a short-lived process of its own.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import (
    CHROMIUM,
    copy_project,
    free_port,
    require_tool,
    soup_of,
)

BROKEN_RELEASE = "Title: Rilis Rusak\nDate: 13 Maret 2020\n\nIsi.\n"
FIXED_RELEASE = "Title: Rilis Diperbaiki\nDate: 2020-03-13 10:00\n\nIsi.\n"


@contextlib.contextmanager
def running(root, *task, env=None):
    """Run `invoke TASK...` in `root` until the block ends; yield the process."""
    log = open(root / "task.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", *task],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    try:
        yield process
    finally:
        # Its own process group: the server and any worker it started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        log.close()


def fetch(url, timeout=5):
    """Return (status, body) of `url`; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_served(url, process, root, seconds=180):
    """Wait until `url` answers; fail with the task's output if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, (root / "task.log").read_text()
        try:
            return fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    pytest.fail(f"{url} never answered:\n{(root / 'task.log').read_text()}")


def assert_links_work(base, body):
    """The stylesheet and every navigation link point at `base` and load."""
    soup = BeautifulSoup(body, "html.parser")
    sheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    nav = [a["href"] for a in soup.select("header a[href], nav a[href]")]
    assert sheets and nav
    for url in sheets + nav:
        assert url.startswith(f"{base}/"), url
        status, _ = fetch(url)
        assert status == 200, url


def test_serve_builds_for_the_port_it_serves(tmp_path):
    root = copy_project(tmp_path / "proyek")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(root, "serve", "--port", str(port)) as process:
        status, body = wait_until_served(f"{base}/", process, root)
        assert status == 200
        assert_links_work(base, body)


def test_preview_is_the_live_build_browsable_here(tmp_path):
    root = copy_project(tmp_path / "proyek")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "preview", "--port", str(port), "--no-serve"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    home = root / "output" / "index.html"
    assert home.is_file()
    soup = soup_of(home)
    # Live settings (publishconf.py) but the local address.
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{base}/"
    assert not list(root.glob("output/**/drafts"))
    with running(root, "preview", "--port", str(port)) as process:
        status, body = wait_until_served(f"{base}/", process, root)
        assert status == 200
        assert_links_work(base, body)


@pytest.mark.browser
def test_livereload_shows_a_failed_build_in_the_browser(tmp_path, browser):
    require_tool(CHROMIUM, "Chromium (Debian package chromium)")
    root = copy_project(tmp_path / "proyek")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    release = root / "content" / "press-releases" / "rilis-uji-livereload.md"
    # The editors' default: Indonesian messages, page and all.
    indonesian = {k: v for k, v in os.environ.items() if k != "LANGUAGE"}
    indonesian["LANG"] = "C.UTF-8"
    with running(root, "livereload", "--port", str(port), env=indonesian) as process:
        status, _ = wait_until_served(f"{base}/", process, root)
        assert status == 200
        home_before = (root / "output" / "index.html").read_bytes()
        page = browser.new_page()
        try:
            page.goto(f"{base}/", wait_until="load")
            # The stylesheet of this port applies.
            assert page.evaluate(
                "[...document.styleSheets].some(s => s.href && s.cssRules.length)"
            )
            assert page.locator("h1", has_text="Situs belum bisa dibangun").count() == 0

            release.write_text(BROKEN_RELEASE, encoding="utf-8")
            heading = page.locator("h1", has_text="Situs belum bisa dibangun")
            heading.wait_for(timeout=120_000)
            assert page.get_attribute("html", "lang") == "id"
            problems = page.locator(".bsf-build-problems li").all_inner_texts()
            assert any(
                p.startswith("content/press-releases/rilis-uji-livereload.md:2: ")
                and "bukan tanggal; " in p
                for p in problems
            ), problems
            # Every address shows it; output/ is still the last good site.
            status, body = fetch(f"{base}/berita/")
            assert status == 503 and "Situs belum bisa dibangun" in body.decode()
            assert (root / "output" / "index.html").read_bytes() == home_before
            assert not any(
                "Situs belum bisa dibangun" in p.read_text(encoding="utf-8")
                for p in (root / "output").rglob("*.html")
            )

            release.write_text(FIXED_RELEASE, encoding="utf-8")
            page.wait_for_function(
                "!document.body.innerText.includes('Situs belum bisa dibangun')"
                " && document.body.innerText.includes('Rilis Diperbaiki')",
                timeout=180_000,
            )
            assert page.evaluate(
                "[...document.styleSheets].some(s => s.href && s.cssRules.length)"
            )
        finally:
            page.close()
    assert "Traceback" not in (root / "task.log").read_text()


def test_the_problem_page_lists_each_problem_escaped():
    import i18n
    from safe_build.problem_page import problem_page

    i18n.activate({"MESSAGES_LANGUAGE": "id"})
    html = problem_page(["content/a.md:2: <b> is bad; write &lt;b&gt;"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.h1.get_text() == "Situs belum bisa dibangun"
    assert [li.get_text() for li in soup.select("ol li")] == [
        "content/a.md:2: <b> is bad; write &lt;b&gt;"
    ]
