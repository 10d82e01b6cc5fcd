"""Incremental builds: each kind of edit, and every fallback to a full build.

A small site (the repository's content and theme, copied) is built with the
content caches on; after an edit it is built again, incrementally, and
compared byte for byte, file by file, with a clean build of the same files
into another folder (no cache, no state). The property test
(test_incremental_property.py) drives the same `Site` with random edits.
"""

import contextlib
import datetime as dt
import json
import logging
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest

import newsroom.plugin
from conftest import ROOT, SITEURL
from content_model.dates import WITA
from incremental.plugin import STATE_DIR, state_path
from newsroom.embargo import now_wita
from safe_build import build_site, stamps

RELEASES = "press-releases"
START = dt.datetime(2020, 3, 16, 10, 0, tzinfo=WITA)
LIFT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=WITA)
TEMPLATE = "partials/footer.html"
# The plugin's summary line (the tests read messages in English).
REPORT = re.compile(
    r"incremental: (?P<rendered>\d+) pages rendered, (?P<kept>\d+) kept "
    r"from (?P<output>.*)$"
)


def release_text(title, day, tags=("Smart City",), agency="diskominfo", body=None):
    """Return the Markdown of a release dated 2020-03-`day`."""
    lines = [f"Title: {title}", f"Date: 2020-03-{day:02d} 09:00", "Category: Berita"]
    if tags:
        lines.append("Tags: " + ", ".join(tags))
    if agency:
        lines.append(f"OPD: {agency}")
    # Longer than the summary, so an added sentence changes only the page.
    filler = " ".join(["Warga mengikuti rangkaian acara festival."] * 10)
    text = body or f"Rilis tentang {title.lower()} untuk warga Kota Bontang. {filler}"
    return "\n".join(lines) + "\n\n" + text + "\n"


def set_header(text, name, value):
    """Return Markdown `text` with header `name` set to `value` (None: removed)."""
    head, _, body = text.partition("\n\n")
    lines = [line for line in head.split("\n") if not line.startswith(f"{name}:")]
    if value is not None:
        lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n\n" + body


class Site:
    """A site in `root` built incrementally, and checked against a clean build."""

    def __init__(self, root):
        self.root = Path(root)
        self.content = self.root / "content"
        self.theme = self.root / "theme"
        shutil.copytree(ROOT / "content", self.content)
        shutil.copytree(ROOT / "theme", self.theme)
        self.output = self.root / "site" / "output"
        self.cache = self.root / "site" / "cache"
        self.clean_output = self.root / "clean" / "output"
        self.clock = START
        self.settings = {}

    # --- edits -------------------------------------------------------------

    def releases(self):
        return sorted(p.name for p in (self.content / RELEASES).glob("*.md"))

    def added(self):
        """Return the releases added by the test (nothing links to them)."""
        original = {p.name for p in (ROOT / "content" / RELEASES).glob("*.md")}
        return [name for name in self.releases() if name not in original]

    def release(self, name):
        return self.content / RELEASES / name

    def write(self, name, text):
        self.release(name).write_text(text, encoding="utf-8")

    def edit(self, name, header, value):
        path = self.release(name)
        path.write_text(set_header(path.read_text("utf-8"), header, value), "utf-8")

    def edit_body(self, name, sentence):
        path = self.release(name)
        path.write_text(path.read_text("utf-8") + f"\n{sentence}\n", "utf-8")

    def edit_template(self, name, comment):
        path = self.theme / "templates" / name
        path.write_text(path.read_text("utf-8") + f"<!-- {comment} -->\n", "utf-8")

    # --- builds ------------------------------------------------------------

    @contextlib.contextmanager
    def at_clock(self):
        clock = self.clock
        with (
            mock.patch.object(stamps, "utc_now", lambda: clock.astimezone(dt.UTC)),
            mock.patch.object(
                newsroom.plugin,
                "now_wita",
                lambda setting=None: now_wita(setting) if setting else clock,
            ),
        ):
            yield

    def overrides(self, output, cache, caching):
        return {
            "PATH": str(self.content),
            "THEME": str(self.theme),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(cache),
            "CACHE_CONTENT": caching,
            "LOAD_CONTENT_CACHE": caching,
            "IMAGES_CACHE": False,
            "SITEURL": SITEURL,
            **self.settings,
        }

    def build(self, force=False):
        """Build incrementally, with every cache on; return the BuildReport."""
        with self.at_clock():
            return build_site(
                ROOT / "pelicanconf.py",
                self.overrides(self.output, self.cache, True),
                force=force,
            )

    def clean_build(self):
        """Build everything into another folder, without cache or state."""
        shutil.rmtree(self.clean_output.parent, ignore_errors=True)
        with self.at_clock():
            build_site(
                ROOT / "pelicanconf.py",
                self.overrides(
                    self.clean_output, self.clean_output.parent / "c", False
                ),
                force=True,
            )

    def differences(self):
        """Return what differs between the incremental and a clean build."""
        self.clean_build()
        ours, clean = files_of(self.output), files_of(self.clean_output)
        found = [
            f"only in one build: {name}" for name in sorted(set(ours) ^ set(clean))
        ]
        for name in sorted(set(ours) & set(clean)):
            if (self.output / name).read_bytes() != (
                self.clean_output / name
            ).read_bytes():
                found.append(f"differs: {name}")
        return found

    def state_file(self):
        return state_path(self.cache, self.output)


def files_of(output):
    return sorted(
        p.relative_to(output).as_posix() for p in Path(output).rglob("*") if p.is_file()
    )


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    site.build()
    return site


@pytest.fixture
def counts(caplog):
    """Return a function giving (rendered, kept) pages of the last build."""
    caplog.set_level(logging.INFO, logger="incremental")

    def last():
        found = [
            match
            for r in caplog.records
            if r.name.startswith("incremental")
            and (match := REPORT.match(r.getMessage()))
            and match["output"].endswith("/site/output")
        ]
        assert found, "the incremental plugin reported nothing"
        return int(found[-1]["rendered"]), int(found[-1]["kept"])

    return last


def rebuilt(site):
    site.build()
    assert site.differences() == []


# --- each kind of edit, compared with a clean build ---------------------------


def test_added_renamed_deleted_release_as_a_clean_build_would(site):
    site.write("rilis-lama.md", release_text("Rilis berganti nama", 14))
    rebuilt(site)
    site.release("rilis-lama.md").rename(site.release("rilis-nama-baru.md"))
    rebuilt(site)
    site.release("rilis-nama-baru.md").unlink()
    rebuilt(site)


def test_edited_headers_reach_every_page_that_shows_them(site):
    site.write("rilis-ubah.md", release_text("Rilis yang diubah", 15))
    rebuilt(site)
    for header, value in [
        ("Title", "Judul yang diubah redaksi"),
        ("Date", "2020-03-11 07:30"),
        ("Tags", "Relawan TIK, Wifi Publik"),
        ("OPD", None),
    ]:
        site.edit("rilis-ubah.md", header, value)
        rebuilt(site)


def test_edited_body_renders_only_the_pages_that_show_it(site, counts):
    site.edit_template(TEMPLATE, "a change every page shows")
    site.build()
    total, _ = counts()
    site.edit_template("remarks.html", "only the remarks page shows this")
    rebuilt(site)
    rendered, kept = counts()
    # One remarks page in the repository's content: only it is rendered.
    assert (rendered, kept) == (1, total - 1)
    site.edit_body(site.releases()[0], "Paragraf tambahan dari redaksi.")
    rebuilt(site)


def test_template_change_reaches_every_page_that_uses_it(site, counts):
    site.edit_template(TEMPLATE, "footer changed")
    rebuilt(site)
    rendered, kept = counts()
    assert rendered > 0
    assert kept == 0


def test_embargo_on_then_off_then_lifted_by_the_clock(site):
    # A release nothing links to (a link to a held item is an error).
    name = "rilis-embargo.md"
    site.write(name, release_text("Rilis dengan embargo", 15))
    site.edit(name, "Embargo", LIFT.strftime("%Y-%m-%d %H:%M"))
    rebuilt(site)
    site.edit(name, "Embargo", None)
    rebuilt(site)
    site.edit(name, "Embargo", LIFT.strftime("%Y-%m-%d %H:%M"))
    rebuilt(site)
    site.clock = LIFT + dt.timedelta(hours=1)
    rebuilt(site)


def test_changed_settings_reach_every_page(site):
    for name, value in [("HOME_LATEST", 1), ("DEFAULT_PAGINATION", 1)]:
        site.settings[name] = value
        rebuilt(site)


def test_body_edit_renders_only_the_release_page(site, counts):
    # A body longer than the summary (SUMMARY_MAX_LENGTH words).
    long_body = " ".join(["Warga Bontang mengikuti festival kota pintar."] * 12)
    site.write("rilis-isi.md", release_text("Rilis panjang", 15, body=long_body))
    site.build()
    rendered, kept = counts()
    total = rendered + kept
    # A sentence after the summary: every listing shows the same, so only
    # the release's own page reads what changed (forked render copies
    # recorded the other pages' reads too, or they would be rendered).
    site.edit_body("rilis-isi.md", "Satu kalimat baru di akhir rilis.")
    rebuilt(site)
    assert counts() == (1, total - 1)


# --- fallbacks: a full build, never a wrong site -------------------------------


def everything_rendered(site, counts):
    site.edit_body(site.releases()[0], "Sebuah perubahan kecil.")
    site.build()
    _, kept = counts()
    assert kept == 0
    assert site.differences() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "\0garbage" + text,
        lambda text: "",
        lambda text: json.dumps({"version": 1, "global": "x", "pages": {}}),
        lambda text: json.dumps(
            {
                **json.loads(text),
                "pages": {k: v[:4] for k, v in json.loads(text)["pages"].items()},
            }
        ),
    ],
    ids=["truncated", "garbled", "empty", "other-global-key", "wrong-entry"],
)
def test_damaged_state_gives_a_full_build(site, counts, damage):
    path = site.state_file()
    path.write_text(damage(path.read_text("utf-8")), "utf-8")
    everything_rendered(site, counts)


def test_missing_state_gives_a_full_build(site, counts):
    shutil.rmtree(site.cache / STATE_DIR)
    everything_rendered(site, counts)


def test_other_pelican_version_gives_a_full_build(site, counts):
    with mock.patch("incremental.plugin.pelican_version", "4.99.0"):
        everything_rendered(site, counts)


def test_deleted_or_changed_output_file_is_rendered_again(site, counts):
    (site.output / "index.html").unlink()
    agenda = site.output / "agenda" / "index.html"
    agenda.write_text(agenda.read_text("utf-8").replace("<", "&lt;", 1), "utf-8")
    site.edit_body(site.releases()[0], "Ada kalimat baru.")
    site.build()
    assert site.differences() == []


def test_failed_build_keeps_the_output_and_state_true(site, counts):
    before = site.state_file().read_bytes()
    site.write("rusak.md", "Title: Tanpa tanggal\n\nIsi.\n")
    with pytest.raises(Exception, match="rusak.md"):
        site.build()
    assert site.state_file().read_bytes() == before
    site.release("rusak.md").unlink()
    rebuilt(site)


def test_kept_pages_are_links_to_the_previous_output(site, counts):
    site.edit_body(site.releases()[0], "Kalimat baru.")
    before = {
        name: (site.output / name).stat().st_ino for name in files_of(site.output)
    }
    site.build()
    _, kept = counts()
    same = [
        name
        for name in files_of(site.output)
        if name.endswith(".html")
        and before.get(name) == (site.output / name).stat().st_ino
    ]
    assert kept > 0
    assert len(same) == kept
    assert site.differences() == []


def test_rebuild_then_build_is_skipped(site):
    site.build(force=True)
    assert site.build().skipped
