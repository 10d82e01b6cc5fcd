"""iCalendar files of the agenda, made with the `icalendar` library.

Every value comes from the content, never from the clock, so the same content
gives byte-identical files: DTSTAMP is the event's Modified (else its Start),
UIDs come from the event slug and the site's domain only.
"""

import unicodedata
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vUri

from .schedule import text_of

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


def absolute(siteurl, url):
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def webcal_url(siteurl, url):
    """Return the `webcal://` form of a calendar's URL, for subscribing."""
    parts = urlsplit(absolute(siteurl, url))
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


def vevent(event, siteurl, domain):
    """Return the VEVENT of one scheduled event."""
    component = Event()
    component.add("uid", event_uid(event.slug, domain))
    component.add("dtstamp", event.modified or event.start)
    if event.modified:
        component.add("last-modified", event.modified)
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
    component.add("url", vUri(absolute(siteurl, event.url)))
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
