"""Embargo: when an item may be published, and a last check on built files.

Pure functions, no Pelican imports. The newsroom plugin uses `release_time`
and `is_held` to keep items out of a build; `invoke publish` calls
`embargoed_items` and `find_leaks` on the finished output, so that the last
word on an embargo is the bytes about to be deployed, not Pelican's state.
"""

import datetime as dt
import gzip
import html
import json
import re
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from content_model.dates import WITA, DateError, parse_date
from content_model.frontmatter import parse_header
from content_model.model import content_files, display_path

# Folders whose items are embargoed (the news flow); see DESIGN.md.
EMBARGO_FOLDERS = ("press-releases", "remarks")
# Texts shorter than this match too much to be evidence of a leak.
MIN_TEXT = 12
# A body sentence must be this long to count as distinctive.
MIN_SENTENCE = 40
# Sentences of the body checked per item (the longest ones).
SENTENCES_PER_ITEM = 3
# Characters that Markdown, HTML or JSON may rewrite: a sentence holding one
# would not appear verbatim in the output, so it makes a poor needle.
REWRITTEN = re.compile(r"[*_`\[\]<>&\"'\\{}|#]")
SENTENCE_END = re.compile(r"(?<=[.!?…”])\s+")
BLOCK_START = re.compile(r"^\s{0,3}(?:[-*+>#|]|\d+[.)]\s|```|~~~|!\[)")
WHITESPACE = re.compile(rb"\s+")
# Pagefind's .pf_fragment, .pf_index, .pf_meta and .pf_filter files are gzip.
GZIP_MAGIC = b"\x1f\x8b"
ZLIB_HEADERS = (b"\x78\x01", b"\x78\x5e", b"\x78\x9c", b"\x78\xda")


@dataclass(frozen=True)
class EmbargoedItem:
    """An item that must not appear in the output yet."""

    path: str
    title: str
    until: dt.datetime
    texts: tuple[str, ...] = field(default=())


def now_wita(setting=None):
    """Return the build's "now" in WITA: `setting` (ISO text) or the clock.

    Raise DateError when `setting` cannot be read.
    """
    if setting is None or setting == "":
        return dt.datetime.now(WITA)
    if isinstance(setting, dt.datetime):
        return setting if setting.tzinfo else setting.replace(tzinfo=WITA)
    return parse_date(str(setting).replace("T", " "))[0]


def release_time(header):
    """Return the moment an item may be published: the later of Date and Embargo.

    `header` is a content_model Header; unreadable dates are left to the
    content checks and ignored here. Return None when there is no date.
    """
    moments = []
    for key in ("date", "embargo"):
        value = header.get(key)
        if not value:
            continue
        try:
            moments.append(parse_date(value)[0])
        except DateError:
            continue
    return max(moments) if moments else None


def embargo_time(header):
    """Return the Embargo moment of a header, or None."""
    try:
        return parse_date(header.get("embargo"))[0] if header.get("embargo") else None
    except DateError:
        return None


def is_held(header, now):
    """Return whether an item with this header must wait beyond `now`."""
    until = release_time(header)
    return until is not None and until > now


def _plain_paragraphs(body):
    """Yield the body's plain prose paragraphs, whitespace collapsed."""
    for block in re.split(r"\n\s*\n", body):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or any(BLOCK_START.match(line) for line in lines):
            continue
        yield " ".join(" ".join(lines).split())


def distinctive_sentences(body, common=frozenset(), count=SENTENCES_PER_ITEM):
    """Return up to `count` long body sentences that the output shows verbatim.

    Sentences also found in `common` (text of items that are published) are
    skipped: finding them proves nothing.
    """
    found = []
    for paragraph in _plain_paragraphs(body):
        for sentence in SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            if len(sentence) < MIN_SENTENCE or REWRITTEN.search(sentence):
                continue
            if sentence in common or sentence in found:
                continue
            found.append(sentence)
    # The longest first: they are the least likely to occur by chance.
    return sorted(found, key=lambda s: (-len(s), s))[:count]


def _published_text(root, skip):
    """Return the collapsed text of every content file that is not `skip`."""
    texts = []
    for _folder, path in content_files(root):
        if path in skip:
            continue
        try:
            texts.append(" ".join(path.read_text(encoding="utf-8-sig").split()))
        except (OSError, UnicodeDecodeError):
            continue
    return "\n".join(texts)


def embargoed_items(content_path, now):
    """Return every release or remarks item under `content_path` held at `now`.

    Each item carries its title, summary and a few distinctive sentences of its
    body: the texts `find_leaks` looks for.
    """
    root = Path(content_path)
    held = []
    for folder, path in content_files(root):
        if folder not in EMBARGO_FOLDERS:
            continue
        try:
            header = parse_header(path.read_text(encoding="utf-8-sig"), path)
        except (OSError, UnicodeDecodeError):
            continue
        if header.get("status", "").lower() == "draft":
            # Drafts are never published at all; nothing to wait for.
            continue
        if is_held(header, now):
            held.append((path, header))
    common = _published_text(root, {path for path, _ in held})
    items = []
    for path, header in held:
        title = header.get("title", "")
        candidates = [title, header.get("summary", "")]
        candidates += distinctive_sentences(header.body)
        texts = tuple(
            dict.fromkeys(
                text
                for text in (" ".join(c.split()) for c in candidates)
                if len(text) >= MIN_TEXT and text not in common
            )
        )
        items.append(
            EmbargoedItem(
                path=display_path(path, root),
                title=title,
                until=release_time(header),
                texts=texts,
            )
        )
    return items


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "source"):
            values = dict(attrs)
            for key in ("src", "srcset"):
                if values.get(key):
                    self.sources.extend(
                        part.split()[0]
                        for part in values[key].split(",")
                        if part.strip()
                    )


LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|")


def local_path(value):
    """Return the content-relative path a link or Image value names, or None."""
    text = str(value or "").strip()
    for prefix in LINK_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    parts = urlsplit(text)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path).lstrip("/") or None


def image_sources(content):
    """Return the local files the images of HTML `content` name."""
    parser = _ImageSources()
    parser.feed(content or "")
    parser.close()
    return {path for path in map(local_path, parser.sources) if path}


def needles(text):
    """Return the byte forms `text` may take in HTML, XML or JSON output."""
    forms = {
        text,
        html.escape(text, quote=False),
        html.escape(text, quote=True),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }
    return sorted({form.encode("utf-8") for form in forms})


def _decompress(data):
    """Return `data` decompressed when it is gzip, zlib or brotli, else None."""
    try:
        if data.startswith(GZIP_MAGIC):
            return gzip.decompress(data)
        if data[:2] in ZLIB_HEADERS:
            return zlib.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None
    return None


def _unbrotli(data):
    try:
        import brotli  # optional: only when the output holds .br files
    except ImportError:
        return None
    try:
        return brotli.decompress(data)
    except Exception:  # noqa: BLE001 - any failure means "not brotli"
        return None


def readable_forms(path):
    """Return the bytes of a file and, when compressed, its decompressed bytes."""
    data = Path(path).read_bytes()
    forms = [data]
    inner = _decompress(data)
    if inner is None and Path(path).suffix == ".br":
        inner = _unbrotli(data)
    if inner is not None:
        forms.append(inner)
    return forms


def find_leaks(output_path, items):
    """Return (file, item) for every output file showing an embargoed text.

    Every file is read as bytes; gzip, zlib and brotli (when the `brotli`
    module is installed) files, Pagefind's `.pf_*` files among them, are
    searched decompressed too. Whitespace runs count as one space.
    """
    output = Path(output_path)
    wanted = [(item, [n for t in item.texts for n in needles(t)]) for item in items]
    leaks = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        forms = [WHITESPACE.sub(b" ", form) for form in readable_forms(path)]
        for item, item_needles in wanted:
            if any(needle in form for form in forms for needle in item_needles):
                leaks.append((path.relative_to(output).as_posix(), item))
    return leaks


def describe_leak(file, item):
    """Return one line naming a leaked item and where it was found."""
    return (
        f"{file}: shows '{item.title}' ({item.path}), embargoed until "
        f"{item.until.isoformat(timespec='minutes')}"
    )


def leak_report(content_path, output_path, now=None):
    """Return one line per leak of an embargoed item into `output_path`.

    The check `invoke publish` runs before deploying: an empty list means no
    file of the output shows any item held at `now` (default: the clock).
    """
    items = embargoed_items(content_path, now or now_wita())
    return [describe_leak(file, item) for file, item in find_leaks(output_path, items)]


__all__ = [
    "EmbargoedItem",
    "describe_leak",
    "distinctive_sentences",
    "embargo_time",
    "embargoed_items",
    "find_leaks",
    "image_sources",
    "local_path",
    "is_held",
    "leak_report",
    "needles",
    "now_wita",
    "readable_forms",
    "release_time",
]
