"""Responsive renditions of one source image, encoded the same way every build.

Pure Pillow code: no Pelican imports, no settings. A `SourceImage` is a file
under the content folder; `plan_renditions` names the files to write for it
(the original format and WebP at a few widths, never upscaled); `encode`
produces their bytes; `Store` writes bytes into the output through a cache
keyed by everything that decides them.
"""

import hashlib
import io
import json
import posixpath
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from common.files import atomic_write
from i18n import N_, _

# Bump when the encoding changes in a way the cache key does not see.
# Bump when an encoder option changes, so cached bytes never mix two recipes.
# 5: originals are published cleaned (no location data), through the cache.
CACHE_VERSION = 5
# The most pixels a source image may have: a 50-megapixel phone photo passes;
# a 13300x13300 PNG (177 MP, 2 GB to decode) does not.
MAX_PIXELS = 100_000_000
# Pillow format -> (file extension, MIME type) of the formats we publish.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
TOO_BIG = N_(
    "has too many pixels{size}: a photo may have {limit:g} megapixels "
    "(IMAGES_MAX_PIXELS); resize it, e.g. to 6000 pixels on the long side"
)
ORIENTATION_TAG = 0x0112


class ImageError(ValueError):
    """A source image that cannot be published; the message says why."""


# What Pillow raises on a broken or truncated file while decoding it.
DECODE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


@dataclass(frozen=True)
class SourceImage:
    """An image file under the content folder, as readers will see it (upright)."""

    path: Path
    rel: str
    format: str
    width: int
    height: int
    digest: str

    @property
    def has_alpha(self):
        return self.format in ("PNG", "WEBP")


@dataclass(frozen=True)
class Rendition:
    """One file to publish: its output-relative path, size and format."""

    path: str
    width: int
    height: int
    format: str

    @property
    def mime(self):
        return FORMATS[self.format][1]


def is_file(path):
    """Return whether `path` is a file; a name the system refuses is not one."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        # ENAMETOOLONG and NUL bytes escape pathlib's own checks.
        return False


def open_image(source):
    """Open an image (a path or a file object) without decoding it.

    Pillow's own decompression-bomb warning is silenced: `check_pixels` is the
    signal, with a message that names the file and the fix. Pillow still
    refuses images of more than twice its limit (about 179 MP).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(source)


def check_pixels(size, max_pixels):
    """Raise ImageError when an image of `size` (w, h) has too many pixels."""
    width, height = size
    if width * height > max_pixels:
        shown = _(" ({width}x{height}, {megapixels} megapixels)").format(
            width=width, height=height, megapixels=f"{width * height / 1e6:.0f}"
        )
        raise ImageError(_(TOO_BIG).format(size=shown, limit=max_pixels / 1e6))


def inspect_image(path, rel, max_pixels=MAX_PIXELS):
    """Return the SourceImage of the file at `path`; raise ImageError.

    Only the header is read (the pixel limit is checked before anything is
    decoded).
    """
    path = Path(path)
    if not is_file(path):
        raise ImageError(_("was not found"))
    raw = path.read_bytes()
    try:
        with open_image(io.BytesIO(raw)) as image:
            fmt = image.format
            width, height = image.size
            # Before getexif: a PNG reads its whole image data to find EXIF.
            check_pixels((width, height), max_pixels)
            orientation = image.getexif().get(ORIENTATION_TAG, 1)
    except ImageError:
        raise
    except Image.DecompressionBombError:
        raise ImageError(_(TOO_BIG).format(size="", limit=max_pixels / 1e6)) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ImageError(
            _("cannot be read as an image ({reason})").format(reason=error)
        ) from None
    if fmt not in FORMATS:
        raise ImageError(
            _("is a {format} file; save it as JPEG, PNG or WebP").format(format=fmt)
        )
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return SourceImage(
        path=path,
        rel=rel,
        format=fmt,
        width=width,
        height=height,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def rendition_widths(width, widths):
    """Return the widths to publish for a source `width` px wide, smallest first.

    Never upscale: widths above the source are dropped, and the source's own
    width stands in for the largest when it is narrower than that.
    """
    wanted = sorted({int(w) for w in widths if int(w) > 0})
    below = [w for w in wanted if w < width]
    top = min(width, wanted[-1]) if wanted else width
    return tuple(sorted({*below, top}))


def scaled_height(width, height, new_width):
    """Return the height that keeps the aspect ratio at `new_width`."""
    return max(1, round(height * new_width / width))


def output_stem(rel, output_dir):
    """Return the output path of a source without its extension.

    `images/foto.jpg` stays `images/foto`; a file elsewhere under the content
    folder (`press-releases/foto.jpg`) goes under `output_dir` too.
    """
    stem = posixpath.splitext(rel)[0]
    prefix = output_dir.strip("/")
    if prefix and not stem.startswith(prefix + "/"):
        stem = f"{prefix}/{stem}"
    return stem


def plan_renditions(source, widths, output_dir):
    """Return (originals, webps): the renditions of `source`, smallest first.

    WebP sources give one list only (`webps` is empty): there is no second
    format to offer.
    """
    stem = output_stem(source.rel, output_dir)
    originals, webps = [], []
    for width in rendition_widths(source.width, widths):
        height = scaled_height(source.width, source.height, width)
        ext = FORMATS[source.format][0]
        originals.append(
            Rendition(f"{stem}-{width}.{ext}", width, height, source.format)
        )
        if source.format != "WEBP":
            webps.append(Rendition(f"{stem}-{width}.webp", width, height, "WEBP"))
    return originals, webps


def to_srgb(image):
    """Convert an image with an embedded colour profile to sRGB."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    mode = "RGBA" if "A" in image.getbands() else "RGB"
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode=mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def upright(path, fit=None):
    """Open `path` turned as its EXIF says, in sRGB, RGB or RGBA, metadata gone.

    `fit` (width, height), when given, is the largest size needed: a JPEG is
    then decoded at the smallest scale (1/2, 1/4, 1/8) still at least as big,
    which is much faster for camera photos.
    """
    with open_image(path) as opened:
        if fit and opened.format == "JPEG":
            width, height = fit
            if opened.getexif().get(ORIENTATION_TAG, 1) in QUARTER_TURNS:
                width, height = height, width
            opened.draft(opened.mode, (width, height))
        image = ImageOps.exif_transpose(opened)
        image.load()
    image = to_srgb(image)
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.info.clear()
    return image


def flatten(image, background=(255, 255, 255)):
    """Return an RGB image, transparent parts laid over `background`."""
    if image.mode == "RGB":
        return image
    if image.mode != "RGBA":
        return image.convert("RGB")
    base = Image.new("RGB", image.size, background)
    base.paste(image, mask=image.getchannel("A"))
    return base


def encode(image, fmt, quality, progressive=True, optimize=True):
    """Return the bytes of `image` saved as `fmt`, with no metadata.

    The same pixels and settings give the same bytes (no timestamps, no EXIF,
    no colour profile). `progressive` JPEGs show early on a slow page but take
    five times as long to encode; `optimize` (JPEG Huffman tables) saves about
    a fifth of the bytes for twice the time. Sharing images, fetched once by
    a link-preview crawler and never by a reader's page, skip both.
    """
    if image.info:
        # Metadata read from a source file must not reach the output (a copy:
        # the caller's image stays as it was). A drawn image has none.
        image = image.copy()
        image.info.clear()
    buffer = io.BytesIO()
    if fmt == "JPEG":
        flatten(image).save(
            buffer,
            "JPEG",
            quality=quality["jpeg"],
            optimize=optimize,
            progressive=progressive,
        )
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality["webp"], method=4, exact=False)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        raise ImageError(f"cannot write {fmt}")
    return buffer.getvalue()


def resized(image, width, height):
    """Return `image` at width x height (LANCZOS), or itself when the size holds."""
    if image.size == (width, height):
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS)


def rendition_key(source, rendition, quality, operation="resize", fit=None):
    """Return the cache key of one rendition: everything that decides its bytes.

    `operation` names how the pixels are made ("resize", "cover"); `fit` is the
    decoding size given to `upright` (it changes the pixels of a JPEG).
    """
    recipe = [
        CACHE_VERSION,
        PIL.__version__,
        source.digest,
        operation,
        list(fit) if fit else None,
        rendition.format,
        rendition.width,
        rendition.height,
        quality,
    ]
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


@dataclass
class Store:
    """Write output files once per build, through a cache when one is given.

    `written` maps each output path to the key of what was written there, so
    two different files aimed at one path are caught.
    """

    output_path: Path
    cache_dir: Path | None = None
    written: dict[str, str] = field(default_factory=dict)

    def cached(self, key, ext):
        if self.cache_dir is None:
            return None
        path = Path(self.cache_dir) / key[:2] / f"{key}.{ext}"
        try:
            return path.read_bytes()
        except OSError:
            return None

    def remember(self, key, ext, data):
        if self.cache_dir is None:
            return
        folder = Path(self.cache_dir) / key[:2]
        try:
            # An interrupted build leaves no half file.
            atomic_write(folder / f"{key}.{ext}", data)
        except OSError:
            # A cache that cannot be written only makes the next build slower.
            return

    def conflict(self, path, key):
        """Return whether `path` already holds something other than `key`."""
        return path in self.written and self.written[path] != key

    def put(self, path, key, produce, defer=None):
        """Write `path` (output-relative) with the bytes `produce()` gives.

        Skip when this build wrote the same key there already; read the cache
        before producing; write nothing when `produce()` gives None. With
        `defer`, the file is claimed now and the work handed to `defer` (the
        parallel writer's queue). Return False when `path` holds another file.
        """
        if self.conflict(path, key):
            return False
        if path in self.written:
            return True
        self.written[path] = key
        ext = posixpath.splitext(path)[1].lstrip(".")
        target = Path(self.output_path) / path

        def make():
            data = self.cached(key, ext)
            if data is None:
                data = produce()
                if data is None:
                    return
                self.remember(key, ext, data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

        if defer is None:
            make()
        else:
            defer(make)
        return True


def write_renditions(store, source, renditions, quality):
    """Write every rendition of `source`; decode the source at most once.

    Return the paths that another file already holds (nothing written there).
    """
    largest = max(renditions, key=lambda r: r.width)
    fit = (largest.width, largest.height)
    opened = {}

    def produce(rendition):
        def make():
            if "image" not in opened:
                opened["image"] = upright(source.path, fit)
            image = resized(opened["image"], rendition.width, rendition.height)
            return encode(image, rendition.format, quality)

        return make

    clashes = []
    for rendition in renditions:
        key = rendition_key(source, rendition, quality, fit=fit)
        if not store.put(rendition.path, key, produce(rendition)):
            clashes.append(rendition.path)
    return clashes
