"""The press kit beside each release: contents, credits, no location, same bytes."""

import io
import re
import zipfile

import pytest
from PIL import Image

from conftest import GPS_IFD, XMP_MARK, build, republish_content
from republish import kit

SEED_URL = "berita/2020/03/bontang-smart-festival-2020/"
PHOTOS_URL = "berita/2020/03/republish-foto-pihak-lain/"


def kit_of(output, url):
    path = output / url / "kit-pers.zip"
    assert path.is_file(), path
    return path


def build_with_photos(root):
    return build(root / "output", republish_content(root / "content"))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    return (
        build_with_photos(tmp_path_factory.mktemp("kit-a")),
        build_with_photos(tmp_path_factory.mktemp("kit-b")),
    )


def test_two_builds_give_the_same_press_kit_bytes(two_builds):
    first, second = two_builds
    for url in (SEED_URL, PHOTOS_URL):
        assert kit_of(first, url).read_bytes() == kit_of(second, url).read_bytes()


def test_the_kit_has_fixed_order_times_and_permissions(two_builds):
    with zipfile.ZipFile(kit_of(two_builds[0], PHOTOS_URL)) as archive:
        infos = archive.infolist()
    top = "kit-pers-republish-foto-pihak-lain/"
    assert [i.filename for i in infos] == [
        f"{top}rilis.md",
        f"{top}rilis.txt",
        f"{top}CREDITS.txt",
        f"{top}foto/01-republish-gps.jpg",
        f"{top}foto/02-images-relawan.jpg",
        f"{top}foto/03-images-diagram.png",
    ]
    for info in infos:
        # The release's date in WITA, not the build's.
        assert info.date_time == (2020, 3, 14, 10, 30, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.create_system == 3 and info.extra == b"" and info.comment == b""
    assert [i.compress_type for i in infos] == [zipfile.ZIP_DEFLATED] * 3 + [
        zipfile.ZIP_STORED
    ] * 3


def test_kit_photos_carry_no_location_or_camera_data(two_builds):
    with zipfile.ZipFile(kit_of(two_builds[0], PHOTOS_URL)) as archive:
        data = archive.read(
            "kit-pers-republish-foto-pihak-lain/foto/01-republish-gps.jpg"
        )
    assert XMP_MARK not in data and b"Kamera Uji" not in data
    with Image.open(io.BytesIO(data)) as photo:
        assert photo.format == "JPEG"
        exif = photo.getexif()
        assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD)
        assert "xmp" not in photo.info


def test_credits_give_each_photo_caption_credit_and_licence(two_builds):
    with zipfile.ZipFile(kit_of(two_builds[0], PHOTOS_URL)) as archive:
        credits = archive.read(
            "kit-pers-republish-foto-pihak-lain/CREDITS.txt"
        ).decode()
    entries = credits.split("\n\n")
    assert entries[0].startswith("Kredit foto: Fixture republish: foto dari pihak lain")
    assert entries[1] == (
        "foto/01-republish-gps.jpg\n"
        "Keterangan: Pengunjung di stan Command Center.\n"
        "Teks alternatif: Pengunjung mencoba aplikasi di stan Command Center\n"
        "Foto: Rina Wulandari\n"
        "Lisensi: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)"
    )
    assert entries[2] == (
        "foto/02-images-relawan.jpg\n"
        "Keterangan: Relawan TIK mendampingi warga\n"
        "Teks alternatif: Relawan TIK mendampingi warga\n"
        "Foto: Kantor Berita Uji\n"
        "Lisensi: Seizin pemilik\n"
        "Memuat ulang foto ini memerlukan izin pemiliknya."
    )
    assert entries[3].startswith(
        "foto/03-images-diagram.png\nKeterangan: Bagan layanan\n"
        "Teks alternatif: Bagan layanan\nFoto: Diskominfo Kota Bontang\n"
        "Lisensi: milik kantor"
    )
    assert (
        entries[3]
        .rstrip()
        .endswith("Syarat: https://festival.example.org/kontak-media/")
    )


def test_seed_kit_holds_its_text_with_the_label_as_markdown_and_text(site):
    from test_republish import SEED_TITLE, in_order, seed_paragraphs, seed_quotes

    with zipfile.ZipFile(kit_of(site.output, SEED_URL)) as archive:
        names = archive.namelist()
        top = "kit-pers-bontang-smart-festival-2020/"
        assert names == [f"{top}rilis.md", f"{top}rilis.txt", f"{top}CREDITS.txt"]
        markdown = archive.read(f"{top}rilis.md").decode()
        plain = archive.read(f"{top}rilis.txt").decode()
        credits = archive.read(f"{top}CREDITS.txt").decode()
    assert plain == (site.output / SEED_URL / "rilis.txt").read_text(encoding="utf-8")
    assert markdown.startswith(f"# [Advertorial] {SEED_TITLE}\n\n")
    for text in (markdown, plain):
        in_order(seed_paragraphs(), text.split("\n\n"))
        for quote in seed_quotes():
            assert quote in text
    assert re.search(r"^Sumber: .*, <http://127\.0\.0\.1:\d+/berita/", markdown, re.M)
    assert "Rilis ini tidak memuat foto." in credits
    assert credits.startswith(f"Kredit foto: [Advertorial] {SEED_TITLE}\n")


def test_a_zip_time_before_1980_is_the_earliest_a_zip_holds():
    import datetime

    assert kit.zip_time(datetime.datetime(1970, 1, 1)) == kit.EARLIEST
    assert kit.zip_time(datetime.datetime(2020, 3, 13, 9, 0, 7)) == (
        2020,
        3,
        13,
        9,
        0,
        6,
    )


def test_kit_photos_are_the_full_size_originals(tmp_path):
    # A newsroom prints from the original, not the 1200 px web rendition.
    content = republish_content(tmp_path / "content")
    Image.new("RGB", (1600, 1000), (40, 90, 160)).save(
        content / "images" / "images-relawan.jpg", quality=85
    )
    output = build(tmp_path / "output", content)
    with zipfile.ZipFile(kit_of(output, PHOTOS_URL)) as archive:
        data = archive.read(
            "kit-pers-republish-foto-pihak-lain/foto/02-images-relawan.jpg"
        )
    with Image.open(io.BytesIO(data)) as photo:
        assert photo.size == (1600, 1000)
