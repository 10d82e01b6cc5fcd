"""iCalendar files of the agenda, made with the `icalendar` library.

Every value comes from the content, never from the clock, so the same content
gives byte-identical files; UIDs come from the event slug and the site's
domain only.

Revisions (what calendar apps compare to tell an update from an old copy:
SEQUENCE first, then DTSTAMP):

- an event without `Modified` is in its first version: SEQUENCE 0 and
  DTSTAMP at FIRST_STAMP (2020-01-01 00:00 WITA), whatever its Start, so
  moving an event never makes it look older; no LAST-MODIFIED;
- an event with `Modified` has DTSTAMP and LAST-MODIFIED at that moment and
  SEQUENCE = whole minutes from FIRST_STAMP to it: every later `Modified`
  gives a higher SEQUENCE, with no counter to keep by hand.

So editors write (or move forward) `Modified` whenever they change a
published event; a `Modified` before FIRST_STAMP is an error.
"""

import datetime as dt
import unicodedata
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vUri

from common.urls import absolute_url

from .schedule import FIRST_STAMP, text_of

# Controls, surrogates and non-characters have no place in a calendar line.
DROPPED = {"Cc", "Cs", "Cn"}


def one_line(text):
    """Return `text` as one clean line: no control characters, single spaces."""
    kept = "".join(
        " " if unicodedata.category(ch) in DROPPED else ch for ch in str(text or "")
    )
    return " ".join(kept.split())


def paragraphs(text):
    """Return `text` with each paragraph made one clean line, blank-line separated."""
    parts = (one_line(part) for part in str(text or "").split("\n\n"))
    return "\n\n".join(part for part in parts if part)


def site_domain(siteurl):
    """Return the host name of SITEURL ('festival.example.org')."""
    return urlsplit(siteurl).hostname or "localhost"


def event_uid(slug, domain):
    """Return the event's UID: stable across edits to its title, times or text."""
    return f"agenda-{slug}@{domain}"


def webcal_url(siteurl, url):
    """Return the `webcal://` form of a calendar's URL, for subscribing."""
    parts = urlsplit(absolute_url(siteurl, url))
    return parts._replace(scheme="webcal").geturl()


def description(event):
    """Return the event's plain-text DESCRIPTION: its summary or text, and OPD."""
    text = paragraphs(event.meta.get("summary") or text_of(event.content))
    lines = [text] if text else []
    if event.agencies:
        names = ", ".join(
            f"{a.title} ({a.meta.get('acronym', a.slug)})" for a in event.agencies
        )
        lines.append(one_line(f"OPD: {names}"))
    if event.meta.get("registration"):
        lines.append(one_line(f"Pendaftaran: {event.meta['registration']}"))
    return "\n\n".join(lines)


def revision(modified):
    """Return (DTSTAMP in UTC, SEQUENCE) of an event last changed at `modified`.

    See the module docstring; `modified` is None for a first version.
    """
    if modified is None:
        return FIRST_STAMP.astimezone(dt.UTC), 0
    minutes = int((modified - FIRST_STAMP).total_seconds() // 60)
    return modified.astimezone(dt.UTC), max(minutes, 0)


def calendar_name(title, name):
    """Return the name of one event's calendar: "Event · Calendar", said once.

    An event called like the calendar (the festival itself) gives the name
    alone, not "Bontang Smart Festival 2020 · Bontang Smart Festival 2020".
    """
    title, name = one_line(title), one_line(name)
    if not title or title.casefold() == name.casefold():
        return name
    return f"{title} · {name}"


def vevent(event, siteurl, domain):
    """Return the VEVENT of one scheduled event."""
    component = Event()
    component.add("uid", event_uid(event.slug, domain))
    stamp, sequence = revision(event.modified)
    component.add("dtstamp", stamp)
    if event.modified:
        component.add("last-modified", stamp)
    component.add("sequence", sequence)
    if event.all_day:
        component.add("dtstart", event.start.date())
        component.add("dtend", event.end_exclusive)
        # A day-long listing should not mark the whole day as busy.
        component.add("transp", "TRANSPARENT")
    else:
        component.add("dtstart", event.start)
        component.add("dtend", event.end)
    component.add("summary", one_line(event.title))
    component.add("location", one_line(event.meta.get("location")))
    text = description(event)
    if text:
        component.add("description", text)
    if event.meta.get("category"):
        component.add("categories", [one_line(event.meta["category"])])
    component.add("url", vUri(absolute_url(siteurl, event.url)))
    return component


def add_timezones(cal, timezones):
    """Add the VTIMEZONE of every zone `cal` uses, as `add_missing_timezones` does.

    `timezones` (tzid -> Timezone, or None for a zone icalendar cannot
    describe) keeps each one built for the next calendar: building one from
    zoneinfo takes far longer than the rest of a calendar.
    """
    position = len(cal.timezones)
    for tzid in sorted(cal.get_missing_tzids()):
        if tzid not in timezones:
            try:
                timezones[tzid] = Timezone.from_tzid(tzid)
            except ValueError:
                timezones[tzid] = None
        if timezones[tzid] is not None:
            cal.subcomponents.insert(position, timezones[tzid])
            position += 1


def calendar(events, name, prodid, siteurl, domain, timezones=None):
    """Return the calendar (bytes, CRLF lines) holding `events`, in order.

    `timezones` is a dict shared by the calendars of one build (see
    `add_timezones`); without it each calendar builds its own VTIMEZONE.
    """
    cal = Calendar()
    name = one_line(name)
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(vevent(event, siteurl, domain))
    # VTIMEZONE for Asia/Makassar, built from the system's zoneinfo.
    add_timezones(cal, {} if timezones is None else timezones)
    return cal.to_ical()
