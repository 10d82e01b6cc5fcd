"""Embargo on every reference: a file only held items use is held, however named.

One held release refers to a file of its own in each URL form; a published
release shares one more file with it. While the embargo holds, no copy of a
held file (original, rendition, moved by {attach}) is in the output, and the
publish check finds nothing; once lifted, each file is published and the
publish check, judged at the earlier moment, names every one.
"""

import types

import pytest

from conftest import ROOT, SITEURL, build_overrides, merged_content
from content_model.frontmatter import parse_header
from newsroom.embargo import (
    held_content_files,
    html_urls,
    leak_report,
    now_wita,
    references,
    resolve,
)
from safe_build import build_site, load_settings

BEFORE = "2098-12-31 08:00"
AFTER = "2099-01-01 08:00"
HELD = "press-releases/zqxberkas-rahasia.md"
# form -> (file under content/images/, Markdown or HTML that names it)
FORMS = {
    "static": ("zqxstatic.png", "![Foto]({static}/images/zqxstatic.png)"),
    "static-relative": ("zqxstatrel.png", "![Foto]({static}../images/zqxstatrel.png)"),
    "attach": ("zqxattach.pdf", "[Berkas]({attach}/images/zqxattach.pdf)"),
    "filename": ("zqxfilename.pdf", "[Berkas]({filename}/images/zqxfilename.pdf)"),
    "relative": ("zqxrelative.png", "![Foto](../images/zqxrelative.png)"),
    "absolute": ("zqxabsolute.png", "![Foto](/images/zqxabsolute.png)"),
    "dot": ("zqxdot.png", "![Foto](/images/./zqxdot.png)"),
    "dotdot": ("zqxdotdot.png", "![Foto](/images/../images/zqxdotdot.png)"),
    "siteurl": ("zqxsiteurl.pdf", f"[Berkas]({SITEURL}/images/zqxsiteurl.pdf)"),
    "siteurl-http": (
        "zqxsitehttp.pdf",
        "[Berkas](http://festival.example.org/images/zqxsitehttp.pdf)",
    ),
    "autolink": ("zqxautolink.pdf", f"<{SITEURL}/images/zqxautolink.pdf>"),
    "percent": ("zqxpercent.png", "![Foto](/images/zqx%70ercent.png)"),
    "percent-prefix": ("zqxpctprefix.pdf", "[B](%7Bstatic%7D/images/zqxpctprefix.pdf)"),
    "link": ("zqxlink.pdf", "[dokumen](/images/zqxlink.pdf)"),
    "refdef-link": ("zqxreflink.pdf", "[dokumen][d]\n\n[d]: /images/zqxreflink.pdf"),
    "refdef-image": ("zqxrefimage.png", "![Foto][f]\n\n[f]: ../images/zqxrefimage.png"),
    "html-href": ("zqxhref.pdf", '<a href="/images/zqxhref.pdf">berkas</a>'),
    "html-entity": ("zqxentity.pdf", '<a href="/images/zqx&#101;ntity.pdf">b</a>'),
    "html-src": ("zqxsrc.png", '<img src="/images/zqxsrc.png" alt="Foto">'),
    "html-srcset": (
        "zqxsrcset.png",
        '<picture><source srcset="/images/zqxsrcset.png 2x">'
        '<img src="/images/zqxsrc.png" alt="Foto"></picture>',
    ),
    "html-poster": (
        "zqxposter.png",
        '<video controls poster="/images/zqxposter.png"></video>',
    ),
    "header-image": ("zqxheader.png", None),
}
SHARED = "zqxbersama.png"
UNUSED = "zqxlepas.png"


def write_png(path, shade):
    from PIL import Image

    Image.new("RGB", (40, 30), (shade, 74, 125)).save(path)


def write_files(content):
    images = content / "images"
    images.mkdir(exist_ok=True)
    names = [name for name, _ in FORMS.values()] + [SHARED, UNUSED]
    for shade, name in enumerate(names):
        if name.endswith(".png"):
            write_png(images / name, shade * 5)
        else:
            (images / name).write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n")
    body = "\n\n".join(text for _name, text in FORMS.values() if text)
    (content / HELD).write_text(
        "Title: Rilis Berkas Rahasia\nDate: 2020-03-13 10:00\n"
        f"Embargo: {AFTER}\nImage: images/zqxheader.png\nImage_Alt: Foto utama\n\n"
        f"Isi rilis.\n\n{body}\n\n![Foto bersama](/images/{SHARED})\n",
        encoding="utf-8",
    )
    (content / "press-releases" / "zqxberkas-terbit.md").write_text(
        "Title: Rilis Terbit\nDate: 2020-03-13 11:00\n\n"
        f"Isi rilis terbit.\n\n![Foto bersama](../images/{SHARED})\n",
        encoding="utf-8",
    )


def publish(content, output, now):
    return build_site(
        ROOT / "publishconf.py", build_overrides(content, output, NEWSROOM_NOW=now)
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("references")
    content = merged_content(base / "content", ROOT / "content")
    write_files(content)
    held = publish(content, base / "held" / "output", BEFORE)
    lifted = publish(content, base / "lifted" / "output", AFTER)
    settings = load_settings(
        ROOT / "publishconf.py", {"PATH": str(content), "SITEURL": SITEURL}
    )
    return types.SimpleNamespace(
        content=content, held=held, lifted=lifted, settings=settings
    )


def copies(output, name):
    """Return every output file made from content/images/`name`."""
    stem = name.rsplit(".", 1)[0]
    return sorted(p.relative_to(output).as_posix() for p in output.rglob(f"*{stem}*"))


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_file_only_a_held_item_uses_is_not_published(site, form):
    name = FORMS[form][0]
    assert (site.content / "images" / name).is_file()
    assert copies(site.held.output, name) == []
    assert (
        f"newsroom: images/{name} is used only by embargoed items; held back with them"
        in (site.held.warnings)
    )


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_held_file_is_published_once_the_embargo_lifts(site, form):
    name = FORMS[form][0]
    assert copies(site.lifted.output, name) != []


def test_files_a_published_item_shares_or_nobody_uses_stay(site):
    for output in (site.held.output, site.lifted.output):
        assert (output / "images" / SHARED).is_file()
        assert (output / "images" / UNUSED).is_file()


def test_the_publish_check_passes_the_held_build(site):
    assert leak_report(site.content, site.held.output, settings=site.settings) == []


def test_the_publish_check_names_every_held_file_in_a_lifted_output(site):
    before = now_wita(BEFORE)
    lines = leak_report(site.content, site.lifted.output, before, site.settings)
    for name, _text in FORMS.values():
        expected = (
            f"images/{name}: is content/images/{name} or made from it, used only "
            f"by content/{HELD}, embargoed until 2099-01-01T08:00+08:00"
        )
        assert expected in lines, name
    assert not any(SHARED in line or UNUSED in line for line in lines)


def test_the_publish_check_finds_renditions_and_moved_copies(site, tmp_path):
    # An output that holds only derived copies of held files, none of them
    # at its own path: a rendition and a file moved beside the release.
    output = tmp_path / "output"
    (output / "images").mkdir(parents=True)
    (output / "berita" / "x").mkdir(parents=True)
    (output / "images" / "zqxabsolute-480.webp").write_bytes(b"RIFF")
    (output / "berita" / "x" / "zqxattach.pdf").write_bytes(b"%PDF")
    (output / "berita" / "x" / "salinan.png").write_bytes(
        (site.content / "images" / "zqxdot.png").read_bytes()
    )
    before = now_wita(BEFORE)
    files = {f.path for f in held_content_files(site.content, before, site.settings)}
    assert files == {f"images/{name}" for name, _ in FORMS.values()}
    lines = leak_report(site.content, output, before, site.settings)
    assert sorted(line.split(":", 1)[0] for line in lines) == [
        "berita/x/salinan.png",
        "berita/x/zqxattach.pdf",
        "images/zqxabsolute-480.webp",
    ]


# --- The resolver on its own -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{static}/images/a.jpg", ("images/a.jpg",)),
        ("{static}a.jpg", ("press-releases/a.jpg", "a.jpg")),
        ("{attach}../images/a.jpg", ("images/a.jpg",)),
        ("../images/a.jpg", ("images/a.jpg",)),
        ("images/a.jpg", ("press-releases/images/a.jpg", "images/a.jpg")),
        ("/images/./a.jpg", ("images/a.jpg",)),
        ("/images/../images/a.jpg", ("images/a.jpg",)),
        ("/images/a%20b.jpg?v=1#top", ("images/a b.jpg",)),
        ("%7Bstatic%7D/images/a.jpg", ("images/a.jpg",)),
        ("\\images\\a.jpg", ("images/a.jpg",)),
        (f"{SITEURL}/images/a.jpg", ("images/a.jpg",)),
        ("HTTP://FESTIVAL.EXAMPLE.ORG/images/a.jpg", ("images/a.jpg",)),
        ("//festival.example.org/images/a.jpg", ("images/a.jpg",)),
        ("/favicon.ico", ("favicon.ico", "extra/favicon.ico")),
        ("https://other.example.com/images/a.jpg", ()),
        ("mailto:humas@bontangkota.go.id", ()),
        ("data:image/png;base64,AAAA", ()),
        ("#bagian", ()),
        ("/../etc/passwd", ()),
    ],
)
def test_resolve_reads_every_url_form(value, expected):
    aliases = {"favicon.ico": "extra/favicon.ico"}
    assert resolve(value, "press-releases", SITEURL, aliases) == expected


def test_references_read_header_values_and_mark_item_links():
    header = parse_header(
        "Title: X\nImage: {static}/images/a.jpg\nWebsite: https://x.example.com\n\n"
        "[a]({filename}lain.md)\n"
    )
    found = references(
        header, '<a href="{filename}lain.md">a</a>', "press-releases/x.md", SITEURL
    )
    seen = [(r.value, r.paths, r.item_link, r.key) for r in found]
    assert ("{static}/images/a.jpg", ("images/a.jpg",), False, "image") in seen
    assert (
        "{filename}lain.md",
        ("press-releases/lain.md", "lain.md"),
        True,
        None,
    ) in seen
    assert not any("x.example.com" in value for value, *_ in seen)


def test_html_urls_read_styles_and_refresh():
    assert html_urls(
        "<p style=\"background: url('/images/a.png')\">x</p>"
        "<style>p { background: url(/images/b.png) }</style>"
        '<meta http-equiv="refresh" content="0; url=/images/c.pdf">'
        '<object data="/images/d.pdf"></object>'
    ) == ["/images/a.png", "/images/b.png", "/images/c.pdf", "/images/d.pdf"]
