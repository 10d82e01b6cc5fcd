"""WITA dates: parse what authors write, format what readers see (Babel, `id`).

Never the OS locale: Pelican's locale-based DATE_FORMATS silently drops every
article when the machine lacks `id_ID`.
"""

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from i18n import _

WITA = ZoneInfo("Asia/Makassar")

DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?$"
)


class DateError(ValueError):
    """A date value that cannot be read; the message says how to write it."""


def parse_date(value, tz=WITA):
    """Parse `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS][+08:00]`; naive means WITA.

    Return (aware datetime, has_time).
    """
    text = str(value).strip()
    if DATE_ONLY.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError as error:
            raise DateError(
                _("'{text}' is not a calendar date ({reason})").format(
                    text=text, reason=error
                )
            ) from None
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz), False
    match = DATE_TIME.match(text)
    if not match:
        raise DateError(
            _(
                "'{text}' is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM "
                "(WITA unless an offset such as +08:00 is given)"
            ).format(text=text)
        )
    clock = match["time"].replace(".", ":")
    offset = match["offset"] or ""
    if offset and offset != "Z" and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    try:
        moment = dt.datetime.fromisoformat(f"{match['date']}T{clock}{offset}")
    except ValueError as error:
        raise DateError(
            _("'{text}' is not a valid date and time ({reason})").format(
                text=text, reason=error
            )
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment, True


def as_wita(moment, tz=WITA):
    """Return `moment` in WITA; a naive datetime is taken to be WITA already.

    A string is parsed as content metadata is (`YYYY-MM-DD[ HH:MM]`).
    """
    if isinstance(moment, str):
        return parse_date(moment, tz)[0]
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            return moment.replace(tzinfo=tz)
        return moment.astimezone(tz)
    return dt.datetime(moment.year, moment.month, moment.day, tzinfo=tz)


@functools.lru_cache(maxsize=8192)
def format_day(day, pattern):
    """Return Babel's `format_date` of a date in Indonesian.

    Memoised: every listing prints the same few days again and again, and
    Babel reads only the date (a datetime's time and zone play no part).
    """
    return format_date(day, pattern, locale="id")


def tanggal(moment):
    """Format as 'Jumat, 13 Maret 2020'."""
    return format_day(as_wita(moment).date(), "EEEE, d MMMM y")


def tanggal_pendek(moment):
    """Format as '13 Maret 2020'."""
    return format_day(as_wita(moment).date(), "d MMMM y")


def bulan_tahun(moment):
    """Format as 'Maret 2020'."""
    return format_day(as_wita(moment).date(), "LLLL y")


def pukul(moment):
    """Format the time as '09.00 WITA'."""
    return f"{format_time(as_wita(moment), 'HH.mm', locale='id')} WITA"


def iso(moment):
    """Return the ISO 8601 form with the +08:00 offset, seconds included."""
    return as_wita(moment).isoformat(timespec="seconds")


def rentang_tanggal(start, end):
    """Format a date range as '13–15 Maret 2020' (month and year said once)."""
    first, last = as_wita(start), as_wita(end)
    if first.date() == last.date():
        return tanggal_pendek(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{tanggal_pendek(last)}"
    if first.year == last.year:
        head = format_day(first.date(), "d MMMM")
        return f"{head} – {tanggal_pendek(last)}"
    return f"{tanggal_pendek(first)} – {tanggal_pendek(last)}"


def written_with_time(item, key):
    """Return whether an item's header gave `key` (date, modified) a time of day.

    A date written without one (`Date: 2020-03-13`) is a day, not midnight:
    outputs that can say a day say it, the others follow a documented rule.
    `item` is a release or remarks item; its view (content_model.view)
    holds the header. A value a plugin set after reading (a correction's time
    moves `modified`) counts as timed: only the header's own date-only value
    is a day.
    """
    if key == "date":
        return item.view.date_has_time
    raw = item.view.header.get(key)
    if not raw:
        return True
    try:
        written, has_time = parse_date(raw)
    except DateError:
        return True
    # Pelican sets `modified` only on an item whose header has Modified.
    value = getattr(item, key, None)
    if has_time or value is None:
        return True
    try:
        return as_wita(value) != written
    except (DateError, TypeError, ValueError):
        return True
