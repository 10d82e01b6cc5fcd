"""No published image carries location or camera data; every copy is checked.

A JPEG, a PNG, a WebP and an AVIF are made here with Pillow, each with EXIF
GPS, a maker note, an XMP location, an EXIF orientation that turns it a
quarter, and an ICC colour profile. After a real build, every copy of them
(original, renditions, sharing image) is opened with Pillow.
"""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from conftest import ROOT, build, merged_content
from images import originals, render

MARK = "PENANDA-LOKASI-BONTANG-0b7d"
EXIF_IFD, GPS_IFD, MAKER_NOTE, ORIENTATION = 0x8769, 0x8825, 0x927C, 0x0112
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    'exif:GPSLatitude="0,7.1333N" exif:GPSLongitude="117,30.0E" '
    f'photoshop:City="Bontang {MARK}"/></rdf:RDF></x:xmpmeta>'
).encode()
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
# Stored 1000 px wide and 700 high, left half red, right half blue; EXIF
# orientation 6 shows it turned a quarter clockwise: 700 wide, red on top.
STORED = (1000, 700)
SHOWN = (700, 1000)
RED, BLUE = (220, 20, 20), (20, 20, 220)
FORMATS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}


def exif_with_location():
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Kamera Uji"  # Make
    exif.get_ifd(EXIF_IFD)[MAKER_NOTE] = f"maker {MARK}".encode()
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (0.0, 7.0, 8.0), 3: "E", 4: (117.0, 30.0, 0.0)})
    return exif.tobytes()


def located_image(fmt):
    """Return the bytes of a picture carrying every kind of location data."""
    image = Image.new("RGB", STORED, BLUE)
    image.paste(RED, (0, 0, STORED[0] // 2, STORED[1]))
    options = {"exif": exif_with_location(), "icc_profile": ICC}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        info.add_text("Comment", f"lokasi {MARK}")
        options["pnginfo"] = info
    else:
        options["xmp"] = XMP
    if fmt == "JPEG":
        options["comment"] = f"lokasi {MARK}"
    buffer = io.BytesIO()
    image.save(buffer, fmt, quality=95, **options)
    return buffer.getvalue()


def xmp_of(image):
    return image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""


def location_data(image):
    """Return the location and camera data Pillow finds in an opened image."""
    exif = image.getexif()
    found = {}
    if exif.get_ifd(GPS_IFD):
        found["gps"] = dict(exif.get_ifd(GPS_IFD))
    maker = exif.get_ifd(EXIF_IFD).get(MAKER_NOTE) or exif.get(MAKER_NOTE)
    if maker:
        found["maker note"] = maker
    if xmp_of(image):
        found["xmp"] = xmp_of(image)
    for key in ("comment", "Comment"):
        if image.info.get(key):
            found[key] = image.info[key]
    return found


def test_the_planted_images_do_carry_location_data():
    for fmt in FORMATS.values():
        with Image.open(io.BytesIO(located_image(fmt))) as image:
            found = location_data(image)
            assert {"gps", "maker note", "xmp"} <= set(found), (fmt, found)
            assert image.getexif()[ORIENTATION] == 6
            assert image.info["icc_profile"] == ICC
            assert image.size == STORED


@pytest.fixture(scope="module")
def located_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("lokasi")
    content = merged_content(root / "content", ROOT / "content")
    (content / "images").mkdir(exist_ok=True)
    for ext, fmt in FORMATS.items():
        (content / "images" / f"lokasi-{ext}.{ext}").write_bytes(located_image(fmt))
    # An image no item uses is published too (as Pelican would copy it).
    (content / "images" / "lokasi-lepas.jpg").write_bytes(located_image("JPEG"))
    release = content / "press-releases" / "lokasi.md"
    release.write_text(
        "Title: Rilis dengan foto berlokasi\n"
        "Date: 2020-03-14 10:00\n"
        "Summary: Foto dengan data lokasi.\n"
        "Image: images/lokasi-jpg.jpg\n"
        "Image_Alt: Stan merah dan biru di festival\n\n"
        "Paragraf pembuka.\n\n"
        "![Bagan merah biru](images/lokasi-png.png)\n\n"
        "![Foto merah biru](images/lokasi-webp.webp)\n\n"
        # AVIF is published as it is named, not as renditions.
        "[Foto AVIF](/images/lokasi-avif.avif)\n",
        encoding="utf-8",
    )
    return build(root / "output", content)


def published_copies(output):
    copies = sorted((output / "images").rglob("lokasi-*"))
    copies += sorted((output / "images" / "share").glob("*lokasi*"))
    return copies


def test_every_copy_is_published(located_site):
    names = {p.name for p in published_copies(located_site)}
    for ext in [*FORMATS, "lepas.jpg"]:
        stem = f"lokasi-{ext}" if "." in ext else f"lokasi-{ext}.{ext}"
        assert stem in names, names
    renditions = {"lokasi-jpg-480.jpg", "lokasi-jpg-700.webp", "lokasi-png-700.png"}
    assert renditions <= names, names
    assert any(n.endswith("lokasi.jpg") for n in names), names


def test_no_published_copy_carries_location_data(located_site):
    copies = published_copies(located_site)
    assert len(copies) == 16
    for path in copies:
        with Image.open(path) as image:
            assert location_data(image) == {}, path
            assert image.getexif().get(ORIENTATION, 1) == 1, path
        assert MARK.encode() not in path.read_bytes(), path


def test_no_output_file_holds_the_location_text(located_site):
    for path in sorted(located_site.rglob("*")):
        if path.is_file():
            assert MARK.encode() not in path.read_bytes(), path


def red_on_top(image):
    rgb = image.convert("RGB")
    width, height = rgb.size
    top = rgb.getpixel((width // 2, height // 4))
    bottom = rgb.getpixel((width // 2, 3 * height // 4))
    return top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


def test_every_copy_is_turned_upright(located_site):
    for path in published_copies(located_site):
        if "share" in path.parts:
            continue
        with Image.open(path) as image:
            width, height = image.size
            assert height > width, path
            assert red_on_top(image), path


@pytest.mark.parametrize("ext", [*FORMATS, "lepas"])
def test_an_original_keeps_its_colour_profile_and_size(located_site, ext):
    name = f"lokasi-{ext}.{ext}" if ext in FORMATS else "lokasi-lepas.jpg"
    with Image.open(located_site / "images" / name) as image:
        assert image.format == FORMATS.get(ext, "JPEG")
        assert image.size == SHOWN
        assert image.info.get("icc_profile") == ICC


def test_renditions_are_converted_to_srgb_and_carry_no_metadata(located_site):
    # The web's colour space: a rendition needs no profile of its own.
    for path in sorted((located_site / "images").glob("lokasi-*-*")):
        with Image.open(path) as image:
            assert not image.info.get("icc_profile"), path
            assert not image.getexif(), path


def test_a_jpeg_that_needs_no_turning_keeps_its_image_data(tmp_path):
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (0.0, 7.0, 8.0)})
    source = tmp_path / "tegak.jpg"
    Image.new("RGB", (64, 48), RED).save(
        source, quality=90, exif=exif.tobytes(), xmp=XMP, icc_profile=ICC
    )
    cleaned = originals.clean_original(source)
    with Image.open(source) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert location_data(after) == {}
        assert after.info["icc_profile"] == ICC
        assert after.tobytes() == before.tobytes()
        assert after.quantization == before.quantization
    assert len(cleaned) < source.stat().st_size


def test_a_second_picture_after_the_first_is_cut_off(tmp_path):
    # Phones append a second JPEG (depth map, preview) with its own EXIF.
    first = io.BytesIO()
    Image.new("RGB", (32, 32), RED).save(first, "JPEG")
    second = located_image("JPEG")
    source = tmp_path / "ganda.jpg"
    source.write_bytes(first.getvalue() + second)
    cleaned = originals.clean_original(source)
    assert cleaned == first.getvalue()
    assert MARK.encode() not in cleaned


def upright_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((90, 60), 64).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        # Cleaned without decoding (upright): the scan has no end.
        (upright_jpeg()[:-200], "ends before the picture does"),
        # Decoded to be turned.
        (located_image("JPEG")[:-200], "cannot be decoded"),
    ],
)
def test_a_damaged_jpeg_is_an_error(tmp_path, data, words):
    source = tmp_path / "rusak.jpg"
    source.write_bytes(data)
    with pytest.raises(render.ImageError, match=words):
        originals.clean_original(source)


def test_a_cached_build_publishes_the_same_clean_originals(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "images").mkdir()
    (content / "images" / "lokasi.webp").write_bytes(located_image("WEBP"))
    cached = {"CACHE_PATH": str(tmp_path / "cache"), "IMAGES_CACHE": True}
    first = build(tmp_path / "a", content, **cached) / "images" / "lokasi.webp"
    second = build(tmp_path / "b", content, **cached) / "images" / "lokasi.webp"
    assert any((tmp_path / "cache" / "images").rglob("*.webp"))
    assert first.read_bytes() == second.read_bytes()
    with Image.open(second) as image:
        assert location_data(image) == {}


def test_the_press_kit_can_clean_any_image(tmp_path):
    for ext, fmt in FORMATS.items():
        source = Path(tmp_path) / f"foto.{ext}"
        source.write_bytes(located_image(fmt))
        with Image.open(io.BytesIO(originals.clean_original(source))) as image:
            assert location_data(image) == {}, ext
            assert image.size == SHOWN
            assert red_on_top(image), ext


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(tmp_path):
    frames = [Image.new("RGB", (20, 20), (i * 100, 50, 0)) for i in range(3)]
    source = tmp_path / "animasi.gif"
    frames[0].save(
        source,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        comment=f"lokasi {MARK}".encode(),
    )
    cleaned = originals.clean_original(source)
    assert MARK.encode() not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert location_data(image) == {}
        shown = []
        for number in range(image.n_frames):
            image.seek(number)
            red = image.convert("RGB").getpixel((5, 5))[0]
            shown.append((image.info["duration"], red))
    assert shown == [(100, 0), (200, 100), (300, 200)]
