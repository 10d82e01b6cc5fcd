"""Embargo: when an item may be published, what it uses, and a last check.

Pure functions, no Pelican imports. Three rules live here and nowhere else:

- `embargo_holds(until, now)`: an item whose release moment is `until` waits
  at `now` (it is published exactly at `until`, not a second earlier);
- `references`: the content files and items an item refers to, in every URL
  form (`{static}`, `{attach}`, `{filename}`, relative, site-absolute, full
  SITEURL, percent-encoded; Markdown links, images, reference definitions,
  raw HTML attributes and header values);
- `held_files`: the files that only held items refer to (held with them).

The newsroom plugin uses them to keep items and files out of a build;
`invoke publish` calls `leak_report` on the finished output, which applies the
same rules to the content files again, so that the last word on an embargo is
the bytes about to be deployed, not Pelican's state.
"""

import datetime as dt
import gzip
import hashlib
import html
import json
import posixpath
import re
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from content_model.dates import WITA, DateError, parse_date
from content_model.frontmatter import parse_header, split_list
from content_model.kinds import PELICAN_FOLDERS
from content_model.model import KINDS, REFERENCES, display_path, slug_of
from content_model.reader import content_files
from content_model.validate import item_url, key_name
from i18n import _

# Context key: {source: release moment} of every held item (newsroom plugin).
# Folders whose items may be embargoed: every kind with a public URL.
EMBARGO_FOLDERS = tuple(KINDS)
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


def embargo_holds(until, now):
    """Return whether an item released at `until` must still wait at `now`.

    The one embargo rule of the site: at the release moment itself the item
    is published. Every decision about where an item goes calls this.
    """
    return until is not None and until > now


def is_held(header, now):
    """Return whether an item with this header must wait beyond `now`."""
    return embargo_holds(release_time(header), now)


def is_draft(folder, header):
    """Return whether Pelican treats the item as a draft (never published)."""
    return folder in PELICAN_FOLDERS and (
        (header.get("status") or "").strip().lower() == "draft"
    )


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


def read_headers(content_path):
    """Return {content-relative path: (folder, Header)} of every content file.

    Unreadable files are left out: the content checks report them.
    """
    root = Path(content_path)
    headers = {}
    for folder, path in content_files(root):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        headers[path.relative_to(root).as_posix()] = (folder, parse_header(text, path))
    return headers


def held_sources(headers, now):
    """Return {source: release moment} of the items in `headers` held at `now`.

    `headers` is `read_headers`'s mapping; drafts are never published at all,
    so they have nothing to wait for.
    """
    held = {}
    for source, (folder, header) in headers.items():
        if is_draft(folder, header):
            continue
        until = release_time(header)
        if embargo_holds(until, now):
            held[source] = until
    return held


def _published_text(root, headers, skip):
    """Return the collapsed text of every content file that is not in `skip`."""
    texts = []
    for source in headers:
        if source in skip:
            continue
        try:
            text = (Path(root) / source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        texts.append(" ".join(text.split()))
    return "\n".join(texts)


def embargoed_items(content_path, now, headers=None):
    """Return every item under `content_path` held at `now`, of any kind.

    Each item carries its title, summary and a few distinctive sentences of its
    body: the texts `find_leaks` looks for.
    """
    root = Path(content_path)
    headers = read_headers(root) if headers is None else headers
    held = held_sources(headers, now)
    common = _published_text(root, headers, set(held))
    items = []
    for source, until in sorted(held.items()):
        header = headers[source][1]
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
                path=display_path(root / source, root),
                title=title,
                until=until,
                texts=texts,
            )
        )
    return items


# --- References: what an item uses, in every URL form -------------------------------

# Pelican's link syntaxes (`{static}x`, and the old `|static|x`).
LINK_PREFIXES = (
    "{static}",
    "{attach}",
    "{filename}",
    "{index}",
    "|static|",
    "|attach|",
    "|filename|",
)
ITEM_PREFIXES = ("{filename}", "|filename|")
# HTML attributes whose value is a URL, or a list of them (srcset).
URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "data",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "manifest",
        "poster",
        "src",
        "xlink:href",
    }
)
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE)
# Anything that may be a path or URL in text that could not be rendered.
URL_LIKE = re.compile(r"""[^\s"'<>()\[\]]+""")


@dataclass(frozen=True)
class Reference:
    """One URL an item refers to, with the content paths it may name.

    `paths` are content-relative candidates, most likely first (a relative
    path is tried from the item's folder, then from the content folder, as
    the images plugin does); `item_link` is true for `{filename}` links;
    `key` is the header key it was written in, or None for the body.
    """

    value: str
    paths: tuple[str, ...]
    item_link: bool = False
    key: str | None = None


class _URLs(HTMLParser):
    """Collect every URL an HTML fragment names in its attributes and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        for name, value in attrs:
            if not value:
                continue
            name = name.lower()
            if name in URL_ATTRIBUTES:
                self.urls.append(value)
            elif name in SRCSET_ATTRIBUTES:
                self.urls.extend(
                    part.split()[0] for part in value.split(",") if part.strip()
                )
            elif name == "style":
                self.urls.extend(m.group(2) for m in CSS_URL.finditer(value))
            elif name == "content" and "url=" in value.lower():
                # <meta http-equiv="refresh" content="0; url=...">
                self.urls.append(value.split("=", 1)[1].strip(" '\""))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.urls.extend(m.group(2) for m in CSS_URL.finditer(data))


def html_urls(fragment):
    """Return the URLs that an HTML fragment names, in document order."""
    parser = _URLs()
    try:
        parser.feed(fragment or "")
        parser.close()
    except Exception:  # noqa: BLE001 - a broken fragment still yields what it had
        pass
    return parser.urls


def site_base(siteurl):
    """Return (host, path prefix) of SITEURL, host lower-cased; ("", "") if none."""
    parts = urlsplit(str(siteurl or "").strip())
    return (parts.hostname or "").lower(), parts.path.rstrip("/")


def output_aliases(settings):
    """Return {output path: content path} of files EXTRA_PATH_METADATA moves."""
    aliases = {}
    for source, meta in (settings or {}).get("EXTRA_PATH_METADATA", {}).items():
        target = (meta or {}).get("path") or (meta or {}).get("save_as")
        if target:
            aliases[posixpath.normpath(target.lstrip("/"))] = source
    return aliases


def _inside(path):
    return path not in ("", ".", "..") and not path.startswith("../")


def resolve(value, item_dir="", siteurl="", aliases=None):
    """Return the content-relative paths a URL `value` may name (maybe none).

    `item_dir` is the folder of the referring file under the content folder.
    A URL on another host, or with a scheme such as mailto: or data:, names no
    content file. A URL on SITEURL's host (any scheme, or none: `//host/x`)
    is read as a site-absolute path; `%xx` escapes are decoded and a backslash counts
    as `/`, as browsers do.
    """
    text = str(value or "").strip().replace("\\", "/")
    for candidate in (text, unquote(text)):
        for prefix in LINK_PREFIXES:
            if candidate.startswith(prefix):
                text = candidate[len(prefix) :]
                break
        else:
            continue
        break
    parts = urlsplit(text)
    path = unquote(parts.path)
    absolute = path.startswith("/")
    if parts.scheme or parts.netloc:
        host, prefix = site_base(siteurl)
        if parts.scheme.lower() not in ("", "http", "https") or not host:
            return ()
        if (parts.hostname or "").lower() != host:
            return ()
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            return ()
        path, absolute = path[len(prefix) :] or "/", True
    if not path or path.startswith("#"):
        return ()
    if absolute:
        found = [posixpath.normpath(path.lstrip("/"))]
    else:
        found = [
            posixpath.normpath(posixpath.join(item_dir, path)),
            posixpath.normpath(path),
        ]
    aliases = aliases or {}
    found += [aliases[p] for p in found if p in aliases]
    return tuple(p for p in dict.fromkeys(found) if _inside(p))


def _is_item_link(value):
    text = str(value or "").strip()
    return any(form.startswith(ITEM_PREFIXES) for form in (text, unquote(text)))


def references(header, rendered, source, siteurl="", aliases=None):
    """Return every Reference of one item.

    `header` is its content_model Header, `rendered` its body as HTML (None
    when it could not be rendered: every word of the body is then read as a
    possible URL), `source` its path under the content folder. Header values
    (Image and any other key) count as much as the body.
    """
    item_dir = posixpath.dirname(source)
    found = []
    for key, value in header.values.items():
        for word in str(value or "").split():
            paths = resolve(word, item_dir, siteurl, aliases)
            if paths:
                found.append(Reference(word, paths, _is_item_link(word), key))
    urls = (
        html_urls(rendered) if rendered is not None else URL_LIKE.findall(header.body)
    )
    for url in urls:
        paths = resolve(url, item_dir, siteurl, aliases)
        if paths:
            found.append(Reference(url, paths, _is_item_link(url)))
    return found


def reference_line(header, reference):
    """Return the file line a Reference was written on (best effort)."""
    if reference.key is not None:
        return header.line(reference.key)
    forms = [reference.value, html.escape(reference.value)]
    forms += [p.rsplit("/", 1)[-1] for p in reference.paths]
    for form in forms:
        for number, line in enumerate(header.body.split("\n")):
            if form and form in line:
                return header.body_line + number
    return header.body_line


def all_references(headers, render, siteurl="", aliases=None, skip=()):
    """Return {source: [Reference]} of every item in `headers` not in `skip`."""
    found = {}
    for source, (_folder, header) in headers.items():
        if source in skip:
            continue
        try:
            rendered = render(header.body)
        except Exception:  # noqa: BLE001 - content checks report the cause
            rendered = None
        found[source] = references(header, rendered, source, siteurl, aliases)
    return found


def model_headers(model):
    """Return {source: (folder, header)} of every item the content model read."""
    return {
        source: (source.split("/", 1)[0], header)
        for source, header in model.headers.items()
    }


def published_references(headers, settings):
    """Return `all_references` of the items of `headers` that are not drafts.

    `headers` is {source: (folder, header)}; the bodies are rendered with the
    site's Markdown settings.
    """
    from content_model import markdown_renderer  # Markdown: only when checking

    drafts = {s for s, (folder, h) in headers.items() if is_draft(folder, h)}
    return all_references(
        headers,
        markdown_renderer(settings),
        settings.get("SITEURL", ""),
        output_aliases(settings),
        skip=drafts,
    )


def held_files(refs, held, drafts=(), exists=None):
    """Return {file: [held sources using it]} of files only held items use.

    `refs` is `all_references`'s mapping, `held` the held sources, `drafts`
    sources that count neither way (never published). `exists` (path -> bool)
    keeps only real files; without it every candidate path is kept.
    """
    public = set()
    used = {}
    for source, found in refs.items():
        if source in drafts:
            continue
        for reference in found:
            for path in reference.paths:
                if source in held:
                    used.setdefault(path, []).append(source)
                else:
                    public.add(path)
    return {
        path: sorted(set(sources))
        for path, sources in sorted(used.items())
        if path not in public and path not in held and (exists is None or exists(path))
    }


def record_slugs(headers):
    """Return {(folder, slug): source} of every item in `headers`."""
    return {
        (folder, slug_of(source, header)): source
        for source, (folder, header) in headers.items()
    }


def held_pages(headers, held):
    """Return {URL path without slashes around: source} of the held items."""
    pages = {}
    for source in held:
        folder, header = headers[source]
        url = item_url(folder, slug_of(source, header), header)
        if url:
            pages[posixpath.normpath(url)] = source
    return pages


def held_target(reference, held, pages):
    """Return the held source a Reference points to, or None."""
    for path in reference.paths:
        if path in held:
            return path
        page = pages.get(path.removesuffix("/index.html"))
        if page is not None:
            return page
    return None


def reference_problems(headers, refs, held, display, lifts_at):
    """Return (source, line, message) for each published item that names a held one.

    A link to a held item (with `{filename}`, or to the page it will have:
    `/opd/slug/`, a full SITEURL address), and a header key (OPD, Speaker,
    Head, Programs) naming a held record, are errors: the item would point to
    a page that does not exist yet. `display` turns a source into the path
    authors know; `lifts_at` describes a release moment.
    """
    slugs = record_slugs(headers)
    pages = held_pages(headers, held)
    problems = []
    for source, found in sorted(refs.items()):
        folder, header = headers[source]
        if source in held or is_draft(folder, header):
            continue
        for reference in found:
            # A header value is a link only when it looks like one.
            if reference.key is not None and not (
                reference.item_link or "/" in reference.value
            ):
                continue
            target = held_target(reference, held, pages)
            if target is None:
                continue
            line = reference_line(header, reference)
            problems.append(
                (
                    source,
                    line,
                    _(
                        "link '{link}' goes to {path}, which is under embargo "
                        "until {until}; remove the link, or give this item an "
                        "Embargo no earlier than that"
                    ).format(
                        link=reference.value,
                        path=display(target),
                        until=lifts_at(held[target]),
                    ),
                )
            )
        for key, target_folder in REFERENCES.items():
            for slug in split_list(header.get(key)):
                target = slugs.get((target_folder, slug))
                if target is None or target not in held:
                    continue
                problems.append(
                    (
                        source,
                        header.line(key),
                        _(
                            "{key} '{slug}' names {path}, which is under embargo "
                            "until {until}; remove it here, or give this item an "
                            "Embargo no earlier than that"
                        ).format(
                            key=key_name(key),
                            slug=slug,
                            path=display(target),
                            until=lifts_at(held[target]),
                        ),
                    )
                )
    return problems


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
    return _("{file}: shows '{title}' ({path}), embargoed until {until}").format(
        file=file,
        title=item.title,
        path=item.path,
        until=item.until.isoformat(timespec="minutes"),
    )


@dataclass(frozen=True)
class HeldFile:
    """A content file that only held items use, and when it may go out."""

    path: str
    users: tuple[str, ...]
    until: dt.datetime


def held_content_files(content_path, now, settings=None, headers=None):
    """Return the HeldFiles of `content_path` at `now`: the build's rule again.

    `settings` (the build's) gives SITEURL, EXTRA_PATH_METADATA and the
    Markdown configuration used to render bodies.
    """
    return file_plan(content_path, now, settings, headers)[0]


def file_plan(content_path, now, settings=None, headers=None):
    """Return (HeldFiles, paths that published items use) of `content_path`."""
    root = Path(content_path)
    settings = settings or {}
    headers = read_headers(root) if headers is None else headers
    held = held_sources(headers, now)
    if not held:
        return [], frozenset()
    refs = published_references(headers, settings)
    files = held_files(refs, held, exists=lambda p: (root / p).is_file())
    public = frozenset(
        path
        for source, found in refs.items()
        if source not in held
        for reference in found
        for path in reference.paths
    )
    held_list = [
        HeldFile(
            path=path,
            users=tuple(display_path(root / u, root) for u in users),
            until=min(held[u] for u in users),
        )
        for path, users in files.items()
    ]
    return held_list, public


def _digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_leaks(output_path, content_path, files, settings=None, public=frozenset()):
    """Return (output file, HeldFile) for every copy of a held file in the output.

    A copy is the file at its own path (or where EXTRA_PATH_METADATA puts
    it), the images plugin's renditions of it (`images/x-480.webp`), a file
    of the same name anywhere that is not another content file's own place,
    and a file of the same bytes anywhere but the place of a file that
    published items use (`public`: such bytes are public on purpose).
    """
    from images.render import output_stem  # the images plugin's naming rule

    output = Path(output_path)
    settings = settings or {}
    image_dir = settings.get("IMAGES_OUTPUT_DIR", "images")
    moved = {source: target for target, source in output_aliases(settings).items()}
    public_moved = {moved[path] for path in public if path in moved}
    others = {
        path.relative_to(content_path).as_posix()
        for path in Path(content_path).rglob("*")
        if path.is_file()
    }
    built = sorted(
        p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()
    )
    leaks = []
    for held in files:
        source = Path(content_path) / held.path
        size = source.stat().st_size
        digest = None
        name = posixpath.basename(held.path)
        rendition = re.compile(
            re.escape(output_stem(held.path, image_dir)) + r"-\d+\.[A-Za-z0-9]+"
        )
        for file in built:
            found = file in (held.path, moved.get(held.path)) or rendition.fullmatch(
                file
            )
            # Elsewhere: where {attach} or a copy put it.
            if not found and file not in others:
                found = posixpath.basename(file) == name
            if not found and file not in public and file not in public_moved:
                if (output / file).stat().st_size == size:
                    digest = digest or _digest(source)
                    found = _digest(output / file) == digest
            if found:
                leaks.append((file, held))
    return leaks


def describe_file_leak(file, held):
    """Return one line naming a published copy of a held file."""
    return _(
        "{file}: is content/{path} or made from it, used only by {users}, "
        "embargoed until {until}"
    ).format(
        file=file,
        path=held.path,
        users=", ".join(held.users),
        until=held.until.isoformat(timespec="minutes"),
    )


def leak_report(content_path, output_path, now=None, settings=None):
    """Return one line per leak of an embargoed item or file into `output_path`.

    The check `invoke publish` runs before deploying: an empty list means no
    file of the output shows any item held at `now` (default: the clock),
    nor any file that only held items use. `settings` are the build's
    (SITEURL and EXTRA_PATH_METADATA decide what a URL names).
    """
    now = now or now_wita()
    headers = read_headers(content_path)
    items = embargoed_items(content_path, now, headers)
    lines = [describe_leak(file, item) for file, item in find_leaks(output_path, items)]
    files, public = file_plan(content_path, now, settings, headers)
    lines += [
        describe_file_leak(file, held)
        for file, held in file_leaks(output_path, content_path, files, settings, public)
    ]
    return lines


__all__ = [
    "EmbargoedItem",
    "HeldFile",
    "Reference",
    "all_references",
    "describe_file_leak",
    "describe_leak",
    "distinctive_sentences",
    "embargo_holds",
    "embargo_time",
    "embargoed_items",
    "file_leaks",
    "file_plan",
    "find_leaks",
    "held_content_files",
    "held_files",
    "held_sources",
    "html_urls",
    "is_draft",
    "is_held",
    "leak_report",
    "needles",
    "now_wita",
    "output_aliases",
    "read_headers",
    "readable_forms",
    "reference_line",
    "reference_problems",
    "references",
    "release_time",
    "resolve",
]
