"""The sanitiser: its policy, its reports, strict mode, and what it leaves alone."""

import logging
import time
from types import SimpleNamespace

import markdown
import pytest
from bs4 import BeautifulSoup

from common.context_keys import MODEL_KEY
from conftest import FIXTURES, ROOT, build, merged_content
from content_model.frontmatter import Header
from content_model.kinds import KIND_LIST
from content_model.model import Model, Record
from content_model.validate import check_nesting
from content_model.view import ItemView
from fast_markdown.plugin import Engine, NestingError
from feeds.plaintext import plain_field
from safe_build import BuildFailed
from sanitise.plugin import checked_settings, final_item, final_pass
from sanitise.policy import IFRAME_SANDBOX, Policy, Sanitised, clean

AUTHOR = Policy()
FINAL = Policy(own=True)
MARKDOWN = markdown.Markdown(
    extensions=["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    output_format="html5",
)


def rendered(text):
    return MARKDOWN.reset().convert(text)


# --- what Markdown makes passes untouched --------------------------------------

LEGITIMATE = [
    "Paragraf dengan *miring*, **tebal**, `kode` dan [tautan](https://bontangkota.go.id).",
    "[surel](mailto:humas@bontangkota.go.id), [telepon](tel:+62548123) dan "
    "[relatif](../berita/) serta [rilis]({filename}/press-releases/x.md)",
    "Catatan kaki[^1].\n\n[^1]: Isi catatan.",
    "| Kiri | Tengah | Kanan |\n|:-----|:------:|------:|\n| a | b | c |",
    "Istilah\n:   Definisi istilah.",
    "*[HTML]: Hyper Text Markup Language\n\nHTML dipakai.",
    "```python\nprint('<b>halo</b>')\n```",
    "## Judul {: #judul-khusus }\n\n> Kutipan\n\n1. satu\n2. dua",
    "---\n\nakhir  \nbaris",
    "3. tiga\n4. empat",
    '<div markdown="1">*isi* blok</div>\n\n<!-- komentar penulis -->',
    '![Foto festival](images/foto.jpg "Judul foto")',
    "<details><summary>Selengkapnya</summary>Isi.</details>",
    '<abbr title="x">X</abbr>',
    "Teks &amp; tanda &lt;kurang&gt; &copy; 2020 — “kutip” ‘tunggal’ … &nbsp;spasi",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_markdown_output_passes_both_policies_byte_for_byte(text):
    html = rendered(text)
    for policy in (AUTHOR, FINAL):
        result = clean(html, policy)
        assert result.changes == []
        assert result.html is html


def test_our_own_image_and_credit_markup_passes_the_final_pass():
    html = (
        '<figure class="bsf-figure"><picture class="bsf-picture">'
        '<source type="image/webp" srcset="https://x.org/a-480.webp 480w, '
        'https://x.org/a-960.webp 960w" sizes="100vw">'
        '<img class="bsf-picture__img" src="https://x.org/a.jpg" '
        'srcset="https://x.org/a-480.jpg 480w" sizes="100vw" width="960" '
        'height="640" alt="Foto" loading="lazy" decoding="async"></picture>'
        '<figcaption class="bsf-figure__caption">Keterangan <span '
        'class="bsf-credit"><small class="bsf-credit__name">Foto: Humas</small>'
        "</span></figcaption></figure>"
        '<p>Mitra: <a href="https://sponsor.example.com/" rel="sponsored noopener">'
        "situs</a></p>"
    )
    result = clean(html, FINAL)
    assert result.changes == []
    assert result.html is html
    # Authors may not write our markup: their classes and picture are dropped.
    assert clean(html, AUTHOR).changes


# --- what is removed, and said ---------------------------------------------------


@pytest.mark.parametrize(
    ("html", "what", "gone"),
    [
        ('<p onclick="x()">a</p>', "handler", "onclick"),
        ('<details ontoggle="x()" open>a</details>', "handler", "ontoggle"),
        ('<a href="javascript:x()">a</a>', "url", "javascript"),
        ('<a href="&#106;ava&#x09;script:x()">a</a>', "url", "script:"),
        ('<a href="data:text/html,x">a</a>', "url", "data:"),
        # Authors may not write srcset; the final pass checks its URLs.
        ('<img src="x.jpg" srcset="javascript:x() 1x" alt="a">', "attribute", "java"),
        (
            '<meta http-equiv="refresh" content="0;url=https://e.example/">',
            "element",
            "refresh",
        ),
        ('<base href="https://e.example/">', "element", "base"),
        ('<form action="https://e.example/"><input></form>', "element", "form"),
        ('<object data="x.swf"></object><embed src="x.swf">', "element", "object"),
        ("<style>p{color:red}</style>", "element", "color"),
        ("<script>x()</script>", "element", "x()"),
        ('<p style="color:red">a</p>', "style", "color"),
        ('<p class="merah">a</p>', "class", "merah"),
        ('<th style="text-align: left; color: red">a</th>', "style", "color"),
    ],
)
def test_hostile_markup_is_removed_and_each_change_named(html, what, gone):
    result = clean(html, AUTHOR)
    assert what in [change.what for change in result.changes]
    assert gone not in result.html
    # The final pass keeps nothing of it either, and cleaning twice is stable.
    assert gone not in clean(html, FINAL).html
    assert clean(result.html, AUTHOR).changes == []


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/",
        "http://www.youtube-nocookie.com/embed/x",
        "//www.youtube-nocookie.com/embed/x",
        "https://www.youtube-nocookie.com.evil.example/embed/x",
        "https://www.youtube-nocookie.com@evil.example/embed/x",
        "https://www.youtube.com/embed/x",
        "javascript:alert(1)",
        "",
    ],
)
def test_an_iframe_off_the_allow_list_is_removed_whole(src):
    result = clean(f'<p>a</p><iframe src="{src}" title="t"></iframe>', AUTHOR)
    assert "<iframe" not in result.html
    assert [c.what for c in result.changes] == ["iframe"]


def test_an_allow_listed_iframe_is_sandboxed_lazy_and_keeps_its_title():
    src = "https://www.youtube-nocookie.com/embed/abc"
    html = f'<iframe src="{src}" title="Video" sandbox="allow-top-navigation"></iframe>'
    result = clean(html, AUTHOR)
    (iframe,) = BeautifulSoup(result.html, "html.parser")("iframe")
    assert iframe["src"] == src
    assert iframe["title"] == "Video"
    assert " ".join(iframe["sandbox"]) == IFRAME_SANDBOX
    assert iframe["loading"] == "lazy"
    # Forcing the flags is not the author's change; their own sandbox was one.
    assert clean(f'<iframe src="{src}" title="V"></iframe>', AUTHOR).changes == []


def test_iframe_hosts_and_embed_scripts_come_from_the_settings(caplog):
    conf = checked_settings(
        {
            "SANITISE_IFRAME_HOSTS": ["www.google.com"],
            "SANITISE_EMBED_SCRIPTS": ["https://platform.example/embed.js"],
        }
    )
    policy = Policy(
        iframe_hosts=conf["SANITISE_IFRAME_HOSTS"],
        embed_scripts=conf["SANITISE_EMBED_SCRIPTS"],
    )
    kept = '<iframe src="https://www.google.com/maps/embed?pb=1" title="Peta"></iframe>'
    assert "www.google.com/maps" in clean(kept, policy).html
    assert "<iframe" not in clean(kept, AUTHOR).html
    script = '<script src="https://platform.example/embed.js" async></script>'
    assert clean(script, policy).changes == []
    assert clean(script, policy).html == script
    for bad in (
        '<script src="https://evil.example/embed.js"></script>',
        '<script src="https://platform.example/embed.js">alert(1)</script>',
        "<script>alert(1)</script>",
    ):
        assert "<script" not in clean(bad, policy).html, bad
    with caplog.at_level(logging.ERROR):
        conf = checked_settings(
            {"SANITISE_IFRAME_HOSTS": "www.google.com", "SANITISE_EMBED_SCRIPTS": ["x"]}
        )
    assert conf["SANITISE_IFRAME_HOSTS"] == ("www.youtube-nocookie.com",)
    assert conf["SANITISE_EMBED_SCRIPTS"] == ()
    assert len([r for r in caplog.records if "SANITISE_" in r.getMessage()]) == 2


class Item:
    """A stand-in for a Pelican item after the plugins changed its HTML."""

    def __init__(self, content, summary):
        self._content = content
        self.metadata = {"summary": summary}
        self.view = ItemView("page", header=Header("x.md"))

    def get_content(self, siteurl):
        return self._content

    def get_summary(self, siteurl):
        return self.metadata["summary"]


BAD = "<p>a</p><script>x()</script>"


def test_the_final_pass_cleans_what_plugins_changed_and_skips_the_rest():
    bad = '<p>a</p><script>x()</script><img src="x.jpg" alt="" onerror="x()">'
    item = Item(bad, '<p onclick="x()">ringkas</p>')
    problems = final_item(item, FINAL, "x.md")
    assert "<script" not in item._content and "onerror" not in item._content
    assert item.metadata["summary"] == "<p>ringkas</p>"
    assert [p[:2] for p in problems] == [("x.md", 1)] * 3
    assert "the published text has a <script> element" in problems[0][2]
    # HTML exactly as the author pass left it is not cleaned twice.
    untouched = Item(Sanitised(bad), Sanitised("<p>x</p>"))
    assert final_item(untouched, FINAL, "x.md") == []
    assert untouched._content == bad


def test_the_final_pass_cleans_the_records_of_every_record_kind():
    records = {
        kind.folder: {
            "x": Record(
                kind.name, "x", f"{kind.folder}/x.md", {}, {"title": 1}, "a", BAD
            )
        }
        for kind in KIND_LIST
        if kind.reader == "record"
    }
    generator = SimpleNamespace(
        settings={"PATH": "."}, context={MODEL_KEY: Model(records=records)}
    )
    final_pass([generator])
    cleaned = {
        folder: "<script" not in by_slug["x"].content
        for folder, by_slug in records.items()
    }
    assert cleaned == dict.fromkeys(records, True)
    assert "galleries" in cleaned


# --- reports at path:line, warnings by default, errors under strict ----------------

HOSTILE_RELEASE = (
    "Title: Rilis Uji\nDate: 2020-03-14 10:00\n"
    'Summary: Ringkas <img src="x.png" alt="x" onerror="alert(1)">\n\n'
    "Paragraf satu.\n\n"
    '<p onclick="alert(2)">dua</p>\n\n'
    "> [tiga][j]\n>\n> [j]: javascript:alert(3)\n"
)


def hostile_content(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "press-releases" / "rilis-uji.md").write_text(
        HOSTILE_RELEASE, encoding="utf-8"
    )
    return content


def test_the_build_warns_at_path_and_line_and_publishes_clean(tmp_path, caplog):
    content = hostile_content(tmp_path)
    with caplog.at_level(logging.WARNING):
        output = build(tmp_path / "output", content)
    found = sorted(
        (r.getMessage() for r in caplog.records if r.name == "sanitise.plugin"),
        key=lambda m: int(m.split(": ", 2)[1].rsplit(":", 1)[1]),
    )
    assert all(
        r.levelno == logging.WARNING
        for r in caplog.records
        if r.name == "sanitise.plugin"
    )
    path = "content/press-releases/rilis-uji.md"
    assert [m.split(": ", 2)[1] for m in found] == [
        f"{path}:3",
        f"{path}:7",
        f"{path}:11",
    ]
    assert "'onerror='" in found[0]
    assert "'onclick='" in found[1]
    assert "'javascript:alert(3)'" in found[2]
    page = output / "berita" / "2020" / "03" / "rilis-uji" / "index.html"
    assert page.is_file()
    body = BeautifulSoup(page.read_bytes(), "html.parser").select_one(
        ".bsf-article__body"
    )
    assert body.find("p", string="dua").attrs == {}
    assert body.find("a", string="tiga").get("href") is None


def test_strict_mode_makes_each_change_an_error_and_keeps_the_old_output(tmp_path):
    content = hostile_content(tmp_path)
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", content, SANITISE_STRICT=True)
    problems = failure.value.problems
    assert len(problems) == 3, problems
    assert all("content/press-releases/rilis-uji.md:" in p for p in problems)
    assert not (tmp_path / "output").exists()


def test_a_record_body_is_sanitised_and_reported(tmp_path, caplog):
    content = merged_content(tmp_path / "content", ROOT / "content")
    agency = content / "agencies" / "diskominfo.md"
    agency.write_text(
        agency.read_text(encoding="utf-8") + '\n<p onmouseover="alert(1)">x</p>\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        output = build(tmp_path / "output", content)
    assert any(
        "agencies/diskominfo.md:" in r.getMessage()
        and "'onmouseover='" in r.getMessage()
        for r in caplog.records
    )
    page = output / "opd" / "diskominfo" / "index.html"
    assert page.is_file()
    assert "onmouseover" not in page.read_text(encoding="utf-8")


def test_legitimate_content_passes_strict_mode_unchanged(tmp_path):
    # Strict: any change by either pass would fail this build. The seed, the
    # repository content and the test fixtures publish exactly as before.
    content = merged_content(
        tmp_path / "content", ROOT / "content", FIXTURES / "content"
    )
    output = build(tmp_path / "output", content, SANITISE_STRICT=True)
    assert (output / "index.html").is_file()


# --- deep nesting -------------------------------------------------------------------


def test_a_thousand_nested_lists_are_a_quick_clear_error(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    nested = "\n".join("    " * level + "- x" for level in range(1000))
    (content / "press-releases" / "dalam.md").write_text(
        f"Title: Dalam\nDate: 2020-03-14\n\nAwal.\n\n{nested}\n", encoding="utf-8"
    )
    started = time.monotonic()
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "output", content)
    assert time.monotonic() - started < 10
    (problem,) = failure.value.problems
    assert problem.startswith("content/press-releases/dalam.md:")
    assert "nests lists or quotes more than 100 levels" in problem


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("- " * 1000 + "x", True),
        ("1. " * 300 + "x", True),
        ("> " * 300 + "x", True),
        ("\n".join("    " * n + "- x" for n in range(200)), True),
        ("\n".join("    " * n + "- x" for n in range(20)), False),
        ("- Paragraf - biasa " * 100, False),
        ("x" * 5000, False),
    ],
)
def test_nesting_that_would_crash_markdown_is_found_before_it_runs(text, deep):
    problems = check_nesting(text, "x.md", 4)
    assert bool(problems) is deep
    if deep:
        # The (first) line that goes too deep.
        assert problems[0].line == 4 + (100 if "\n" in text else 0)


def test_markdown_running_out_of_recursion_is_named_not_hidden():
    engine = Engine(
        {
            "extensions": ["markdown.extensions.extra", "markdown.extensions.meta"],
            "output_format": "html5",
        },
        [],
        AUTHOR,
    )
    nested = "\n".join("    " * level + "- x" for level in range(400))
    with pytest.raises(NestingError, match="nests lists or quotes so deeply"):
        engine.render(nested)


# --- plain-text feed fields -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Tarif <5 ribu & "gratis"', 'Tarif <5 ribu & "gratis"'),
        ("A < B dan C > D", "A < B dan C > D"),
        ("<img src=x onerror=alert(1)>", "\uff1cimg src=x onerror=alert(1)>"),
        ("Tes <b>tebal</b>", "Tes \uff1cb>tebal\uff1c/b>"),
        ("&lt;script&gt;x&lt;/script&gt;", "\uff1cscript&gt;x\uff1c/script&gt;"),
        ("&#60;svg onload=x&#62;", "\uff1csvg onload=x&#62;"),
        ("&#x3C;!-- x --&gt;", "\uff1c!-- x --&gt;"),
        ("<?php ?>", "\uff1c?php ?>"),
        ("", ""),
    ],
)
def test_plain_text_fields_never_decode_into_markup(text, expected):
    assert plain_field(text) == expected
    # Read as HTML, once or twice decoded, nothing in it is a tag.
    import html as html_lib

    for reading in (plain_field(text), html_lib.unescape(plain_field(text))):
        assert BeautifulSoup(reading, "html.parser").find_all(True) == []


def test_plain_markdown_keeps_autolinks_and_opens_no_tag():
    from feeds.plaintext import plain_field

    text = "Sumber: <https://x.example/a/> &lt;script&gt; <b>x</b> <mailto:a@b.id>"
    assert plain_field(text, markdown=True) == (
        "Sumber: <https://x.example/a/> \uff1cscript&gt; \uff1cb>x\uff1c/b> "
        "<mailto:a@b.id>"
    )
    assert plain_field("<https://x.example/>") == "\uff1chttps://x.example/>"
