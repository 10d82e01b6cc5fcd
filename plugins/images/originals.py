"""Originals: the bytes an image is published with at its own name.

Pure Pillow and byte code, no Pelican. `clean_original(path)` returns a
copy of an image file that carries no location or camera data (EXIF with its
GPS and maker notes, XMP, IPTC, comments, embedded second pictures) and
keeps what readers see: the pixels turned upright and the ICC colour profile.

- A JPEG that needs no turning keeps its image data byte for byte: only the
  metadata segments are cut out (`strip_jpeg`); the result is then decoded
  at an eighth of its size, to check it is a whole picture in bounded memory.
- Any other image, and a JPEG whose EXIF turns it, is decoded, turned
  upright and saved again in its own format: losslessly for PNG, GIF and
  lossless WebP; a JPEG with its own quantisation tables and subsampling.

Anything else about the file (not an image, not what its extension says, too
many pixels) raises `render.ImageError`. Other plugins that publish images (a
press kit) use `clean_original` so that every copy is clean.
"""

import hashlib
import io
import json
import struct
from pathlib import Path

import PIL
from PIL import (
    Image,
    ImageOps,
    ImageSequence,
    JpegImagePlugin,
    UnidentifiedImageError,
)

from content_model.files import PUBLISHED_TYPES
from i18n import N_, _

from .render import (
    MAX_PIXELS,
    ORIENTATION_TAG,
    TOO_BIG,
    ImageError,
    check_pixels,
    open_image,
)

# The Pillow format an image file must be, by extension: the content checks'
# published types without the PDF.
FORMAT_OF_EXTENSION = {
    extension: kind for extension, kind in PUBLISHED_TYPES.items() if kind != "PDF"
}
# JPEG application segments kept, by marker and how their payload starts:
# JFIF (pixel density), the ICC profile, Adobe (the colour transform of CMYK
# and some RGB files). Every other APPn (EXIF, XMP, IPTC, MPF, maker
# segments) and every comment goes.
JPEG_KEPT_APPS = {
    0xE0: b"JFIF\x00",
    0xE2: b"ICC_PROFILE\x00",
    0xEE: b"Adobe",
}
JPEG_SOS, JPEG_EOI, JPEG_COM = 0xDA, 0xD9, 0xFE
# Markers without a length: restart markers and TEM.
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
TRUNCATED = N_("ends before the picture does (a damaged file); save it again")
WEBP_QUALITY = 90
AVIF_QUALITY = 90


def jpeg_scan_end(raw, start):
    """Return where the entropy-coded data starting at `start` ends.

    That is the next marker: 0xFF followed by anything but a stuffed zero or
    a restart marker.
    """
    position = start
    while True:
        position = raw.find(b"\xff", position)
        if position < 0 or position + 1 >= len(raw):
            raise ImageError(_(TRUNCATED))
        following = raw[position + 1]
        if following == 0 or 0xD0 <= following <= 0xD7:
            position += 2
            continue
        return position


def jpeg_keeps(marker, payload):
    """Return whether a JPEG segment stays in a cleaned file."""
    if marker == JPEG_COM:
        return False
    if 0xE0 <= marker <= 0xEF:
        signature = JPEG_KEPT_APPS.get(marker)
        return signature is not None and payload.startswith(signature)
    return True


def decode_failed(error):
    """Return the ImageError of a picture that cannot be decoded."""
    return ImageError(
        _("cannot be decoded ({reason}); save it again").format(reason=error)
    )


def strip_jpeg(raw):
    """Return the JPEG `raw` without metadata; its image data byte for byte.

    What follows the end of the first picture (a phone's second picture,
    depth map or thumbnail, each with its own EXIF) is cut off too.
    """
    if raw[:2] != b"\xff\xd8":
        raise ImageError(_("is not a JPEG file; save it again as JPEG"))
    # Slices of a memoryview copy nothing: a 50 MP photo is held twice at most.
    view = memoryview(raw)
    kept = [view[:2]]
    position = 2
    while True:
        if position + 2 > len(raw):
            raise ImageError(_(TRUNCATED))
        if raw[position] != 0xFF:
            raise ImageError(_(TRUNCATED))
        marker = raw[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == JPEG_EOI:
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if marker in JPEG_STANDALONE:
            kept.append(view[position : position + 2])
            position += 2
            continue
        if position + 4 > len(raw):
            raise ImageError(_(TRUNCATED))
        (length,) = struct.unpack(">H", raw[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(raw):
            raise ImageError(_(TRUNCATED))
        if jpeg_keeps(marker, raw[position + 4 : end]):
            kept.append(view[position:end])
        position = end
        if marker == JPEG_SOS:
            scan_end = jpeg_scan_end(raw, position)
            kept.append(view[position:scan_end])
            position = scan_end


def check_decodes(data):
    """Decode JPEG `data` at an eighth of its size; return the decoded size.

    Raise ImageError if the picture is broken.
    """
    try:
        with open_image(io.BytesIO(data)) as image:
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
            return image.size
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise decode_failed(error) from None


def frames_of(image):
    """Return the frames of an (animated) image and their durations in ms."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 0))
        frames.append(frame.copy())
    return frames, durations


def reencode(image, fmt, raw):
    """Return `image` upright, saved as `fmt` with only its colour profile."""
    icc = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    options = {}
    if icc:
        options["icc_profile"] = icc
    if getattr(image, "n_frames", 1) > 1:
        # Animations are not turned (no camera writes one); frames are kept.
        frames, durations = frames_of(image)
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=image.info.get("loop", 0),
        )
        picture = frames[0]
    else:
        picture = ImageOps.exif_transpose(image)
    if transparency is not None and fmt in ("PNG", "GIF") and picture.mode != "RGBA":
        options["transparency"] = transparency
    if fmt == "JPEG":
        options.update(
            qtables=image.quantization,
            subsampling=JpegImagePlugin.get_sampling(image),
            progressive="progressive" in image.info,
        )
    elif fmt == "WEBP":
        if b"VP8L" in webp_chunks(raw):
            options.update(lossless=True, exact=True)
        else:
            options["quality"] = WEBP_QUALITY
    elif fmt == "AVIF":
        options["quality"] = AVIF_QUALITY
    # Nothing read from the file is written back but what `options` names.
    for frame in [picture, *options.get("append_images", [])]:
        frame.info = {}
    buffer = io.BytesIO()
    picture.save(buffer, fmt, exif=b"", xmp=b"", **options)
    return buffer.getvalue()


def webp_chunks(raw):
    """Return the FourCC names of the chunks of a WebP (RIFF) file."""
    names = []
    position = 12
    while position + 8 <= len(raw):
        name = raw[position : position + 4]
        (size,) = struct.unpack("<I", raw[position + 4 : position + 8])
        names.append(name)
        position += 8 + size + (size & 1)
    return names


def cache_key(digest, version):
    """Return the cache key of a cleaned original: its source and the recipe."""
    recipe = ["original", version, PIL.__version__, digest]
    return hashlib.sha256(json.dumps(recipe).encode()).hexdigest()


def clean_original(path, max_pixels=MAX_PIXELS):
    """Return the bytes to publish for the image file at `path`.

    No EXIF (GPS, maker notes), XMP, IPTC or comments; upright; the ICC
    profile kept. Raise ImageError when the file is not an image of the type
    its extension says, has more than `max_pixels` pixels, or is damaged.
    """
    path = Path(path)
    expected = FORMAT_OF_EXTENSION.get(path.suffix.lower())
    if expected is None:
        raise ImageError(
            _("'{ext}' is not an image type the site publishes").format(ext=path.suffix)
        )
    raw = path.read_bytes()
    try:
        image = open_image(io.BytesIO(raw))
    except Image.DecompressionBombError:
        raise ImageError(_(TOO_BIG).format(size="", limit=max_pixels / 1e6)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ImageError(
            _("cannot be read as an image ({reason})").format(reason=error)
        ) from None
    with image:
        if image.format != expected:
            raise ImageError(
                _(
                    "is a {format} file, not the {expected} its extension says; "
                    "save it again as {expected}"
                ).format(format=image.format, expected=expected)
            )
        check_pixels(image.size, max_pixels)
        upright = image.getexif().get(ORIENTATION_TAG, 1) in (0, 1)
        if expected == "JPEG" and upright:
            cleaned = strip_jpeg(raw)
            check_decodes(cleaned)
            return cleaned
        try:
            return reencode(image, expected, raw)
        except (OSError, ValueError, SyntaxError) as error:
            raise decode_failed(error) from None
