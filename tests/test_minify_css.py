"""Minified theme CSS: smaller, and the same rules."""

import re

import pytest

from conftest import ROOT
from minify_css.plugin import InlineCSSError, make_inline_css, minify_css

SOURCE = ROOT / "theme" / "static" / "css"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a , b {\n  color : red ;\n}\n", "a,b{color :red}"),
        ("/* kop */\n.x { margin: 0  auto; }", ".x{margin:0 auto}"),
        (".menu :focus { outline: 0 }", ".menu :focus{outline:0}"),
        (
            'p::before { content: "a  ;  b /* c */"; }',
            'p::before{content:"a  ;  b /* c */"}',
        ),
        (".i { background: url(data:x;y, z) }", ".i{background:url(data:x;y, z)}"),
        (".w { width: calc(1rem  +  2px) }", ".w{width:calc(1rem + 2px)}"),
        (".a/**/.b{}", ".a.b{}"),
        ("a/* */b{}", "a/**/b{}"),
        (
            "@media (min-width: 40rem) {\n  .x { display: grid; }\n}",
            "@media (min-width:40rem){.x{display:grid}}",
        ),
    ],
)
def test_minify_drops_only_what_css_ignores(css, expected):
    assert minify_css(css) == expected


def without_space(css):
    """The CSS with comments and all whitespace gone (strings kept as they are)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return re.sub(r"\s+", "", css).replace(";}", "}")


def test_published_stylesheets_are_minified_and_keep_every_rule(site):
    sheets = sorted(SOURCE.rglob("*.css"))
    assert sheets
    for source in sheets:
        published = site.output / "theme" / "css" / source.relative_to(SOURCE)
        text = source.read_text(encoding="utf-8")
        minified = published.read_text(encoding="utf-8")
        assert minified == minify_css(text)
        assert len(minified) <= len(text)
        assert without_space(minified) == without_space(text)
    main = (site.output / "theme" / "css" / "main.css").stat().st_size
    assert main < (SOURCE / "main.css").stat().st_size


# --- Page-specific styles, inlined on their page ----------------------------

COMPONENTS = {
    "/agenda/": "agenda",
    "/cari/": "search",
    "/langganan/": "subscribe",
    "/program/": "programs",
    "/": "home",
    "/berita/2020/03/bontang-smart-festival-2020/": "republish",
}


def test_a_page_specific_stylesheet_is_inlined_minified_on_its_page_only(site):
    for url, name in COMPONENTS.items():
        source = SOURCE / "components" / f"{name}.css"
        (style,) = site.soup(url).select("head style")
        assert style.string == minify_css(source.read_text(encoding="utf-8")), url
    for url in ("/opd/diskominfo/", "/tentang/"):
        assert site.soup(url).select("style") == [], url


def test_main_css_leaves_page_specific_blocks_to_their_pages(site):
    main = (site.output / "theme" / "css" / "main.css").read_text(encoding="utf-8")
    for block in ("bsf-event-card", "bsf-search", "bsf-feeds", "bsf-programs__"):
        assert block not in main, block


def test_inline_css_reads_the_theme_once_and_keeps_style_closed(tmp_path):
    css = tmp_path / "static" / "css" / "x.css"
    css.parent.mkdir(parents=True)
    css.write_text('/* x */\na::after { content: "</style>"; }\n', encoding="utf-8")
    inline_css = make_inline_css(tmp_path, {"THEME_STATIC_PATHS": ["static"]})
    html = str(inline_css("css/x.css"))
    assert html == '<style>a::after{content:"<\\/style>"}</style>'
    css.unlink()
    assert str(inline_css("css/x.css")) == html
    with pytest.raises(InlineCSSError, match="css/y.css"):
        inline_css("css/y.css")


def test_inline_css_is_not_minified_when_minify_css_is_off(tmp_path):
    css = tmp_path / "static" / "x.css"
    css.parent.mkdir(parents=True)
    css.write_text("a {  color: red; }", encoding="utf-8")
    inline_css = make_inline_css(tmp_path, {"MINIFY_CSS": False})
    assert str(inline_css("x.css")) == "<style>a {  color: red; }</style>"
