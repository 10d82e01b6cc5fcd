"""Property: after any sequence of edits, the incremental build is a clean build.

A Hypothesis state machine edits a small site (the repository's content and
theme, copied): adds, deletes and renames releases, edits a body, a title, a
date, tags or the agency, turns an embargo on or off, moves the clock past
the lift, changes a template or a setting. After every step the site is
built incrementally (content caches on, the previous output's pages kept
where their inputs did not change) and compared, every file byte for byte,
with a clean build of the same content into another folder.

Profiles (`HYPOTHESIS_PROFILE`): "short" (the default, what CI runs: about
a minute and a half) and "long" (locally, some ten minutes):

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_incremental_property.py
"""

import datetime as dt
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from test_incremental import LIFT, Site, release_text

PROFILES = {
    "short": {"max_examples": 2, "stateful_step_count": 4},
    "long": {"max_examples": 25, "stateful_step_count": 12},
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "short")]
TITLES = ("Festival dibuka wali kota", "Relawan TIK dikukuhkan", "Lomba aplikasi")
SENTENCES = ("Redaksi menambahkan keterangan.", "Acara berlangsung meriah.")
TAGS = (("Smart City",), ("Relawan TIK", "Command Center"), ())
TEMPLATES = ("partials/footer.html", "remarks.html", "press_release.html")
SETTINGS = (("HOME_LATEST", 2), ("DEFAULT_PAGINATION", 1), ("HOME_LATEST", 6))
HEADERS = ("Title", "Date", "Tags", "OPD")
CONTENT_KINDS = ("add", "body", *HEADERS, "embargo", "rename", "delete", "clock")
CHOICE = st.integers(min_value=0, max_value=2)
INDEX = st.integers(min_value=0, max_value=99)


class IncrementalSite(RuleBasedStateMachine):
    """Random edits; after each, the incremental build equals a clean one."""

    @initialize()
    def start(self):
        self.folder = tempfile.mkdtemp(prefix="incremental-")
        self.site = Site(self.folder)
        self.edits = 0
        self.check()

    def teardown(self):
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder, ignore_errors=True)

    def check(self):
        self.site.build()
        assert self.site.differences() == []

    # --- one edit of each kind; `several` applies a few at once -------------

    def apply(self, kind, choice, index):
        """Apply one edit; `choice` (0-2) and `index` pick what it changes.

        Every edit changes something (a counter goes into each new value):
        Hypothesis favours small numbers, which would repeat values.
        """
        site = self.site
        self.edits += 1
        count = self.edits
        releases, added = site.releases(), site.added()
        if kind == "add":
            text = release_text(
                f"{TITLES[choice]} {count}", 10 + count % 6, TAGS[choice]
            )
            site.write(f"rilis-{count}.md", text)
        elif kind in ("delete", "rename", "embargo") and not added:
            # Only a release the test added may go or be held: the
            # repository's remarks link to its release, and a link to a held
            # or missing item is an error.
            return
        elif kind == "delete":
            site.release(added[index % len(added)]).unlink()
        elif kind == "rename":
            name = added[index % len(added)]
            site.release(name).rename(site.release(f"nama-{count}.md"))
        elif kind == "embargo":
            name = added[index % len(added)]
            held = "Embargo:" in site.release(name).read_text("utf-8")
            site.edit(
                name, "Embargo", None if held else LIFT.strftime("%Y-%m-%d %H:%M")
            )
        elif kind == "body":
            sentence = f"{SENTENCES[choice % 2]} ({count})"
            site.edit_body(releases[index % len(releases)], sentence)
        elif kind in HEADERS:
            name = releases[index % len(releases)]
            has_opd = "\nOPD:" in site.release(name).read_text("utf-8")
            values = {
                "Title": f"{TITLES[choice]} {count}",
                "Date": f"2020-03-{10 + count % 6:02d} {8 + choice:02d}:00",
                "Tags": ", ".join(TAGS[(choice + count) % 3]) or None,
                "OPD": None if has_opd else "diskominfo",
            }
            site.edit(name, kind, values[kind])
        elif kind == "clock":
            site.clock = max(site.clock, LIFT + dt.timedelta(minutes=count))
        elif kind == "template":
            site.edit_template(TEMPLATES[choice], f"{SENTENCES[0]} {count}")
        elif kind == "setting":
            name, value = SETTINGS[(choice + count) % len(SETTINGS)]
            site.settings[name] = value

    @rule(
        order=st.permutations(CONTENT_KINDS),
        choices=st.lists(CHOICE, min_size=len(CONTENT_KINDS)),
        indexes=st.lists(INDEX, min_size=len(CONTENT_KINDS)),
        other=st.sampled_from((None, "template", "setting")),
    )
    def edit(self, order, choices, indexes, other):
        # Every kind of content edit in each step, in a random order (even
        # Hypothesis's simplest example, all in order, exercises each kind),
        # and now and then a template or a setting.
        # Each kind aims at another release (by its place in the order), so
        # that one edit does not hide another's missing render.
        for place, (kind, choice, index) in enumerate(
            zip(order, choices, indexes, strict=False)
        ):
            self.apply(kind, choice, index + place)
        if other is not None:
            self.apply(other, choices[0], 0)
        self.check()


IncrementalSite.TestCase.settings = settings(
    **PROFILE,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TestIncrementalSite = IncrementalSite.TestCase
