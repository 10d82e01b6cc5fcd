"""Header checks: what one file's `Key: value` lines must be, per its kind."""

import difflib
import re
from pathlib import Path

from i18n import _
from pelican.utils import get_date

from ..corrections import check_notices
from ..dates import DateError, parse_date
from ..kinds import COMMON_OPTIONAL, PELICAN_FOLDERS
from ..model import ADV_LINE, FALSE_WORDS, SLUG, TRUE_WORDS, Problem, is_true
from .paths import is_dir
from .shared import (
    dangerous_scheme,
    dangerous_url,
    key_name,
    pelican_list,
    pelican_slug,
    q,
)

PELICAN_STATUSES = ("published", "draft", "hidden")
# Date keys Pelican parses itself (with dateutil) for its articles and pages.
PELICAN_DATE_KEYS = ("date", "modified")
YEARS = (1900, 2100)
# A date parse_date has read, written so plainly that Pelican reads it too;
# asking Pelican (dateutil) about every item is slow.
PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?\Z")
MAX_VALUE_CHARS = 5000
MAX_TITLE_CHARS = 250
# Keys that used to exist: an error that says so, not "unknown key".
REMOVED_KEYS = ("allow_script",)


def theme_templates(theme):
    """Return the template names a `Template` key may give, or None if unknown."""
    if not theme or not is_dir(Path(theme) / "templates"):
        return None
    return sorted(p.stem for p in (Path(theme) / "templates").glob("*.html"))


def check_header(kind, header, path, templates=None):
    """Return the problems of one header that need no other file to see.

    `templates` lists the theme's template names (None: not checked).
    """
    problems = []

    def add(key, message, severity="error"):
        problems.append(Problem(path, header.line(key), message, severity))

    for line, key in header.duplicates:
        problems.append(
            Problem(
                path,
                line,
                _(
                    "{key} is given twice; keep one line (the last wins otherwise)"
                ).format(key=q(key_name(key))),
            )
        )
    known = [*kind.keys, *COMMON_OPTIONAL]
    unknown = {
        key: difflib.get_close_matches(key, known, n=1) if len(key) < 40 else []
        for key in header.values
        if key not in known and key not in REMOVED_KEYS
    }
    for key in kind.required:
        if header.get(key):
            continue
        # A misspelt required key (`Tittle:`): the error itself names it.
        typo = next((k for k, near in unknown.items() if near == [key]), None)
        if key not in header.values and typo is not None:
            unknown.pop(typo)
            add(
                typo,
                _(
                    "required key {key} is missing, and {typo} is no key; did you "
                    "mean {key}? write '{name}: …'"
                ).format(
                    key=q(key_name(key)), typo=q(key_name(typo)), name=key_name(key)
                ),
            )
            continue
        add(
            key if key in header.values else "title",
            _(
                "required key {key} is missing or empty; add a line '{name}: …' to "
                "the header"
            ).format(key=q(key_name(key)), name=key_name(key)),
        )
    for key, near in unknown.items():
        hint = (
            _("did you mean {near}?").format(near=q(near[0].title()))
            if near
            else _("remove it")
        )
        add(
            key,
            _("unknown key {key} for a {kind}; {hint}").format(
                key=q(key_name(key)), kind=kind.name, hint=hint
            ),
            "warning",
        )
    for key, value in header.values.items():
        if len(value) > MAX_VALUE_CHARS:
            add(
                key,
                _(
                    "{key} is {count} characters long; a header value this long is "
                    "text that belongs below the header: add a blank line after the "
                    "last 'Key: value' line"
                ).format(key=q(key_name(key)), count=len(value)),
            )
    title = header.get("title") or ""
    if MAX_TITLE_CHARS < len(title) <= MAX_VALUE_CHARS:
        add(
            "title",
            _(
                "Title is {count} characters long; shorten it to at most {limit} "
                "(put the rest in Summary)"
            ).format(count=len(title), limit=MAX_TITLE_CHARS),
        )
    check_dates(kind, header, add)
    if header.get("slug") is not None and not SLUG.match(header.get("slug")):
        add(
            "slug",
            _(
                "Slug {slug} is not a valid slug; use lower-case letters, digits "
                "and hyphens, e.g. 'smart-festival-2020'"
            ).format(slug=q(header.get("slug"))),
        )
    advertorial = header.get("advertorial")
    if advertorial is not None and not (
        is_true(advertorial) or advertorial.lower() in FALSE_WORDS
    ):
        add(
            "advertorial",
            _(
                "Advertorial {value} is not a word the site knows; write {yes} for "
                "paid content, or {no} (or no line) for unpaid content"
            ).format(
                value=q(advertorial),
                yes=" / ".join(sorted(TRUE_WORDS)),
                no=" / ".join(sorted(FALSE_WORDS)),
            ),
        )
    if header.get("allow_script") is not None:
        add(
            "allow_script",
            _(
                "Allow_Script was removed: content can no longer run scripts; "
                "delete the line (a video embed from an allow-listed host needs no "
                "key, see SANITISE_IFRAME_HOSTS and SANITISE_EMBED_SCRIPTS in the "
                "README)"
            ),
        )
    if kind.folder in PELICAN_FOLDERS and header.get("status") is not None:
        if header.get("status").lower() not in PELICAN_STATUSES:
            add(
                "status",
                _(
                    "Status {status} is unknown; use one of {statuses} or remove "
                    "the line"
                ).format(
                    status=q(header.get("status")), statuses=", ".join(PELICAN_STATUSES)
                ),
            )
    if header.get("lang") is not None and header.get("lang").lower() != "id":
        add(
            "lang",
            _(
                "Lang {lang} is not the site's language, so the item would get no "
                "page, only broken links in feeds and lists; remove the line (the "
                "site is in Bahasa Indonesia, 'id')"
            ).format(lang=q(header.get("lang"))),
        )
    if "advertorial" in kind.keys and header.get("advertorial") is None:
        lines = [ln for ln in header.body.rstrip().split("\n") if ln.strip()]
        if lines and ADV_LINE.search(lines[-1]):
            line = header.body_line + header.body.rstrip().count("\n")
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "the text ends with '(Adv)' but the header has no "
                        "'Advertorial: yes'; add that key and delete the '(Adv)'"
                    ),
                )
            )
    for field in kind.fields:
        value = header.get(field.name)
        if field.choices and value and value.lower() not in dict(field.choices):
            add(
                field.name,
                _("{key} {value} {invalid}; use one of {choices}").format(
                    key=key_name(field.name),
                    value=q(value),
                    invalid=_(field.invalid),
                    choices=", ".join(dict(field.choices)),
                ),
            )
    check_names(kind, header, add)
    template = header.get("template")
    if template is not None and templates is not None and template not in templates:
        near = difflib.get_close_matches(template, templates, n=1)
        hint = (
            _("did you mean {near}?").format(near=q(near[0]))
            if near
            else _("remove the line")
        )
        add(
            "template",
            _("Template {template} is not a template of the theme; {hint}").format(
                template=q(template), hint=hint
            ),
        )
    check_url_values(kind, header, add)
    problems.extend(check_notices(kind, header, path))
    return problems


def check_dates(kind, header, add):
    """Check that dates parse (here and in Pelican) and come in order.

    The kind's `datetime` fields are dates; each field's `not_before` names
    the date it may not precede (kinds.py).
    """
    dated = {}
    timed = {}
    for field in kind.fields:
        key = field.name
        value = header.get(key)
        if field.type != "datetime" or not value:
            continue
        if len(value) > 40:
            add(
                key,
                _(
                    "{key} is {count} characters long, not a date; write "
                    "YYYY-MM-DD or YYYY-MM-DD HH:MM"
                ).format(key=key_name(key), count=len(value)),
            )
            continue
        try:
            moment, has_time = parse_date(value)
        except DateError as error:
            add(key, _("{key}: {error}").format(key=key_name(key), error=error))
            continue
        if not YEARS[0] <= moment.year <= YEARS[1]:
            add(
                key,
                _(
                    "{key} is in the year {year}; check the year (dates from "
                    "{first} to {last} are accepted)"
                ).format(
                    key=key_name(key), year=moment.year, first=YEARS[0], last=YEARS[1]
                ),
            )
            continue
        if kind.folder in PELICAN_FOLDERS and key in PELICAN_DATE_KEYS:
            if not (PLAIN_DATE.match(value) or pelican_reads_date(value)):
                add(
                    key,
                    _(
                        "{key} {value} is not read the same way by the site "
                        "generator; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM (a "
                        "colon in the time, an offset like +08:00 instead of Z)"
                    ).format(key=key_name(key), value=q(value)),
                )
                continue
        dated[key] = moment
        timed[key] = has_time
    for field in kind.fields:
        key, earlier = field.name, field.not_before
        if key not in dated or earlier not in dated:
            continue
        moment, limit = dated[key], dated[earlier]
        # With `whole_day`, a date without a time means the whole day (the
        # events plugin says more when only one of the two has a time).
        if field.whole_day and not timed[key]:
            moment, limit = moment.date(), limit.date()
        if moment < limit:
            fix = (
                _(field.order_fix)
                if field.order_fix
                else _("set it on or after {earlier}").format(earlier=key_name(earlier))
            )
            add(
                key,
                _("{key} is before {earlier} ({value} < {limit}); {fix}").format(
                    key=key_name(key),
                    earlier=key_name(earlier),
                    value=header.get(key),
                    limit=header.get(earlier),
                    fix=fix,
                ),
            )


def pelican_reads_date(value):
    """Return whether Pelican parses `value` to the moment we do."""
    try:
        moment = get_date(str(value).strip())
    except (ValueError, OverflowError):
        return False
    # "Z" becomes the machine's local zone in dateutil: never reproducible.
    tz = moment.tzinfo
    return tz is None or type(tz).__name__ != "tzlocal"


def check_names(kind, header, add):
    """Check that names Pelican makes addresses of (tags, authors) give one.

    The kind's fields of format "name"; a `list` field holds several, split
    as Pelican splits them.
    """
    for field in kind.fields:
        key = field.name
        if field.format != "name" or not header.get(key):
            continue
        several = field.type == "list"
        names = pelican_list(header.get(key)) if several else [header.get(key)]
        # One name of a list is named in the singular: "Tags" -> "Tag".
        label = key_name(key).removesuffix("s") if several else key_name(key)
        for name in names:
            slug = pelican_slug(name)
            if not slug.strip("-"):
                add(
                    key,
                    _(
                        "{label} {value} has no letter or digit to build its address "
                        "from; add a word to it (e.g. 'Perayaan {name}')"
                    ).format(label=label, value=q(name), name=name),
                )


def check_url_values(kind, header, add):
    """Check header values that the theme turns into links (formats url, email)."""
    for field in kind.fields:
        key = field.name
        value = header.get(key)
        if not value:
            continue
        if field.format == "email":
            if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+", value):
                add(
                    key,
                    _(
                        "{key} {value} is not an e-mail address; write it as "
                        "name@bontangkota.go.id"
                    ).format(key=key_name(key), value=q(value)),
                    "warning",
                )
            continue
        if field.format != "url":
            continue
        if dangerous_url(value):
            add(
                key,
                _(
                    "{key} is a {scheme} address that would run a script when "
                    "clicked; give the https:// address of the site"
                ).format(key=key_name(key), scheme=q(dangerous_scheme(value))),
            )
        elif not value.lower().startswith(("https://", "http://")):
            add(
                key,
                _(
                    "{key} {value} is not a web address; write it in full, starting "
                    "with https://"
                ).format(key=key_name(key), value=q(value)),
                "warning",
            )
