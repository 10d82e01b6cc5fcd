"""Checks of a translated catalog against the messages the code marks.

Pure functions over Babel catalogs: every message of the template (what
`invoke i18n-extract` found) must be translated, not fuzzy, and keep exactly
the placeholders of its English text: the path, the line and the fix travel
in them, so a translation that drops or renames one loses them.
"""

import re
import string

from babel.messages.pofile import read_po

# A %-style conversion: %s, %r, %(name)s, %d, %5.1f ... ("%%" is no placeholder).
PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def brace_fields(text):
    """Return the sorted `{name}` replacement fields of a format string."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(
                f"{{{name}{'!' + conversion if conversion else ''}"
                f"{':' + spec if spec else ''}}}"
            )
    return sorted(fields)


def percent_fields(text):
    """Return the %-conversions of a logging message, in order ("%%" left out)."""
    return [m for m in PERCENT.findall(text) if m != "%%"]


def placeholders(message, text):
    """Return the placeholders of `text` in the style `message` is flagged with."""
    if "python-brace-format" in message.flags:
        return brace_fields(text)
    if "python-format" in message.flags:
        return percent_fields(text)
    return []


def forms(message):
    """Return [(English, translation)] of a message, each plural form paired."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = (
        message.string
        if isinstance(message.string, tuple | list)
        else (message.string,)
    )
    return [(ids[min(n, len(ids) - 1)], text) for n, text in enumerate(strings)]


def message_problems(message):
    """Return what is wrong with one translated message (empty: nothing)."""
    shown = message.id[0] if isinstance(message.id, tuple | list) else message.id
    if "fuzzy" in message.flags:
        return [f"fuzzy (check it, then remove the flag): {shown!r}"]
    problems = []
    for english, text in forms(message):
        if not text:
            problems.append(f"not translated: {shown!r}")
            continue
        try:
            wanted, found = placeholders(message, english), placeholders(message, text)
        except ValueError as error:
            problems.append(f"not a format string ({error}): {text!r}")
            continue
        if wanted != found:
            problems.append(
                f"placeholders {found} differ from the English {wanted}: {text!r}"
            )
    return problems


def read_catalog(path):
    """Return the Babel catalog of a .po or .pot file."""
    with open(path, "rb") as stream:
        return read_po(stream)


def translation_problems(translated):
    """Return the problems of every message of a .po file on its own."""
    problems = []
    for message in read_catalog(translated):
        if message.id:
            problems += message_problems(message)
    return problems


def catalog_problems(template, translated):
    """Return every problem of `translated` (a .po) against `template` (a .pot).

    Each message of the template must be in the catalog, translated, not
    fuzzy and with the same placeholders; a message the code no longer marks
    must be gone from it (`invoke i18n-update` drops it).
    """
    wanted = {m.id: m for m in read_catalog(template) if m.id}
    catalog = read_catalog(translated)
    have = {m.id: m for m in catalog if m.id}
    problems = []
    for key, message in wanted.items():
        found = have.get(key)
        if found is None:
            shown = key[0] if isinstance(key, tuple) else key
            problems.append(f"missing (run invoke i18n-update): {shown!r}")
            continue
        # The flags the code's text has (python-brace-format ...) decide.
        found.flags |= message.flags - {"fuzzy"}
        problems += message_problems(found)
    for key in have.keys() - wanted.keys():
        shown = key[0] if isinstance(key, tuple) else key
        problems.append(f"no longer in the code (run invoke i18n-update): {shown!r}")
    return problems
