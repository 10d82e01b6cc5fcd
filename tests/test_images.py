"""Images: renditions, <picture> markup, required alt text, sharing images."""

import io
import logging
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageCms, ImageDraw

from conftest import FIXTURES, ROOT, build, merged_content
from content_model.model import Record
from images import cards, markup, originals, plugin, render
from safe_build import BuildFailed

RELEASE = "/berita/2020/03/images-dengan-foto/"
SEED_SHARE = "images/share/berita-2020-03-bontang-smart-festival-2020.jpg"
LEAD_SOURCE = FIXTURES / "content" / "images" / "images-panggung.jpg"
BAD = FIXTURES / "images" / "tanpa-alt"
BAD_RELEASE = "press-releases/images-tanpa-alt.md"
MISSING_LEAD = "press-releases/images-foto-hilang.md"
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
BLUE, DARK = (0x0B, 0x4A, 0x7D), (0x06, 0x31, 0x4F)


def open_url(site, url):
    """Open the output file behind an absolute URL of the site with Pillow."""
    assert url.startswith(site.url + "/"), url
    return Image.open(site.path(url))


def srcset_entries(value):
    """Return [(url, width)] of a srcset with width descriptors."""
    entries = []
    for part in value.split(","):
        url, descriptor = part.split()
        assert descriptor.endswith("w"), part
        entries.append((url, int(descriptor[:-1])))
    return entries


def check_picture(site, img):
    """Assert an <img> of a <picture> names files whose sizes it states."""
    picture = img.find_parent("picture")
    assert picture is not None
    assert img["alt"].strip()
    assert img["sizes"]
    with open_url(site, img["src"]) as file:
        assert file.size == (int(img["width"]), int(img["height"]))
    ratio = int(img["width"]) / int(img["height"])
    entries = srcset_entries(img["srcset"])
    for source in picture.find_all("source"):
        assert source["type"] == "image/webp"
        assert source["sizes"] == img["sizes"]
        entries += srcset_entries(source["srcset"])
    assert entries
    for url, width in entries:
        with open_url(site, url) as file:
            assert file.width == width, url
            assert abs(file.width / file.height - ratio) < 0.01, url
            assert url.endswith(EXTENSIONS[file.format]), url
    return entries


# --- pure functions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (1600, (480, 800, 1200)),
        (1200, (480, 800, 1200)),
        (1000, (480, 800, 1000)),
        (800, (480, 800)),
        (480, (480,)),
        (360, (360,)),
    ],
)
def test_rendition_widths_never_upscale(width, expected):
    assert render.rendition_widths(width, (1200, 480, 800)) == expected


def test_a_webp_source_is_offered_in_webp_only():
    source = render.SourceImage(Path("x.webp"), "images/x.webp", "WEBP", 900, 600, "0")
    originals, webps = render.plan_renditions(source, (480, 800, 1200), "images")
    assert [r.path for r in originals] == [
        "images/x-480.webp",
        "images/x-800.webp",
        "images/x-900.webp",
    ]
    assert [(r.width, r.height) for r in originals] == [
        (480, 320),
        (800, 533),
        (900, 600),
    ]
    assert webps == []


@pytest.mark.parametrize(
    ("rel", "stem"),
    [
        ("images/foto.jpg", "images/foto"),
        ("images/2020/foto.jpeg", "images/2020/foto"),
        ("press-releases/foto.png", "images/press-releases/foto"),
    ],
)
def test_renditions_are_published_under_images(rel, stem):
    assert render.output_stem(rel, "images") == stem


@pytest.mark.parametrize(
    ("src", "item_dir", "expected"),
    [
        ("images/a.jpg", "press-releases", "press-releases/images/a.jpg"),
        ("../images/a.jpg", "press-releases", "images/a.jpg"),
        ("{static}/images/a.jpg", "press-releases", "images/a.jpg"),
        ("/images/a%20b.jpg", "pages", "images/a b.jpg"),
        ("https://example.com/a.jpg", "pages", None),
        ("//example.com/a.jpg", "pages", None),
    ],
)
def test_image_sources_resolve_like_pelican_links(src, item_dir, expected):
    assert markup.source_path(src, item_dir) == expected


@pytest.mark.parametrize("name", ["x" * 5000, "a\0b", "tidak-ada.jpg"])
def test_names_the_system_refuses_are_simply_not_files(tmp_path, name):
    assert not render.is_file(tmp_path / name)
    with pytest.raises(render.ImageError, match="was not found"):
        render.inspect_image(tmp_path / name, name)


def test_share_images_are_named_after_the_unique_url():
    assert (
        plugin.share_path("berita/2020/03/rapat/", "images/share")
        == "images/share/berita-2020-03-rapat.jpg"
    )
    assert plugin.share_path("berita/2021/03/rapat/", "images/share") != (
        plugin.share_path("berita/2020/03/rapat/", "images/share")
    )


def test_card_text_is_folded_to_what_the_font_can_draw():
    font = cards.load_font("", 30)
    folded = cards.fold_to_font("13–15 Maret — Café “Pintar”", font)
    assert folded == "13-15 Maret - Cafe “Pintar”"


def test_long_titles_wrap_inside_the_card_and_are_cut_last():
    title = "Wali Kota Bontang membuka festival " * 12
    font, lines = cards.fit_title(title, "", 1040, 300)
    assert font.size == 40
    assert len(lines) * round(40 * 1.2) <= 300
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert lines[-1].endswith(cards.ELLIPSIS)
    short_font, short = cards.fit_title("Rapat koordinasi", "", 1040, 300)
    assert short == ["Rapat koordinasi"] and short_font.size == 68


def test_card_text_lands_where_pillow_draws_it_and_bold_is_heavier():
    font = cards.load_font("", 30)
    ours = Image.new("RGB", (400, 80), "#0b4a7d")
    pillow = ours.copy()
    cards.draw_text(ours, (380, 40), "Kamis, 12 Maret", font, "#ffffff", anchor="rm")
    ImageDraw.Draw(pillow).text(
        (380, 40), "Kamis, 12 Maret", font=font, fill="#ffffff", anchor="rm"
    )
    assert ours.getbbox() == pillow.getbbox()
    assert ImageChops.difference(ours, pillow).getbbox() is None
    regular = Image.new("L", (400, 80))
    bold = regular.copy()
    cards.draw_text(regular, (10, 10), "Festival", font, 255)
    cards.draw_text(bold, (10, 10), "Festival", font, 255, bold=True)
    assert sum(bold.histogram()[128:]) > sum(regular.histogram()[128:])


def test_encoding_strips_metadata_and_gives_the_same_bytes(tmp_path):
    image = Image.new("RGB", (64, 48), (200, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kamera"
    buffer = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(buffer, "JPEG", exif=exif.tobytes(), icc_profile=srgb)
    path = tmp_path / "x.jpg"
    path.write_bytes(buffer.getvalue())
    upright = render.upright(path)
    quality = {"jpeg": 82, "webp": 80}
    for fmt in ("JPEG", "WEBP", "PNG"):
        first = render.encode(upright, fmt, quality)
        assert first == render.encode(render.upright(path), fmt, quality)
        with Image.open(io.BytesIO(first)) as written:
            assert written.format == fmt
            assert not written.getexif()
            assert "icc_profile" not in written.info


def test_bodies_without_images_are_left_byte_for_byte():
    html = "<p>Teks &amp; tanda&nbsp;baca <br/> tetap.</p>"
    assert markup.rewrite_images(html, "Teks", 5, lambda *a: None) is html


def test_each_body_image_gets_the_line_it_was_written_on():
    body = "\n\n".join(
        [
            "Paragraf.",
            "![Satu](a.jpg)",
            "Teks.",
            "<img alt='' src='b.png'>",
            "![Tiga](a.jpg)",
        ]
    )
    html = (
        '<p><img alt="Satu" src="a.jpg"></p><img src="b.png"><p><img src="a.jpg"></p>'
    )
    seen = []

    def handle(img, line, soup):
        seen.append((img["src"], line))

    markup.rewrite_images(html, body, 10, handle)
    assert seen == [("a.jpg", 12), ("b.png", 16), ("a.jpg", 18)]


def test_image_info_describes_the_largest_original_for_feeds():
    source = render.SourceImage(Path("f.jpg"), "images/f.jpg", "JPEG", 1000, 500, "0")
    originals, webps = render.plan_renditions(source, (480, 800, 1200), "images")
    info = markup.image_info(
        originals, webps, "https://x.id", "100vw", "Alt", "Cap", source.rel
    )
    assert {k: info[k] for k in ("path", "url", "width", "height", "mime")} == {
        "path": "images/f-1000.jpg",
        "url": "https://x.id/images/f-1000.jpg",
        "width": 1000,
        "height": 500,
        "mime": "image/jpeg",
    }
    assert info["srcset"].count("w,") == 2 and info["webp_srcset"].endswith("1000w")
    assert len(info["renditions"]) == 6


def test_records_get_a_lead_image_and_pictures_in_their_body(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    shutil.copy(
        FIXTURES / "content" / "images" / "images-diagram.png", content / "images"
    )
    record = Record(
        kind="program",
        slug="uji",
        source_path="content/programs/uji.md",
        meta={"image": "images/images-diagram.png", "image_caption": "Bagan."},
        lines={"title": 1, "image": 4},
        body="Teks.\n\n![Bagan kecil](/images/images-diagram.png)",
        content=(
            "<p>Teks.</p>\n"
            '<p><img alt="Bagan kecil" src="/images/images-diagram.png"></p>'
        ),
    )
    settings = {"PATH": str(content), "SITEURL": "https://x.id"}
    job = plugin.Job(settings, render.Store(tmp_path / "out"))
    plugin.process_record(job, record, "programs")
    assert [str(p) for p in job.problems] == [
        "content/programs/uji.md:4: image 'images/images-diagram.png' has no alt text; "
        + plugin.ALT_FIX_LEAD
    ]
    assert record.lead_image is None
    img = BeautifulSoup(record.content, "html.parser").select_one("picture img")
    assert img["src"] == "https://x.id/images/images-diagram-360.png"
    assert (tmp_path / "out" / "images" / "images-diagram-360.webp").is_file()
    record.meta["image_alt"] = "Bagan tiga tahap"
    plugin.process_record(job, record, "programs")
    assert record.lead_image["caption"] == "Bagan."
    assert record.lead_image["alt"] == "Bagan tiga tahap"


def test_bad_settings_are_reported_and_fall_back(caplog):
    class Stub:
        settings = {"IMAGES_WIDTHS": [0, "800"], "IMAGES_SHARE_SIZE": (1200,)}

    with caplog.at_level(logging.ERROR, logger="images.plugin"):
        plugin.check_settings(Stub)
    messages = [r.getMessage() for r in caplog.records]
    assert any("IMAGES_WIDTHS" in m for m in messages)
    assert any("IMAGES_SHARE_SIZE" in m for m in messages)
    assert Stub.settings["IMAGES_WIDTHS"] == plugin.DEFAULTS["IMAGES_WIDTHS"]
    assert Stub.settings["IMAGES_SHARE_SIZE"] == plugin.DEFAULTS["IMAGES_SHARE_SIZE"]


# --- the built site -----------------------------------------------------------


def test_lead_image_is_a_figure_with_caption_and_true_sizes(site):
    figure = site.soup(RELEASE).select_one("main figure.bsf-figure--lead")
    img = figure.select_one("img")
    entries = check_picture(site, img)
    widths = sorted({width for _, width in entries})
    assert widths == [480, 800, 1200]
    assert img["src"].endswith("images/images-panggung-1200.jpg")
    assert (img["width"], img["height"]) == ("1200", "750")
    assert img.get("fetchpriority") == "high" and not img.has_attr("loading")
    caption = figure.select_one("figcaption").get_text(" ", strip=True)
    assert (
        caption
        == "Panggung utama Bontang Smart Festival 2020. Foto: Diskominfo Bontang"
    )
    credit = figure.select_one("figcaption small.bsf-figure__credit")
    assert credit.get_text() == "Foto: Diskominfo Bontang"
    assert img["alt"].startswith("Panggung Bontang Smart Festival")


def test_body_images_are_lazy_pictures_with_true_sizes(site):
    body = site.soup(RELEASE).select_one(".bsf-article__body")
    images = body.select("img")
    assert [img["alt"] for img in images] == [
        "Bagan tiga tahap layanan Smart City",
        "Relawan TIK berfoto di depan stan",
    ]
    for img in images:
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        check_picture(site, img)
    # The title is the caption (content_model.credits), shown in a figure.
    assert not images[1].has_attr("title")
    figures = body.select("figure.bsf-figure")
    assert [f.select_one("figcaption").get_text(" ", strip=True) for f in figures] == [
        "Foto: Diskominfo Kota Bontang",
        "Relawan TIK Foto: Diskominfo Kota Bontang",
    ]


def test_small_images_are_never_upscaled(site):
    img = site.soup(RELEASE).select_one(".bsf-article__body img")
    assert [w for _, w in srcset_entries(img["srcset"])] == [360]
    assert sorted(
        p.name for p in (site.output / "images").glob("images-diagram-*")
    ) == [
        "images-diagram-360.png",
        "images-diagram-360.webp",
    ]


def test_photos_are_turned_upright_and_lose_their_metadata(site):
    portrait = site.output / "images" / "images-relawan-600.jpg"
    with Image.open(portrait) as image:
        assert image.size == (600, 900)
        assert not image.getexif()
    with Image.open(LEAD_SOURCE) as original:
        assert original.getexif()
    for name in ("images-panggung-1200.jpg", "images-panggung-800.webp"):
        with Image.open(site.output / "images" / name) as image:
            assert not image.getexif()
            assert "icc_profile" not in image.info


def test_every_picture_on_every_page_states_the_size_of_its_files(site):
    checked = 0
    for page in site.page_files():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select("picture img"):
            check_picture(site, img)
            checked += 1
    assert checked >= 4


def test_images_in_pages_are_processed_too(site):
    img = site.soup("/images-galeri/").select_one("main picture img")
    assert img["loading"] == "lazy"
    assert img["src"].endswith("/images/images-panggung-1200.jpg")


def test_seed_release_shares_a_generated_card_in_festival_colours(site):
    with Image.open(site.output / SEED_SHARE) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
        card = card.convert("RGB")
        for point, colour in (((1160, 300), BLUE), ((1190, 600), DARK)):
            pixel = card.getpixel(point)
            assert all(abs(a - b) <= 6 for a, b in zip(pixel, colour, strict=True))
        # The title is drawn in white where the card has text.
        assert max(card.crop((80, 150, 1120, 300)).convert("L").tobytes()) > 240


def test_a_release_with_a_lead_image_shares_the_photo_cropped(site):
    share = site.output / "images" / "share" / "berita-2020-03-images-dengan-foto.jpg"
    expected = cards.cover(render.upright(LEAD_SOURCE), (1200, 630))
    with Image.open(share) as image:
        assert image.size == (1200, 630)
        small = image.convert("L").resize((60, 32))
    target = expected.convert("L").resize((60, 32))
    pairs = zip(small.tobytes(), target.tobytes(), strict=True)
    difference = sum(abs(a - b) for a, b in pairs) / (60 * 32)
    assert difference < 4


def test_the_site_has_a_default_sharing_card(site):
    with Image.open(site.output / "images" / "share" / "site.jpg") as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))


# --- bad content and caching (own builds) -------------------------------------


def problems_of(tmp_path, **overrides):
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "out", BAD, **overrides)
    return failure.value.problems


def test_an_image_without_alt_text_fails_the_build_with_its_line(tmp_path):
    problems = problems_of(tmp_path)
    for line in (3, 8):
        assert any(f"{BAD_RELEASE}:{line}:" in p and "alt" in p for p in problems), line
    assert not (tmp_path / "out").exists()


def test_the_images_plugin_reports_every_bad_image_itself(tmp_path):
    # Past the content checks, the plugin still refuses each bad image.
    problems = [
        p
        for p in problems_of(tmp_path, CONTENT_MODEL_STRICT=False)
        if p.startswith("images: ")
    ]
    expected = {
        (BAD_RELEASE, 3): "has no alt text; add a line 'Image_Alt:",
        (BAD_RELEASE, 8): "has no alt text; write what the picture shows",
        (BAD_RELEASE, 10): "'images/tidak-ada.jpg' was not found",
        (BAD_RELEASE, 12): "is on another host",
        (BAD_RELEASE, 14): "is a GIF file; save it as JPEG, PNG or WebP",
        (BAD_RELEASE, 16): "'images/images-rusak.jpg' cannot be decoded",
        (BAD_RELEASE, 18): "would be published as images/images-kecil-120.png",
        (MISSING_LEAD, 3): "'images/foto-hilang.jpg' was not found",
        # The files themselves: each would be published at its own name.
        ("images/images-rusak.jpg", 1): "ends before the picture does",
        ("images/images-kecil-120.png", 1): "which another image already is",
    }
    for (path, line), text in expected.items():
        assert any(f"{path}:{line}: " in p and text in p for p in problems), (
            path,
            line,
        )
    assert len(problems) == len(expected)


def small_site(tmp_path):
    content = tmp_path / "content"
    (content / "press-releases").mkdir(parents=True)
    shutil.copytree(FIXTURES / "content" / "images", content / "images")
    shutil.copy(
        FIXTURES / "content" / "press-releases" / "images-dengan-foto.md",
        content / "press-releases",
    )
    return content


def published_images(output):
    folder = Path(output) / "images"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_cached_build_copies_the_same_bytes_without_encoding(tmp_path, monkeypatch):
    content = small_site(tmp_path)
    cache = tmp_path / "cache"
    cached = {"CACHE_PATH": str(cache), "IMAGES_CACHE": True}
    first = published_images(build(tmp_path / "a", content, **cached))
    assert any((cache / "images").rglob("*.webp"))

    def no_encoding(*args, **kwargs):
        raise AssertionError("a cached build encoded an image again")

    monkeypatch.setattr(render, "encode", no_encoding)
    second = published_images(build(tmp_path / "b", content, **cached))
    monkeypatch.undo()
    third = published_images(build(tmp_path / "c", content, IMAGES_CACHE=False))
    assert len(first) >= 14
    assert first == second == third


# --- large images ---------------------------------------------------------------


def huge_png(path, side=13300):
    """Write a valid 1-bit PNG of side x side pixels in a few kilobytes."""

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = (b"\x00" * (1 + (side + 7) // 8)) * side
    Path(path).write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
    return path


# Builds the seed with a huge PNG as the release's lead image and prints the
# process's peak memory. VmHWM, not ru_maxrss: Linux keeps ru_maxrss across
# fork and exec (the test process's own size), VmHWM starts anew with exec.
MEASURED_BUILD = """
import re, sys
sys.path.insert(0, "plugins")
from safe_build import BuildFailed, build_site
content, output = sys.argv[1:3]
overrides = {"PATH": content, "OUTPUT_PATH": output, "IMAGES_CACHE": False,
             "CACHE_PATH": output + "-cache", "PARALLEL_WRITE_PROCESSES": 1}
try:
    build_site("pelicanconf.py", overrides, force=True)
except BuildFailed as failure:
    print("\\n".join(failure.problems))
status = open("/proc/self/status").read()
print("peak", int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def seed_with_lead(tmp_path, image_name):
    content = merged_content(tmp_path / "content", ROOT / "content")
    release = content / "press-releases" / "bontang-smart-festival-2020.md"
    head, body = release.read_text(encoding="utf-8").split("\n\n", 1)
    line = head.count("\n") + 2
    head += f"\nImage: images/{image_name}\nImage_Alt: Foto uji"
    release.write_text(f"{head}\n\n{body}", encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    return content, f"{content.name}/press-releases/{release.name}:{line}: "


def test_a_huge_png_is_a_clear_error_before_it_is_decoded(tmp_path):
    content, lead_at = seed_with_lead(tmp_path, "besar.png")
    huge_png(content / "images" / "besar.png")
    result = subprocess.run(
        [sys.executable, "-c", MEASURED_BUILD, str(content), str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("peak "), result.stdout + result.stderr
    too_big = "has too many pixels (13300x13300, 177 megapixels): a photo may have"
    assert any(lead_at in line and too_big in line for line in lines), lines
    original = f"{content.name}/images/besar.png:1: image {too_big}"
    assert any(original in line for line in lines), lines
    assert "DecompressionBombWarning" not in result.stderr
    # Decoding it takes 177 MB at the very least (1 GB on the old code); the
    # build itself needs about 70 MB.
    assert int(lines[-1].split()[1]) < 200, lines[-1]
    assert not (tmp_path / "out").exists()


def test_the_pixel_limit_is_a_setting(tmp_path):
    content, lead_at = seed_with_lead(tmp_path, "foto.jpg")
    Image.new("RGB", (1600, 1000), BLUE).save(content / "images" / "foto.jpg")
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "out", content, IMAGES_MAX_PIXELS=1_000_000)
    wanted = "(1600x1000, 2 megapixels): a photo may have 1 megapixels"
    assert any(lead_at in p and wanted in p for p in failure.value.problems)
    build(tmp_path / "ok", content)


def test_a_wrong_pixel_limit_is_reported_and_replaced(tmp_path):
    content, _ = seed_with_lead(tmp_path, "foto.jpg")
    Image.new("RGB", (1600, 1000), BLUE).save(content / "images" / "foto.jpg")
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "out", content, IMAGES_MAX_PIXELS="banyak")
    assert failure.value.problems == [
        "images: setting IMAGES_MAX_PIXELS must be a positive whole number of "
        "pixels; using 100000000"
    ]


def test_a_large_jpeg_is_decoded_at_the_smallest_scale_it_needs(tmp_path):
    path = tmp_path / "besar.jpg"
    Image.new("RGB", (4000, 3000), BLUE).save(path, quality=80)
    assert render.upright(path, (1200, 900)).size == (2000, 1500)
    assert render.upright(path).size == (4000, 3000)
    # The clean original is checked at an eighth of its size.
    assert originals.check_decodes(path.read_bytes()) == (500, 375)


def test_the_build_decodes_a_large_jpeg_in_draft_mode(tmp_path, monkeypatch):
    content, _ = seed_with_lead(tmp_path, "foto.jpg")
    Image.new("RGB", (4000, 3000), BLUE).save(content / "images" / "foto.jpg")
    decoded = []
    upright = render.upright

    def noting(path, fit=None):
        image = upright(path, fit)
        decoded.append(image.size)
        return image

    monkeypatch.setattr(render, "upright", noting)
    checked = []
    check_decodes = originals.check_decodes
    monkeypatch.setattr(
        originals, "check_decodes", lambda data: checked.append(check_decodes(data))
    )
    build(tmp_path / "out", content, PARALLEL_WRITE_PROCESSES=1)
    assert decoded
    assert all(w <= 2000 and h <= 1500 for w, h in decoded), decoded
    # Checked at 1/8 scale, for the published original and the press kit's.
    assert checked and set(checked) == {(500, 375)}, checked
