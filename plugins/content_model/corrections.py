"""Corrections and withdrawals: the `Correction` and `Withdrawn` header lines.

    Correction: 2020-03-14 10:00 — Nama stan diperbaiki   (may be repeated)
    Withdrawn: 2020-03-15 09:00 — Data peserta keliru

The time (WITA unless an offset is given) and the text are separated by an
em dash, an en dash or " - ". Pure functions: `notices_of(header)` reads them
for the newsroom plugin, `check_notices(kind, header, path)` returns the
problems `validate.check_header` reports. What the site does with them (the
notice on the page, /ralat/, feeds, JSON-LD) is in the newsroom plugin's
`corrections.py`.
"""

import html
import re
from dataclasses import dataclass

from i18n import N_, _

from .dates import DateError, iso, parse_date, pukul, tanggal
from .model import Problem

NOTICE_KEYS = ("correction", "withdrawn")
# What readers see before each notice (Bahasa Indonesia).
LABELS = {"correction": "Ralat", "withdrawn": "Dicabut"}
# The first dash that has a space on each side (or an em or en dash written
# tight) ends the time: "2020-03-14 10:00 — text", "… 10:00–text", "… - text".
SEPARATOR = re.compile(r"\s*[—–]\s*|\s+-\s+")
EXAMPLES = {
    "Correction": N_("YYYY-MM-DD HH:MM — what was corrected"),
    "Withdrawn": N_("YYYY-MM-DD HH:MM — why it was withdrawn"),
}


@dataclass(frozen=True)
class Notice:
    """One correction or withdrawal: when (aware, WITA), what, and its line."""

    kind: str  # "correction" | "withdrawn"
    when: object
    text: str
    line: int = 1


class NoticeError(ValueError):
    """A notice line that cannot be read; the message says the fix."""


def split_notice(value):
    """Return (time text, notice text) of a header value; raise NoticeError."""
    text = str(value or "").strip()
    match = SEPARATOR.search(text)
    if match is None:
        raise NoticeError(_("has no ' — ' between the time and the text"))
    return text[: match.start()].strip(), text[match.end() :].strip()


def parse_notice(kind, value, line=1):
    """Return the Notice a header value gives; raise NoticeError."""
    when_text, text = split_notice(value)
    try:
        when, has_time = parse_date(when_text)
    except DateError:
        raise NoticeError(
            _("time '{time}' is not a date and time").format(time=when_text)
        ) from None
    if not has_time:
        raise NoticeError(_("time '{time}' has no hour").format(time=when_text))
    if not text:
        raise NoticeError(_("says nothing after the time"))
    return Notice(kind, when, text, line)


def notices_of(header):
    """Return (corrections oldest first, withdrawal or None) of a header.

    Lines that cannot be read are skipped: `check_notices` reports them, and
    a build with errors stops before anything is published.
    """
    corrections = []
    for line, value in header.get_all("correction"):
        try:
            corrections.append(parse_notice("correction", value, line))
        except NoticeError:
            continue
    withdrawn = None
    if header.get("withdrawn") is not None:
        try:
            withdrawn = parse_notice(
                "withdrawn", header.get("withdrawn"), header.line("withdrawn")
            )
        except NoticeError:
            withdrawn = None
    corrections.sort(key=lambda notice: (notice.when, notice.line))
    return corrections, withdrawn


def check_notices(kind, header, path):
    """Return the problems of the Correction and Withdrawn lines of a header."""
    problems = []
    # Only the keys the kind declares: on other kinds the unknown-key warning
    # already names the line.
    occurrences = []
    if "correction" in kind.keys:
        occurrences += [
            ("Correction", line, text) for line, text in header.get_all("correction")
        ]
    if "withdrawn" in kind.keys and header.get("withdrawn") is not None:
        occurrences.append(
            ("Withdrawn", header.line("withdrawn"), header.get("withdrawn"))
        )
    if not occurrences:
        return problems
    date = None
    if header.get("date"):
        try:
            date = parse_date(header.get("date"))[0]
        except DateError:
            date = None  # check_dates reports it
    for name, line, value in occurrences:
        try:
            notice = parse_notice(name.lower(), value, line)
        except NoticeError as error:
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "{key} {error}; write '{key}: {example}' (time in WITA, "
                        "then an em dash, an en dash or ' - ', then the text)"
                    ).format(key=name, error=error, example=_(EXAMPLES[name])),
                )
            )
            continue
        if date is not None and notice.when < date:
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "{key} time {time} is before Date {date}; give the time "
                        "the item was changed, on or after Date"
                    ).format(
                        key=name,
                        time=f"{notice.when:%Y-%m-%d %H:%M}",
                        date=header.get("date"),
                    ),
                )
            )
    return problems


# --- What a notice says to readers (feeds and the item's own text) ------------


def moment_text(notice):
    """Return the notice's time as readers see it: 'Sabtu, 14 Maret 2020, pukul …'."""
    return f"{tanggal(notice.when)}, pukul {pukul(notice.when)}"


def correction_html(notice):
    """Return one correction as an HTML paragraph (feeds, republished text)."""
    return (
        f"<p><strong>{LABELS['correction']}</strong> "
        f'<time datetime="{iso(notice.when)}">{moment_text(notice)}</time>: '
        f"{html.escape(notice.text)}</p>"
    )


def withdrawal_text(notice, kind_label):
    """Return the withdrawal as one plain sentence and its reason."""
    return f"{kind_label} ini dicabut pada {moment_text(notice)}. Alasan: {notice.text}"


def withdrawal_html(notice, kind_label):
    """Return the withdrawal as the HTML that replaces the withdrawn text."""
    return (
        f"<p><strong>{LABELS['withdrawn']}</strong> "
        f"{html.escape(kind_label)} ini dicabut pada "
        f'<time datetime="{iso(notice.when)}">{moment_text(notice)}</time>. '
        f"Alasan: {html.escape(notice.text)}</p>"
    )
