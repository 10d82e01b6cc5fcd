"""The editors' guide (docs/panduan-penulis.md) says what the code accepts.

Its key tables are checked against the kind registry, every `invoke …`
command it shows against the tasks, and the whole path it describes (create
a release with `invoke new`, fill in its header, check, preview, then
`invoke publish --when-due` around its embargo on a simulated clock) is run
in a copy of the project, as an editor would run it. The same path through
the web editor at /admin/ is tests/test_cms.py
(`test_create_a_release_in_the_editor_and_build_it`).
"""

import configparser
import datetime as dt
import json
import re
import shlex
import shutil
import subprocess
import sys

import feedparser
import pytest
from lxml import etree

from cms.config import header_key
from conftest import FIXTURES, ROOT, every_byte, free_port, soup_of
from content_model.credits import licence_of
from content_model.dates import WITA, iso, parse_date
from content_model.frontmatter import parse_header
from content_model.kinds import BY_FOLDER, COMMON_OPTIONAL, KIND_LIST, kind_of
from content_model.model import FALSE_WORDS, TRUE_WORDS
from safe_build import load_settings
from test_cli import has_flag
from test_publishing import (  # noqa: F401 - project is a fixture
    git,
    invoke_publish,
    load_tasks,
    project,
)

GUIDE = ROOT / "docs" / "panduan-penulis.md"
# Fenced blocks, also indented ones inside list items.
FENCE = re.compile(r"^[ ]*```([^\n]*)\n(.*?)^[ ]*```", re.DOTALL | re.MULTILINE)
KIND_HEADING = re.compile(r"^### .*\(`content/(?P<folder>[a-z-]+)/`\)\s*$")
# | `Key` | wajib | the web editor's label | what it holds |
ROW = re.compile(
    r"^\|\s*`(?P<key>[^`]+)`\s*\|(?P<required>[^|]*)\|(?P<label>[^|]*)\|"
    r"(?P<text>.*)\|\s*$"
)
KEY_SPAN = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_]*):(?:\s|$)")
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*):\s")
ENV_WORD = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
# `Word:` spans of the guide that are no key, on purpose: the header syntax,
# a key in lower case (case does not matter), a misspelling not to write,
# and the credit prefix of a photo title.
NOT_KEYS = {"Kunci", "title", "Tittle", "Foto"}


def guide_text():
    return GUIDE.read_text(encoding="utf-8")


def code_spans(text):
    """Return the inline code spans of `text` (outside fenced blocks)."""
    prose = FENCE.sub("", text)
    return [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose)]


def fenced_blocks(text):
    """Return (info, body) of every fenced code block."""
    return [(info.strip(), body) for info, body in FENCE.findall(text)]


def kind_sections(text):
    """Return {folder: the lines of its section} for each kind's section."""
    sections = {}
    current = None
    for line in text.splitlines():
        if line.startswith("#"):
            match = KIND_HEADING.match(line)
            current = match["folder"] if match else None
            if current:
                sections[current] = []
            continue
        if current:
            sections[current].append(line)
    return sections


def key_table(lines):
    """Return {key: (its "Wajib?" cell, its label, its text)} of a section's table."""
    rows = {}
    for line in lines:
        if not line.startswith("| `"):
            continue
        match = ROW.match(line)
        assert match, f"not a key row: {line}"
        rows[match["key"]] = tuple(
            match[name].strip() for name in ("required", "label", "text")
        )
    return rows


def known_keys(kind):
    return {*kind.keys, *COMMON_OPTIONAL}


# --- key tables -------------------------------------------------------------------


def test_the_guide_has_a_key_table_for_every_kind():
    sections = kind_sections(guide_text())
    assert set(sections) == set(BY_FOLDER)
    assert all(key_table(lines) for lines in sections.values())


@pytest.mark.parametrize("kind", KIND_LIST, ids=lambda kind: kind.name)
def test_a_kind_table_has_every_required_key_and_only_real_ones(kind):
    table = key_table(kind_sections(guide_text())[kind.folder])
    missing = [header_key(n) for n in kind.required if header_key(n) not in table]
    assert missing == [], f"{kind.name}: required keys not in the guide"
    unknown = [key for key in table if key.lower() not in known_keys(kind)]
    assert unknown == [], f"{kind.name}: the guide names keys that do not exist"
    # Spelled as `invoke new` and the web editor write them.
    assert [key for key in table if key != header_key(key.lower())] == []
    marked = {key for key, (required, *_) in table.items() if required == "wajib"}
    assert marked == {header_key(name) for name in kind.required}
    assert {required for required, *_ in table.values()} <= {"wajib", ""}
    # The label of the web editor's field for the key (cms.config reads it
    # from the registry too).
    labels = {key: label for key, (_, label, _) in table.items()}
    assert labels == {key: kind.field(key.lower()).label for key in table}


@pytest.mark.parametrize("kind", KIND_LIST, ids=lambda kind: kind.name)
def test_a_kind_table_names_every_choice_of_its_keys(kind):
    table = key_table(kind_sections(guide_text())[kind.folder])
    for field in kind.fields:
        if field.choices and header_key(field.name) in table:
            text = table[header_key(field.name)][2]
            shown = set(re.findall(r"`([^`]+)`", text))
            assert shown == {value for value, _ in field.choices}, field.name


def test_every_header_line_in_the_examples_is_a_real_key():
    sections = kind_sections(guide_text())
    everywhere = {name for kind in KIND_LIST for name in known_keys(kind)}
    wrong = []
    for info, body in fenced_blocks(guide_text()):
        if info != "markdown":
            continue
        for line in body.split("\n\n", 1)[0].splitlines():
            match = HEADER_LINE.match(line)
            if match and match["key"].lower() not in everywhere:
                wrong.append(line)
            elif match and match["key"] != header_key(match["key"].lower()):
                wrong.append(line)
    # A key written in a kind's own section is a key of that kind.
    for folder, lines in sections.items():
        kind = BY_FOLDER[folder]
        for span in code_spans("\n".join(lines)):
            match = KEY_SPAN.match(span)
            if match and match["key"].lower() not in known_keys(kind):
                wrong.append(f"{folder}: {span}")
    assert wrong == []


def test_every_key_written_in_the_prose_exists():
    everywhere = {name for kind in KIND_LIST for name in known_keys(kind)}
    spans = [KEY_SPAN.match(span) for span in code_spans(guide_text())]
    written = {match["key"] for match in spans if match}
    assert {"Title", "OPD", "Advertorial", "Embargo"} <= written
    unknown = {
        key
        for key in written - NOT_KEYS
        if key.lower() not in everywhere or key != header_key(key.lower())
    }
    assert unknown == set()


def test_the_advertorial_words_and_licences_are_the_accepted_ones():
    text = guide_text()
    section = text.split("## Advertorial", 1)[1].split("\n## ", 1)[0]
    shown = set(code_spans(section))
    assert {*TRUE_WORDS, *FALSE_WORDS} <= shown
    images = text.split("## Gambar", 1)[1].split("\n## ", 1)[0]
    listed = images.split("Lisensi yang diterima:", 1)[1].split("Lisensi dengan", 1)[0]
    names = code_spans(listed)
    assert len(names) >= 9
    assert [name for name in names if licence_of(name) is None] == []


# --- commands ---------------------------------------------------------------------


def guide_commands():
    """Return (environment, words) of every `invoke …` command of the guide.

    Taken from inline code spans (also those broken over two lines) and from
    every line of the fenced shell blocks, as the README's commands are in
    tests/test_cli.py; `VAR=value` words before the command are its
    environment.
    """
    text = guide_text()
    lines = code_spans(text)
    for info, body in fenced_blocks(text):
        if info == "sh":
            lines += [line.split(" #", 1)[0].strip() for line in body.splitlines()]
    commands = []
    for line in lines:
        words = shlex.split(line.replace("[", " ").replace("]", " "))
        environment = {}
        while words and ENV_WORD.match(words[0]):
            match = ENV_WORD.match(words.pop(0))
            environment[match["name"]] = match["value"]
        if words[:1] == [".venv/bin/invoke"]:
            words[0] = "invoke"
        if words[:1] == ["invoke"]:
            commands.append((environment, words))
    return commands


def task_parser():
    from invoke import Collection
    from invoke.parser import Parser

    collection = Collection.from_module(load_tasks())
    return collection, Parser(contexts=collection.to_contexts())


def test_the_guide_shows_the_editors_commands():
    shown = {" ".join(words[:3]) for _, words in guide_commands()}
    for command in (
        "invoke new release",
        "invoke cms",
        "invoke livereload",
        "invoke preview",
        "invoke check",
        "invoke check --strict",
        "invoke publish",
        "invoke publish --dry-run",
        "invoke publish --when-due",
    ):
        assert command in shown


def test_every_command_the_guide_shows_is_accepted_by_the_tasks():
    from invoke.parser import ParseError

    collection, parser = task_parser()
    core = subprocess.run(
        [sys.executable, "-m", "invoke", "-h"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert core.returncode == 0, core.stderr
    refused = []
    for _, words in guide_commands():
        command = shlex.join(words)
        if len(words) == 1:  # `invoke` itself
            continue
        if words[1].startswith("-"):
            # invoke's own options (`invoke --list`, `invoke --help new`).
            flags = [w for w in words[1:] if w.startswith("-")]
            names = [w for w in words[1:] if not w.startswith("-")]
            if not all(has_flag(flag, core.stdout) for flag in flags):
                refused.append((command, "unknown option"))
            if any(name not in collection.task_names for name in names):
                refused.append((command, "unknown task"))
            continue
        if len(words) == 2 or {"-h", "--help"} & set(words):
            # A task named in the prose (`invoke new`), or its help: it must
            # exist (every task takes --help).
            if words[1] not in collection.task_names:
                refused.append((command, "unknown task"))
            continue
        try:
            (parsed,) = parser.parse_argv(words[1:])
        except (ParseError, ValueError) as error:
            refused.append((command, str(error)))
            continue
        if parsed.missing_positional_args:
            refused.append((command, "a positional argument is missing"))
        if parsed.name == "new" and kind_of(parsed.args["kind"].value) is None:
            refused.append((command, "no such kind"))
    assert refused == []


def test_the_environment_the_guide_sets_is_read_by_the_live_settings(monkeypatch):
    settings_file = ROOT / "publishconf.py"
    set_here = [env for env, _ in guide_commands() if env]
    assert set_here
    for environment in set_here:
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
            assert load_settings(settings_file)[name] == value, name
            if name == "NEWSROOM_NOW":
                assert parse_date(value)[1], "a time of day, in WITA"


# --- the whole path ---------------------------------------------------------------

TOKEN = "Zqxjalanwarga"
TITLE = f"Festival {TOKEN} Membuka Jalan bagi Warga"
SLUG = "festival-zqxjalanwarga-membuka-jalan-bagi-warga"
LIFT = dt.datetime(2020, 3, 20, 10, 0, tzinfo=WITA)
PAGE = f"berita/2020/03/{SLUG}/index.html"
QUOTE = "“Festival ini membuka jalan bagi warga,” ujar Dasuki."
ALT = "Deretan stan berwarna di halaman Pendopo"
PNG = FIXTURES / "content" / "images" / "feeds-stan.png"


def timer_period():
    """Return the period of the shipped systemd timer (`OnCalendar=*:0/N`)."""
    timer = configparser.ConfigParser()
    timer.read(ROOT / "deploy" / "systemd" / "bontang-newsroom-publish.timer")
    minutes = re.fullmatch(r"\*:0/(\d+)", timer["Timer"]["OnCalendar"])
    return dt.timedelta(minutes=int(minutes[1]))


def clock(moment):
    return moment.strftime("%Y-%m-%d %H:%M")


def run_invoke(project, *args, **env):  # noqa: F811 - the fixture's value
    root, base_env, _ = project
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        env={**base_env, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def fill_in(path):
    """Fill in the header `invoke new` wrote, as the guide's example does."""
    lines = path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    header = [line for line in lines if not line.startswith("Date:")]
    header += [
        # A past date: the publish clock may not run ahead of the real one.
        "Date: 2020-03-19 09:00",
        "Summary: Festival dibuka untuk warga Bontang.",
        "OPD: diskominfo",
        f"Image: images/stan-{TOKEN.lower()}.png",
        f"Image_Alt: {ALT}",
        f"Embargo: {clock(LIFT)}",
    ]
    body = f"{QUOTE}\n\nFestival {TOKEN} berlangsung tiga hari.\n"
    path.write_text("\n".join(header) + "\n\n" + body, encoding="utf-8")


def shows_the_release(output):
    """Return the output files that name the release (its token), if any."""
    needle = TOKEN.lower().encode()
    return sorted({name for name, data in every_byte(output) if needle in data.lower()})


def feed_titles(output):
    titles = set()
    for name in ("rss.xml", "atom.xml"):
        titles |= {e.title for e in feedparser.parse(output / "feeds" / name).entries}
    feed = json.loads((output / "feeds" / "feed.json").read_text(encoding="utf-8"))
    return titles | {item["title"] for item in feed["items"]}


def sitemap_urls(output):
    tree = etree.parse(str(output / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in tree.iterfind(".//s:loc", ns)}


def test_an_editors_release_from_invoke_new_to_its_embargo_lift(project):  # noqa: F811
    root, _, log = project
    output = root / "output"
    period = timer_period()

    # 1. invoke new release --title "…" writes the file with today's header.
    created = run_invoke(project, "new", "release", "--title", TITLE)
    assert created.returncode == 0, created.stderr
    path = root / "content" / "press-releases" / f"{SLUG}.md"
    scaffold = parse_header(path.read_text(encoding="utf-8"), str(path))
    assert scaffold.get("title") == TITLE
    assert scaffold.get("id", "").endswith(SLUG)

    # 2. The editor fills in the header: agency, quote, lead image, embargo.
    images = root / "content" / "images"
    images.mkdir(exist_ok=True)
    shutil.copy(PNG, images / f"stan-{TOKEN.lower()}.png")
    fill_in(path)

    # 3. invoke check --strict is clean.
    checked = run_invoke(project, "check", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{SLUG}.md" not in checked.stdout

    # 4. invoke preview before the lift: the live site at the local address,
    # without the release; the terminal names it and when its embargo lifts.
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    before = clock(LIFT - dt.timedelta(hours=1))
    preview = ("preview", "--no-serve", "--port", str(port))
    held = run_invoke(project, *preview, NEWSROOM_NOW=before)
    assert held.returncode == 0, held.stderr[-3000:]
    assert (
        soup_of(output / "index.html")
        .find("link", rel="stylesheet")["href"]
        .startswith(f"{siteurl}/")
    )
    assert shows_the_release(output) == []
    notes = [line for line in held.stderr.splitlines() if f"{SLUG}.md" in line]
    assert notes and all(iso(LIFT) in line for line in notes), held.stderr[-3000:]

    # ... and with the preview clock after the lift, as it will go live.
    lifted = run_invoke(project, *preview, NEWSROOM_NOW=clock(LIFT + period))
    assert lifted.returncode == 0, lifted.stderr[-3000:]
    page = soup_of(output / PAGE)
    assert page.find("h1").get_text(strip=True) == TITLE
    assert page.find("link", rel="stylesheet")["href"].startswith(f"{siteurl}/")

    # 5. Committed, then the timer's `invoke publish --when-due`, every period.
    git(root, "add", "content/")
    git(root, "commit", "-q", "-m", "Siaran pers: festival dibuka")
    ticks = [LIFT - period - dt.timedelta(minutes=2)]
    ticks += [ticks[0] + period, ticks[0] + 2 * period]
    assert ticks[1] < LIFT <= ticks[2] < LIFT + period

    # The first run publishes the site, without the release anywhere.
    published = invoke_publish(project, "--when-due", NEWSROOM_NOW=clock(ticks[0]))
    assert published.returncode == 0, published.stderr[-3000:]
    deployed = json.loads(log.read_text())["files"]
    assert "index.html" in deployed and PAGE not in deployed
    assert shows_the_release(output) == []
    assert TITLE not in feed_titles(output)
    live_url = f"https://smartfestival.example.org/{PAGE.removesuffix('index.html')}"
    assert live_url not in sitemap_urls(output)
    assert iso(LIFT) in published.stdout

    # Before the lift nothing is due: nothing built, nothing deployed.
    log.unlink()
    early = invoke_publish(project, "--when-due", NEWSROOM_NOW=clock(ticks[1]))
    assert early.returncode == 0, early.stderr[-3000:]
    assert not log.exists()
    assert iso(LIFT) in early.stdout

    # The first tick after the lift publishes it: page, lists, feeds, search.
    on_time = invoke_publish(project, "--when-due", NEWSROOM_NOW=clock(ticks[2]))
    assert on_time.returncode == 0, on_time.stderr[-3000:]
    assert log.exists(), "nothing was deployed after the lift"
    assert PAGE in json.loads(log.read_text())["files"]
    page = soup_of(output / PAGE)
    assert page.find("h1").get_text(strip=True) == TITLE
    assert page.find("img", alt=ALT)
    (quote,) = page.select(".bsf-quotes .bsf-quote")
    assert quote.blockquote.get_text(strip=True).startswith("Festival ini membuka")
    assert quote.cite.get_text(strip=True) == "Dasuki"
    home = soup_of(output / "index.html")
    assert any(a.get("href") == live_url for a in home.find_all("a"))
    assert TITLE in feed_titles(output)
    assert live_url in sitemap_urls(output)
    assert any(name.startswith("pagefind/") for name in shows_the_release(output))
