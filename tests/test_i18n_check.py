"""`invoke check` on the broken fixture, in the language an editor reads.

An editor's machine chooses no language, so every content problem (header,
body, links, collisions, images, files) and the closing totals are in
Indonesian, each still at its `path:line` and with its fix; English, through
LANG or the MESSAGES_LANGUAGE setting, gives the English lines the rest of
the suite asserts on. A message whose translation is missing reads in English
and fails here.
"""

import re
import shutil

import pytest

import i18n
from conftest import FIXTURES, ROOT, copy_project
from content_model.corrections import check_notices
from content_model.frontmatter import parse_header
from content_model.kinds import BY_FOLDER
from content_model.model import Problem
from content_model.validate import at_most, format_problem, totals
from test_i18n import editor_env, invoke

SHOWN = "tests/fixtures/broken/content"
LINE = re.compile(r"^(?P<place>[^:\n]+:\d+): (?P<rest>.+)$")

# (file, line, the whole problem in Indonesian, the same in English): one or
# more of each kind of check, the fix after the last "; ".
EXPECTED = [
    # Header.
    (
        "press-releases/judul-salah-ketik.md",
        1,
        "kunci wajib 'Title' tidak ada, dan 'Tittle' bukan kunci; maksud Anda "
        "'Title'? tulis 'Title: …'",
        "required key 'Title' is missing, and 'Tittle' is no key; did you mean "
        "'Title'? write 'Title: …'",
    ),
    (
        "press-releases/salah-ketik.md",
        4,
        "peringatan: kunci 'Embrago' tidak dikenal untuk jenis release; maksud "
        "Anda 'Embargo'?",
        "warning: unknown key 'Embrago' for a release; did you mean 'Embargo'?",
    ),
    (
        "press-releases/nilai-salah.md",
        3,
        "Advertorial 'mungkin' bukan kata yang dikenal situs; tulis true / ya / "
        "yes untuk konten berbayar, atau false / no / tidak (atau tanpa baris "
        "ini) untuk konten tidak berbayar",
        "Advertorial 'mungkin' is not a word the site knows; write true / ya / "
        "yes for paid content, or false / no / tidak (or no line) for unpaid "
        "content",
    ),
    (
        "press-releases/urutan-tanggal.md",
        4,
        "Embargo lebih awal dari Date (2020-03-13 08:00 < 2020-03-13 10:00); "
        "isi dengan waktu yang sama dengan atau sesudah Date",
        "Embargo is before Date (2020-03-13 08:00 < 2020-03-13 10:00); set it on "
        "or after Date",
    ),
    (
        "programs/program-uji.md",
        3,
        "Dimension 'smart-teleportation' bukan dimensi Smart City; pakai salah "
        "satu dari governance, branding, economy, living, society, environment",
        "Dimension 'smart-teleportation' is not a Smart City dimension; use one "
        "of governance, branding, economy, living, society, environment",
    ),
    # Body.
    (
        "press-releases/adv-tanpa-kunci.md",
        6,
        "teks diakhiri '(Adv)' tetapi header tidak memiliki 'Advertorial: yes'; "
        "tambahkan kunci itu dan hapus '(Adv)'",
        "the text ends with '(Adv)' but the header has no 'Advertorial: yes'; "
        "add that key and delete the '(Adv)'",
    ),
    # Links.
    (
        "press-releases/tautan.md",
        5,
        "tautan '{filname}/pages/tentang-uji.md' memakai penanda '{filname}' "
        "yang tidak dikenal; maksud Anda '{filename}'?",
        "link '{filname}/pages/tentang-uji.md' uses the unknown placeholder "
        "'{filname}'; did you mean '{filename}'?",
    ),
    (
        "remarks/nama-pembicara.md",
        5,
        "OPD 'Dinas Uji Coba' tidak menunjuk berkas mana pun di "
        "content/agencies/; maksud Anda 'dinas-uji'?",
        "OPD 'Dinas Uji Coba' names no file in content/agencies/; did you mean "
        "'dinas-uji'?",
    ),
    # Collisions.
    (
        "remarks/slug-kembar.md",
        1,
        "slug 'slug-kembar' juga dipakai oleh "
        f"{SHOWN}/press-releases/slug-kembar-dua.md; rilis dan sambutan berbagi "
        "slug (hanya salah satu yang akan diterbitkan), jadi ganti nama salah "
        "satunya",
        f"slug 'slug-kembar' is also used by {SHOWN}/press-releases/"
        "slug-kembar-dua.md; releases and remarks share slugs (only one of the "
        "two would be published), so rename one of them",
    ),
    (
        "press-releases/slug-kembar-satu.md",
        3,
        "slug 'slug-kembar' (jenis release) juga dipakai oleh "
        f"{SHOWN}/press-releases/slug-kembar-dua.md; beri salah satunya nama "
        "berkas atau Slug lain",
        f"release slug 'slug-kembar' is used by {SHOWN}/press-releases/"
        "slug-kembar-dua.md too; give one of them another file name or Slug",
    ),
    # Images.
    (
        "press-releases/gambar.md",
        3,
        "Image tidak memiliki teks alternatif; tambahkan baris 'Image_Alt: …' "
        "yang menjelaskan isi gambar untuk pembaca yang tidak dapat melihatnya",
        "Image has no alt text; add a line 'Image_Alt: …' describing the "
        "picture for readers who cannot see it",
    ),
    (
        "press-releases/gambar.md",
        9,
        "gambar 'images/foto-hilang.png' tidak ditemukan (dicari di "
        "content/press-releases/images/foto-hilang.png dan "
        "content/images/foto-hilang.png); maksud Anda 'images/foto-ada.png'?",
        "image 'images/foto-hilang.png' was not found (looked for "
        "content/press-releases/images/foto-hilang.png and "
        "content/images/foto-hilang.png); did you mean 'images/foto-ada.png'?",
    ),
    (
        "press-releases/gambar.md",
        11,
        '<img> tidak memiliki teks alternatif; tambahkan alt="…" yang '
        "menjelaskan isi gambar",
        '<img> has no alt text; add alt="…" describing the picture',
    ),
    (
        "press-releases/karakter-kontrol.md",
        4,
        "karakter tak terlihat U+0007 (karakter kontrol) tidak dapat diterbitkan "
        "(feed menolaknya); hapus karakter itu, atau simpan ulang berkasnya "
        "sebagai UTF-8 bila berasal dari program lain",
        "invisible character U+0007 (control character) cannot be published "
        "(feeds reject it); delete it, or re-save the file as UTF-8 if it came "
        "from another program",
    ),
    # Files.
    (
        "press-release/salah-folder.md",
        1,
        "berkas ada di 'press-release/', yang bukan folder konten, sehingga "
        "tidak pernah diterbitkan; pindahkan ke 'press-releases/' (folder "
        "konten: press-releases, remarks, agencies, programs, people, events, "
        "pages, galleries)",
        "file is in 'press-release/', which is not a content folder, so it is "
        "never published; move it into 'press-releases/' (content folders: "
        "press-releases, remarks, agencies, programs, people, events, pages, "
        "galleries)",
    ),
]


def check(root, env):
    result = invoke(root, "check", "--path", SHOWN, env=env)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    *problems, last = result.stdout.splitlines()
    return [LINE.match(line) for line in problems], last


@pytest.fixture(scope="module")
def indonesian():
    return check(ROOT, editor_env())


@pytest.fixture(scope="module")
def english():
    return check(ROOT, editor_env(LANG="en_US.UTF-8"))


def test_every_problem_is_in_indonesian_at_its_place(indonesian, english):
    found, _ = indonesian
    shown, _ = english
    assert all(found) and all(shown)
    assert len(found) == len(shown) > 40
    # The same problems, in the same order, at the same path:line; each one
    # translated (a missing translation prints the English message).
    for ours, theirs in zip(found, shown, strict=True):
        assert ours["place"] == theirs["place"]
        assert ours["rest"] != theirs["rest"], ours.group()
        assert "; " in ours["rest"] or ours["rest"].endswith("?"), ours.group()
    warnings = [m for m in found if m["rest"].startswith("peringatan: ")]
    assert len(warnings) == sum(m["rest"].startswith("warning: ") for m in shown)


@pytest.mark.parametrize(
    ("name", "line", "message", "_english"), EXPECTED, ids=[e[0] for e in EXPECTED]
)
def test_each_check_speaks_indonesian_with_its_fix(
    indonesian, name, line, message, _english
):
    found, _ = indonesian
    at = [m["rest"] for m in found if m["place"] == f"{SHOWN}/{name}:{line}"]
    assert message in at, at


def test_the_totals_are_in_indonesian(indonesian, english):
    found, last = indonesian
    shown, english_last = english
    warnings = sum(m["rest"].startswith("warning: ") for m in shown)
    errors = len(shown) - warnings
    assert english_last == f"{errors} error(s), {warnings} warning(s)."
    assert last == f"{errors} galat, {warnings} peringatan."


def english_lines(found):
    return {m.group() for m in found}


def test_lang_english_prints_the_english_lines(english):
    found, _ = english
    for name, line, _message, message in EXPECTED:
        assert f"{SHOWN}/{name}:{line}: {message}" in english_lines(found)


def test_the_setting_prints_english_whatever_lang_says(tmp_path, english):
    root = copy_project(tmp_path / "proyek")
    shutil.copytree(FIXTURES / "broken", root / SHOWN.removesuffix("/content"))
    conf = root / "pelicanconf.py"
    text = conf.read_text(encoding="utf-8")
    assert "MESSAGES_LANGUAGE = None\n" in text
    conf.write_text(
        text.replace("MESSAGES_LANGUAGE = None\n", 'MESSAGES_LANGUAGE = "en"\n'),
        encoding="utf-8",
    )
    found, last = check(root, editor_env(LANG="id_ID.UTF-8"))
    shown, english_last = english
    assert [m.group() for m in found] == [m.group() for m in shown]
    assert last == english_last


@pytest.fixture
def language():
    """Activate a language for messages made here; English again afterwards."""
    yield lambda code: i18n.activate({"MESSAGES_LANGUAGE": code})
    i18n.activate({"MESSAGES_LANGUAGE": "en"})


def many_problems(count):
    return [Problem("a.md", n, f"masalah {n}; perbaiki") for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("code", "warning", "none", "rest", "one_more"),
    [
        (
            "id",
            "a.md:2: peringatan: x; y",
            "Tidak ada masalah.",
            "masih ada 2 masalah lain di berkas ini mulai dari sini; perbaiki "
            "yang di atas lalu periksa lagi",
            "masih ada 1 masalah lain di berkas ini mulai dari sini; perbaiki "
            "yang di atas lalu periksa lagi",
        ),
        (
            "en",
            "a.md:2: warning: x; y",
            "No problems found.",
            "2 more problems in this file from here on; fix the ones above and "
            "check again",
            "1 more problem in this file from here on; fix the ones above and "
            "check again",
        ),
    ],
)
def test_the_report_lines_follow_the_language(
    language, code, warning, none, rest, one_more
):
    language(code)
    assert format_problem(Problem("a.md", 2, "x; y", "warning")) == warning
    assert format_problem(Problem("a.md", 2, "x; y")) == "a.md:2: x; y"
    assert totals([]) == none
    assert at_most(many_problems(32), "a.md")[-1].message == rest
    assert at_most(many_problems(31), "a.md")[-1].message == one_more


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("id", "'Correction: YYYY-MM-DD HH:MM — apa yang diralat'"),
        ("en", "'Correction: YYYY-MM-DD HH:MM — what was corrected'"),
    ],
)
def test_the_example_of_a_notice_is_in_the_language(language, code, fix):
    language(code)
    header = parse_header(
        "Title: Ralat\nDate: 2020-03-13 10:00\nCorrection: kemarin\n\nIsi.\n"
    )
    [problem] = check_notices(BY_FOLDER["press-releases"], header, "a.md")
    assert problem.line == 3
    assert fix in problem.message, problem.message
