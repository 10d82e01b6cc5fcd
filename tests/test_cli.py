"""The command line: `invoke new`, `rebuild`, and every command the README shows.

Commands run as an author runs them: `python -m invoke TASK` in a copy of
the project in a temporary folder, so nothing is written inside the repo.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, assert_one_problem, copy_project, merged_content
from content_model.frontmatter import parse_header
from content_model.model import KINDS
from content_model.scaffold import MAX_SLUG_CHARS, short_slug
from content_model.validate import MAX_TITLE_CHARS, check_header
from newsroom.quotes import unbalanced_quotes

LONG_TITLE = (
    "Pemerintah Kota Bontang Meluncurkan Aplikasi Layanan Publik Terpadu "
    "untuk Warga, Pelaku Usaha, dan Wisatawan pada Pembukaan Bontang Smart "
    "Festival 2020 di Pendopo Rumah Jabatan Wali Kota Bontang bersama Dinas "
    "Komunikasi dan Informatika"
)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "proyek")


def invoke(root, *args, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def content_files(root):
    return sorted(p.relative_to(root) for p in (root / "content").rglob("*.md"))


# --- invoke new ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["new", "release", "--help"],
        ["new", "release", "-h"],
        ["new", "--help"],
        ["new", "-h"],
    ],
)
def test_help_shows_the_options_and_writes_nothing(project, args):
    before = content_files(project)
    result = invoke(project, *args)
    assert result.returncode == 0, result.stderr
    assert "Usage: " in result.stdout and "--title" in result.stdout
    assert content_files(project) == before


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("--help", "looks like an option"),
        ("-h", "looks like an option"),
        ("-x", "looks like an option"),
        # invoke itself takes this one for the next option.
        ("--slug", "needed value and was not given one"),
    ],
)
def test_a_title_that_looks_like_an_option_writes_nothing(project, title, words):
    before = content_files(project)
    result = invoke(project, "new", "release", f"--title={title}")
    assert result.returncode == 1
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert content_files(project) == before


def test_a_long_title_gets_a_short_slug_and_builds(project):
    assert 230 < len(LONG_TITLE) <= MAX_TITLE_CHARS
    result = invoke(project, "new", "release", "--title", LONG_TITLE)
    assert result.returncode == 0, result.stderr
    (created,) = [
        p
        for p in (project / "content" / "press-releases").glob("*.md")
        if p.name.startswith("pemerintah-kota-bontang")
    ]
    slug = created.stem
    assert len(created.name.encode("utf-8")) <= MAX_SLUG_CHARS + 3
    # Cut between two words of the title.
    assert f"{slug}-" in short_slug(LONG_TITLE + " x") + "-"
    assert slug == "-".join(short_slug(LONG_TITLE).split("-"))
    assert short_slug(LONG_TITLE, limit=1000).startswith(f"{slug}-")
    assert parse_header(created.read_text(encoding="utf-8")).get("title") == (
        LONG_TITLE
    )
    check = invoke(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    built = invoke(project, "build")
    assert built.returncode == 0, built.stderr[-3000:]
    assert (project / "output" / "berita").is_dir()
    pages = list((project / "output" / "berita").glob(f"*/*/{slug}/index.html"))
    assert len(pages) == 1


def test_a_title_over_the_limit_is_a_clear_error(project):
    before = content_files(project)
    title = "Judul " * 60
    result = invoke(project, "new", "release", "--title", title)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"the title is {len(title.strip())} characters long; shorten it to at "
        f"most {MAX_TITLE_CHARS}"
    ) in result.stderr
    assert content_files(project) == before


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Festival", "festival"),
        ("Über Café: Résumé & Ñandú", "uber-cafe-resume-nandu"),
        ("x" * 200, "x" * MAX_SLUG_CHARS),
        ("kata " * 40, "-".join(["kata"] * 16)),
        ("a" * 79 + " bb", "a" * 79),
    ],
)
def test_short_slug_cuts_at_a_word_boundary(title, slug):
    assert short_slug(title) == slug
    assert len(short_slug(title).encode("utf-8")) <= MAX_SLUG_CHARS


def test_a_file_name_too_long_for_the_site_is_a_clear_build_error(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    name = "-".join(["kata"] * 30)  # 149 characters
    (content / "press-releases" / f"{name}.md").write_text(
        "Title: Nama Berkas Panjang\nDate: 2020-03-13\n\nIsi.\n", encoding="utf-8"
    )
    assert_one_problem(
        tmp_path,
        content,
        f"press-releases/{name}.md",
        1,
        "characters long, too long for the names of the item's files; shorten",
    )


# --- rebuild -----------------------------------------------------------------------


def test_rebuild_leaves_a_stamp_so_the_next_build_is_skipped(project):
    rebuilt = invoke(project, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert rebuilt.stdout.strip().splitlines()[-1].startswith("Built ")
    again = invoke(project, "build")
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.strip().splitlines()[-1].startswith("Nothing changed; ")


# --- header values ---------------------------------------------------------------


def header_problems(lines):
    text = f"Title: Uji\nDate: 2020-03-13\n{lines}\n\nIsi.\n"
    return check_header(KINDS["press-releases"], parse_header(text, "x.md"), "x.md")


@pytest.mark.parametrize(
    "value", ["tidak", "Tidak", "no", "NO", "false", "False", "yes", "ya", "TRUE"]
)
def test_advertorial_accepts_the_words_for_paid_and_not_paid(value):
    assert header_problems(f"Advertorial: {value}") == []


@pytest.mark.parametrize("value", ["mungkin", "bukan", "0", ""])
def test_another_advertorial_value_lists_the_accepted_words(value):
    (problem,) = header_problems(f"Advertorial: {value}")
    assert problem.severity == "error" and problem.line == 3
    assert "true / ya / yes" in problem.message
    assert "false / no / tidak" in problem.message


def test_advertorial_tidak_is_not_paid_in_the_build():
    from newsroom.plugin import classify

    class Item:
        kind = "release"
        header = parse_header("Title: Judul\nAdvertorial: Tidak\n")

    item = Item()
    classify(item)
    assert item.advertorial is False


def test_a_misspelt_required_key_carries_its_did_you_mean():
    text = "Tittle: Uji\nDate: 2020-03-13\n\nIsi.\n"
    header = parse_header(text, "x.md")
    (problem,) = check_header(KINDS["press-releases"], header, "x.md")
    assert problem.severity == "error" and problem.line == 1
    assert problem.message == (
        "required key 'Title' is missing, and 'Tittle' is no key; did you mean "
        "'Title'? write 'Title: …'"
    )


# --- quotation marks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("“Kami siap,” ujar Dasuki.", []),
        ('"Kami siap," ujar Dasuki.', []),
        ("“Kami siap,” ujar Dasuki. “Lagi,” lanjutnya.", []),
        ("“Kami siap, ujar Dasuki.", [1]),
        ('Pembuka.\n\n"Kami siap, ujar Dasuki.', [3]),
        ("Paragraf satu.\n\n“Dibuka di sini,\nlalu baris kedua tanpa tutup.", [3]),
        ("“Dua “pembuka” sekaligus.", [1]),
        ("```\n“kode tidak dihitung\n```", []),
        ("Teks biasa tanpa kutipan.", []),
    ],
)
def test_unbalanced_quotation_marks_name_the_paragraph_start(body, lines):
    assert unbalanced_quotes(body) == lines


# --- the README ------------------------------------------------------------------


def readme_commands():
    """Return every `invoke …` and `python bench/run.py …` command of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    spans = re.findall(r"`([^`\n]+)`", text)
    commands = []
    for span in spans:
        words = span.replace("[", " ").replace("]", " ").split()
        if words[:1] == [".venv/bin/invoke"]:
            words[0] = "invoke"
        if words[:1] == ["invoke"] or words[:2] == ["python", "bench/run.py"]:
            commands.append(words)
    return commands


def has_flag(flag, help_text):
    flag = flag.split("=", 1)[0]
    if flag in ("-h", "--help"):  # every task and program takes it
        return True
    if flag.startswith("--no-") and f"--[no-]{flag[5:]}" in help_text:
        return True
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help_text) is not None


def test_the_readme_shows_commands():
    tasks = {words[1] for words in readme_commands() if words[0] == "invoke"}
    assert {"build", "serve", "livereload", "preview", "check", "bench"} <= tasks


def test_every_option_the_readme_shows_exists():
    helps = {}
    missing = []
    for words in readme_commands():
        if words[0] == "python":
            key, command = "bench/run.py", [sys.executable, "bench/run.py", "--help"]
            options = words[2:]
        else:
            task = words[1] if len(words) > 1 else ""
            if not task or task.isupper():  # `invoke TASK`
                continue
            if task.startswith("-"):
                key, command, options = (
                    "",
                    [sys.executable, "-m", "invoke", "-h"],
                    [task],
                )
            else:
                key, options = task, words[2:]
                command = [sys.executable, "-m", "invoke", "--help", task]
        if key not in helps:
            result = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=120
            )
            assert result.returncode == 0, (shlex.join(command), result.stderr)
            helps[key] = result.stdout
        for option in options:
            if option.startswith("-") and not has_flag(option, helps[key]):
                missing.append((" ".join(words), option))
    assert missing == []


# --- files outside the kind folders ------------------------------------------------


def test_markdown_outside_the_kind_folders_is_an_error_naming_the_file(tmp_path):
    from content_model import read_model

    release = "Title: Uji\nDate: 2020-03-13\n\nIsi.\n"
    for name in ("rilis.md", "siaran-pers/uji.md", "catatan/README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(release, encoding="utf-8")
    problems = read_model(tmp_path, display_root=tmp_path).problems
    found = {(Path(p.path).name, p.severity): p.message for p in problems}
    assert set(found) == {("rilis.md", "error"), ("uji.md", "error")}
    assert found["rilis.md", "error"].endswith(
        "move it into the folder of its kind: press-releases, remarks, agencies, "
        "programs, people, events, pages, galleries"
    )
    assert found["uji.md", "error"].startswith(
        "file is in 'siaran-pers/', which is not a content folder, so it is never "
        "published; move it into"
    )
