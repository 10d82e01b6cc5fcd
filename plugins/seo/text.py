"""Plain text for search engines and sharing cards: no tags, no entities.

Pure functions: titles and summaries arrive as HTML fragments (Pelican keeps
entities in titles and renders summaries with Markdown); every value that
goes into a `<meta>` attribute, a sharing card or JSON-LD is plain text.
"""

import html
import re
from html.parser import HTMLParser

SPACE = re.compile(r"\s+")
# A sentence ends at . ! ? (or a closing quote after one) before a space.
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+")
# Elements whose text is never prose worth describing a page with.
SKIPPED = {"script", "style", "figcaption", "table", "pre", "code", "noscript"}
PARAGRAPH = "p"


class _TextParser(HTMLParser):
    """Collect the text of a fragment; paragraphs apart when asked."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.paragraphs = []
        self._skip = 0
        self._para = None

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1
        elif tag == PARAGRAPH and not self._skip:
            self._para = []

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skip:
            self._skip -= 1
        elif tag == PARAGRAPH and self._para is not None:
            self.paragraphs.append("".join(self._para))
            self._para = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._para is not None:
            self._para.append(data)


def squeeze(text):
    """Collapse runs of white space into one space and trim."""
    return SPACE.sub(" ", text or "").strip()


def plain_text(fragment):
    """Return the text of an HTML fragment: tags dropped, entities decoded."""
    if fragment is None:
        return ""
    parser = _TextParser()
    parser.feed(str(fragment))
    parser.close()
    return squeeze(html.unescape("".join(parser.text)))


def title_text(title):
    """Return a title as the page shows it: plain text, white space squeezed.

    Titles are plain-text metadata (the theme escapes them), so "<b>" or
    "&amp;" in a title is text, not markup.
    """
    if title is None:
        return ""
    return squeeze(str(title))


def paragraphs(fragment):
    """Return the plain text of each `<p>` of an HTML fragment, in order."""
    parser = _TextParser()
    parser.feed(str(fragment or ""))
    parser.close()
    found = [squeeze(p) for p in parser.paragraphs]
    return [p for p in found if p]


def shorten(text, limit):
    """Cut `text` to at most `limit` characters at a word, ending with '…'."""
    text = squeeze(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def first_sentences(fragment, limit=200):
    """Return the opening sentences of an HTML body, within `limit` characters.

    Whole sentences are taken while they fit; when the first one alone is
    longer it is cut at a word. Paragraphs count as sentence breaks.
    """
    prose = " ".join(paragraphs(fragment)) or plain_text(fragment)
    sentences = [s for s in SENTENCE_END.split(prose) if s]
    taken = ""
    for sentence in sentences:
        candidate = f"{taken} {sentence}".strip()
        if len(candidate) > limit:
            break
        taken = candidate
    return taken or shorten(prose, limit)


def page_url(siteurl, output_file):
    """Return the public URL of a written file: `a/index.html` -> `SITEURL/a/`."""
    path = str(output_file or "").replace("\\", "/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{siteurl.rstrip('/')}/{path}"
