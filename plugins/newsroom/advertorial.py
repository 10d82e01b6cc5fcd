"""Advertorials: the label paid content carries, and rel="sponsored" links.

Pure functions, no Pelican imports.

`labelled_title(title, advertorial)` is the one spelling of the label that
travels with a paid item's title: "[Advertorial] Judul". The page's
`<title>` (Jinja filter `labelled_title`), `og:title` and the descriptions,
and the item titles of every feed use it, and so must any new output that
repeats a title (republish texts, press kit).

`add_sponsored` reads HTML with the standard library's HTML parser; only the
start tags of outbound `<a>` elements are rewritten, at the offsets the
parser reports, so every other byte of the content stays as Markdown wrote it.
"""

import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

SPONSORED = "sponsored"
# The one form of the paid-content label before a title, everywhere a title
# leaves the page (sharing cards, feeds, republish texts, press kit).
LABEL_PREFIX = "[Advertorial] "
LABEL = LABEL_PREFIX.strip()


def labelled_title(title, advertorial=None):
    """Return `title` with the paid-content label before it when it is paid.

    `title` is a string, or a release or remarks item (its title, and its
    view's advertorial flag when `advertorial` is left out). A title that
    already starts with the label is not labelled twice; a str subclass
    (Markup) keeps its type.
    """
    if not isinstance(title, str):
        if advertorial is None:
            advertorial = title.view.advertorial
        title = title.title
    text = title if isinstance(title, str) else str(title or "")
    if not advertorial or text.startswith(LABEL):
        return text
    return type(text)(LABEL_PREFIX) + text


def is_outbound(href, site_host):
    """Return whether `href` leads to a host other than `site_host`."""
    if not href:
        return False
    parts = urlsplit(href.strip())
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    return bool(host) and host != (site_host or "").lower()


def with_sponsored(rel):
    """Return a rel value with "sponsored" first and the other tokens kept."""
    tokens = [t for t in (rel or "").split() if t.lower() != SPONSORED]
    return " ".join([SPONSORED, *dict.fromkeys(tokens)])


def start_tag(name, attrs):
    """Return the markup of a start tag from parsed (name, value) attributes."""
    parts = [name]
    for key, value in attrs:
        parts.append(key if value is None else f'{key}="{html.escape(value)}"')
    return f"<{' '.join(parts)}>"


class _LinkFinder(HTMLParser):
    """Record where each outbound `<a>` start tag is and what replaces it."""

    def __init__(self, site_host):
        super().__init__(convert_charrefs=True)
        self.site_host = site_host
        self.edits = []  # (line, column, original text, replacement)

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        values = dict(attrs)
        if not is_outbound(values.get("href"), self.site_host):
            return
        tokens = (values.get("rel") or "").lower().split()
        if SPONSORED in tokens:
            return
        rel = with_sponsored(values.get("rel"))
        if "rel" in values:
            attrs = [(k, rel if k == "rel" else v) for k, v in attrs]
        else:
            attrs = [*attrs, ("rel", rel)]
        line, column = self.getpos()
        self.edits.append(
            (line, column, self.get_starttag_text(), start_tag(tag, attrs))
        )


def add_sponsored(content, site_host):
    """Return HTML `content` with rel="sponsored" on every outbound link.

    Links to `site_host`, relative links and non-web links (mailto:, tel:)
    are left alone; an existing rel value keeps its other tokens.
    """
    finder = _LinkFinder(site_host)
    finder.feed(content)
    finder.close()
    if not finder.edits:
        return content
    # The parser counts lines from 1 and columns from 0, splitting on "\n".
    starts = [0]
    for index, char in enumerate(content):
        if char == "\n":
            starts.append(index + 1)
    pieces = []
    cursor = 0
    for line, column, original, replacement in finder.edits:
        offset = starts[line - 1] + column
        if content[offset : offset + len(original)] != original:
            continue  # the parser's position disagrees; leave the tag as it is
        pieces.append(content[cursor:offset])
        pieces.append(replacement)
        cursor = offset + len(original)
    pieces.append(content[cursor:])
    return "".join(pieces)
