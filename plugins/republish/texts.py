"""The republish texts of a release: one plain item, one small writer per format.

Pure functions, no Pelican imports. `blocks` reads a release's published
body HTML (after the images plugin made its figures) into plain blocks;
`plain_text`, `whatsapp_text`, `markdown_text` and `clean_html` write a
`Release` in their format. Every format starts with the title as
`labelled_title` gives it ("[Advertorial] Judul" for paid content) and ends
with "Sumber: <agency>, <canonical URL>" and the reuse statement.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from feeds.plaintext import plain_field
from newsroom.advertorial import labelled_title

SPACES = re.compile(r"\s+")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Tags and attributes the clean HTML keeps; everything else is unwrapped.
CLEAN_TAGS = {
    "p": (),
    "h2": (),
    "h3": (),
    "h4": (),
    "h5": (),
    "h6": (),
    "strong": (),
    "em": (),
    "b": (),
    "i": (),
    "a": ("href", "rel"),
    "ul": (),
    "ol": (),
    "li": (),
    "blockquote": (),
    "figure": (),
    "figcaption": (),
    "small": (),
    "img": ("src", "alt", "width", "height"),
    "br": (),
    "hr": (),
    "table": (),
    "thead": (),
    "tbody": (),
    "tr": (),
    "th": (),
    "td": (),
    "pre": (),
    "code": (),
}
# HTML5 serialisation that escapes only &, < and >: UTF-8 needs no named
# entities, so "“" stays as the editor wrote it (and the copy stays small).
PLAIN_HTML5 = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)
DROPPED = ("script", "style", "template", "noscript", "iframe", "object", "source")


@dataclass(frozen=True)
class Photo:
    """A figure of the release: its picture, caption and credit as printed."""

    url: str
    alt: str
    caption: str = ""
    credit: str = ""  # "Foto: Nama · CC BY 4.0"
    width: int = 0
    height: int = 0
    # The licence's name and text, linked in the clean HTML ("" for none).
    license_name: str = ""
    license_url: str = ""

    def line(self):
        """Return the photo as one line of text."""
        about = self.caption or self.alt
        credit = f" ({self.credit})" if self.credit else ""
        return f"Gambar: {about}{credit}: {self.url}"


@dataclass(frozen=True)
class Block:
    """One block of the body: kind is p, h, li, ol, quote, photo, pre or hr."""

    kind: str
    inlines: tuple = ()
    level: int = 0
    number: int = 0
    photo: Photo | None = None
    children: tuple = ()


@dataclass
class Release:
    """A release as every republish format needs it."""

    title: str
    advertorial: bool
    url: str
    dateline: str
    source: str
    statement: str
    lead: Photo | None = None
    blocks: list = field(default_factory=list)
    # The body as clean HTML (clean_fragment), for clean_html.
    body_html: str = ""

    @property
    def heading(self):
        return labelled_title(self.title, self.advertorial)

    @property
    def source_line(self):
        return f"Sumber: {self.source}, {self.url}"


# --- reading the body ---------------------------------------------------------


def squeeze(text):
    return SPACES.sub(" ", text)


def inlines(node, base):
    """Return the inline content of `node` as (kind, value, children) tuples."""
    found = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                found.append(("text", squeeze(str(child)), ()))
            continue
        if not isinstance(child, Tag) or child.name in DROPPED:
            continue
        name = child.name
        if name == "br":
            found.append(("br", "", ()))
        elif name in ("strong", "b"):
            found.append(("strong", "", tuple(inlines(child, base))))
        elif name in ("em", "i"):
            found.append(("em", "", tuple(inlines(child, base))))
        elif name == "a" and child.get("href"):
            href = urljoin(base, child["href"])
            found.append(("link", href, tuple(inlines(child, base))))
        elif name == "img":
            found.append(("text", f"[{child.get('alt', '').strip()}]", ()))
        elif name == "picture":
            img = child.find("img")
            if img is not None:
                found.append(("text", f"[{img.get('alt', '').strip()}]", ()))
        else:
            found.extend(inlines(child, base))
    return found


def photo_of(figure, base):
    """Return the Photo of a <figure> made by the images plugin."""
    img = figure.find("img")
    if img is None:
        return None
    caption = figure.find("figcaption")
    credit = ""
    text = ""
    if caption is not None:
        small = caption.find("small")
        if small is not None:
            credit = squeeze(small.get_text()).strip()
        text = squeeze(
            "".join(
                c.get_text() if isinstance(c, Tag) else str(c)
                for c in caption.children
                if c is not small
            )
        ).strip()
    return Photo(
        urljoin(base, img.get("src", "")), img.get("alt", "").strip(), text, credit
    )


def blocks(body_html, base):
    """Return the blocks of a body; links and images absolute against `base`."""
    return read_body(body_html, base)[0]


def read_body(body_html, base):
    """Return (blocks, clean HTML) of a body, parsed once."""
    soup = BeautifulSoup(body_html or "", "html.parser")
    found = list(_blocks(soup, base))
    return found, clean_soup(soup, base)


def _blocks(node, base):
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString and child.strip():
                yield Block("p", (("text", squeeze(str(child)).strip(), ()),))
            continue
        if not isinstance(child, Tag) or child.name in DROPPED:
            continue
        name = child.name
        if name == "p":
            found = inlines(child, base)
            if text_of(found).strip():
                yield Block("p", tuple(found))
        elif name in HEADINGS:
            yield Block("h", tuple(inlines(child, base)), level=int(name[1]))
        elif name in ("ul", "ol"):
            for number, item in enumerate(child.find_all("li", recursive=False), 1):
                kind = "ol" if name == "ol" else "li"
                yield Block(kind, tuple(inlines(item, base)), number=number)
        elif name == "blockquote":
            yield Block("quote", children=tuple(_blocks(child, base)))
        elif name == "figure":
            photo = photo_of(child, base)
            if photo is not None:
                yield Block("photo", photo=photo)
        elif name == "pre":
            yield Block("pre", (("text", child.get_text(), ()),))
        elif name == "hr":
            yield Block("hr")
        elif name == "table":
            for row in child.find_all("tr"):
                cells = [
                    squeeze(c.get_text()).strip() for c in row.find_all(["th", "td"])
                ]
                yield Block("p", (("text", " | ".join(cells), ()),))
        elif name == "picture":
            img = child.find("img")
            if img is not None:
                yield Block(
                    "photo",
                    photo=Photo(urljoin(base, img.get("src", "")), img.get("alt", "")),
                )
        else:
            yield from _blocks(child, base)


# --- writing text ---------------------------------------------------------------


def text_of(found, style="plain"):
    """Return inline content as text; style "whatsapp" or "markdown" marks it up."""
    pieces = []
    for kind, value, children in found:
        if kind == "text":
            pieces.append(value)
        elif kind == "br":
            pieces.append("\n")
        elif kind in ("strong", "em"):
            inner = text_of(children, style)
            mark = ""
            if style == "whatsapp":
                mark = "*" if kind == "strong" else "_"
            elif style == "markdown":
                mark = "**" if kind == "strong" else "_"
            pieces.append(marked(inner, mark))
        elif kind == "link":
            inner = text_of(children, style)
            if style == "markdown":
                pieces.append(f"[{inner}]({value})")
            elif inner.strip() == value:
                pieces.append(value)
            else:
                pieces.append(f"{inner} ({value})")
    return "".join(pieces)


def marked(text, mark):
    """Wrap `text` in `mark`, keeping its outer spaces outside the marks.

    WhatsApp and Markdown take "*bold*" only when the marks touch the words.
    """
    if not mark or not text.strip():
        return text
    stripped = text.strip()
    left = text[: len(text) - len(text.lstrip())]
    right = text[len(text.rstrip()) :]
    return f"{left}{mark}{stripped}{mark}{right}"


def paragraph(found, style):
    lines = text_of(found, style).split("\n")
    return "\n".join(line.strip() for line in lines).strip()


def block_text(block, style):
    """Return one block as text in `style` ("plain", "whatsapp", "markdown")."""
    if block.kind == "p":
        return paragraph(block.inlines, style)
    if block.kind == "h":
        text = paragraph(block.inlines, "plain")
        if style == "whatsapp":
            return marked(text, "*")
        if style == "markdown":
            return f"{'#' * block.level} {text}"
        return text.upper() if block.level <= 2 else text
    if block.kind in ("li", "ol"):
        marker = f"{block.number}." if block.kind == "ol" else "-"
        return f"{marker} {paragraph(block.inlines, style)}"
    if block.kind == "quote":
        inner = "\n\n".join(block_text(b, style) for b in block.children)
        prefix = "> " if style in ("whatsapp", "markdown") else "    "
        return "\n".join(f"{prefix}{line}".rstrip() for line in inner.split("\n"))
    if block.kind == "photo":
        photo = block.photo
        if style == "markdown":
            about = photo.caption or photo.alt
            credit = f" ({photo.credit})" if photo.credit else ""
            return f"![{photo.alt}]({photo.url})\n\n_{about}{credit}_"
        if style == "whatsapp":
            return marked(photo.line(), "_")
        return photo.line()
    if block.kind == "pre":
        text = paragraph(block.inlines, "plain")
        return f"```\n{text}\n```" if style in ("whatsapp", "markdown") else text
    if block.kind == "hr":
        return "---" if style == "markdown" else "* * *"
    return ""


def join_blocks(blocks_, style):
    """Return the blocks as text, list items kept together."""
    pieces = []
    previous = None
    for block in blocks_:
        text = block_text(block, style)
        if not text:
            continue
        listed = block.kind in ("li", "ol") and previous in ("li", "ol")
        pieces.append(("\n" if listed else "\n\n") + text if pieces else text)
        previous = block.kind
    return "".join(pieces)


def text_version(release, style):
    """Return the whole release as text in `style`."""
    if style == "whatsapp":
        title = labelled_title(marked(release.title, "*"), release.advertorial)
        footer = [release.source_line, marked(release.statement, "_")]
    elif style == "markdown":
        title = f"# {release.heading}"
        footer = [f"Sumber: {release.source}, <{release.url}>", release.statement]
    else:
        title = release.heading
        footer = [release.source_line, release.statement]
    parts = [title, release.dateline]
    if release.lead is not None:
        parts.append(block_text(Block("photo", photo=release.lead), style))
    body = join_blocks(release.blocks, style)
    if body:
        parts.append(body)
    parts.append("\n".join(footer))
    return "\n\n".join(parts) + "\n"


# The text versions are pasted into other sites' CMSs, which may read them as
# HTML or Markdown: like the feeds' plain-text fields, no '<' in them (nor an
# entity decoded into one) may open markup.


def plain_text(release):
    """Return the plain-text version: no markup at all."""
    return plain_field(text_version(release, "plain"))


def whatsapp_text(release):
    """Return the WhatsApp version: *bold* and _italic_ marks, no HTML."""
    return plain_field(text_version(release, "whatsapp"))


def markdown_text(release):
    """Return the Markdown version (press kit)."""
    return plain_field(text_version(release, "markdown"), markdown=True)


# --- writing clean HTML -----------------------------------------------------------


def clean_fragment(body_html, base):
    """Return body HTML without scripts, classes or responsive sources.

    Every URL is absolute against `base`; a <picture> becomes its <img>.
    """
    return clean_soup(BeautifulSoup(body_html or "", "html.parser"), base)


def clean_soup(soup, base):
    """Return a parsed body as clean_fragment does (the soup is changed)."""
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for picture in soup.find_all("picture"):
        img = picture.find("img")
        if img is None:
            picture.decompose()
        else:
            picture.replace_with(img)
    for tag in soup.find_all(True):
        allowed = CLEAN_TAGS.get(tag.name)
        if allowed is None:
            tag.unwrap()
            continue
        tag.attrs = {k: v for k, v in tag.attrs.items() if k in allowed}
        for key in ("href", "src"):
            if tag.get(key):
                tag[key] = urljoin(base, tag[key])
        if tag.name == "a" and tag.get("href", "").startswith(
            ("javascript:", "data:", "vbscript:")
        ):
            del tag["href"]
    return soup.decode(formatter=PLAIN_HTML5).strip()


def photo_html(photo):
    """Return a figure for the lead photo, as the body's figures are written."""
    e = html.escape
    caption = e(photo.caption)
    credit = e(photo.credit)
    name = photo.license_name
    if name and photo.license_url and credit.endswith(e(name)):
        link = f'<a href="{e(photo.license_url)}" rel="license">{e(name)}</a>'
        credit = credit[: -len(e(name))] + link
    credit = f"<small>{credit}</small>" if credit else ""
    space = " " if caption and credit else ""
    figcaption = (
        f"<figcaption>{caption}{space}{credit}</figcaption>"
        if caption or credit
        else ""
    )
    size = f' width="{photo.width}" height="{photo.height}"' if photo.width else ""
    img = f'<img src="{e(photo.url)}" alt="{e(photo.alt)}"{size}>'
    return f"<figure>{img}{figcaption}</figure>"


def clean_html(release, lang="id"):
    """Return the clean HTML document: one <article> to paste into a CMS."""
    e = html.escape
    lead = photo_html(release.lead) if release.lead is not None else ""
    body = release.body_html
    url = e(release.url)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(release.heading)}</title>",
        f'<link rel="canonical" href="{url}">',
        '<meta name="robots" content="noindex">',
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{e(release.heading)}</h1>",
        f"<p>{e(release.dateline)}</p>",
        *([lead] if lead else []),
        body,
        f'<p>Sumber: {e(release.source)}, <a href="{url}">{url}</a></p>',
        f"<p>{e(release.statement)}</p>",
        "</article>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
