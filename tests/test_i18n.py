"""Messages in Indonesian: the default language, English on request, the catalog.

The rest of the suite reads messages in English (conftest sets LANGUAGE=en);
here the real commands run as an editor runs them, with the environment an
editor's machine has, and the catalog is checked against the code.
"""

import os
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

import i18n
from conftest import ROOT, copy_project
from i18n.catalog import catalog_problems, message_problems, read_catalog

LOCALE = ROOT / "locale"
PO = LOCALE / "id" / "LC_MESSAGES" / "messages.po"
MO = LOCALE / "id" / "LC_MESSAGES" / "messages.mo"
# A release whose third byte of the body is no UTF-8: an error at its line.
BROKEN_NAME = "rilis-uji-bahasa.md"
BROKEN_BYTES = b"Title: Rilis Uji\nDate: 2020-03-13 10:00\n\nIsi \xff rusak.\n"
BROKEN_SHOWN = f"content/press-releases/{BROKEN_NAME}:4: "
INDONESIAN = "berkas bukan teks UTF-8 (byte 0xff di posisi"
INDONESIAN_FIX = "simpan sebagai UTF-8 di editor Anda"
ENGLISH = "file is not UTF-8 text (byte 0xff at position"
ENGLISH_FIX = "save it as UTF-8 in your editor"


def editor_env(**changes):
    """Return this process's environment as an editor's: no language chosen."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    env["LANG"] = "C.UTF-8"
    env.update(changes)
    return env


def invoke(root, *args, env):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("bahasa") / "proyek")
    (root / "content" / "press-releases" / BROKEN_NAME).write_bytes(BROKEN_BYTES)
    return root


# --- Which language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "environ", "language"),
    [
        ({}, {}, "id"),
        ({}, {"LANG": "C.UTF-8"}, "id"),
        ({}, {"LANG": "POSIX"}, "id"),
        ({}, {"LANG": "id_ID.UTF-8"}, "id"),
        ({}, {"LANG": "en_US.UTF-8"}, "en"),
        ({}, {"LANG": "en_GB"}, "en"),
        # gettext's order: LANGUAGE (a list), LC_ALL, LC_MESSAGES, LANG.
        ({}, {"LANGUAGE": "fr:en", "LANG": "id_ID.UTF-8"}, "en"),
        ({}, {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({}, {"LC_MESSAGES": "en_US.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        # A language we have no messages in: the next variable, else Indonesian.
        ({}, {"LANGUAGE": "fr_FR", "LANG": "de_DE.UTF-8"}, "id"),
        ({}, {"LANG": "in_ID"}, "id"),
        # The setting wins over the environment, both ways; None follows it.
        ({"MESSAGES_LANGUAGE": "id"}, {"LANG": "en_US.UTF-8"}, "id"),
        ({"MESSAGES_LANGUAGE": "en"}, {"LANG": "id_ID.UTF-8"}, "en"),
        ({"MESSAGES_LANGUAGE": "en_US"}, {}, "en"),
        ({"MESSAGES_LANGUAGE": None}, {"LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_the_setting_then_the_environment(
    settings, environ, language
):
    assert i18n.chosen_language(settings, environ) == language


def test_an_unknown_language_setting_is_a_clear_error():
    with pytest.raises(
        ValueError, match="MESSAGES_LANGUAGE is 'fr'; use one of id, en"
    ):
        i18n.chosen_language({"MESSAGES_LANGUAGE": "fr"}, {})


def test_the_setting_is_documented_and_leaves_the_environment_in_charge():
    from safe_build import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    assert "MESSAGES_LANGUAGE" in settings and settings["MESSAGES_LANGUAGE"] is None
    assert settings["PLUGINS"][0] == "i18n"


# --- The commands an editor runs -----------------------------------------------


def test_invoke_check_speaks_indonesian_by_default(broken_project):
    result = invoke(broken_project, "check", env=editor_env())
    assert result.returncode == 1, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if BROKEN_NAME in line]
    assert len(lines) == 1, result.stdout[-3000:]
    # path:line first, the problem and its fix after it, all in Indonesian.
    assert lines[0].startswith(BROKEN_SHOWN), lines
    assert INDONESIAN in lines[0] and lines[0].endswith(INDONESIAN_FIX), lines
    assert ENGLISH not in result.stdout


def test_invoke_build_speaks_indonesian_by_default(broken_project):
    result = invoke(broken_project, "build", env=editor_env())
    assert result.returncode == 1
    assert "Build gagal; 1 masalah:" in result.stderr, result.stderr[-3000:]
    assert "output/ dibiarkan seperti semula." in result.stderr
    # The summary lists each problem indented under its heading.
    summary = result.stderr.split("Build gagal; 1 masalah:\n", 1)[1]
    problem = summary.splitlines()[0]
    assert problem.startswith(f"  {BROKEN_SHOWN}"), problem
    assert INDONESIAN in problem and INDONESIAN_FIX in problem
    assert "Build failed" not in result.stderr and "Traceback" not in result.stderr


def test_lang_english_gives_english(broken_project):
    result = invoke(broken_project, "check", env=editor_env(LANG="en_US.UTF-8"))
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if BROKEN_NAME in x)
    assert line.startswith(BROKEN_SHOWN) and ENGLISH in line, line
    assert line.endswith(ENGLISH_FIX)


def test_the_setting_gives_english_whatever_lang_says(tmp_path):
    root = copy_project(tmp_path / "proyek")
    (root / "content" / "press-releases" / BROKEN_NAME).write_bytes(BROKEN_BYTES)
    conf = root / "pelicanconf.py"
    text = conf.read_text(encoding="utf-8")
    assert "MESSAGES_LANGUAGE = None\n" in text
    conf.write_text(
        text.replace("MESSAGES_LANGUAGE = None\n", 'MESSAGES_LANGUAGE = "en"\n'),
        encoding="utf-8",
    )
    result = invoke(root, "check", env=editor_env(LANG="id_ID.UTF-8"))
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if BROKEN_NAME in x)
    assert line.startswith(BROKEN_SHOWN) and ENGLISH in line, line
    # `invoke new` builds nothing: it reads the setting too.
    result = invoke(root, "new", "rilis", "--title", "Uji", env=editor_env())
    assert result.returncode == 1
    assert "unknown kind 'rilis'; use one of" in result.stderr


def test_invoke_new_speaks_indonesian_by_default(tmp_path):
    root = copy_project(tmp_path / "proyek")
    result = invoke(root, "new", "rilis", "--title", "Uji", env=editor_env())
    assert result.returncode == 1
    assert "jenis 'rilis' tidak dikenal; pakai salah satu dari " in result.stderr
    assert "release" in result.stderr
    made = invoke(
        root, "new", "release", "--title", "Festival Uji Bahasa", env=editor_env()
    )
    assert made.returncode == 0, made.stderr
    assert "content/press-releases/festival-uji-bahasa.md dibuat; isi kunci header" in (
        made.stdout
    )
    assert "Kunci header opsional untuk jenis ini: " in made.stdout


# --- Messages made in the process ----------------------------------------------


def test_the_problem_page_is_in_the_language_of_the_messages():
    from safe_build.problem_page import problem_page

    problems = ["content/a.md:2: x", "content/b.md:3: y"]
    i18n.activate({"MESSAGES_LANGUAGE": "id"})
    soup = BeautifulSoup(problem_page(problems), "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.title.get_text() == soup.h1.get_text() == "Situs belum bisa dibangun"
    assert "2 masalah menghentikan build terakhir" in soup.main.get_text()
    i18n.activate({"MESSAGES_LANGUAGE": "en"})
    soup = BeautifulSoup(problem_page(problems[:1]), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "The site cannot be built yet"
    assert "1 problem stopped the last build; fix it and save." in soup.get_text()


def test_plural_forms_follow_each_language():
    from content_model import ContentErrors

    i18n.activate({"MESSAGES_LANGUAGE": "en"})
    assert str(ContentErrors(["a:1: x"])).startswith("1 content error:\n")
    assert str(ContentErrors(["a:1: x", "b:2: y"])).startswith("2 content errors:\n")
    # Indonesian has one form: the count says how many.
    i18n.activate({"MESSAGES_LANGUAGE": "id"})
    assert str(ContentErrors(["a:1: x"])).startswith("1 galat konten:\n")
    assert str(ContentErrors(["a:1: x", "b:2: y"])).startswith("2 galat konten:\n")


def test_a_problem_keeps_path_line_and_fix_in_indonesian(tmp_path):
    from content_model.reader import read_model

    content = tmp_path / "content"
    (content / "press-releases").mkdir(parents=True)
    (content / "press-releases" / "tanda-kutip.md").write_text(
        "Title: Kutipan\nDate: 2020-03-13 10:00\n\n"
        "Paragraf pertama.\n\n“Kutipan yang tidak ditutup, kata Wali Kota.\n",
        encoding="utf-8",
    )
    i18n.activate({"MESSAGES_LANGUAGE": "id"})
    from newsroom.plugin import unbalanced_problems

    model = read_model(content)
    header = next(iter(model.headers.values()))
    [(line, message)] = unbalanced_problems(header.body, header.body_line)
    assert line == 6
    assert message.startswith("tanda kutip dibuka di paragraf")
    assert message.endswith('tutup dengan ” (atau ") atau hapus tanda kutipnya')


def test_a_missing_catalog_is_an_error_not_english(tmp_path):
    with pytest.raises(FileNotFoundError, match="i18n-compile"):
        i18n.language.translations("id", tmp_path)


# --- The catalog ----------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog_copy(tmp_path_factory):
    """The i18n tasks run on a copy of locale/: extract, update, compile."""
    folder = tmp_path_factory.mktemp("locale") / "locale"
    shutil.copytree(LOCALE, folder, ignore=shutil.ignore_patterns("*.pot"))
    before = repo_state()
    env = {**os.environ, "LANGUAGE": "en"}
    for task in ("i18n-extract", "i18n-update", "i18n-compile"):
        result = invoke(ROOT, task, "--folder", str(folder), env=env)
        assert result.returncode == 0, (task, result.stdout, result.stderr)
    assert repo_state() == before, "an i18n task wrote inside the repository"
    return folder


def repo_state():
    """Return the git status and the catalog files' bytes of the repository."""
    status = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--ignored"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    files = {p: p.read_bytes() for p in sorted(LOCALE.rglob("*")) if p.is_file()}
    return status, files


def test_every_marked_message_is_translated_with_its_placeholders(catalog_copy):
    template = catalog_copy / "messages.pot"
    assert len(read_catalog(template)) > 100
    assert catalog_problems(template, PO) == []


def test_update_changes_no_translation(catalog_copy):
    def translations(path):
        return {m.id: (m.string, sorted(m.flags)) for m in read_catalog(path) if m.id}

    updated = catalog_copy / "id" / "LC_MESSAGES" / "messages.po"
    assert translations(updated) == translations(PO)
    assert (catalog_copy / "id" / "LC_MESSAGES" / "messages.mo").stat().st_size


def test_the_committed_mo_is_compiled_from_the_committed_po(tmp_path):
    # Builds read the .mo: after an edit of the .po, `invoke i18n-compile`.
    folder = tmp_path / "locale" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy2(PO, folder / "messages.po")
    result = invoke(
        ROOT, "i18n-compile", "--folder", str(tmp_path / "locale"), env={**os.environ}
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "messages.mo").read_bytes() == MO.read_bytes()


def test_the_checks_find_an_untranslated_or_mistyped_message(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template, translated = Catalog(), Catalog(locale="id")
    cases = {
        "{path}: unknown key {key}; did you mean {near}?": "{path}: kunci {key} "
        "tidak dikenal; maksud Anda {near}?",
        "file {path} is missing": "",
        "{path} has no {key}": "{path} tidak memiliki {kunci}",
        "line {line} of {path}": "baris {line}",
        "newsroom: %s held until %s": "newsroom: %s ditahan",
    }
    for english, indonesian in cases.items():
        template.add(english)
        translated.add(english, indonesian)
    template.add("a new message")
    translated.add("an old message", "pesan lama")
    for catalog, name in ((template, "t.pot"), (translated, "t.po")):
        with open(tmp_path / name, "wb") as stream:
            write_po(stream, catalog)
    problems = catalog_problems(tmp_path / "t.pot", tmp_path / "t.po")
    assert len(problems) == 6, problems
    assert any(p.startswith("not translated: 'file {path}") for p in problems)
    assert any("['{kunci}', '{path}'] differ" in p for p in problems)
    assert any(
        "['{line}'] differ from the English ['{line}', '{path}']" in p for p in problems
    )
    assert any("['%s'] differ from the English ['%s', '%s']" in p for p in problems)
    assert any(
        p.startswith("missing (run invoke i18n-update): 'a new") for p in problems
    )
    assert any(p.startswith("no longer in the code") for p in problems)


def test_a_fuzzy_translation_is_not_a_translation():
    from babel.messages.catalog import Message

    message = Message("{count} days", "{count} hari", flags=["fuzzy"])
    assert message_problems(message) == [
        "fuzzy (check it, then remove the flag): '{count} days'"
    ]


def test_compile_refuses_an_incomplete_catalog(tmp_path):
    folder = tmp_path / "locale"
    shutil.copytree(LOCALE, folder, ignore=shutil.ignore_patterns("*.pot", "*.mo"))
    po = folder / "id" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    planted = text.replace('msgstr "output/ dibiarkan seperti semula."', 'msgstr ""', 1)
    assert planted != text
    po.write_text(planted, encoding="utf-8")
    result = invoke(ROOT, "i18n-compile", "--folder", str(folder), env={**os.environ})
    assert result.returncode == 1
    assert "not translated: 'output/ was left as it was.'" in result.stderr
    assert not (folder / "id" / "LC_MESSAGES" / "messages.mo").exists()


def test_catalogs_are_found_from_any_working_folder():
    assert i18n.LOCALE_DIR == LOCALE
    assert i18n.language.translations("id").gettext("the text") == "teks naskah"
