"""Real headless Chromium: pages render on a phone and a desktop, axe-core passes."""

import pytest

from conftest import AXE_JS, require_tool

PAGES = [
    "/",
    "/berita/2020/03/bontang-smart-festival-2020/",
    "/berita/",
    "/opd/diskominfo/",
    "/tentang/",
    "/galeri/",
    "/galeri/galeri-pembukaan/",
]
WIDTHS = [390, 1280]

pytestmark = pytest.mark.browser


def open_page(browser, url, width):
    """Open `url` at `width`; return the page and the problems seen loading it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
        ),
    )
    page.goto(url, wait_until="load")
    return context, page, problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_errors_or_horizontal_scroll(
    browser, served_site, path, width
):
    context, page, problems = open_page(browser, served_site.url + path, width)
    try:
        root = "document.documentElement"
        overflow = page.evaluate(f"{root}.scrollWidth - {root}.clientWidth")
        assert problems == []
        assert overflow <= 0
        assert page.locator("main h1").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(browser, served_site, path):
    require_tool(AXE_JS, "axe-core (npm)")
    context, page, _ = open_page(browser, served_site.url + path, 390)
    try:
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        assert violations == []
    finally:
        context.close()


def test_skip_link_moves_focus_to_main_content(browser, served_site):
    context, page, _ = open_page(browser, served_site.url + PAGES[1], 390)
    try:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == (
            "Langsung ke isi utama"
        )
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main-content"
    finally:
        context.close()
