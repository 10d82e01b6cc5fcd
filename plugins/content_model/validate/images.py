"""Image checks: body images (file, alt text, caption) and the `Image` key."""

import html
from pathlib import Path
from urllib.parse import urlsplit

from i18n import _

from ..credits import credit_of, parse_title
from ..model import Problem
from .paths import is_file, nearest_file, resolve_local
from .scan import ATTRIBUTE, EMPTY_ALT, LINK_START, LINK_TITLE, TAG, link_destination
from .shared import PLACEHOLDER, q


def check_alt_texts(text, path, line_of):
    """Return problems for body images without alt text or with a bad caption.

    A caption (the image's title) may carry a credit (content_model.credits).
    """
    problems = []

    def add(offset, message):
        problems.append(Problem(path, line_of(offset), message))

    for match in EMPTY_ALT.finditer(text):
        add(
            match.start(),
            _(
                "image has no alt text, so blind readers and search engines learn "
                "nothing from it; describe the picture between the brackets: "
                "![Wali Kota membuka festival](…)"
            ),
        )
    for tag in TAG.finditer(text):
        if tag["close"] or tag["name"].lower() != "img":
            continue
        alts = [
            a["value"].strip("\"'")
            for a in ATTRIBUTE.finditer(tag["attrs"])
            if a["name"].lower() == "alt" and a["value"] is not None
        ]
        if not alts or not alts[0].strip():
            add(
                tag.start(),
                _('<img> has no alt text; add alt="…" describing the picture'),
            )
        for attribute in ATTRIBUTE.finditer(tag["attrs"]):
            if attribute["name"].lower() == "title" and attribute["value"]:
                title = html.unescape(attribute["value"].strip("\"'"))
                for problem in parse_title(title)[1]:
                    add(tag.start(), problem)
    for match in LINK_START.finditer(text) if "![" in text else ():
        if not match["bang"]:
            continue
        after = match.end() + len(link_destination(text, match.end()))
        title = LINK_TITLE.match(text, after)
        if title:
            caption = next(g for g in title.groups() if g is not None)
            for problem in parse_title(caption)[1]:
                add(match.start(), problem)
    return problems


def check_image_source(src, root, source_dir, add, offset):
    """Check a body image: a local file (from the item's folder or content/)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        add(
            offset,
            _(
                "image {src} is on another host, which tracks readers and breaks "
                "when that site changes; save the file under content/images/ and "
                "write its path, e.g. images/foto.jpg"
            ).format(src=q(src[:80])),
        )
        return
    candidates = [resolve_local(root, source_dir, src)]
    if not src.startswith("/"):
        candidates.append(resolve_local(root, "", src))
    found = [c for c in candidates if c is not None]
    if any(is_file(Path(root) / c) for c in found):
        return
    if not found:
        add(
            offset,
            _(
                "image {src} is outside the content folder; keep images under "
                "content/images/"
            ).format(src=q(src)),
        )
        return
    near = nearest_file(root, found[-1])
    hint = (
        _("did you mean {near}?").format(near=q(near)) if near else _("check the path")
    )
    add(
        offset,
        _("image {src} was not found (looked for {places}); {hint}").format(
            src=q(src),
            places=_(" and ").join(f"content/{p}" for p in dict.fromkeys(found)),
            hint=hint,
        ),
    )


def check_lead_image(kind, header, path, root):
    """Check the `Image` key: a file under content/ with alt text."""
    problems = []
    value = header.get("image")
    if "image" not in kind.keys or not value:
        return problems

    def add(message):
        problems.append(Problem(path, header.line("image"), message))

    # The images plugin reads Image from the content folder (not the item's).
    placeholder = PLACEHOLDER.match(value)
    target = placeholder["rest"] if placeholder else value
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        add(
            _(
                "Image {value} is on another host, which tracks readers and breaks "
                "when that site changes; save the file under content/images/ and "
                "write its path, e.g. images/foto.jpg"
            ).format(value=q(value[:80])),
        )
    else:
        relative = resolve_local(root, "", target)
        if relative is None:
            add(
                _(
                    "Image {value} is outside the content folder; keep images under "
                    "content/images/"
                ).format(value=q(value)),
            )
        elif not is_file(Path(root) / relative):
            near = nearest_file(root, relative)
            hint = (
                _("did you mean {near}?").format(near=q(near))
                if near
                else _("check the path (it starts at content/, e.g. images/foto.jpg)")
            )
            add(
                _("Image {value}: content/{relative} was not found; {hint}").format(
                    value=q(value), relative=relative, hint=hint
                )
            )
    if "image_alt" in kind.keys and not header.get("image_alt"):
        add(
            _(
                "Image has no alt text; add a line 'Image_Alt: …' describing the "
                "picture for readers who cannot see it"
            ),
        )
    # The credit rules of content_model.credits, as the images plugin applies
    # them, so that `invoke check` reports them too.
    licence = header.get("image_license")
    line = header.line("image_license" if licence else "image")
    for message in credit_of("", header.get("image_credit"), licence)[1]:
        problems.append(Problem(path, line, message))
    return problems
