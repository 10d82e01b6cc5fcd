"""Publishing on time: whether `invoke publish --when-due` has anything to do.

After each deploy, `invoke publish` records in CACHE_PATH/publish-state.json
what it published: the digest of every input of the build (safe_build's build
key: content, theme, plugins, settings, environment, installed versions), the
moment of the publish, and the moment its output next changes by itself (the
earliest embargo or future date to pass; safe_build's stamp knows it too).
A later `invoke publish --when-due` publishes only when

- nothing was published from this checkout yet (no record),
- any input changed since (a new or edited release, a theme fix, ...), or
- that next moment has come (an embargo lifted since the last publish).

Otherwise it says when the next change is due and exits 0, so a timer can run
it every few minutes: an embargoed release goes live within one period of
its lift time, and nothing is published early.

The clock is the publish clock (`publish_now`): NEWSROOM_NOW when set (a
rehearsal, or a test with a simulated clock; never later than the real
clock, see `clock_problem`), else the real clock.

Plain functions for tasks.py; no Pelican signals.
"""

import datetime as dt
import json
import os
from pathlib import Path

from common.files import atomic_write
from i18n import _

STATE_FILE = "publish-state.json"
STATE_VERSION = 1
# The environment variable and setting that move the publish clock.
CLOCK = "NEWSROOM_NOW"


def publish_now(settings):
    """Return the publish clock: NEWSROOM_NOW of `settings`, else now (WITA)."""
    from newsroom.embargo import now_wita

    return now_wita(settings.get(CLOCK) or None)


def clock_problem(settings, real_now=None):
    """Return why the publish clock may not be used, or "".

    A clock ahead of the real one would release embargoed items early.
    """
    from content_model.dates import DateError

    setting = settings.get(CLOCK)
    if not setting:
        return ""
    try:
        moment = publish_now(settings)
    except DateError as error:
        return _("{setting} {value} cannot be read ({reason}); unset it").format(
            setting=CLOCK, value=repr(setting), reason=error
        )
    real = real_now or dt.datetime.now(dt.UTC)
    if moment > real:
        return _(
            "{setting} {value} is later than the real clock, so embargoed "
            "items would be published early; unset {setting}"
        ).format(setting=CLOCK, value=repr(setting))
    return ""


def state_path(settings):
    """Return the publish record of these settings, or None without CACHE_PATH."""
    cache = settings.get("CACHE_PATH")
    return Path(cache) / STATE_FILE if cache else None


def read_state(path):
    """Return the publish record at `path`, or None when missing or unreadable."""
    if path is None:
        return None
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    return state


def write_state(path, state):
    """Write the publish record atomically."""
    atomic_write(path, json.dumps(state, indent=1, sort_keys=True))


def make_state(key, published_at, next_change_at):
    """Return the record of a publish made now."""
    return {
        "version": STATE_VERSION,
        "key": key,
        "published_at": published_at.isoformat(timespec="seconds"),
        "next_change_at": next_change_at.isoformat() if next_change_at else None,
    }


def content_key(settings_file, settings, environ=None):
    """Return the digest of every input of a publish build, clock left out.

    The same recipe as safe_build's build key, without NEWSROOM_NOW (the
    publish clock moves on every run; the embargoes it decides are checked
    through `next_change_at`) and without the output, the cache and staging
    folders (what a build writes is no input).
    """
    from safe_build import STAGING_PREFIX, stamps

    environ = dict(os.environ if environ is None else environ)
    environ.pop(CLOCK, None)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    ignored = {str(output)}
    if settings.get("CACHE_PATH"):
        ignored.add(str(Path(settings["CACHE_PATH"]).resolve()))

    def skip(path):
        real = os.path.realpath(path)
        folder, name = os.path.split(real)
        return real in ignored or (
            folder == str(output.parent) and name.startswith(STAGING_PREFIX)
        )

    unclocked = {**settings, CLOCK: None}
    key, _parts = stamps.build_key(settings_file, unclocked, skip, environ)
    return key


def next_change(content_path, now, stamp_changes_at=None):
    """Return the first moment after `now` at which the output changes, or None.

    The earliest of: the lift of every item held at `now` (its Embargo or
    future Date), and what the build's stamp recorded (`note_output_changes_at`).
    """
    from newsroom.embargo import embargoed_items

    moments = [item.until for item in embargoed_items(content_path, now)]
    if stamp_changes_at:
        moment = dt.datetime.fromisoformat(stamp_changes_at)
        if moment.tzinfo is not None and moment > now:
            moments.append(moment)
    return min(moments, default=None)


def stamp_changes_at(settings):
    """Return the `changes_at` that safe_build's stamp recorded for the output."""
    from safe_build import stamps

    path = stamps.stamp_path(settings.get("CACHE_PATH"), settings["OUTPUT_PATH"])
    stamp = stamps.read_stamp(path) if path is not None else None
    return (stamp or {}).get("changes_at")


def due_reasons(state, key, now):
    """Return why a publish is due now (an empty list: nothing is due)."""
    from newsroom.embargo import embargo_holds

    if state is None:
        return [_("nothing was published from this checkout yet")]
    reasons = []
    published_at = state.get("published_at") or "?"
    if state.get("key") != key:
        reasons.append(
            _(
                "content, theme, plugins or settings changed since the publish "
                "at {published_at}"
            ).format(published_at=published_at)
        )
    next_at = state.get("next_change_at")
    if next_at:
        try:
            moment = dt.datetime.fromisoformat(next_at)
        except ValueError:
            moment = None
        # The site's one embargo rule: due at the lift moment itself.
        if moment is None or moment.tzinfo is None or not embargo_holds(moment, now):
            reasons.append(
                _(
                    "an embargo lifted at {next_at}, after the publish at "
                    "{published_at}"
                ).format(next_at=next_at, published_at=published_at)
            )
    return reasons


def nothing_due_message(state):
    """Return what `--when-due` says when nothing is due."""
    next_at = state.get("next_change_at")
    then = (
        _("the next embargo lifts at {next_at}").format(next_at=next_at)
        if next_at
        else _("no embargo is waiting to lift")
    )
    return _(
        "Nothing due: nothing changed since the publish at {published_at}, and "
        "{then}. Not publishing."
    ).format(published_at=state.get("published_at"), then=then)
