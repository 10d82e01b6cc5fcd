"""Reading the content tree: every file read and checked once, into a Model.

`read_model` is what a build and `invoke check` run first; it reads each
Markdown file of every registered kind (kinds.py), runs the checks of the
`validate` package and returns the `Model` with every `Problem` found.
"""

from pathlib import Path

from i18n import _

from . import files, validate
from .frontmatter import parse_header
from .model import (
    KINDS,
    RECORD_FOLDERS,
    SLUG,
    Model,
    PathDisplay,
    Problem,
    Record,
    slug_of,
)


def content_files(root):
    """Yield (folder, path) of every Markdown file Pelican or we will read.

    Hidden files are included: Pelican reads them too (IGNORE_FILES only
    skips editor lock files and READMEs), so they must be checked.
    """
    root = Path(root)
    for folder in KINDS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            parts = path.relative_to(base).parts
            if any(validate.is_ignored(part) for part in parts):
                continue
            # Never read through a link: its target may be any file on the
            # machine (files.content_problems reports the link itself).
            if files.is_linked(root, path):
                continue
            yield folder, path


def read_text(path, shown):
    """Return (text, problems) of a content file; text is None if unreadable."""
    try:
        size = path.stat().st_size
        problems = validate.check_size(size, shown)
        if problems:
            return None, problems
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [
            Problem(
                shown,
                1,
                _("file cannot be read ({reason}); check that it exists").format(
                    reason=reason
                ),
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                line,
                _(
                    "file is not UTF-8 text (byte {byte} at position {position}); "
                    "save it as UTF-8 in your editor"
                ).format(byte=f"0x{raw[error.start]:02x}", position=error.start),
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                shown,
                1,
                _("file is empty; write a header and text or delete the file"),
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
                    _(
                        "slug '{slug}' must be lower-case letters, digits and "
                        "hyphens; rename the file or add a Slug line"
                    ).format(slug=slug),
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
