"""The sanitiser policy: what HTML may reach a page or a feed, and what changed.

Pure functions over HTML strings; nh3 (the binding of the Rust `ammonia`
crate) does the cleaning, so the security boundary is a well-kept allow-list
parser, not a scanner of ours. Two policies:

- the author policy, for what Markdown renders from an author's file: the
  elements and attributes Python-Markdown makes with `extra` and `sane_lists`
  (footnotes, tables, definition lists, abbreviations, fenced code), plus
  `details`/`summary`, `figure`/`figcaption` and allow-listed iframes;
- the final policy, for every piece of HTML a page or feed prints: the author
  policy plus our own markup (images plugin `<picture>`, `srcset`/`sizes`,
  `width`/`height`/`loading`/`decoding`, classes starting `bsf-`).

Both allow URLs with the schemes http, https, mailto and tel, and relative
URLs (Pelican's `{filename}`/`{static}` placeholders are relative); no event
handler, no `style` (but a table cell's `text-align`, which Markdown writes
for aligned columns), no form, no base/meta/object/embed/script/style.

`clean` returns the cleaned HTML and what changed: the input itself, byte
for byte, when nothing that matters changed (the same tree after parsing), so
legitimate content publishes exactly as Markdown wrote it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
HEADINGS = {f"h{n}" for n in range(1, 7)}
AUTHOR_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        *HEADINGS,
    }
)
# Our own markup, added by plugins after Markdown (images, newsroom; the
# correction and withdrawal notices date themselves with <time>).
OWN_TAGS = frozenset({"picture", "source", "time"})
IFRAME_ATTRIBUTES = frozenset(
    {"src", "title", "width", "height", "allow", "allowfullscreen", "referrerpolicy"}
)
AUTHOR_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "rel", "hreflang", "class"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"align", "style", "colspan", "rowspan", "scope"},
    "td": {"align", "style", "colspan", "rowspan"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "code": {"class"},
    "div": {"class"},
    "details": {"open"},
    "iframe": set(IFRAME_ATTRIBUTES),
}
OWN_ATTRIBUTES = {
    "img": {"srcset", "sizes", "loading", "decoding", "fetchpriority"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "time": {"datetime"},
    # Forced on every iframe; the final pass sees them already set.
    "iframe": {"sandbox", "loading"},
}
# Elements that may carry our `bsf-` classes in the final pass.
CLASS_TAGS = AUTHOR_TAGS | OWN_TAGS
OWN_CLASS_PREFIX = "bsf-"
# Classes Markdown's own extensions write (footnotes, fenced code).
MARKDOWN_CLASSES = frozenset({"footnote", "footnote-ref", "footnote-backref"})
MARKDOWN_CLASS_PREFIXES = ("language-",)
# The only style Markdown writes: aligned table columns.
TABLE_ALIGN = re.compile(r"text-align: (?:left|right|center);?")
# Attributes whose values are URLs (the ones nh3 checks, plus srcset).
URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "codebase",
        "data",
        "formaction",
        "href",
        "longdesc",
        "poster",
        "src",
        "xlink:href",
    }
)
# Why an iframe gets exactly these sandbox flags: the embedded player runs
# its own script in its own (other) origin; it may not open windows, submit
# forms or navigate our page.
IFRAME_SANDBOX = "allow-scripts allow-same-origin allow-presentation"
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop these from a URL before they read its scheme.
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")


class Sanitised(str):
    """HTML exactly as the author pass left it.

    The final policy only adds to the author policy, so the final pass has
    nothing to remove from it and skips it; any plugin that changes the HTML
    makes a new plain `str`, which the final pass cleans.
    """

    __slots__ = ()


@dataclass(frozen=True)
class Policy:
    """One sanitiser policy; `own` adds our trusted plugin markup."""

    own: bool = False
    iframe_hosts: tuple = ("www.youtube-nocookie.com",)
    embed_scripts: tuple = ()

    @property
    def tags(self):
        tags = set(AUTHOR_TAGS) | {"iframe"}
        if self.own:
            tags |= OWN_TAGS
        if self.embed_scripts:
            tags.add("script")
        return tags

    @property
    def attributes(self):
        merged = {tag: set(names) for tag, names in AUTHOR_ATTRIBUTES.items()}
        if self.own:
            for tag, names in OWN_ATTRIBUTES.items():
                merged.setdefault(tag, set()).update(names)
            for tag in CLASS_TAGS:
                merged.setdefault(tag, set()).add("class")
        if self.embed_scripts:
            merged["script"] = {"src", "async", "defer"}
        # Forced values are set by nh3 itself, never read from the input.
        merged["iframe"] -= {"sandbox", "loading"}
        return merged


@dataclass(frozen=True)
class Change:
    """One thing the sanitiser removed: what, on which element, and the value."""

    what: str  # element, iframe, script, handler, style, attribute, url, class, other
    tag: str
    name: str = ""
    value: str = ""


def url_scheme(value):
    """Return the lower-case scheme a browser would read from `value`, or ""."""
    match = SCHEME.match(URL_IGNORED.sub("", value or ""))
    return match.group(1).lower() if match else ""


def safe_url(value):
    """Return whether `value` is relative or uses an allowed scheme."""
    scheme = url_scheme(value)
    return not scheme or scheme in URL_SCHEMES


def srcset_urls(value):
    """Return the URLs of a srcset value."""
    return [part.strip().split(" ")[0] for part in (value or "").split(",")]


def iframe_allowed(src, hosts):
    """Return whether an iframe `src` is https on an allow-listed host."""
    parts = urlsplit((src or "").strip())
    return parts.scheme == "https" and (parts.hostname or "") in hosts


def class_allowed(token, own):
    """Return whether a class token may stay."""
    if token in MARKDOWN_CLASSES or token.startswith(MARKDOWN_CLASS_PREFIXES):
        return True
    return own and token.startswith(OWN_CLASS_PREFIX)


def attribute_filter(policy):
    """Return nh3's per-attribute callback for `policy` (value, or None to drop)."""

    def keep(tag, name, value):
        if name == "class":
            tokens = [t for t in value.split() if class_allowed(t, policy.own)]
            return " ".join(tokens) if tokens else None
        if name == "style":
            return value if TABLE_ALIGN.fullmatch(value.strip()) else None
        if name == "srcset":
            return value if all(safe_url(u) for u in srcset_urls(value)) else None
        if tag == "iframe" and name == "src":
            return value if iframe_allowed(value, policy.iframe_hosts) else None
        if tag == "script" and name == "src":
            return value if value.strip() in policy.embed_scripts else None
        return value

    return keep


def nh3_clean(html, policy):
    """Return `html` cleaned by nh3 under `policy` (bytes may differ)."""
    forced = {"iframe": {"sandbox": IFRAME_SANDBOX, "loading": "lazy"}}
    cleaned = nh3.clean(
        html,
        tags=policy.tags,
        clean_content_tags={"style", "noscript", "template", "xmp", "noembed"}
        | ({"script"} if not policy.embed_scripts else set()),
        attributes=policy.attributes,
        attribute_filter=attribute_filter(policy),
        strip_comments=False,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        set_tag_attribute_values=forced,
    )
    if "<iframe" in cleaned or "<script" in cleaned:
        cleaned = drop_empty_embeds(cleaned, policy)
    return cleaned


def drop_empty_embeds(html, policy):
    """Remove iframes and scripts whose source the filter took away."""
    root = fragment(html)
    dropped = False
    for element in list(root.iter("iframe", "script")):
        if not element.get("src") or (element.tag == "script" and element.text):
            element.drop_tree()
            dropped = True
    if not dropped:
        return html
    inner = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return nh3_clean(inner, policy)


def fragment(html):
    """Return an lxml element holding the parsed HTML fragment."""
    return lxml.html.fragment_fromstring(html, create_parent="div")


def shape(html, ignore_forced=True):
    """Return a comparable form of the parsed tree of `html`."""
    if not html.strip():
        return ()
    try:
        root = fragment(html)
    except (lxml.etree.ParserError, ValueError):
        return (html,)
    out = []
    for element in root.iter():
        attributes = dict(element.attrib)
        if element.tag == "iframe" and ignore_forced:
            attributes.pop("sandbox", None)
            attributes.pop("loading", None)
        tag = element.tag if isinstance(element.tag, str) else "#comment"
        out.append((tag, sorted(attributes.items()), element.text, element.tail))
    return tuple(out)


@dataclass
class Result:
    """What the sanitiser made of one piece of HTML."""

    html: str
    changes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.changes)


def clean(html, policy):
    """Return a Result: `html` itself when nothing changed, else the cleaned HTML.

    Forced iframe attributes (sandbox, loading) are applied to every kept
    iframe but are not counted as the author's changes.
    """
    if not html:
        return Result(html or "")
    cleaned = nh3_clean(html, policy)
    if cleaned == html:
        return Result(html)
    if shape(cleaned) == shape(html):
        # Only serialisation (entities, quotes) or forced iframe flags differ.
        return Result(cleaned if shape(cleaned, False) != shape(html, False) else html)
    return Result(cleaned, diagnose(html, policy) or [Change("other", "")])


def diagnose(html, policy):
    """Return the Changes `policy` makes to `html`, found on its parsed tree."""
    try:
        root = fragment(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    tags = policy.tags
    attributes = policy.attributes
    keep = attribute_filter(policy)
    changes = []
    for element in root.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag not in tags:
            changes.append(Change("element", tag))
            continue
        if tag == "iframe" and not iframe_allowed(
            element.get("src"), policy.iframe_hosts
        ):
            changes.append(Change("iframe", tag, "src", element.get("src") or ""))
            continue
        if tag == "script" and keep(tag, "src", element.get("src") or "") is None:
            changes.append(Change("script", tag, "src", element.get("src") or ""))
            continue
        allowed = attributes.get("*", set()) | attributes.get(tag, set())
        for name, value in element.attrib.items():
            name = name.lower()
            if tag == "iframe" and name in ("sandbox", "loading"):
                continue
            changes.extend(attribute_changes(tag, name, value, allowed, keep, policy))
    return changes


def attribute_changes(tag, name, value, allowed, keep, policy):
    """Return the Changes for one attribute of one element."""
    if name.startswith("on"):
        return [Change("handler", tag, name, value)]
    if name == "class" and name not in allowed:
        return [Change("class", tag, name, token) for token in value.split()]
    if name not in allowed:
        what = "style" if name == "style" else "attribute"
        return [Change(what, tag, name, value)]
    if name in URL_ATTRIBUTES and not safe_url(value):
        return [Change("url", tag, name, value)]
    if name == "class":
        return [
            Change("class", tag, name, token)
            for token in value.split()
            if not class_allowed(token, policy.own)
        ]
    if name in ("style", "srcset") and keep(tag, name, value) is None:
        return [Change("style" if name == "style" else "url", tag, name, value)]
    return []
