"""The content checks read the kind registry: a rule follows a Field's declaration.

Each test declares a kind that is not in the registry (a stand-in built with
`dataclasses.replace`) and shows that the rule applies to it through its
fields alone, with no list of keys or kinds in the checks.
"""

import ast
import dataclasses
from pathlib import Path

from content_model.frontmatter import parse_header
from content_model.kinds import BY_FOLDER, BY_NAME, KIND_LIST, TITLE, Field
from content_model.validate import (
    check_collisions,
    check_header,
    check_references,
)

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
DATE = BY_NAME["release"].field("date")


def notice(*fields, **changes):
    """Return a stand-in kind "notice" with `fields` (after Title and Date)."""
    return dataclasses.replace(
        BY_NAME["page"], name="notice", fields=(TITLE, DATE, *fields), **changes
    )


def messages(kind, text):
    header = parse_header(text, "notices/x.md")
    return [p.message for p in check_header(kind, header, "x.md")]


def test_a_url_field_is_checked_as_an_address():
    kind = notice(Field("homepage", "Beranda", format="url"))
    found = messages(kind, "Title: A\nDate: 2020-03-13\nHomepage: javascript:x\n")
    assert found == [
        "Homepage is a 'javascript:' address that would run a script when "
        "clicked; give the https:// address of the site"
    ]


def test_an_email_field_is_checked_as_an_address():
    kind = notice(Field("contact", "Kontak", format="email"))
    found = messages(kind, "Title: A\nDate: 2020-03-13\nContact: nobody\n")
    assert found == [
        "Contact 'nobody' is not an e-mail address; write it as name@bontangkota.go.id"
    ]


def test_a_datetime_field_may_not_precede_the_one_it_names():
    deadline = Field("deadline", "Tenggat", type="datetime", not_before="date")
    found = messages(
        notice(deadline), "Title: A\nDate: 2020-03-13 08:00\nDeadline: 2020-03-12\n"
    )
    assert found == [
        "Deadline is before Date (2020-03-12 < 2020-03-13 08:00); set it on or "
        "after Date"
    ]
    # A whole day ends after the time of Date on that day.
    whole = dataclasses.replace(deadline, whole_day=True, order_fix="move it")
    text = "Title: A\nDate: 2020-03-13 08:00\nDeadline: 2020-03-13\n"
    assert messages(notice(whole), text) == []
    text = "Title: A\nDate: 2020-03-13 08:00\nDeadline: 2020-03-12\n"
    assert messages(notice(whole), text)[0].endswith("; move it")


def test_a_name_field_must_give_an_address():
    kind = notice(Field("topics", "Topik", type="list", format="name"))
    found = messages(kind, "Title: A\nDate: 2020-03-13\nTopics: Pasar, ???\n")
    assert found == [
        "Topic '???' has no letter or digit to build its address from; add a "
        "word to it (e.g. 'Perayaan ???')"
    ]


def test_one_author_is_one_name_as_pelican_reads_it():
    # Pelican makes one Author of the whole `Author` value (only `Authors` is
    # a list), so ";" is a name with no address, not an empty list.
    found = messages(BY_NAME["release"], "Title: A\nDate: 2020-03-13\nAuthor: ;\n")
    assert found == [
        "Author ';' has no letter or digit to build its address from; add a "
        "word to it (e.g. 'Perayaan ;')"
    ]


def test_a_relation_field_must_name_an_item(monkeypatch):
    kind = notice(
        Field("host", "Tuan rumah", type="relation", target="agency"),
        folder="notices",
    )
    monkeypatch.setitem(BY_FOLDER, "notices", kind)
    header = parse_header("Title: A\nDate: 2020-03-13\nHost: dinas-x\n")
    found = check_references([("notices", "x.md", header)], {"agencies": {}})
    assert [p.message for p in found] == [
        "Host 'dinas-x' names no file in content/agencies/; add "
        "content/agencies/dinas-x.md or use one of (none yet)"
    ]


def test_a_top_level_kind_may_not_take_a_reserved_segment(monkeypatch):
    kind = notice(folder="notices", url="{slug}/")
    monkeypatch.setitem(BY_FOLDER, "notices", kind)
    header = parse_header("Title: A\n")
    found = check_collisions([("notices", "cari", "x.md", header)])
    assert [p.message for p in found][0].startswith(
        "notice slug 'cari' would be published at /cari/"
    )


def test_the_checks_name_no_kind():
    """Per-kind rules come from kinds.py: no check spells a kind or its folder."""
    names = {n for k in KIND_LIST for n in (k.name, k.folder, *k.aliases)}
    sources = sorted((PLUGINS / "content_model" / "validate").glob("*.py"))
    sources.append(PLUGINS / "content_model" / "corrections.py")
    spelt = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                spelt.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert spelt == []
