"""`invoke check`: every content problem at once, as `path:line: problem; fix`."""

import functools
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, merged_content
from content_model import markdown_renderer, read_model
from content_model.frontmatter import parse_header
from content_model.model import KINDS
from content_model.validate import (
    check_body,
    check_header,
    dangerous_url,
    format_problem,
    mask_code,
    pelican_reads_date,
)
from safe_build import load_settings
from sanitise.plugin import markup_check

BROKEN = FIXTURES / "broken" / "content"
SHOWN = "tests/fixtures/broken/content"
LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<rest>.+)$")

# (file, line, words the message must contain): every error in the folder.
EXPECTED_ERRORS = [
    ("agencies/dinas-uji.md", 4, "Website is a 'javascript:' address"),
    ("catatan-lepas.md", 1, "outside every content folder, so it is never"),
    ("events/acara-uji.md", 3, "End is before Start"),
    ("events/festival.md", 1, "would overwrite the calendar of every event"),
    ("pages/berita.md", 1, "page slug 'berita' would be published at /berita/"),
    ("press-release/salah-folder.md", 1, "never published; move it into 'press-re"),
    ("press-releases/adv-tanpa-kunci.md", 6, "ends with '(Adv)'"),
    ("press-releases/bukan-utf8.md", 4, "file is not UTF-8 text"),
    ("press-releases/catatan.html", 1, "'.html' files are published without"),
    ("press-releases/gambar.md", 3, "content/images/tidak-ada.jpg was not found"),
    ("press-releases/gambar.md", 3, "Image has no alt text; add a line 'Image_Alt"),
    ("press-releases/gambar.md", 5, "image has no alt text"),
    ("press-releases/gambar.md", 7, "is on another host"),
    ("press-releases/gambar.md", 9, "image 'images/foto-hilang.png' was not found"),
    ("press-releases/gambar.md", 11, "<img> has no alt text"),
    ("press-releases/jam-titik.md", 2, "Date '2020-03-13 09.00' is not read"),
    ("press-releases/judul-salah-ketik.md", 1, "'Tittle' is no key; did you mean"),
    ("press-releases/karakter-kontrol.md", 4, "invisible character U+0007"),
    ("press-releases/kosong.md", 1, "file is empty"),
    ("press-releases/kutipan-bermasalah.md", 3, "OPD 'DUC' names no file in"),
    ("press-releases/nilai-salah.md", 3, "Advertorial 'mungkin' is not a word"),
    ("press-releases/nilai-salah.md", 4, "Status 'terbit' is unknown"),
    ("press-releases/nilai-salah.md", 5, "Tag '🎉' has no letter or digit"),
    ("press-releases/nilai-salah.md", 6, "did you mean 'press_release'?"),
    ("press-releases/skrip-diizinkan.md", 3, "Allow_Script was removed"),
    ("press-releases/slug-kembar-satu.md", 3, "release slug 'slug-kembar' is used by"),
    ("press-releases/tanggal-rusak.md", 2, "Date: '13 Maret 2020' is not a date"),
    ("press-releases/tanpa-judul.md", 1, "required key 'Title' is missing"),
    ("press-releases/tanpa-judul.md", 2, "OPD 'dinas-hantu' names no file"),
    ("press-releases/tanpa-judul.md", 3, "Programs 'program-hantu' names no file"),
    ("press-releases/tautan.md", 4, "content/press-releases/tidak-ada.md, which does"),
    ("press-releases/tautan.md", 5, "link to /opd/dinas-uji/ instead"),
    ("press-releases/tautan.md", 5, "unknown placeholder '{filname}'"),
    ("press-releases/urutan-tanggal.md", 3, "Modified is before Date"),
    ("press-releases/urutan-tanggal.md", 4, "Embargo is before Date"),
    ("programs/program-uji.md", 3, "Dimension 'smart-teleportation' is not"),
    ("remarks/nama-pembicara.md", 3, "Speaker 'Tokoh Uji' names no file in"),
    ("remarks/nama-pembicara.md", 5, "OPD 'Dinas Uji Coba' names no file in"),
    ("remarks/slug-kembar.md", 1, "releases and remarks share slugs"),
    ("remarks/slug-kembar.md", 3, "Speaker 'tokoh-hantu' names no file"),
    ("remarks/slug-kembar.md", 5, "Delivery 'bisikan' is unknown"),
]
EXPECTED_WARNINGS = [
    ("press-releases/bom-crlf.md", 3, "unknown key 'Tittle' for a release; did you"),
    ("press-releases/kutipan-bermasalah.md", 8, "'Budi Santoso' who is not in"),
    ("press-releases/kutipan-bermasalah.md", 10, "a quotation mark is opened in"),
    ("press-releases/salah-ketik.md", 3, "unknown key 'Tittle'; did you mean 'Title'?"),
    ("press-releases/salah-ketik.md", 4, "'Embrago' for a release; did you mean"),
    # What the sanitiser removes: a warning unless --strict.
    ("press-releases/skrip-diizinkan.md", 5, "the text has a <script> element"),
    ("press-releases/skrip.md", 3, "'Summary' has an event handler 'onerror='"),
    ("press-releases/skrip.md", 7, "the text has a <script> element"),
    ("press-releases/skrip.md", 9, "event handler 'onclick=' on <p>"),
    ("press-releases/skrip.md", 11, "URL 'javascript:alert(1)' in 'href='"),
    ("press-releases/skrip.md", 13, "URL 'javascript:alert(2)' in 'href='"),
]
# (file, line, the end of its message): the fix each error names.
EXPECTED_FIXES = [
    ("catatan-lepas.md", 1, "press-releases, remarks, agencies, programs, people"),
    ("press-release/salah-folder.md", 1, "(content folders: press-releases, remarks"),
    (
        "press-releases/judul-salah-ketik.md",
        1,
        "did you mean 'Title'? write 'Title: …'",
    ),
    ("press-releases/kutipan-bermasalah.md", 3, "did you mean 'dinas-uji'?"),
    ("press-releases/nilai-salah.md", 3, "or false / no / tidak (or no line) for"),
    ("remarks/nama-pembicara.md", 3, "did you mean 'tokoh-uji'?"),
    ("remarks/nama-pembicara.md", 5, "did you mean 'dinas-uji'?"),
]


@pytest.fixture(scope="module")
def check_run():
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", SHOWN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def parsed_lines(stdout):
    lines = stdout.splitlines()
    assert lines, "invoke check printed nothing"
    return [LINE.match(line) for line in lines[:-1]], lines[-1]


def test_check_lists_every_error_with_path_and_line(check_run):
    found, _ = parsed_lines(check_run.stdout)
    errors = [m for m in found if not m["rest"].startswith("warning: ")]
    places = sorted((m["path"], int(m["line"])) for m in errors)
    expected = sorted((f"{SHOWN}/{name}", line) for name, line, _ in EXPECTED_ERRORS)
    assert places == expected
    for name, line, words in EXPECTED_ERRORS:
        at = [
            m["rest"]
            for m in errors
            if (m["path"], int(m["line"]))
            == (
                f"{SHOWN}/{name}",
                line,
            )
        ]
        assert any(words in rest for rest in at), (name, line, words, at)


def test_check_lists_warnings_naming_the_nearest_key(check_run):
    found, _ = parsed_lines(check_run.stdout)
    warnings = [m for m in found if m["rest"].startswith("warning: ")]
    assert len(warnings) == len(EXPECTED_WARNINGS)
    for name, line, words in EXPECTED_WARNINGS:
        for word in words.split("; "):
            assert any(
                m["path"] == f"{SHOWN}/{name}"
                and int(m["line"]) == line
                and word in m["rest"]
                for m in warnings
            ), (name, line, word)


def test_check_output_is_path_line_problem_fix_and_exits_non_zero(check_run):
    assert check_run.returncode == 1
    assert "Traceback" not in check_run.stderr
    found, last = parsed_lines(check_run.stdout)
    assert all(found), check_run.stdout
    for match in found:
        assert "; " in match["rest"], match.group()
    assert (
        last == f"{len(EXPECTED_ERRORS)} error(s), {len(EXPECTED_WARNINGS)} warning(s)."
    )


def test_check_strict_makes_the_sanitiser_warnings_errors():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--strict", "--path", SHOWN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    found, last = parsed_lines(result.stdout)
    errors = [m for m in found if not m["rest"].startswith("warning: ")]
    # Every warning is an error in strict mode, the sanitiser's among them.
    assert len(errors) == len(EXPECTED_ERRORS) + len(EXPECTED_WARNINGS)
    assert any(
        m["path"] == f"{SHOWN}/press-releases/skrip.md"
        and m["line"] == "9"
        and "'onclick='" in m["rest"]
        for m in errors
    )
    assert last == (
        f"{len(EXPECTED_ERRORS) + len(EXPECTED_WARNINGS)} error(s), 0 warning(s)."
    )


def test_check_of_the_real_content_passes():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_refuses_a_missing_folder():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--path", "tidak/ada"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "is not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_name_their_fix(check_run):
    found, _ = parsed_lines(check_run.stdout)
    for name, line, words in EXPECTED_FIXES:
        at = [
            m["rest"]
            for m in found
            if (m["path"], int(m["line"])) == (f"{SHOWN}/{name}", line)
        ]
        assert any(words in rest for rest in at), (name, line, words, at)


def test_a_misspelt_required_key_is_one_error_with_its_did_you_mean(check_run):
    found, _ = parsed_lines(check_run.stdout)
    at = [
        m["rest"]
        for m in found
        if m["path"] == f"{SHOWN}/press-releases/judul-salah-ketik.md"
    ]
    assert at == [
        "required key 'Title' is missing, and 'Tittle' is no key; did you mean "
        "'Title'? write 'Title: …'"
    ]


def test_a_fixed_folder_has_no_problem(tmp_path):
    # The good files of the broken folder alone pass: no false alarms.
    content = merged_content(tmp_path / "content", ROOT / "content")
    for name in ("pages/tentang-uji.md",):
        target = content / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((BROKEN / name).read_bytes())
    assert read_model(content, markup=markup()).problems == []


# --- single checks ---------------------------------------------------------------


@functools.cache
def markup(strict=False):
    """The sanitiser check `invoke check` runs, with our settings."""
    settings = load_settings(ROOT / "pelicanconf.py")
    return markup_check(settings, markdown_renderer(settings, False), strict)


def problems_of(
    text, folder="press-releases", root=BROKEN, name="uji.md", strict=False
):
    header = parse_header(text, f"{folder}/{name}")
    kind = KINDS[folder]
    return [
        *check_header(kind, header, "x.md"),
        *check_body(kind, header, "x.md", root, f"{folder}/{name}", markup(strict)),
    ]


RELEASE = "Title: Uji\nDate: 2020-03-13\n"


@pytest.mark.parametrize(
    "body",
    [
        "`<script>alert(1)</script>` di dalam kode.",
        "```\n<script>alert(1)</script>\n```",
        '~~~js\n<p onclick="x()">x</p>\n~~~',
        "<!-- <script>lama</script> -->",
        "Kata javascript: dalam kalimat tidak apa-apa.",
        "Kata onclick=1 di luar tag juga tidak.",
        '[Situs](https://bontangkota.go.id) dan <a href="mailto:a@b.id">surel</a>.',
        '<abbr title="javascript: bukan tautan">JS</abbr>',
    ],
)
def test_harmless_text_is_not_taken_for_script(body):
    assert problems_of(f"{RELEASE}\n{body}\n") == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<SCRIPT src=x.js></SCRIPT>", "a <script> element"),
        ("<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", "a <svg> element"),
        ('<img alt="x" src="images/foto-ada.png" ONLOAD=alert(1)>', "'onload='"),
        ("[x](JaVaScRiPt:alert(1))", "url 'javascript:alert(1)' in 'href='"),
        ("[x][a]\n\n[a]: javascript:alert(1)", "url 'javascript:alert(1)'"),
        # A tab as an entity: browsers drop it and read "javascript:".
        ('<a href="java&#x09;script:alert(1)">x</a>', "url 'java script:alert(1)'"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "iframe"),
        ('<form action="javascript:alert(1)"><button>x</button></form>', "<form>"),
    ],
)
def test_script_in_any_form_is_removed_and_reported(body, words):
    found = problems_of(f"{RELEASE}\n{body}\n")
    assert found and {p.severity for p in found} == {"warning"}
    # At the line that holds it: a reference's URL is on its definition.
    assert {p.line for p in found} == {6 if "[a]:" in body else 4}
    assert any(words in p.message.lower() for p in found), found
    strict = problems_of(f"{RELEASE}\n{body}\n", strict=True)
    assert [p.message for p in strict] == [p.message for p in found]
    assert {p.severity for p in strict} == {"error"}
    # The old per-file switch is gone: it is an error and allows nothing.
    allowed = problems_of(f"{RELEASE}Allow_Script: yes\n\n{body}\n")
    assert [p.message for p in allowed][1:] == [p.message for p in found]
    assert allowed[0].message.startswith("Allow_Script was removed")


def test_body_problems_carry_the_line_of_the_file():
    text = f"{RELEASE}Summary: Ringkas\n\nSatu.\n\nDua.\n\n<p onclick='x'>tiga</p>\n"
    (problem,) = problems_of(text)
    assert problem.line == 9


def test_crlf_and_bom_give_the_same_problems_as_lf():
    text = f"{RELEASE}Tittle: x\n\nSatu.\n\n<script>x</script>\n"
    windows = "\ufeff" + text.replace("\n", "\r\n")
    lf = [(p.line, p.message) for p in problems_of(text)]
    assert lf == [(p.line, p.message) for p in problems_of(windows.lstrip("\ufeff"))]
    assert [p.line for p in problems_of(text)] == [3, 7]


@pytest.mark.parametrize(
    ("value", "dangerous"),
    [
        ("javascript:alert(1)", True),
        ("  JAVASCRIPT:alert(1)", True),
        ("jav&#x61;script:x", True),
        ("java\nscript:x", True),
        ("vbscript:x", True),
        ("data:text/html,<script>", True),
        ("https://bontangkota.go.id/javascript:", False),
        ("/berita/", False),
        ("mailto:humas@bontangkota.go.id", False),
    ],
)
def test_dangerous_url(value, dangerous):
    assert dangerous_url(value) is dangerous


def test_masking_code_keeps_line_numbers():
    text = "a\n```\n<script>\n```\nb `<x>` c\n<!--\n-->\nd"
    masked = mask_code(text)
    assert masked.count("\n") == text.count("\n")
    assert "<script>" not in masked and "<x>" not in masked
    assert masked.split("\n")[-1] == "d"


@pytest.mark.parametrize(
    ("value", "readable"),
    [
        ("2020-03-13", True),
        ("2020-03-13 09:00", True),
        ("2020-03-13T09:00+08:00", True),
        ("2020-03-13 09.00", False),
        ("2020-03-13 09:00Z", False),
    ],
)
def test_dates_must_read_the_same_in_pelican(value, readable):
    assert pelican_reads_date(value) is readable


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        ("Date: 0001-01-01", "year 1"),
        ("Lang: en", "Lang 'en' is not the site's language"),
        ("Authors: ⭐⭐", "Author '⭐⭐' has no letter"),
        ("Slug: Judul Besar", "Slug 'Judul Besar' is not a valid slug"),
        ("Allow_Script: mungkin", "Allow_Script was removed"),
        ("Allow_Script: yes", "Allow_Script was removed"),
        ("Title: " + "x" * 300, "Title is 300 characters long"),
        ("Summary: " + "x" * 6000, "'Summary' is 6000 characters long"),
    ],
)
def test_odd_header_values_are_errors(lines, words):
    text = f"Title: Uji\nDate: 2020-03-13\n{lines}\n\nIsi.\n"
    found = [p for p in problems_of(text) if p.severity == "error"]
    assert any(words in p.message for p in found), [p.message for p in found]


def test_problems_are_formatted_for_editors():
    (error,) = problems_of(f"{RELEASE}\n<script></script>\n", strict=True)
    assert format_problem(error).startswith("x.md:4: the text has a <script>")
    (warning,) = problems_of(f"{RELEASE}Embrago: 2020-03-14\n\nIsi.\n")
    assert format_problem(warning).startswith("x.md:3: warning: unknown key")


def test_a_file_full_of_problems_lists_the_first_thirty_and_a_count(tmp_path):
    folder = tmp_path / "press-releases"
    folder.mkdir()
    body = "\n\n".join(f"<p onclick='x{n}'>{n}</p>" for n in range(100))
    (folder / "uji.md").write_text(f"{RELEASE}\n{body}\n", encoding="utf-8")
    problems = read_model(tmp_path, markup=markup()).problems
    assert len(problems) == 31
    assert [p.line for p in problems[:3]] == [4, 6, 8]
    assert problems[-1].message.startswith("70 more problems in this file")
    assert problems[-1].line == 64


def test_brackets_that_would_stall_markdown_are_an_error():
    body = "Awal.\n\n" + "[![" * 3000 + "\n\nAkhir.\n"
    (problem,) = problems_of(f"{RELEASE}\n{body}")
    assert problem.line == 6
    assert "too many '[' for the Markdown reader (6000 in" in problem.message
    # Ordinary links, even many of them, are fine.
    links = "\n\n".join(
        f"[tautan {n}](https://bontangkota.go.id/{n})" for n in range(3000)
    )
    assert problems_of(f"{RELEASE}\n{links}\n") == []


def test_unclosed_tags_that_would_stall_markdown_are_an_error():
    body = "Awal.\n\n" + "harga <a " * 6000 + "\n"
    (problem,) = problems_of(f"{RELEASE}\n{body}")
    assert problem.line == 6
    assert "6000 '<' that open an HTML tag never closed" in problem.message
    # Closed tags and "5 < 6" are fine.
    fine = "\n\n".join(f"<b>tebal</b> dan 5 < 6 nomor {n}" for n in range(6000))
    assert problems_of(f"{RELEASE}\n{fine}\n") == []
