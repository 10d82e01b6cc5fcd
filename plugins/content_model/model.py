"""The content model: kinds of item, their keys, and the records read from disk.

Agencies, people, programs and events are not Pelican articles; they are read
here into `Record`s that every plugin shares through the generator context
(`context["content_model"]`). Releases and remarks stay Pelican articles.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

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


COMMON_OPTIONAL = ("slug", "status", "template", "lang")
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
                "image_alt",
                "image_credit",
                "image_license",
                "modified",
                "programs",
                "id",
                "correction",
                "withdrawn",
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
                "image_alt",
                "image_credit",
                "image_license",
                "category",
                "authors",
                "advertorial",
                "programs",
                "id",
                "correction",
                "withdrawn",
            ),
            "Sambutan",
        ),
        Kind(
            "agency",
            "agencies",
            ("title", "acronym"),
            (
                "head",
                "address",
                "website",
                "email",
                "phone",
                "stand",
                "summary",
                "embargo",
            ),
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
                "image_alt",
                "image_credit",
                "image_license",
                "status",
                "summary",
                "embargo",
            ),
            "Program",
        ),
        Kind(
            "person",
            "people",
            ("title", "role"),
            (
                "aliases",
                "opd",
                "image",
                "image_caption",
                "image_alt",
                "image_credit",
                "image_license",
                "summary",
                "embargo",
            ),
            "Tokoh",
        ),
        Kind(
            "event",
            "events",
            ("title", "start", "end", "location"),
            (
                "opd",
                "category",
                "registration",
                "summary",
                "address",
                "modified",
                "embargo",
            ),
            "Agenda",
        ),
        Kind("page", "pages", ("title",), ("summary", "embargo"), "Halaman"),
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
# What `Advertorial` may say for content that is not paid.
FALSE_WORDS = {"no", "false", "tidak"}
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
    # Every file's header by its path under the content folder, so nothing
    # reads a file twice in one build.
    headers: dict = field(default_factory=dict)
    # What plugins' content checks found and their build reuses, by a key
    # of the plugin's own ("newsroom.quotes").
    shared: dict = field(default_factory=dict)

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


def pages_with_neighbours(paginator):
    """Yield (page, previous page or None, next page or None) of a Paginator.

    Listings that write their own pages (remarks, a person's quotes) pass the
    neighbours to the template as Pelican does for its paginated pages.
    """
    for number in paginator.page_range:
        previous = paginator.page(number - 1) if number > 1 else None
        following = paginator.page(number + 1) if number < paginator.num_pages else None
        yield paginator.page(number), previous, following


def slug_of(path, header):
    """Return the item's slug: `Slug` metadata, else the file name."""
    return (header.get("slug") or Path(path).stem).strip()


def content_files(root):
    """Yield (folder, path) of every Markdown file Pelican or we will read.

    Hidden files are included: Pelican reads them too (IGNORE_FILES only
    skips editor lock files and READMEs), so they must be checked.
    """
    from . import files
    from .validate import is_ignored

    root = Path(root)
    for folder in KINDS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            parts = path.relative_to(base).parts
            if any(is_ignored(part) for part in parts):
                continue
            # Never read through a link: its target may be any file on the
            # machine (files.content_problems reports the link itself).
            if files.is_linked(root, path):
                continue
            yield folder, path


def display_path(path, root):
    """Return `path` as the author knows it: relative to the repo when possible.

    That is relative to the working folder, else to the folder holding `root`,
    symbolic links resolved; else `path` itself.
    """
    return PathDisplay(root)(path)


class PathDisplay:
    """`display_path` for the many files under one root: bases resolved once."""

    def __init__(self, root):
        self.root = root
        self.bases = []
        for base in (os.getcwd, lambda: Path(root).parent):
            try:
                self.bases.append(os.path.realpath(base()))
            except (OSError, ValueError):
                continue
        self._real_root = None

    def __call__(self, path):
        """Return `display_path(path, root)`."""
        try:
            real = os.path.realpath(path)
        except (OSError, ValueError):
            return str(Path(path))
        return self.shown(real) or str(Path(path))

    def shown(self, real):
        for base in self.bases:
            shown = relative_to(real, base)
            if shown is not None:
                return shown
        return None

    def under_root(self, path, relative):
        """Return `display_path(path, root)` of `path`, that is root/`relative`.

        `relative` (posix) is resolved against the resolved root, checking
        only its own parts for links, not every folder above the root.
        """
        parts = relative.split("/")
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        real = self._real_root
        for part in parts:
            real = os.path.join(real, part)
            if part in ("", ".", "..") or os.path.islink(real):
                return self(path)
        return self.shown(real) or str(Path(path))


def relative_to(path, base):
    """Return resolved `path` relative to resolved `base`, or None if outside.

    String work on two `realpath` results: what `PurePath.relative_to` gives
    for them, without building paths (this runs for every file of a build).
    """
    if path == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else None


def read_text(path, shown):
    """Return (text, problems) of a content file; text is None if unreadable."""
    from . import validate

    try:
        size = path.stat().st_size
        problems = validate.check_size(size, shown)
        if problems:
            return None, problems
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [
            Problem(shown, 1, f"file cannot be read ({reason}); check that it exists")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                line,
                f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} at "
                f"position {error.start}); save it as UTF-8 in your editor",
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                shown, 1, "file is empty; write a header and text or delete the file"
            )
        ]
    return text, validate.check_characters(text, shown)


def read_model(root, markdown=None, display_root=None, theme=None, markup=None):
    """Read and check every content file under `root`; return the Model.

    `markdown` renders record bodies (a callable str -> HTML); releases,
    remarks and pages are left to Pelican and only checked here. `theme` is
    the theme folder (THEME): `Template` values are checked against its
    templates when given. `markup` (a `sanitise.plugin.MarkupCheck`) renders
    the text of the kinds it covers and reports what the sanitiser removes.
    Every problem found is in `Model.problems`, in file
    and line order; nothing here raises on bad content.
    """
    from . import files, validate

    templates = validate.theme_templates(theme)
    model = Model(records={folder: {} for folder in RECORD_FOLDERS})
    problems = []
    headers = []
    items = []
    shown_path = PathDisplay(display_root or root)
    for path, message, severity in validate.stray_files(root):
        problems.append(Problem(shown_path(path), 1, message, severity))
    problems.extend(files.content_problems(root, shown_path))
    for folder, path in content_files(root):
        source_rel = path.relative_to(root).as_posix()
        shown = (
            shown_path(path)
            if display_root
            else shown_path.under_root(path, source_rel)
        )
        text, found = read_text(path, shown)
        if text is None:
            problems.extend(found)
            continue
        header = parse_header(text, shown)
        kind = KINDS[folder]
        model.headers[source_rel] = header
        found.extend(validate.check_header(kind, header, shown, templates))
        found.extend(validate.check_body(kind, header, shown, root, source_rel, markup))
        problems.extend(validate.at_most(found, shown))
        slug = slug_of(path, header)
        if not SLUG.match(slug):
            problems.append(
                Problem(
                    shown,
                    header.line("slug"),
                    f"slug '{slug}' must be lower-case letters, digits and "
                    "hyphens; rename the file or add a Slug line",
                )
            )
        problems.extend(validate.check_slug_length(slug, shown, header.line("slug")))
        items.append((folder, slug, shown, header))
        headers.append((folder, shown, header))
        if folder in RECORD_FOLDERS and slug not in model.records[folder]:
            model.records[folder][slug] = Record(
                kind=kind.name,
                slug=slug,
                source_path=shown,
                meta=dict(header.values),
                lines=dict(header.lines),
                body=header.body,
                content=markdown(header.body) if markdown else "",
            )
    problems.extend(validate.check_collisions(items))
    known = {folder: model.records[folder] for folder in RECORD_FOLDERS}
    problems.extend(validate.check_references(headers, known))
    model.problems = validate.sort_problems(problems)
    return model
