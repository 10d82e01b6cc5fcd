"""Only allow-listed file types are published from content/, each verified.

Images are published as they really are (re-encoded or cleaned, see
tests/test_location_data.py); an `.html`, `.svg`, `.js` or unknown file is an
error naming it, in the build and in `invoke check`.
"""

import io
import shutil

import pytest
from PIL import Image

from conftest import ROOT, assert_one_problem, build, merged_content
from content_model import read_model
from safe_build import BuildFailed

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def image_bytes(fmt, size=(24, 16), colour=(10, 120, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def content(tmp_path):
    folder = merged_content(tmp_path / "content", ROOT / "content")
    (folder / "images").mkdir(exist_ok=True)
    return folder


# (file, bytes, words of the one error it gives)
REFUSED = [
    ("images/halaman.html", HTML, "'.html' files are not published"),
    ("images/halaman.htm", HTML, "'.htm' files are not published"),
    ("images/logo.svg", SVG, "'.svg' files are not published"),
    ("images/app.js", b"alert(1)", "'.js' files are not published"),
    ("images/data.txt", b"catatan", "'.txt' is not a file type the site publishes"),
    ("images/tanpa-ekstensi", b"x", "a file without an extension is not a file"),
    ("images/favicon.ico", b"", "'.ico' is not a file type the site publishes"),
    ("extra/peta.svg", SVG, "'.svg' files are not published"),
    ("press-releases/lampiran.svg", SVG, "'.svg' files are not published"),
    ("images/foto.jpg", HTML, "not what its extension '.jpg' says (it is no image"),
    ("images/foto.png", "JPEG", "not what its extension '.png' says (it is JPEG)"),
    ("images/foto.webp", "PNG", "not what its extension '.webp' says (it is PNG)"),
    ("images/foto.gif", HTML, "not what its extension '.gif' says"),
    ("images/siaran.pdf", HTML, "file is not a PDF document"),
]


@pytest.mark.parametrize(("name", "data", "words"), REFUSED)
def test_a_file_that_may_not_be_published_fails_the_build(
    tmp_path, content, name, data, words
):
    if isinstance(data, str):
        data = image_bytes(data)
    (content / name).write_bytes(data)
    assert_one_problem(tmp_path, content, name, 1, words)


@pytest.mark.parametrize(("name", "data", "words"), REFUSED)
def test_invoke_check_names_the_same_file(content, name, data, words):
    if isinstance(data, str):
        data = image_bytes(data)
    (content / name).write_bytes(data)
    errors = read_model(content).errors
    assert [(p.path, p.line) for p in errors] == [(f"{content.name}/{name}", 1)]
    assert words.lower() in errors[0].message.lower()
    assert "; " in errors[0].message


def test_every_allowed_type_is_published(tmp_path, content):
    files = {
        "images/foto.jpg": image_bytes("JPEG"),
        "images/foto-besar.jpeg": image_bytes("JPEG"),
        "images/bagan.png": image_bytes("PNG"),
        "images/stan.webp": image_bytes("WEBP"),
        "images/animasi.gif": image_bytes("GIF"),
        "images/modern.avif": image_bytes("AVIF"),
        "images/jadwal.pdf": b"%PDF-1.4\n%%EOF\n",
    }
    for name, data in files.items():
        (content / name).write_bytes(data)
    output = build(tmp_path / "output", content)
    for name in files:
        assert (output / name).is_file(), name
    for name in [n for n in files if not n.endswith(".pdf")]:
        with Image.open(output / name) as image:
            assert image.size == (24, 16), name
            image.load()
    assert (output / "images/jadwal.pdf").read_bytes() == files["images/jadwal.pdf"]
    # The site's own favicon, from content/extra/.
    favicon = output / "favicon.ico"
    assert favicon.read_bytes() == (ROOT / "content/extra/favicon.ico").read_bytes()


def test_a_refused_file_in_a_folder_nobody_links_still_fails(tmp_path, content):
    # Files beside the items are published as soon as a link names them.
    (content / "agencies" / "lampiran").mkdir()
    (content / "agencies" / "lampiran" / "x.html.jpg").write_bytes(HTML)
    assert_one_problem(
        tmp_path,
        content,
        "agencies/lampiran/x.html.jpg",
        1,
        "not what its extension '.jpg' says",
    )


def test_an_svg_body_image_is_refused_by_the_images_plugin(tmp_path, content):
    release = content / "press-releases" / "bontang-smart-festival-2020.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text + "\n![Logo festival](/images/logo.svg)\n", "utf-8")
    (content / "images" / "logo.svg").write_bytes(SVG)
    problems = []
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", content, CONTENT_MODEL_STRICT=False)
    problems = failure.value.problems
    svg = [p for p in problems if p.startswith("images: ") and "logo.svg" in p]
    assert any("is an SVG file, which can run scripts" in p for p in svg), problems
    assert not (tmp_path / "output").exists()


def test_the_seed_passes_the_file_checks(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = build(tmp_path / "output", content)
    assert (output / "favicon.ico").is_file()
    assert read_model(content).errors == []
