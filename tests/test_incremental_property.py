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
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

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
DAYS = st.integers(min_value=10, max_value=15)


class IncrementalSite(RuleBasedStateMachine):
    """Random edits; after each, the incremental build equals a clean one."""

    @initialize()
    def start(self):
        self.folder = tempfile.mkdtemp(prefix="incremental-")
        self.site = Site(self.folder)
        self.added = 0
        self.check()

    def teardown(self):
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder, ignore_errors=True)

    def check(self):
        self.site.build()
        assert self.site.differences() == []

    def pick(self, data):
        return data.draw(st.sampled_from(self.site.releases()))

    def pick_added(self, data):
        # Only a release the test added may go or be held: the repository's
        # remarks link to its release, and a link to a held or missing item
        # is an error.
        return data.draw(st.sampled_from(self.site.added()))

    @rule(title=st.sampled_from(TITLES), day=DAYS, tags=st.sampled_from(TAGS))
    def add_release(self, title, day, tags):
        self.added += 1
        self.site.write(f"rilis-{self.added}.md", release_text(title, day, tags))
        self.check()

    @precondition(lambda self: self.site.added())
    @rule(data=st.data())
    def delete_release(self, data):
        self.site.release(self.pick_added(data)).unlink()
        self.check()

    @precondition(lambda self: self.site.added())
    @rule(data=st.data())
    def rename_release(self, data):
        self.added += 1
        name = self.pick_added(data)
        self.site.release(name).rename(self.site.release(f"nama-{self.added}.md"))
        self.check()

    @rule(data=st.data(), sentence=st.sampled_from(SENTENCES))
    def edit_body(self, data, sentence):
        self.site.edit_body(self.pick(data), sentence)
        self.check()

    @rule(
        data=st.data(),
        header=st.sampled_from(("Title", "Date", "Tags", "OPD")),
        choice=st.integers(min_value=0, max_value=2),
    )
    def edit_header(self, data, header, choice):
        values = {
            "Title": TITLES[choice],
            "Date": f"2020-03-{10 + choice:02d} 08:00",
            "Tags": ", ".join(TAGS[choice]) or None,
            "OPD": "diskominfo" if choice else None,
        }
        self.site.edit(self.pick(data), header, values[header])
        self.check()

    @precondition(lambda self: self.site.added())
    @rule(data=st.data(), on=st.booleans())
    def embargo(self, data, on):
        value = LIFT.strftime("%Y-%m-%d %H:%M") if on else None
        self.site.edit(self.pick_added(data), "Embargo", value)
        self.check()

    @precondition(lambda self: self.site.clock < LIFT)
    @rule()
    def clock_passes_the_lift(self):
        self.site.clock = LIFT + dt.timedelta(minutes=1)
        self.check()

    @rule(name=st.sampled_from(TEMPLATES), comment=st.sampled_from(SENTENCES))
    def change_template(self, name, comment):
        self.site.edit_template(name, comment)
        self.check()

    @rule(setting=st.sampled_from(SETTINGS))
    def change_setting(self, setting):
        name, value = setting
        self.site.settings[name] = value
        self.check()


IncrementalSite.TestCase.settings = settings(
    **PROFILE,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TestIncrementalSite = IncrementalSite.TestCase
