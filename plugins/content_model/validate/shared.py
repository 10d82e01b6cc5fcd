"""What every check shares: quoting values, naming keys, placing lines.

Pure helpers for the other modules of this package: a value quoted for a
message (`q`, `printable`), a header key as authors write it (`key_name`),
line numbers of offsets (`Lines`), Pelican's slugs and lists, link
placeholders and the URL schemes that run script.
"""

import bisect
import functools
import html
import re
import unicodedata

from i18n import _
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..kinds import key_name  # noqa: F401 (the checks' spelling of keys)

# Values quoted in messages are cut to this many characters.
QUOTE_CHARS = 60
# Link placeholders Pelican understands in `{name}path` or `|name|path`.
PLACEHOLDERS = ("filename", "static", "attach", "index", "tag", "category", "author")
PLACEHOLDER = re.compile(r"^(?:\{(?P<brace>\w+)\}|\|(?P<bar>\w+)\|)(?P<rest>.*)$")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")


class Lines:
    """Map character offsets of a text to 1-based line numbers."""

    def __init__(self, text, first=1):
        self.text = text
        self.first = first

    @functools.cached_property
    def starts(self):
        # Found on first use: most texts have no problem to place.
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def __call__(self, offset):
        return self.first + bisect.bisect_right(self.starts, offset) - 1


@functools.lru_cache(maxsize=4096)
def pelican_slug(value):
    """Return the slug Pelican gives a tag, category or author name.

    Memoised: a pure function of `value`, asked again for every item that
    has the same tag.
    """
    return slugify(
        value,
        regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=False,
        use_unicode=DEFAULT_CONFIG["SLUGIFY_USE_UNICODE"],
    )


def pelican_list(value):
    """Split a Tags or Authors value as Pelican does (';' wins over ',')."""
    text = str(value or "")
    parts = text.split(";") if ";" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def dangerous_scheme(value):
    """Return the script-running scheme of a URL ("javascript:"), or ""."""
    text = html.unescape(str(value))
    # Browsers drop ASCII whitespace and controls inside a scheme.
    text = re.sub(r"[\x00-\x20\x7f]+", "", text).lower()
    for scheme in DANGEROUS_SCHEMES:
        if text.startswith(scheme):
            return scheme
    return ""


def dangerous_url(value):
    """Return whether a URL would run script when followed."""
    return bool(dangerous_scheme(value))


def q(value):
    """Return `value` quoted for a message: printable, at most QUOTE_CHARS long."""
    text = printable(value)
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS] + "…"
    return f"'{text}'"


def printable(text):
    r"""Return `text` with invisible characters written as escapes (\x07)."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode()
        for char in str(text)
    )


def describe_character(char):
    name = unicodedata.name(char, "") or _("control character")
    return f"U+{ord(char):04X} ({name.lower()})"
