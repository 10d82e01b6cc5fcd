"""Image markup: the `<picture>` of a processed image, and body rewriting.

Bodies are parsed with a real HTML parser (BeautifulSoup, html.parser) and
re-serialised only when they hold an image, so other bodies stay byte for
byte what Markdown made.
"""

import posixpath
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup
from markupsafe import Markup

# Pelican's intrasite link prefixes that may precede an image path.
LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|")
# Attributes that the rewritten <img> sets itself.
OWN_ATTRIBUTES = {
    "src",
    "srcset",
    "sizes",
    "width",
    "height",
    "loading",
    "decoding",
    "fetchpriority",
}


def url_of(siteurl, path):
    """Return the absolute URL of an output-relative `path`."""
    return f"{siteurl.rstrip('/')}/{quote(path)}"


def srcset(renditions, siteurl):
    """Return a srcset value with a width descriptor per rendition."""
    return ", ".join(f"{url_of(siteurl, r.path)} {r.width}w" for r in renditions)


def image_info(originals, webps, siteurl, sizes, alt, caption="", source=""):
    """Return the description of a processed image that templates and feeds read.

    `path`, `url`, `width`, `height` and `mime` are those of the largest
    rendition in the original format (what a feed encloses); `srcset`,
    `webp_srcset` and `sizes` feed a <picture>.
    """
    largest = originals[-1]
    return {
        "source": source,
        "path": largest.path,
        "url": url_of(siteurl, largest.path),
        "width": largest.width,
        "height": largest.height,
        "mime": largest.mime,
        "alt": alt,
        "caption": caption,
        "srcset": srcset(originals, siteurl),
        "webp_srcset": srcset(webps, siteurl) if webps else "",
        "sizes": sizes,
        "renditions": [
            {
                "path": r.path,
                "url": url_of(siteurl, r.path),
                "width": r.width,
                "height": r.height,
                "mime": r.mime,
            }
            for r in [*originals, *webps]
        ],
    }


def source_path(src, item_dir):
    """Return the content-relative path an image `src` names, or None.

    None means the image is on another host (or a data: URI). `{static}/x`
    and `/x` start at the content folder; a bare relative path starts at the
    item's folder (`item_dir`); callers may retry it from the content folder.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    for prefix in LINK_PREFIXES:
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(item_dir, path))


def picture(soup, info, extra=None, eager=False):
    """Return a <picture> Tag for `info`; `extra` attributes go on the <img>."""
    element = soup.new_tag("picture", attrs={"class": "bsf-picture"})
    if info["webp_srcset"]:
        element.append(
            soup.new_tag(
                "source",
                attrs={
                    "type": "image/webp",
                    "srcset": info["webp_srcset"],
                    "sizes": info["sizes"],
                },
            )
        )
    attrs = {
        key: value for key, value in (extra or {}).items() if key not in OWN_ATTRIBUTES
    }
    classes = attrs.pop("class", [])
    if isinstance(classes, str):
        classes = classes.split()
    attrs["class"] = " ".join(["bsf-picture__img", *classes])
    attrs.update(
        {
            "src": info["url"],
            "srcset": info["srcset"],
            "sizes": info["sizes"],
            "width": str(info["width"]),
            "height": str(info["height"]),
            "alt": info["alt"],
        }
    )
    if eager:
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    attrs["decoding"] = "async"
    element.append(soup.new_tag("img", attrs=attrs))
    return element


def picture_html(info, eager=False):
    """Return the <picture> markup of `info`: the theme's `picture` filter.

    The same builder as body images (`picture`), so the theme's lead images
    and the body's images have one markup.
    """
    element = picture(BeautifulSoup("", "html.parser"), info, eager=eager)
    return Markup(element.decode(formatter="html5"))


class BodyLines:
    """Find the source line of each image in a Markdown body, in order."""

    MARKERS = ("![", "<img")

    def __init__(self, body, first_line):
        self.lines = body.split("\n")
        self.first_line = first_line
        self.cursor = 0

    def find(self, src):
        """Return the line of the next image whose source text holds `src`."""
        for needles in ((src, unquote(src)) if src else (), self.MARKERS):
            for index in range(self.cursor, len(self.lines)):
                if any(needle and needle in self.lines[index] for needle in needles):
                    self.cursor = index
                    return self.first_line + index
        return self.first_line + self.cursor


def rewrite_images(html, body, first_line, handle):
    """Replace each <img> of `html` by what `handle(img, line, soup)` returns.

    `handle` gets the <img> Tag, its line in the Markdown body and the soup;
    it returns a Tag to put in its place, or None to leave it. Return the new
    HTML, or `html` itself when it has no image.
    """
    if not html or "<img" not in html.lower():
        return html
    soup = BeautifulSoup(html, "html.parser")
    images = soup.find_all("img")
    if not images:
        return html
    lines = BodyLines(body or "", first_line)
    changed = False
    for img in images:
        line = lines.find(img.get("src", ""))
        replacement = handle(img, line, soup)
        if replacement is not None and replacement is not img:
            img.replace_with(replacement)
            changed = True
        elif replacement is img:
            changed = True
    return soup.decode(formatter="html5") if changed else html


def credit_fields(credit, holder, terms_url="", contact_url=""):
    """Return the credit keys an image dict carries, from a content_model Credit.

    `holder` is the site's copyright holder (the office), credited for its own
    photos; `terms_url` is the page stating the site's reuse terms and
    `contact_url` where permission is asked (absolute URLs, or "").

        credit         the name to credit ("Diskominfo Kota Bontang")
        own            whether the photo is the office's own
        license_name   printed licence ("CC BY 4.0"; "" for the office's own)
        license_url    the licence's text (the site's terms for its own photos)
        license_open   whether anyone may republish it with the credit
        acquire_url    where to ask for a licence
    """
    licence = credit.licence
    if licence is None:
        acquire = contact_url or terms_url
    elif licence.open and licence.url:
        acquire = licence.url  # the licence itself grants reuse
    else:
        acquire = contact_url  # the office forwards requests to the holder
    return {
        "credit": credit.holder(holder),
        "own": credit.own,
        "license_name": licence.name if licence else "",
        "license_url": (licence.url if licence else terms_url) or "",
        "license_open": licence.open if licence else True,
        "acquire_url": acquire or "",
    }


def credit_line(soup, info):
    """Return the <small> credit of a figure: "Foto: Nama · CC BY 4.0"."""
    small = soup.new_tag("small", attrs={"class": "bsf-figure__credit"})
    small.append(f"Foto: {info['credit']}")
    if info.get("license_name"):
        small.append(" · ")
        if info.get("license_url"):
            link = soup.new_tag(
                "a", attrs={"href": info["license_url"], "rel": "license"}
            )
            link.append(info["license_name"])
            small.append(link)
        else:
            small.append(info["license_name"])
    return small


def figure(soup, info, content):
    """Return a <figure> of `content` (a <picture>) with caption and credit."""
    element = soup.new_tag("figure", attrs={"class": "bsf-figure"})
    element.append(content)
    caption = soup.new_tag("figcaption", attrs={"class": "bsf-figure__caption"})
    if info.get("caption"):
        caption.append(f"{info['caption']} ")
    caption.append(credit_line(soup, info))
    element.append(caption)
    return element


def alone_in_paragraph(img):
    """Return the <p> that holds `img` and nothing else but spaces, or None."""
    parent = img.parent
    if parent is None or parent.name != "p":
        return None
    for child in parent.children:
        if child is img:
            continue
        if isinstance(child, str) and not child.strip():
            continue
        return None
    return parent


def place_with_credit(soup, img, info, content):
    """Put `content` (the <picture> of `img`) in the body with its credit.

    An image alone in its paragraph becomes a <figure> with caption and
    credit in place of that paragraph; an image within text keeps its place,
    its credit right after it. Return `img` (for `rewrite_images`).
    """
    paragraph = alone_in_paragraph(img)
    if paragraph is not None:
        paragraph.replace_with(figure(soup, info, content))
        return img
    img.replace_with(content)
    content.insert_after(credit_line(soup, info))
    return img
