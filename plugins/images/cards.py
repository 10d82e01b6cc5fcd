"""Sharing images: 1200x630 pictures for link previews (WhatsApp, Facebook, X).

An item with a lead image shares that image cover-cropped; one without gets a
generated card in the festival's colours with its title, labels, the site name
and its date. Pure Pillow code, deterministic: the font is Pillow's bundled
one (or a TTF the settings name), so the output does not depend on the fonts
a machine happens to have.
"""

import functools
import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from .render import CACHE_VERSION

# Characters the bundled font lacks, written the nearest way it can.
SUBSTITUTES = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
}
ELLIPSIS = "\u2026"
# The drawing code's own version: a change to this file draws every card again.
CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@dataclass(frozen=True)
class CardColours:
    """The festival's colours (the theme's --bsf-* values)."""

    background: str = "#0b4a7d"
    band: str = "#06314f"
    accent: str = "#0f6b63"
    text: str = "#ffffff"
    label: str = "#0f6b63"
    warning: str = "#8a3b00"


@dataclass(frozen=True)
class CardSpec:
    """What a generated card says; `labels` are (text, colour name) pairs."""

    title: str
    footer_left: str
    footer_right: str = ""
    subtitle: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    size: tuple[int, int] = (1200, 630)
    colours: CardColours = field(default_factory=CardColours)
    font: str = ""

    def key(self):
        """Return the cache key of the card: everything that decides its pixels.

        The spec (title, labels, texts, size, colours, font path), the font
        file's bytes, this module's code and Pillow's version.
        """
        recipe = [
            CACHE_VERSION,
            CODE_VERSION,
            PIL.__version__,
            "card",
            asdict(self),
            font_digest(self.font),
        ]
        return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def font_digest(path):
    """Return the SHA-256 of the font file at `path` ("" for Pillow's own font).

    The file is read again whenever its size or modification time changed, so
    a font replaced at the same path gives other keys.
    """
    if not path:
        return ""
    try:
        stat = Path(path).stat()
        return _file_digest(str(path), stat.st_size, stat.st_mtime_ns)
    except OSError:
        # Drawing fails too, and says so; nothing is cached under this key.
        return "unreadable"


@functools.lru_cache(maxsize=8)
def _file_digest(path, _size, _mtime_ns):
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


# Pure memos (same inputs, same result): a build draws one card per release,
# and loading fonts and probing glyphs per card was most of its cost.
@functools.lru_cache(maxsize=32)
def load_font(path, size):
    """Return the TTF at `path` at `size` px, or Pillow's bundled font."""
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _pixels(font, text):
    image = Image.new("L", (4 * font.size, 2 * font.size))
    ImageDraw.Draw(image).text((font.size // 2, 0), text, font=font, fill=255)
    return image.tobytes()


@functools.lru_cache(maxsize=64)
def _missing_glyph(font):
    return _pixels(font, "\uffff")


@functools.lru_cache(maxsize=8192)
def _drawable(font, char):
    return char.isspace() or _pixels(font, char) != _missing_glyph(font)


@functools.lru_cache(maxsize=512)
def _text_mask(font, text, anchor):
    """Return (coverage mask, offset from the anchor point) of `text`.

    A card repeats most of its words on every other card (the site name, the
    labels, the dates), so the rendered text is kept and pasted again.
    """
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return mask, (left, top)


def draw_text(card, xy, text, font, fill, anchor="la", bold=False):
    """Draw `text` at `xy` (the `anchor` point) on `card` in `fill`.

    The bundled font has no bold face: `bold` lays the text twice, the second
    time one pixel to the right, which reads as a heavier weight.
    """
    if not text:
        return
    mask, (left, top) = _text_mask(font, text, anchor)
    x, y = round(xy[0]) + left, round(xy[1]) + top
    card.paste(fill, (x, y), mask)
    if bold:
        card.paste(fill, (x + 1, y), mask)


def fold_to_font(text, font):
    """Return `text` with every character the font cannot draw replaced.

    Dashes become '-', accented letters lose their accent, anything else the
    font lacks is dropped, so no 'missing glyph' box reaches a card.
    """

    def drawable(char):
        return _drawable(font, char)

    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in SUBSTITUTES:
            char = SUBSTITUTES[char]
        if drawable(char):
            out.append(char)
            continue
        base = "".join(
            c
            for c in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(c)
        )
        out.append("".join(c for c in base if drawable(c)))
    return " ".join("".join(out).split())


def wrap(text, font, width):
    """Break `text` into lines no wider than `width` px (a long word stays whole)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def clip(line, font, width):
    """Return `line` shortened with an ellipsis to fit `width` px."""
    if font.getlength(line) <= width:
        return line
    words = line.split()
    while words and font.getlength(" ".join(words) + ELLIPSIS) > width:
        words.pop()
    return (" ".join(words) or line[:1]) + ELLIPSIS


def fit_title(text, font_path, width, height, sizes=(68, 60, 54, 48, 44, 40)):
    """Return (font, lines): the largest size at which `text` fits the box.

    At the smallest size a title still too long is cut with an ellipsis.
    """
    for size in sizes:
        font = load_font(font_path, size)
        lines = wrap(fold_to_font(text, font), font, width)
        if len(lines) * round(size * 1.2) <= height and all(
            font.getlength(line) <= width for line in lines
        ):
            return font, lines
    font = load_font(font_path, sizes[-1])
    lines = wrap(fold_to_font(text, font), font, width)
    keep = max(1, height // round(sizes[-1] * 1.2))
    if len(lines) > keep:
        lines = [*lines[: keep - 1], clip(" ".join(lines[keep - 1 :]), font, width)]
    return font, [clip(line, font, width) for line in lines]


def draw_card(spec):
    """Return the card `spec` describes as an RGB image."""
    width, height = spec.size
    colours = spec.colours
    scale = height / 630
    margin = round(80 * scale)
    band = round(110 * scale)
    card = Image.new("RGB", spec.size, colours.background)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, height - band, width, height), fill=colours.band)
    draw.rectangle((0, 0, round(20 * scale), height), fill=colours.accent)

    top = round(64 * scale)
    if spec.labels:
        font = load_font(spec.font, round(26 * scale))
        x = margin
        pad = round(12 * scale)
        for text, colour in spec.labels:
            text = fold_to_font(text.upper(), font)
            box = font.getbbox(text)
            box_width = font.getlength(text) + 2 * pad
            box_height = round(26 * scale * 1.5)
            draw.rectangle(
                (x, top, x + box_width, top + box_height),
                fill=getattr(colours, colour, colours.label),
            )
            text_y = top + (box_height - (box[3] - box[1])) / 2 - box[1]
            draw_text(card, (x + pad, text_y), text, font, colours.text)
            x += box_width + pad
        top += round(26 * scale * 1.5) + round(34 * scale)
    else:
        top += round(24 * scale)

    subtitle_font = load_font(spec.font, round(32 * scale))
    subtitle = fold_to_font(spec.subtitle, subtitle_font) if spec.subtitle else ""
    subtitle_lines = wrap(subtitle, subtitle_font, width - 2 * margin)[:2]
    subtitle_height = len(subtitle_lines) * round(32 * scale * 1.35)
    room = height - band - top - round(30 * scale) - subtitle_height
    font, lines = fit_title(spec.title, spec.font, width - 2 * margin, room)
    step = round(font.size * 1.2)
    for number, line in enumerate(lines):
        draw_text(
            card, (margin, top + number * step), line, font, colours.text, bold=True
        )
    y = top + len(lines) * step + round(8 * scale)
    for line in subtitle_lines:
        draw_text(card, (margin, y), line, subtitle_font, colours.text)
        y += round(32 * scale * 1.35)

    footer = load_font(spec.font, round(30 * scale))
    middle = height - band / 2
    left = clip(fold_to_font(spec.footer_left, footer), footer, width * 0.6)
    draw_text(card, (margin, middle), left, footer, colours.text, anchor="lm")
    if spec.footer_right:
        right = fold_to_font(spec.footer_right, footer)
        draw_text(
            card, (width - margin, middle), right, footer, colours.text, anchor="rm"
        )
    return card


def cover(image, size):
    """Return `image` scaled and centre-cropped to fill `size` exactly."""
    return ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
