"""Minified theme CSS: smaller, and the same rules."""

import re

import pytest

from conftest import ROOT
from minify_css.plugin import minify_css

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
