"""Body checks: the text below the header, before Markdown reads it."""

import re

from i18n import _

from ..kinds import PELICAN_FOLDERS
from ..model import Problem
from .images import check_alt_texts, check_lead_image
from .links import check_links
from .shared import Lines

# Header keys Pelican renders as Markdown (FORMATTED_FIELDS).
FORMATTED_KEYS = ("summary",)
# Sum over paragraphs of (number of '[')**2 that Markdown converts in about
# two seconds: 4000 in one paragraph, or 2000 in each of four.
BRACKET_LOAD = 16_000_000
# Python-Markdown's raw-HTML pass grows with the square of the unclosed tags
# in the whole text: 16,000 take 13 seconds.
MAX_UNCLOSED_TAGS = 5000
UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
PARAGRAPH_TEXT = re.compile(r"(?:[^\n]+(?:\n|$))+")
# Lists and quotes nested deeper than this are an error before Markdown runs:
# Python-Markdown runs out of recursion somewhere past 200 list levels.
MAX_NESTING = 100
# What nests at the start of a line: indentation, '>' and list markers.
NESTING_MARK = re.compile(r"[ \t]+|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
# The bounded repetitions keep every pattern linear on multi-megabyte bodies.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
BACKTICKS = re.compile(r"`+")
NOT_NEWLINE = re.compile(r"[^\n]")


def blank(text):
    """Return `text` with every character but newlines made a space."""
    return NOT_NEWLINE.sub(" ", text)


def mask_code_spans(line):
    """Blank the `code spans` of one line (a run of n backticks closes at n)."""
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    following = [None] * len(runs)
    seen = {}
    for index in range(len(runs) - 1, -1, -1):
        width = runs[index][1] - runs[index][0]
        following[index] = seen.get(width)
        seen[width] = index
    pieces = []
    done = 0
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        start, end = runs[index][0], runs[closing][1]
        pieces.append(line[done:start])
        pieces.append(blank(line[start:end]))
        done = end
        index = closing + 1
    pieces.append(line[done:])
    return "".join(pieces)


def mask_comments(text):
    """Blank out <!-- comments -->; an unclosed one runs to the end."""
    pieces = []
    done = 0
    while True:
        start = text.find("<!--", done)
        if start == -1:
            break
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        pieces.append(text[done:start])
        pieces.append(blank(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def mask_code(text):
    """Blank out code blocks, code spans and comments, keeping line numbers.

    Code is shown as text, never run, so raw HTML inside it is harmless.
    Linear in the length of the text, whatever it holds.
    """
    if "`" not in text and "~" not in text:
        # No fence and no code span: only comments can need blanking.
        return mask_comments(text)
    lines = text.split("\n")
    fence = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
            lines[index] = ""
        elif fence is not None:
            if match and match.group(1)[0] == fence:
                fence = None
            lines[index] = ""
        elif "`" in line:
            lines[index] = mask_code_spans(line)
    return mask_comments("\n".join(lines))


def nesting_depth(line):
    """Return how deep a line nests: indentation levels, quote and list marks."""
    depth = 0
    width = 0
    index = 0
    while True:
        match = NESTING_MARK.match(line, index)
        if match is None or match.end() == index:
            return depth + width // 4
        mark = match.group()
        if mark[0] in " \t":
            width += sum(4 if char == "\t" else 1 for char in mark)
        else:
            depth += 1
        index = match.end()


def check_nesting(text, path, first_line):
    """Return a problem for lists or quotes nested so deep Markdown would crash."""
    if len(text) < MAX_NESTING * 2:
        return []
    for index, line in enumerate(text.split("\n")):
        if len(line) > MAX_NESTING and nesting_depth(line) > MAX_NESTING:
            return [
                Problem(
                    path,
                    first_line + index,
                    _(
                        "the text nests lists or quotes more than {limit} levels "
                        "deep (from here), which the Markdown reader cannot read; "
                        "flatten the nesting"
                    ).format(limit=MAX_NESTING),
                )
            ]
    return []


def check_markup(kind, header, path, markup):
    """Return problems for what the sanitiser removes from the rendered text.

    `markup` is a `sanitise.plugin.MarkupCheck`: it renders the body and the
    formatted keys with the site's Markdown settings and reports each change
    the author policy makes at its line. Only Pelican renders Summary as
    Markdown; the other kinds print it as escaped text.
    """
    keys = FORMATTED_KEYS if kind.folder in PELICAN_FOLDERS else ()
    return [
        Problem(path, line, message, markup.severity)
        for line, message in markup(header, keys)
    ]


def check_brackets(text, path, line_of):
    """Return problems for '[' or unclosed '<' so many that Markdown would crawl.

    Python-Markdown matches links per paragraph in time that grows with the
    square of the '[' in it: 90 KB of "[![" takes minutes to convert.
    """
    load = 0
    worst = (0, 0)
    # The load is at most the square of all the '[' in the text.
    if text.count("[") ** 2 > BRACKET_LOAD:
        for match in PARAGRAPH_TEXT.finditer(text):
            count = match.group().count("[")
            load += count * count
            worst = max(worst, (count, match.start()))
    problems = []
    unclosed = list(UNCLOSED_TAG.finditer(text)) if "<" in text else []
    if len(unclosed) > MAX_UNCLOSED_TAGS:
        problems.append(
            Problem(
                path,
                line_of(unclosed[0].start()),
                _(
                    "the text has {count} '<' that open an HTML tag never closed "
                    "with '>' (the first is here), which would slow the Markdown "
                    "reader to a crawl; write &lt; for a '<' that starts no tag"
                ).format(count=len(unclosed)),
            )
        )
    if load <= BRACKET_LOAD:
        return problems
    return [
        *problems,
        Problem(
            path,
            line_of(worst[1]),
            _(
                "the text has too many '[' for the Markdown reader ({count} in the "
                "paragraph starting here), which would slow the build to a crawl; "
                "split long paragraphs, or write \\[ for a bracket that opens no "
                "link"
            ).format(count=worst[0]),
        ),
    ]


def check_body(kind, header, path, root, source_rel, markup=None):
    """Return the problems in the text below the header (and in Summary).

    With `markup` (a `sanitise.plugin.MarkupCheck` covering this kind), the
    text and Summary are rendered and what the sanitiser removes is reported.
    """
    masked = mask_code(header.body)
    line_of = Lines(masked, header.body_line)
    problems = check_brackets(masked, path, line_of)
    nesting = check_nesting(header.body, path, header.body_line)
    problems.extend(nesting)
    if markup is not None and markup.covers(kind.folder) and not problems:
        problems.extend(check_markup(kind, header, path, markup))
    problems.extend(check_alt_texts(masked, path, line_of))
    problems.extend(check_links(masked, path, line_of, root, source_rel))
    problems.extend(check_lead_image(kind, header, path, root))
    return problems
