"""Sanitiser reports: each change as `path:line: problem; fix` for the author.

The sanitiser works on rendered HTML, which has no line numbers; the line is
found again in the Markdown source: the first not yet reported place where
the element, attribute or URL the sanitiser removed is written.
"""

import html
import re

from i18n import N_, _

# One message per kind of change: "problem (why); fix".
MESSAGES = {
    "element": N_(
        "{where} has a <{tag}> element, which is removed from the page and the "
        "feeds (content may not run scripts, restyle or redirect the page, or "
        "hold forms and plug-ins); delete it"
    ),
    "iframe": N_(
        "{where} embeds {value} in an <iframe>, which is removed: only https "
        "embeds from {hosts} are published (SANITISE_IFRAME_HOSTS); delete it, "
        "or ask the site team to allow-list the host"
    ),
    "script": N_(
        "{where} has a <script> {value} that is not a vetted embed script, so "
        "it is removed (scripts in content run with the official site's "
        "authority); delete it (vetted scripts are listed in "
        "SANITISE_EMBED_SCRIPTS)"
    ),
    "handler": N_(
        "{where} has an event handler '{name}=' on <{tag}>, which is removed "
        "(scripts in content run with the official site's authority); delete it"
    ),
    "style": N_(
        "{where} has a 'style=' attribute on <{tag}>, which is removed (the "
        "site's stylesheet decides the look); delete it"
    ),
    "attribute": N_(
        "{where} has the attribute '{name}=' on <{tag}>, which is removed (it "
        "is not part of what content may write); delete it"
    ),
    "url": N_(
        "{where} has the URL {value} in '{name}=' on <{tag}>, which is removed "
        "(only http, https, mailto, tel and relative links are published); link "
        "to a web page or a file instead"
    ),
    "class": N_(
        "{where} has the class {value} on <{tag}>, which is removed (the site's "
        "stylesheet decides the look); delete it"
    ),
    "other": N_(
        "{where} has markup that the sanitiser changed; check the HTML written "
        "here against what content may write (see the README)"
    ),
}
QUOTE_CHARS = 60


def quoted(value):
    """Return `value` quoted for a message, cut and on one line."""
    text = " ".join(str(value).split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1] + "…"
    return "'" + text.replace("'", "’") + "'"


def message(change, where, hosts=()):
    """Return the "problem; fix" message of one Change."""
    return _(MESSAGES[change.what]).format(
        where=where,
        tag=change.tag,
        name=change.name,
        value=quoted(change.value),
        hosts=", ".join(hosts) or _("(none)"),
    )


def needles(change):
    """Return regular expressions that find the change in Markdown, best first."""
    tag = re.escape(change.tag)
    name = re.escape(change.name)
    found = []
    if change.what in ("element", "iframe", "script"):
        found.append(rf"<{tag}\b")
    if change.what in ("iframe", "script", "url") and change.value:
        found.append(re.escape(change.value))
        found.append(re.escape(html.escape(change.value)))
    if change.what == "class" and change.value:
        found.append(r"\." + re.escape(change.value) + r"\b")
        found.append(re.escape(change.value))
    if change.name:
        found.append(rf"\b{name}\s*=")
        found.append(rf"\b{name}\b")
    if change.what == "url":
        scheme = change.value.split(":", 1)[0].strip()
        if scheme:
            found.append(re.escape(scheme) + r"\s*:")
    if change.tag:
        found.append(rf"<{tag}\b")
    return found


class LineFinder:
    """Find source lines of changes in a text, each place reported once."""

    def __init__(self, text, first_line=1):
        self.text = text or ""
        self.first_line = first_line
        self.next = {}  # pattern -> offset to search from

    def line(self, change):
        for pattern in needles(change):
            start = self.next.get(pattern, 0)
            match = re.compile(pattern, re.IGNORECASE).search(self.text, start)
            if match is None and start:
                match = re.compile(pattern, re.IGNORECASE).search(self.text)
            if match is not None:
                self.next[pattern] = match.end()
                return self.first_line + self.text.count("\n", 0, match.start())
        return self.first_line


def placed(changes, text, first_line, where, hosts=()):
    """Return [(line, message)] for `changes` found in `text` from `first_line`."""
    finder = LineFinder(text, first_line)
    out = []
    for change in changes:
        out.append((finder.line(change), message(change, where, hosts)))
    return out
