"""Minify CSS: the theme's stylesheets are published without comments or padding.

Every page loads main.css before it can render, on phones and slow links, and
the page-weight budget (30 KiB of HTML, CSS and JS per page) counts its bytes.
Once everything is written, each `.css` file under the theme's output folder
is rewritten with comments removed and whitespace dropped where CSS ignores
it; strings and every space that separates two words or values are kept, so
the rules mean exactly what they did.

A page may allow only one stylesheet to block its rendering, so the styles
that one page alone uses (the agenda, search) are not in main.css: the Jinja
global `inline_css(path)` returns a theme stylesheet (path under the theme's
static folder, e.g. "css/components/agenda.css") as a `<style>` element,
minified like the published files, for that page's <head>.

Signals: generator_init (Jinja global `inline_css`), finalized.
Settings:
    MINIFY_CSS  minify the theme's CSS in the output and inline  (True)
"""

import logging
import re
from pathlib import Path

from markupsafe import Markup

from pelican import signals

log = logging.getLogger(__name__)

DEFAULTS = {"MINIFY_CSS": True}
# Strings, unquoted url() and comments first, so nothing inside them is touched.
TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<url>\burl\([^)"']*\))"""
    r"""|(?P<comment>/\*.*?\*/)""",
    re.DOTALL | re.IGNORECASE,
)
SPACE = re.compile(r"\s+")
NAME_CHAR = re.compile(r"[\w-]")
# Whitespace next to these characters never separates two tokens.
AROUND = re.compile(r"\s*([{};,])\s*")
# After a colon only: before one, a space is a descendant combinator
# (`.menu :focus`).
AFTER_COLON = re.compile(r":\s+")
LAST_SEMICOLON = re.compile(r";}")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def squeeze(code):
    """Minify CSS code that holds no strings and no comments."""
    code = SPACE.sub(" ", code)
    code = AROUND.sub(r"\1", code)
    code = AFTER_COLON.sub(":", code)
    return LAST_SEMICOLON.sub("}", code)


def outside_tokens(text, code, token):
    """Apply `code` to the text between tokens and `token` to each token."""
    out = []
    position = 0
    for match in TOKEN.finditer(text):
        out.append(code(text[position : match.start()]))
        out.append(token(match[0]))
        position = match.end()
    out.append(code(text[position:]))
    return "".join(out)


def drop_comments(text):
    """Remove comments outside strings.

    A comment is no token: `.a/**/.b` is `.a.b`. Only between two name
    characters does an empty comment stay, so the names stay apart.
    """
    out = []
    position = 0
    for match in TOKEN.finditer(text):
        out.append(text[position : match.start()])
        if match["comment"]:
            before = text[match.start() - 1 : match.start()]
            after = text[match.end() : match.end() + 1]
            apart = NAME_CHAR.match(before) and NAME_CHAR.match(after)
            out.append("/**/" if apart else "")
        else:
            out.append(match[0])
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def minify_css(text):
    """Return `text` without comments and without whitespace CSS ignores."""
    return outside_tokens(drop_comments(text), squeeze, lambda kept: kept).strip()


def theme_css_files(output_path, settings):
    """Return the CSS files the theme published into the output."""
    folder = Path(output_path) / settings.get("THEME_STATIC_DIR", "theme")
    return sorted(folder.rglob("*.css")) if folder.is_dir() else []


def minify_theme_css(pelican):
    # Every file is written, the theme's static files included.
    if not plugin_settings(pelican.settings)["MINIFY_CSS"]:
        return
    for path in theme_css_files(pelican.output_path, pelican.settings):
        text = path.read_text(encoding="utf-8")
        path.write_text(minify_css(text), encoding="utf-8", newline="\n")


class InlineCSSError(ValueError):
    """A stylesheet asked for by `inline_css` is not in the theme."""


def style_element(text):
    """Return CSS as a <style> element; `</` is escaped so it cannot end it."""
    return Markup("<style>{}</style>").format(Markup(text.replace("</", "<\\/")))


def theme_static_file(theme, static_paths, relative):
    """Return the file `relative` under one of the theme's static folders."""
    for folder in static_paths:
        candidate = Path(theme) / folder / relative
        if candidate.is_file():
            return candidate
    raise InlineCSSError(f"minify_css: no stylesheet {relative} in the theme")


def make_inline_css(theme, settings):
    """Return the `inline_css(path)` Jinja global of one build."""
    minify = plugin_settings(settings)["MINIFY_CSS"]
    static_paths = settings.get("THEME_STATIC_PATHS", ["static"])
    # Read and minified once per build, not once per page.
    styles = {}

    def inline_css(relative):
        if relative not in styles:
            path = theme_static_file(theme, static_paths, relative)
            text = path.read_text(encoding="utf-8")
            styles[relative] = style_element(minify_css(text) if minify else text)
        return styles[relative]

    return inline_css


def add_inline_css(generator):
    # Every generator has its own Jinja environment; all of them render pages.
    generator.env.globals["inline_css"] = make_inline_css(
        generator.theme, generator.settings
    )


def register():
    signals.generator_init.connect(add_inline_css)
    signals.finalized.connect(minify_theme_css)
