"""The content model: kinds of item, their keys, and the records read from disk.

Agencies, people, programs and events are not Pelican articles; they are read
here into `Record`s that every plugin shares through the generator context
(`context["content_model"]`). Releases and remarks stay Pelican articles.
"""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .dates import DateError, parse_date
from .frontmatter import parse_header, split_list


@dataclass(frozen=True)
class Kind:
    """One kind of content item and the keys it takes."""

    name: str
    folder: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    label: str

    @property
    def keys(self):
        return (*self.required, *self.optional)


COMMON_OPTIONAL = ("slug", "status", "template", "lang", "allow_script")
KINDS = {
    kind.folder: kind
    for kind in (
        Kind(
            "release",
            "press-releases",
            ("title", "date"),
            (
                "summary",
                "tags",
                "category",
                "authors",
                "author",
                "opd",
                "advertorial",
                "embargo",
                "image",
                "image_caption",
                "modified",
                "programs",
            ),
            "Siaran pers",
        ),
        Kind(
            "remarks",
            "remarks",
            ("title", "date", "speaker", "occasion"),
            (
                "location",
                "delivery",
                "opd",
                "tags",
                "embargo",
                "summary",
                "modified",
                "image",
                "image_caption",
                "category",
                "authors",
                "advertorial",
                "programs",
            ),
            "Sambutan",
        ),
        Kind(
            "agency",
            "agencies",
            ("title", "acronym"),
            ("head", "address", "website", "email", "phone", "stand", "summary"),
            "OPD",
        ),
        Kind(
            "program",
            "programs",
            ("title", "opd", "dimension"),
            (
                "website",
                "app",
                "launched",
                "image",
                "image_caption",
                "status",
                "summary",
            ),
            "Program",
        ),
        Kind(
            "person",
            "people",
            ("title", "role"),
            ("aliases", "opd", "image", "image_caption", "summary"),
            "Tokoh",
        ),
        Kind(
            "event",
            "events",
            ("title", "start", "end", "location"),
            ("opd", "category", "registration", "summary", "address", "modified"),
            "Agenda",
        ),
        Kind("page", "pages", ("title",), ("summary",), "Halaman"),
    )
}
# Record kinds that our own generators read (not Pelican articles or pages).
RECORD_FOLDERS = ("agencies", "people", "programs", "events")

DIMENSIONS = {
    "governance": "Smart Governance",
    "branding": "Smart Branding",
    "economy": "Smart Economy",
    "living": "Smart Living",
    "society": "Smart Society",
    "environment": "Smart Environment",
}
DELIVERIES = {
    "transcript": "Transkrip",
    "excerpt": "Kutipan sambutan",
    "notes": "Catatan",
}
TRUE_WORDS = {"yes", "true", "ya"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A release whose last line is "(Adv)" is paid content (press-council rule).
ADV_LINE = re.compile(r"\(\s*adv\s*\)\s*$", re.IGNORECASE)
# Keys whose values name other items: key -> folder of the items they name.
REFERENCES = {
    "opd": "agencies",
    "speaker": "people",
    "head": "people",
    "programs": "programs",
}


@dataclass(eq=False)
class Problem:
    """One thing wrong with the content, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(eq=False)
class Record:
    """An agency, person, program or event read from its Markdown file."""

    kind: str
    slug: str
    source_path: str
    meta: dict[str, str]
    lines: dict[str, int]
    body: str = ""
    content: str = ""
    related: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # Templates read metadata as attributes (`agency.acronym`).
        meta = self.__dict__.get("meta", {})
        if name in meta:
            return meta[name]
        raise AttributeError(name)

    @property
    def title(self):
        return self.meta.get("title", self.slug)

    def list(self, key):
        """Return a comma-separated metadata value as a list."""
        return split_list(self.meta.get(key))


@dataclass
class Model:
    """Every record by folder and slug, plus the problems found reading them."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, folder, slug):
        return self.records.get(folder, {}).get(slug)

    @property
    def agencies(self):
        return self.records.get("agencies", {})

    @property
    def people(self):
        return self.records.get("people", {})

    @property
    def programs(self):
        return self.records.get("programs", {})

    @property
    def events(self):
        return self.records.get("events", {})

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]


def is_true(value):
    """Return whether a yes/true/ya metadata value is set."""
    return str(value or "").strip().lower() in TRUE_WORDS


def slug_of(path, header):
    """Return the item's slug: `Slug` metadata, else the file name."""
    return (header.get("slug") or Path(path).stem).strip()


def content_files(root):
    """Yield (folder, relative path) of every Markdown file under a kind folder."""
    root = Path(root)
    for folder in KINDS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            yield folder, path


def display_path(path, root):
    """Return `path` as the author knows it: relative to the repo when possible."""
    path = Path(path)
    for base in (Path.cwd(), Path(root).parent):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def check_header(kind, header, path):
    """Return the problems of one header that need no other file to see."""
    problems = []

    def add(key, message, severity="error"):
        problems.append(Problem(path, header.line(key), message, severity))

    for line, key in header.duplicates:
        problems.append(
            Problem(path, line, f"'{key}' is given twice; keep one line", "error")
        )
    for key in kind.required:
        if not header.get(key):
            add(
                key if key in header.lines else "title",
                f"required key '{key.title()}' is missing or empty; "
                f"add a line '{key.title()}: …' to the header",
            )
    for key in header.values:
        if key in kind.keys or key in COMMON_OPTIONAL:
            continue
        near = difflib.get_close_matches(key, [*kind.keys, *COMMON_OPTIONAL], n=1)
        hint = f"did you mean '{near[0].title()}'?" if near else "remove it"
        add(key, f"unknown key '{key.title()}' for a {kind.name}; {hint}", "warning")
    dated = {}
    for key in ("date", "modified", "embargo", "start", "end"):
        if key in kind.keys and header.get(key):
            try:
                dated[key] = parse_date(header.get(key))
            except DateError as error:
                add(key, f"{key.title()}: {error}")
    if "date" in dated:
        for key in ("modified", "embargo"):
            if key in dated and dated[key][0] < dated["date"][0]:
                add(key, f"{key.title()} is before Date; set it on or after Date")
    if "start" in dated and "end" in dated and dated["end"][0] < dated["start"][0]:
        add("end", "End is before Start; correct the event's times")
    if header.get("slug") is not None and not SLUG.match(header.get("slug")):
        add("slug", "Slug must be lower-case letters, digits and hyphens")
    if header.get("advertorial") is not None and not is_true(header.get("advertorial")):
        add(
            "advertorial",
            f"Advertorial must be 'yes' (or 'true', 'ya'), not "
            f"'{header.get('advertorial')}'; remove the key for unpaid content",
        )
    if header.get("allow_script") is not None and not is_true(
        header.get("allow_script")
    ):
        add("allow_script", "Allow_Script must be 'yes' or absent")
    if kind.name in ("release", "remarks") and header.get("advertorial") is None:
        lines = [ln for ln in header.body.rstrip().split("\n") if ln.strip()]
        if lines and ADV_LINE.search(lines[-1]):
            line = header.body_line + header.body.rstrip().count("\n")
            problems.append(
                Problem(
                    path,
                    line,
                    "the text ends with '(Adv)' but the header has no "
                    "'Advertorial: yes'; add that key and delete the '(Adv)' line",
                )
            )
    if kind.name == "program" and header.get("dimension"):
        if header.get("dimension").lower() not in DIMENSIONS:
            add(
                "dimension",
                f"Dimension '{header.get('dimension')}' is not a Smart City "
                f"dimension; use one of {', '.join(DIMENSIONS)}",
            )
    if kind.name == "remarks" and header.get("delivery"):
        if header.get("delivery").lower() not in DELIVERIES:
            add(
                "delivery",
                f"Delivery '{header.get('delivery')}' is unknown; use one of "
                f"{', '.join(DELIVERIES)}",
            )
    return problems


def check_references(headers, known):
    """Return problems for slugs that name no item, and for repeated slugs."""
    problems = []
    for folder, path, header in headers:
        kind = KINDS[folder]
        for key, target in REFERENCES.items():
            if key not in kind.keys or not header.get(key):
                continue
            for slug in split_list(header.get(key)):
                if slug not in known.get(target, {}):
                    choices = sorted(known.get(target, {}))
                    near = difflib.get_close_matches(slug, choices, n=1)
                    hint = (
                        f"did you mean '{near[0]}'?"
                        if near
                        else (
                            f"add content/{target}/{slug}.md or use one of "
                            f"{', '.join(choices) or '(none yet)'}"
                        )
                    )
                    problems.append(
                        Problem(
                            path,
                            header.line(key),
                            f"{key.title()} '{slug}' names no file in "
                            f"content/{target}/; {hint}",
                        )
                    )
    return problems


def read_model(root, markdown=None, display_root=None):
    """Read every content header under `root`; return the Model and problems.

    `markdown` renders record bodies (a callable str -> HTML); releases,
    remarks and pages are left to Pelican and only checked here.
    """
    model = Model(records={folder: {} for folder in RECORD_FOLDERS})
    headers = []
    seen = {}
    for folder, path in content_files(root):
        shown = display_path(path, display_root or root)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            model.problems.append(
                Problem(
                    shown, 1, f"file is not UTF-8 ({error.reason}); save it as UTF-8"
                )
            )
            continue
        if not text.strip():
            model.problems.append(
                Problem(
                    shown,
                    1,
                    "file is empty; write a header and text or delete the file",
                )
            )
            continue
        header = parse_header(text, shown)
        kind = KINDS[folder]
        model.problems.extend(check_header(kind, header, shown))
        slug = slug_of(path, header)
        if not SLUG.match(slug):
            model.problems.append(
                Problem(
                    shown,
                    header.line("slug"),
                    f"slug '{slug}' must be lower-case letters, digits and "
                    "hyphens; rename the file or add a Slug line",
                )
            )
        key = (folder, slug)
        if key in seen:
            model.problems.append(
                Problem(
                    shown,
                    header.line("slug"),
                    f"{kind.name} slug '{slug}' is used by {seen[key]} too; "
                    "give one of them another file name or Slug",
                )
            )
        seen[key] = shown
        headers.append((folder, shown, header))
        if folder in RECORD_FOLDERS:
            model.records[folder][slug] = Record(
                kind=kind.name,
                slug=slug,
                source_path=shown,
                meta=dict(header.values),
                lines=dict(header.lines),
                body=header.body,
                content=markdown(header.body) if markdown else "",
            )
    known = {folder: model.records[folder] for folder in RECORD_FOLDERS}
    model.problems.extend(check_references(headers, known))
    return model
