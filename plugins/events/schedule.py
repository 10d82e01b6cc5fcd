"""The festival schedule: events read from the content model, grouped by day.

Pure functions over content_model Records; no Pelican objects here.
"""

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser

from content_model.dates import WITA, DateError, parse_date
from content_model.model import Problem
from i18n import _

ONE_DAY = dt.timedelta(days=1)
# The DTSTAMP of an event's first version, and where SEQUENCE counts from
# (see ics.py); no `Modified` may come before it.
FIRST_STAMP = dt.datetime(2020, 1, 1, tzinfo=WITA)
BLOCKS = {"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr"}


@dataclass(eq=False)
class ScheduledEvent:
    """One event of the agenda, its times read and in WITA."""

    record: object
    start: dt.datetime
    end: dt.datetime
    all_day: bool
    agencies: list = field(default_factory=list)
    modified: dt.datetime | None = None
    url: str = ""
    save_as: str = ""
    ics_url: str = ""

    @property
    def slug(self):
        return self.record.slug

    @property
    def title(self):
        return self.record.title

    @property
    def meta(self):
        return self.record.meta

    @property
    def content(self):
        return self.record.content

    @property
    def source_path(self):
        return self.record.source_path

    @property
    def first_day(self):
        return self.start.date()

    @property
    def last_day(self):
        """The last day the event takes place on (an end at 00:00 is the day before)."""
        if self.all_day:
            return self.end.date()
        if self.end > self.start and self.end.time() == dt.time(0):
            return (self.end - ONE_DAY).date()
        return self.end.date()

    @property
    def days(self):
        """Every date the event takes place on, first to last."""
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=n) for n in range(max(count, 1))]

    @property
    def multi_day(self):
        return self.last_day != self.first_day

    @property
    def end_exclusive(self):
        """The end as calendars store it: the day after the last for all-day events."""
        if self.all_day:
            return self.end.date() + ONE_DAY
        return self.end


@dataclass(frozen=True)
class Slot:
    """When an event happens on one day: kind, times and the text readers see.

    kind: "all-day", "range" (start and end that day), "from" (starts that day,
    ends later), "until" (started before, ends that day) or "at" (a moment).
    """

    kind: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None

    @property
    def start_clock(self):
        return clock(self.start) if self.start else ""

    @property
    def end_clock(self):
        return clock(self.end) if self.end else ""

    @property
    def text(self):
        if self.kind == "range":
            return f"{self.start_clock}–{self.end_clock} WITA"
        if self.kind == "from":
            return f"Mulai {self.start_clock} WITA"
        if self.kind == "until":
            return f"Sampai {self.end_clock} WITA"
        if self.kind == "at":
            return f"{self.start_clock} WITA"
        return "Sepanjang hari"


def clock(moment):
    """Format a time of day as WITA readers write it: '09.00'."""
    return moment.astimezone(WITA).strftime("%H.%M")


def slot_on(event, day):
    """Return the Slot of `event` on the date `day`."""
    if event.all_day:
        return Slot("all-day")
    starts, ends = event.first_day == day, event.last_day == day
    if starts and ends:
        if event.start == event.end:
            return Slot("at", event.start)
        return Slot("range", event.start, event.end)
    if starts:
        return Slot("from", event.start)
    if ends:
        return Slot("until", None, event.end)
    return Slot("all-day")


def sort_key(event):
    """All-day events first, then by start, longest first, then by title."""
    return (
        not event.all_day,
        event.start,
        -(event.end - event.start).total_seconds(),
        event.title.lower(),
        event.slug,
    )


def by_day(events):
    """Group events under each day they take place on.

    Return [(date, [(event, Slot)])], days in order, events by `sort_key`.
    """
    days = {}
    for event in sorted(events, key=sort_key):
        for day in event.days:
            days.setdefault(day, []).append((event, slot_on(event, day)))
    return sorted(days.items())


def text_of(html):
    """Return the plain text of rendered HTML, one paragraph per block."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    paragraphs = ["".join(part).split() for part in parser.paragraphs]
    return "\n\n".join(" ".join(words) for words in paragraphs if words)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [[]]

    def handle_data(self, data):
        self.paragraphs[-1].append(data)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.paragraphs.append([])

    def handle_startendtag(self, tag, attrs):
        self.handle_endtag(tag)


def schedule(record, agencies):
    """Read one event record; return (ScheduledEvent or None, [Problem]).

    Unreadable dates and End before Start are content_model's errors; this
    adds the one only the schedule cares about: a time on one end only.
    """
    try:
        start, start_has_time = parse_date(record.meta.get("start", ""))
        end, end_has_time = parse_date(record.meta.get("end", ""))
    except DateError:
        return None, []
    if start_has_time != end_has_time:
        key = "end" if start_has_time else "start"
        problem = Problem(
            record.source_path,
            record.lines.get(key, 1),
            _(
                "{key} has no time but {other} has one; give both a time "
                "(YYYY-MM-DD HH:MM) or neither (an all-day event)"
            ).format(key=key.title(), other="Start" if key == "end" else "End"),
        )
        return None, [problem]
    modified = None
    if record.meta.get("modified"):
        try:
            modified = parse_date(record.meta["modified"])[0].astimezone(WITA)
        except DateError:
            modified = None
    if modified is not None and modified <= FIRST_STAMP:
        problem = Problem(
            record.source_path,
            record.lines.get("modified", 1),
            _(
                "Modified '{modified}' is not after {first}, where calendar "
                "revisions start; write when you last changed the event "
                "(YYYY-MM-DD HH:MM)"
            ).format(
                modified=record.meta["modified"], first=f"{FIRST_STAMP:%Y-%m-%d %H:%M}"
            ),
        )
        return None, [problem]
    event = ScheduledEvent(
        record=record,
        start=start.astimezone(WITA),
        end=end.astimezone(WITA),
        all_day=not start_has_time,
        agencies=[agencies[s] for s in record.list("opd") if s in agencies],
        modified=modified,
    )
    return event, []
