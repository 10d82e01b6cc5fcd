"""Content checks: everything `invoke check` and every build verify first.

Pure functions over the text and parsed header (`frontmatter.Header`) of each
content file; `model.read_model` runs them all and collects `Problem`s, so a
single run lists every problem. Every message reads "problem; fix" and is
printed as `path:line: problem; fix`. No Pelican signals here; the only Pelican
code used is its own slug and date parsing, so that what passes here is what
Pelican can read.
"""

import bisect
import difflib
import fnmatch
import functools
import html
import posixpath
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date, slugify
from sanitise import policy

from .corrections import check_notices
from .credits import credit_of, parse_title
from .dates import DateError, parse_date
from .frontmatter import split_list
from .kinds import (
    ARTICLE_FOLDERS,
    BY_FOLDER,
    COMMON_OPTIONAL,
    PELICAN_FOLDERS,
    REFERENCES,
    RESERVED_SEGMENTS,
)
from .model import ADV_LINE, FALSE_WORDS, SLUG, TRUE_WORDS, Problem, is_true

# Files Pelican skips (pelicanconf IGNORE_FILES); everything else it reads.
IGNORED_NAMES = (".#*", "README*")
# Extensions Pelican's readers take: only Markdown files are validated, so any
# other readable file in a content folder would be published unchecked.
READABLE_EXTENSIONS = {".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst"}
# Folders of content/ that hold no items.
STATIC_FOLDERS = ("images", "extra")
PELICAN_STATUSES = ("published", "draft", "hidden")
DATE_KEYS = ("date", "modified", "embargo", "start", "end")
# Date keys Pelican parses itself (with dateutil) for its articles and pages.
PELICAN_DATE_KEYS = ("date", "modified")
YEARS = (1900, 2100)
# A date parse_date has read, written so plainly that Pelican reads it too;
# asking Pelican (dateutil) about every item is slow.
PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?\Z")
# Header keys whose values become links on the site.
URL_KEYS = ("website", "app", "registration")
# Header keys Pelican renders as Markdown (FORMATTED_FIELDS).
FORMATTED_KEYS = ("summary",)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_VALUE_CHARS = 5000
MAX_TITLE_CHARS = 250
# A slug names a page folder and files such as berita-YYYY-MM-<slug>.jpg: kept
# well below the 255-byte limit of a file name.
MAX_SLUG_CHARS = 120
MAX_REPORTED_CHARACTERS = 3
MAX_PROBLEMS_PER_FILE = 30
# Sum over paragraphs of (number of '[')**2 that Markdown converts in about
# two seconds: 4000 in one paragraph, or 2000 in each of four.
BRACKET_LOAD = 16_000_000
# Python-Markdown's raw-HTML pass grows with the square of the unclosed tags
# in the whole text: 16,000 take 13 seconds.
MAX_UNCLOSED_TAGS = 5000
UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
PARAGRAPH_TEXT = re.compile(r"(?:[^\n]+(?:\n|$))+")
# Values quoted in messages are cut to this many characters.
QUOTE_CHARS = 60
LONG_WORD = re.compile(rf"[^\s;']{{{QUOTE_CHARS * 2},}}")
# Link placeholders Pelican understands in `{name}path` or `|name|path`.
PLACEHOLDERS = ("filename", "static", "attach", "index", "tag", "category", "author")
PLACEHOLDER = re.compile(r"^(?:\{(?P<brace>\w+)\}|\|(?P<bar>\w+)\|)(?P<rest>.*)$")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")
# Keys that used to exist: an error that says so, not "unknown key".
REMOVED_KEYS = ("allow_script",)
# Lists and quotes nested deeper than this are an error before Markdown runs:
# Python-Markdown runs out of recursion somewhere past 200 list levels.
MAX_NESTING = 100
# What nests at the start of a line: indentation, '>' and list markers.
NESTING_MARK = re.compile(r"[ \t]+|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
# Attributes whose values are links to check: those the sanitiser checks,
# plus manifest, ping and srcset, whose links are checked here too.
URL_ATTRIBUTES = policy.URL_ATTRIBUTES | {"manifest", "ping", "srcset"}

# The bounded repetitions keep every pattern linear on multi-megabyte bodies.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
BACKTICKS = re.compile(r"`+")
NOT_NEWLINE = re.compile(r"[^\n]")
TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]{0,50})"
    r"(?P<attrs>(?:[^<>\"']|\"[^\"]{0,20000}\"|'[^']{0,20000}'){0,20000})>"
)
ATTRIBUTE = re.compile(
    r"(?P<name>[^\s=/\"'<>]+)"
    r"(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
LINK_START = re.compile(r"(?P<bang>!?)\[(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,2000}\]\(")
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,500}\]:[ \t]*<?(?P<dest>[^\s>]+)", re.M)
EMPTY_ALT = re.compile(r"!\[\s*\]")
# The title of an inline link after its destination: "…", '…' or (…).
LINK_TITLE = re.compile(
    r"""[ \t]*\n?[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|\(([^()\n]*)\))[ \t]*\)"""
)
# Characters XML (feeds, sitemaps) cannot carry, or that are invisible damage
# from a wrong encoding: C0 and C1 controls except tab and newlines, DEL,
# noncharacters, and a byte order mark inside the text.
BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)


class Lines:
    """Map character offsets of a text to 1-based line numbers."""

    def __init__(self, text, first=1):
        self.text = text
        self.first = first

    @functools.cached_property
    def starts(self):
        # Found on first use: most texts have no problem to place.
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def __call__(self, offset):
        return self.first + bisect.bisect_right(self.starts, offset) - 1


def key_name(key):
    """Return a header key as authors write it ("opd" -> "OPD")."""
    return "OPD" if key == "opd" else key.title()


@functools.lru_cache(maxsize=4096)
def pelican_slug(value):
    """Return the slug Pelican gives a tag, category or author name.

    Memoised: a pure function of `value`, asked again for every item that
    has the same tag.
    """
    return slugify(
        value,
        regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=False,
        use_unicode=DEFAULT_CONFIG["SLUGIFY_USE_UNICODE"],
    )


def pelican_list(value):
    """Split a Tags or Authors value as Pelican does (';' wins over ',')."""
    text = str(value or "")
    parts = text.split(";") if ";" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def is_ignored(name):
    """Return whether Pelican skips a file or folder called `name`."""
    # What `PurePosixPath(name).match(pattern)` gives for one path component.
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in IGNORED_NAMES)


def is_file(path):
    """Return whether `path` is a file; False for names no file can have."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):  # too long, or a NUL byte in the name
        return False


def is_dir(path):
    """Return whether `path` is a folder; False for names no folder can have."""
    try:
        return Path(path).is_dir()
    except (OSError, ValueError):
        return False


def dangerous_scheme(value):
    """Return the script-running scheme of a URL ("javascript:"), or ""."""
    text = html.unescape(str(value))
    # Browsers drop ASCII whitespace and controls inside a scheme.
    text = re.sub(r"[\x00-\x20\x7f]+", "", text).lower()
    for scheme in DANGEROUS_SCHEMES:
        if text.startswith(scheme):
            return scheme
    return ""


def dangerous_url(value):
    """Return whether a URL would run script when followed."""
    return bool(dangerous_scheme(value))


def q(value):
    """Return `value` quoted for a message: printable, at most QUOTE_CHARS long."""
    text = printable(value)
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS] + "…"
    return f"'{text}'"


def describe_character(char):
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name.lower()})"


# --- whole-file checks ---------------------------------------------------------


def check_characters(text, path, first_line=1):
    """Return problems for characters that cannot be published (controls, BOMs)."""
    problems = []
    found = list(BAD_CHARACTER.finditer(text))
    if not found:
        return problems
    line_of = Lines(text, first_line)
    for match in found[:MAX_REPORTED_CHARACTERS]:
        problems.append(
            Problem(
                path,
                line_of(match.start()),
                f"invisible character {describe_character(match.group())} "
                "cannot be published (feeds reject it); delete it, or re-save "
                "the file as UTF-8 if it came from another program",
            )
        )
    if len(found) > MAX_REPORTED_CHARACTERS:
        problems.append(
            Problem(
                path,
                line_of(found[MAX_REPORTED_CHARACTERS].start()),
                f"{len(found) - MAX_REPORTED_CHARACTERS} more invisible "
                "characters like the ones above; re-save the file as plain "
                "UTF-8 text",
            )
        )
    return problems


def check_size(size, path):
    """Return a problem when a file is too big to be one content item."""
    if size <= MAX_FILE_BYTES:
        return []
    megabytes = size / 1024 / 1024
    return [
        Problem(
            path,
            1,
            f"file is {megabytes:.0f} MB, more than one item can be "
            f"({MAX_FILE_BYTES // 1024 // 1024} MB); split it, or put media "
            "files in content/images/",
        )
    ]


def stray_files(root):
    """Yield (path, message, severity) for content files nobody will check.

    Pelican reads every readable file in its folders, not only `.md`; a file
    outside the kind folders is never published at all.
    """
    root = Path(root)
    if not root.is_dir():
        return
    folders = {*BY_FOLDER, *STATIC_FOLDERS}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or is_ignored(entry.name):
            continue
        if entry.is_dir() and entry.name not in folders:
            near = difflib.get_close_matches(entry.name, sorted(folders), n=1)
            hint = f"did you mean {q(near[0])}?" if near else "move its files"
            markdown = [
                p
                for p in sorted(entry.rglob("*.md"))
                if p.is_file() and not is_ignored(p.name)
            ]
            kind = difflib.get_close_matches(entry.name, list(BY_FOLDER), n=1)
            where = f"'{kind[0]}/'" if kind else "the folder of its kind"
            for path in markdown:
                # Written as an item and never published: the author must know.
                yield (
                    path,
                    "file is in '{}/', which is not a content folder, so it is "
                    "never published; move it into {} (content folders: "
                    "{})".format(entry.name, where, ", ".join(BY_FOLDER)),
                    "error",
                )
            has_text = any(
                p.suffix.lower() in READABLE_EXTENSIONS and p.suffix != ".md"
                for p in entry.rglob("*")
            )
            if has_text:
                yield (
                    entry,
                    f"folder '{entry.name}/' is not a content folder, so its "
                    f"files are never published; {hint} (content folders: "
                    f"{', '.join(BY_FOLDER)})",
                    "warning",
                )
        elif entry.is_file() and entry.suffix.lower() in READABLE_EXTENSIONS:
            yield (
                entry,
                "file is outside every content folder, so it is never "
                "published; move it into the folder of its kind: {}".format(
                    ", ".join(BY_FOLDER)
                ),
                "error" if entry.suffix == ".md" else "warning",
            )
    for folder in BY_FOLDER:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if not path.is_file() or is_ignored(path.name):
                continue
            suffix = path.suffix.lower()
            if path.suffix == ".md" or suffix not in READABLE_EXTENSIONS:
                continue
            if folder in PELICAN_FOLDERS:
                yield (
                    path,
                    f"{q(path.suffix)} files are published without these "
                    "checks; write the item in Markdown and name it "
                    f"'{path.stem}.md'",
                    "error",
                )
            else:
                yield (
                    path,
                    f"only '.md' files are read here, so this file is ignored; "
                    f"rename it '{path.stem}.md'",
                    "warning",
                )


def check_slug_length(slug, path, line):
    """Return a problem when a slug is too long to name the item's files."""
    if len(slug.encode("utf-8")) <= MAX_SLUG_CHARS:
        return []
    return [
        Problem(
            path,
            line,
            "slug {} is {} characters long, too long for the names of the "  # noqa: UP032
            "item's files; shorten the file name (or Slug) to at most {} "
            "characters, e.g. the first words of the title".format(
                q(slug), len(slug), MAX_SLUG_CHARS
            ),
        )
    ]


# --- header checks -------------------------------------------------------------


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
                f"{q(key_name(key))} is given twice; keep one line (the last wins "
                "otherwise)",
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
                "required key {} is missing, and {} is no key; did you mean "  # noqa: UP032
                "{}? write '{}: …'".format(
                    q(key_name(key)), q(key_name(typo)), q(key_name(key)), key_name(key)
                ),
            )
            continue
        add(
            key if key in header.values else "title",
            f"required key {q(key_name(key))} is missing or empty; "
            f"add a line '{key_name(key)}: …' to the header",
        )
    for key, near in unknown.items():
        hint = f"did you mean {q(near[0].title())}?" if near else "remove it"
        add(key, f"unknown key {q(key_name(key))} for a {kind.name}; {hint}", "warning")
    for key, value in header.values.items():
        if len(value) > MAX_VALUE_CHARS:
            add(
                key,
                f"{q(key_name(key))} is {len(value)} characters long; a header "
                "value this long is text that belongs below the header: add a "
                "blank line after the last 'Key: value' line",
            )
    title = header.get("title") or ""
    if MAX_TITLE_CHARS < len(title) <= MAX_VALUE_CHARS:
        add(
            "title",
            f"Title is {len(title)} characters long; shorten it to at most "
            f"{MAX_TITLE_CHARS} (put the rest in Summary)",
        )
    check_dates(kind, header, add)
    if header.get("slug") is not None and not SLUG.match(header.get("slug")):
        add(
            "slug",
            f"Slug {q(header.get('slug'))} is not a valid slug; use lower-case "
            "letters, digits and hyphens, e.g. 'smart-festival-2020'",
        )
    advertorial = header.get("advertorial")
    if advertorial is not None and not (
        is_true(advertorial) or advertorial.lower() in FALSE_WORDS
    ):
        add(
            "advertorial",
            "Advertorial {} is not a word the site knows; write {} for paid "
            "content, or {} (or no line) for unpaid content".format(
                q(advertorial),
                " / ".join(sorted(TRUE_WORDS)),
                " / ".join(sorted(FALSE_WORDS)),
            ),
        )
    if header.get("allow_script") is not None:
        add(
            "allow_script",
            "Allow_Script was removed: content can no longer run scripts; delete "
            "the line (a video embed from an allow-listed host needs no key, see "
            "SANITISE_IFRAME_HOSTS and SANITISE_EMBED_SCRIPTS in the README)",
        )
    if kind.folder in PELICAN_FOLDERS and header.get("status") is not None:
        if header.get("status").lower() not in PELICAN_STATUSES:
            add(
                "status",
                f"Status {q(header.get('status'))} is unknown; use one of "
                f"{', '.join(PELICAN_STATUSES)} or remove the line",
            )
    if header.get("lang") is not None and header.get("lang").lower() != "id":
        add(
            "lang",
            f"Lang {q(header.get('lang'))} is not the site's language, so the "
            "item would get no page, only broken links in feeds and lists; "
            "remove the line (the site is in Bahasa Indonesia, 'id')",
        )
    if "advertorial" in kind.keys and header.get("advertorial") is None:
        lines = [ln for ln in header.body.rstrip().split("\n") if ln.strip()]
        if lines and ADV_LINE.search(lines[-1]):
            line = header.body_line + header.body.rstrip().count("\n")
            problems.append(
                Problem(
                    path,
                    line,
                    "the text ends with '(Adv)' but the header has no "
                    "'Advertorial: yes'; add that key and delete the '(Adv)'",
                )
            )
    for field in kind.fields:
        value = header.get(field.name)
        if field.choices and value and value.lower() not in dict(field.choices):
            add(
                field.name,
                f"{key_name(field.name)} {q(value)} {field.invalid}; use one of "
                f"{', '.join(dict(field.choices))}",
            )
    check_names(kind, header, add)
    template = header.get("template")
    if template is not None and templates is not None and template not in templates:
        near = difflib.get_close_matches(template, templates, n=1)
        hint = f"did you mean {q(near[0])}?" if near else "remove the line"
        add(
            "template",
            f"Template {q(template)} is not a template of the theme; {hint}",
        )
    check_url_values(kind, header, add)
    problems.extend(check_notices(kind, header, path))
    return problems


def check_dates(kind, header, add):
    """Check that dates parse (here and in Pelican) and come in order."""
    dated = {}
    timed = {}
    for key in DATE_KEYS:
        value = header.get(key)
        if key not in kind.keys or not value:
            continue
        if len(value) > 40:
            add(
                key,
                f"{key_name(key)} is {len(value)} characters long, not a date; "
                "write YYYY-MM-DD or YYYY-MM-DD HH:MM",
            )
            continue
        try:
            moment, has_time = parse_date(value)
        except DateError as error:
            add(key, f"{key_name(key)}: {error}")
            continue
        if not YEARS[0] <= moment.year <= YEARS[1]:
            add(
                key,
                f"{key_name(key)} is in the year {moment.year}; check the year "
                f"(dates from {YEARS[0]} to {YEARS[1]} are accepted)",
            )
            continue
        if kind.folder in PELICAN_FOLDERS and key in PELICAN_DATE_KEYS:
            if not (PLAIN_DATE.match(value) or pelican_reads_date(value)):
                add(
                    key,
                    f"{key_name(key)} {q(value)} is not read the same way by the "
                    "site generator; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM "
                    "(a colon in the time, an offset like +08:00 instead of Z)",
                )
                continue
        dated[key] = moment
        timed[key] = has_time
    if "date" in dated:
        for key in ("modified", "embargo"):
            if key in dated and dated[key] < dated["date"]:
                add(
                    key,
                    f"{key_name(key)} is before Date ({header.get(key)} < "
                    f"{header.get('date')}); set it on or after Date",
                )
    if "start" in dated and "end" in dated:
        start, end = dated["start"], dated["end"]
        # A date without a time means the whole day (the events plugin says
        # more when only one of the two has a time).
        if end.date() < start.date() if not timed["end"] else end < start:
            add(
                "end",
                f"End is before Start ({header.get('end')} < "
                f"{header.get('start')}); correct the event's times",
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
    """Check that tags, categories and authors give usable URLs."""
    for key in ("tags", "category", "authors", "author"):
        if key not in kind.keys or not header.get(key):
            continue
        names = (
            [header.get(key)] if key == "category" else pelican_list(header.get(key))
        )
        for name in names:
            slug = pelican_slug(name)
            if not slug.strip("-"):
                label = {"tags": "Tag", "authors": "Author"}.get(key, key_name(key))
                add(
                    key,
                    f"{label} {q(name)} has no letter or digit to build "
                    f"its address from; add a word to it (e.g. "
                    f"'Perayaan {name}')",
                )


def check_url_values(kind, header, add):
    """Check header values that the theme turns into links."""
    for key in URL_KEYS:
        value = header.get(key)
        if key not in kind.keys or not value:
            continue
        if dangerous_url(value):
            add(
                key,
                f"{key_name(key)} is a {q(dangerous_scheme(value))} address that "
                "would run a script when clicked; give the https:// address "
                "of the site",
            )
        elif not value.lower().startswith(("https://", "http://")):
            add(
                key,
                f"{key_name(key)} {q(value)} is not a web address; write it in "
                "full, starting with https://",
                "warning",
            )
    email = header.get("email")
    if (
        email
        and "email" in kind.keys
        and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+", email)
    ):
        add(
            "email",
            f"Email {q(email)} is not an e-mail address; write it as "
            "name@bontangkota.go.id",
            "warning",
        )


# --- body checks ---------------------------------------------------------------


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


def link_destination(text, start):
    """Return the destination of an inline link whose '(' ends at `start`."""
    index = start
    while index < len(text) and text[index] in " \t\n":
        index += 1
    if index < len(text) and text[index] == "<":
        end = text.find(">", index)
        return text[index + 1 : end] if end != -1 else ""
    depth = 0
    begin = index
    limit = min(len(text), index + 5000)
    while index < limit:
        char = text[index]
        if char in " \t\n":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return text[begin:index]


def links_of(text):
    """Yield (offset, destination, is_image, source) for every link in `text`.

    `source` is "markdown" or the HTML attribute name.
    """
    # Most texts have no link and no tag: skip the scans that cannot match.
    markdown = "[" in text
    for match in LINK_START.finditer(text) if markdown else ():
        yield (
            match.start(),
            link_destination(text, match.end()),
            bool(match["bang"]),
            "markdown",
        )
    for match in REFERENCE.finditer(text) if markdown else ():
        yield match.start(), match["dest"], False, "markdown"
    for tag in TAG.finditer(text) if "<" in text else ():
        if tag["close"]:
            continue
        for attribute in ATTRIBUTE.finditer(tag["attrs"]):
            name = attribute["name"].lower()
            if name in URL_ATTRIBUTES and attribute["value"] is not None:
                value = attribute["value"].strip("\"'")
                is_image = tag["name"].lower() == "img" and name == "src"
                yield tag.start(), value, is_image, name


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
                    f"the text nests lists or quotes more than {MAX_NESTING} "
                    "levels deep (from here), which the Markdown reader cannot "
                    "read; flatten the nesting",
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


def resolve_local(root, source_dir, target):
    """Return the content-relative path a local link names, or None if outside."""
    path = unquote(urlsplit(target).path)
    if path.startswith("/"):
        relative = posixpath.normpath(path.lstrip("/"))
    else:
        relative = posixpath.normpath(posixpath.join(source_dir, path))
    if relative.startswith("..") or relative in ("", "."):
        return None
    return relative


def check_links(text, path, line_of, root, source_rel):
    """Return problems for links and images that will not resolve."""
    problems = []
    root = Path(root)
    source_dir = posixpath.dirname(source_rel)

    def add(offset, message, severity="error"):
        problems.append(Problem(path, line_of(offset), message, severity))

    for match in EMPTY_ALT.finditer(text):
        add(
            match.start(),
            "image has no alt text, so blind readers and search engines learn "
            "nothing from it; describe the picture between the brackets: "
            "![Wali Kota membuka festival](…)",
        )
    for tag in TAG.finditer(text):
        if tag["close"] or tag["name"].lower() != "img":
            continue
        alts = [
            a["value"].strip("\"'")
            for a in ATTRIBUTE.finditer(tag["attrs"])
            if a["name"].lower() == "alt" and a["value"] is not None
        ]
        if not alts or not alts[0].strip():
            add(
                tag.start(),
                '<img> has no alt text; add alt="…" describing the picture',
            )
        for attribute in ATTRIBUTE.finditer(tag["attrs"]):
            if attribute["name"].lower() == "title" and attribute["value"]:
                title = html.unescape(attribute["value"].strip("\"'"))
                for problem in parse_title(title)[1]:
                    add(tag.start(), problem)
    for match in LINK_START.finditer(text) if "![" in text else ():
        if not match["bang"]:
            continue
        after = match.end() + len(link_destination(text, match.end()))
        title = LINK_TITLE.match(text, after)
        if title:
            caption = next(g for g in title.groups() if g is not None)
            for problem in parse_title(caption)[1]:
                add(match.start(), problem)
    for offset, destination, is_image, source in links_of(text):
        if source == "srcset":  # a list of candidates, checked for script only
            continue
        destination = destination.strip()
        if not destination or destination.startswith("#") or dangerous_url(destination):
            continue
        placeholder = PLACEHOLDER.match(destination)
        if placeholder:
            what = placeholder["brace"] or placeholder["bar"]
            if what not in PLACEHOLDERS:
                near = difflib.get_close_matches(what, PLACEHOLDERS, n=1)
                hint = f"did you mean '{{{near[0]}}}'?" if near else "remove it"
                add(
                    offset,
                    f"link {q(destination)} uses the unknown placeholder "
                    f"'{{{what}}}'; {hint}",
                )
            elif what in ("filename", "static", "attach"):
                check_content_link(
                    what,
                    placeholder["rest"],
                    destination,
                    root,
                    source_dir,
                    add,
                    offset,
                )
        elif is_image:
            check_image_source(destination, root, source_dir, add, offset)
    return problems


def check_content_link(what, rest, destination, root, source_dir, add, offset):
    """Check one `{filename}`, `{static}` or `{attach}` link."""
    relative = resolve_local(root, source_dir, rest)
    if relative is None:
        add(
            offset,
            f"link {q(destination)} points outside the content folder; link to "
            "a file under content/",
        )
        return
    target = Path(root) / relative
    if not is_file(target):
        near = nearest_file(root, relative)
        hint = f"did you mean '{{{what}}}/{near}'?" if near else "check the path"
        add(
            offset,
            f"link {q(destination)} names content/{relative}, which does not "
            f"exist; {hint}",
        )
        return
    top = relative.split("/", 1)[0]
    if what == "filename" and target.suffix == ".md" and top not in PELICAN_FOLDERS:
        kind = BY_FOLDER.get(top)
        url = "/" + kind.url_of(target.stem) if kind else "its page"
        add(
            offset,
            f"link {q(destination)} cannot work: content/{top}/ files are not "
            f"pages of their own for {{filename}}; link to {url} instead",
        )


def nearest_file(root, relative):
    """Return the existing content path closest to `relative`, if any."""
    folder = (Path(root) / relative).parent
    if not is_dir(folder):
        return None
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    near = difflib.get_close_matches(Path(relative).name, names, n=1)
    return str(Path(relative).with_name(near[0])) if near else None


def check_image_source(src, root, source_dir, add, offset):
    """Check a body image: a local file (from the item's folder or content/)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        add(
            offset,
            f"image {q(src[:80])} is on another host, which tracks readers and "
            "breaks when that site changes; save the file under "
            "content/images/ and write its path, e.g. images/foto.jpg",
        )
        return
    candidates = [resolve_local(root, source_dir, src)]
    if not src.startswith("/"):
        candidates.append(resolve_local(root, "", src))
    found = [c for c in candidates if c is not None]
    if any(is_file(Path(root) / c) for c in found):
        return
    if not found:
        add(
            offset,
            f"image {q(src)} is outside the content folder; keep images under "
            "content/images/",
        )
        return
    near = nearest_file(root, found[-1])
    hint = f"did you mean {q(near)}?" if near else "check the path"
    add(
        offset,
        f"image {q(src)} was not found (looked for content/"
        f"{' and content/'.join(dict.fromkeys(found))}); {hint}",
    )


def check_lead_image(kind, header, path, root):
    """Check the `Image` key: a file under content/ with alt text."""
    problems = []
    value = header.get("image")
    if "image" not in kind.keys or not value:
        return problems

    def add(message):
        problems.append(Problem(path, header.line("image"), message))

    # The images plugin reads Image from the content folder (not the item's).
    placeholder = PLACEHOLDER.match(value)
    target = placeholder["rest"] if placeholder else value
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        add(
            f"Image {q(value[:80])} is on another host, which tracks readers and "
            "breaks when that site changes; save the file under "
            "content/images/ and write its path, e.g. images/foto.jpg",
        )
    else:
        relative = resolve_local(root, "", target)
        if relative is None:
            add(
                f"Image {q(value)} is outside the content folder; keep images "
                "under content/images/",
            )
        elif not is_file(Path(root) / relative):
            near = nearest_file(root, relative)
            hint = (
                f"did you mean {q(near)}?"
                if near
                else "check the path (it starts at content/, e.g. images/foto.jpg)"
            )
            add(f"Image {q(value)}: content/{relative} was not found; {hint}")
    if "image_alt" in kind.keys and not header.get("image_alt"):
        add(
            "Image has no alt text; add a line 'Image_Alt: …' describing the "
            "picture for readers who cannot see it",
        )
    # The credit rules of content_model.credits, as the images plugin applies
    # them, so that `invoke check` reports them too.
    licence = header.get("image_license")
    line = header.line("image_license" if licence else "image")
    for message in credit_of("", header.get("image_credit"), licence)[1]:
        problems.append(Problem(path, line, message))
    return problems


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
                f"the text has {len(unclosed)} '<' that open an HTML tag never "
                "closed with '>' (the first is here), which would slow the "
                "Markdown reader to a crawl; write &lt; for a '<' that starts "
                "no tag",
            )
        )
    if load <= BRACKET_LOAD:
        return problems
    return [
        *problems,
        Problem(
            path,
            line_of(worst[1]),
            f"the text has too many '[' for the Markdown reader ({worst[0]} in "
            "the paragraph starting here), which would slow the build to a "
            "crawl; split long paragraphs, or write \\[ for a bracket that "
            "opens no link",
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
    problems.extend(check_links(masked, path, line_of, root, source_rel))
    problems.extend(check_lead_image(kind, header, path, root))
    return problems


# --- checks across files -------------------------------------------------------


def check_references(headers, known):
    """Return problems for slugs that name no item."""
    problems = []
    for folder, path, header in headers:
        kind = BY_FOLDER[folder]
        for key, target in REFERENCES.items():
            if key not in kind.keys or not header.get(key):
                continue
            for slug in split_list(header.get(key)):
                if slug in known.get(target, {}):
                    continue
                choices = sorted(known.get(target, {}))
                named = slug_by_name(known.get(target, {})).get(normal_name(slug))
                near = (
                    [named] if named else difflib.get_close_matches(slug, choices, n=1)
                )
                hint = (
                    f"did you mean {q(near[0])}?"
                    if near
                    else (
                        f"add content/{target}/{slug}.md or use one of "
                        f"{', '.join(choices[:20]) or '(none yet)'}"
                    )
                )
                problems.append(
                    Problem(
                        path,
                        header.line(key),
                        f"{key_name(key)} {q(slug)} names no file in "
                        f"content/{target}/; {hint}",
                    )
                )
    return problems


def normal_name(text):
    """Return a name as compared with others: case-folded, single-spaced."""
    return " ".join(str(text).replace("’", "'").casefold().split())


def slug_by_name(records):
    """Map the names an item is known by (slug, title, acronym, aliases) to slugs.

    Authors write an agency's acronym or a person's name where the file name
    belongs; the message then names the right one. A name two items share
    points to neither.
    """
    owners = {}
    for slug, record in records.items():
        meta = getattr(record, "meta", {})
        names = [slug, meta.get("title"), meta.get("acronym")]
        names += split_list(meta.get("aliases"))
        for name in names:
            if name:
                owners.setdefault(normal_name(name), set()).add(slug)
    return {name: min(slugs) for name, slugs in owners.items() if len(slugs) == 1}


def item_url(folder, slug, header):
    """Return the URL path an item is published at, or None if unknown yet."""
    kind = BY_FOLDER[folder]
    if "{date" not in kind.url:
        return kind.url_of(slug)
    try:
        moment, _ = parse_date(header.get("date") or "")
    except DateError:
        return None
    return kind.url_of(slug, moment)


def check_collisions(items):
    """Return problems for items that would be published at one URL.

    `items` are (folder, slug, path, header) of every readable file. Releases
    and remarks share one slug namespace in Pelican (same slug = translations
    of one article, and only one is published), so they are compared too.
    """
    problems = []
    by_slug = {}
    by_url = {}
    articles = {}
    for folder, slug, path, header in items:
        line = header.line("slug")
        kind = BY_FOLDER[folder]
        if (folder, slug) in by_slug:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{kind.name} slug {q(slug)} is used by {by_slug[folder, slug]} "
                    "too; give one of them another file name or Slug",
                )
            )
            continue
        by_slug[folder, slug] = path
        if folder in ARTICLE_FOLDERS:
            if slug in articles:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"slug {q(slug)} is also used by {articles[slug]}; "
                        "releases and remarks share slugs (only one of the "
                        "two would be published), so rename one of them",
                    )
                )
                continue
            articles[slug] = path
        if folder == "pages" and slug in RESERVED_SEGMENTS:
            problems.append(
                Problem(
                    path,
                    line,
                    f"page slug {q(slug)} would be published at /{slug}/, which "
                    "the site's own lists use; give the page another file "
                    f"name or Slug (reserved: {', '.join(RESERVED_SEGMENTS)})",
                )
            )
            continue
        url = item_url(folder, slug, header)
        if url is None:
            continue
        if url in by_url:
            problems.append(
                Problem(
                    path,
                    line,
                    f"/{url} is also the address of {by_url[url]}; give one of "
                    "them another file name or Slug",
                )
            )
            continue
        by_url[url] = path
    return problems


def at_most(problems, path, limit=MAX_PROBLEMS_PER_FILE):
    """Return a file's problems, the first `limit` and a count of the rest."""
    if len(problems) <= limit:
        return problems
    ordered = sorted(problems, key=lambda p: p.line)
    rest = ordered[limit:]
    errors = sum(1 for p in rest if p.severity == "error")
    return [
        *ordered[:limit],
        Problem(
            path,
            rest[0].line,
            f"{len(rest)} more problems in this file from here on; fix the "
            "ones above and check again",
            "error" if errors else "warning",
        ),
    ]


def printable(text):
    r"""Return `text` with invisible characters written as escapes (\x07)."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode()
        for char in str(text)
    )


def clean_problem(problem):
    """Make a problem one printable line; shorten long words (slugs, paths)."""
    message = printable(problem.message)
    message = LONG_WORD.sub(lambda m: f"{m.group()[:QUOTE_CHARS]}…", message)
    return Problem(printable(problem.path), problem.line, message, problem.severity)


def sort_problems(problems):
    """Return clean problems in file and line order (stable for equal places)."""
    cleaned = [clean_problem(p) for p in problems]
    return sorted(cleaned, key=lambda p: (p.path, p.line))


def format_problem(problem):
    """Return one line of `invoke check`: `path:line: [warning: ]problem; fix`."""
    if problem.severity == "error":
        return str(problem)
    return f"{problem.path}:{problem.line}: {problem.severity}: {problem.message}"


def totals(problems):
    """Return the closing line of `invoke check`."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if not problems:
        return "No problems found."
    return f"{errors} error(s), {warnings} warning(s)."
