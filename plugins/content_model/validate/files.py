"""Whole-file checks: size, unpublishable characters, files nobody reads."""

import difflib
import re
from pathlib import Path

from i18n import _

from ..kinds import BY_FOLDER, PELICAN_FOLDERS
from ..model import Problem
from .paths import is_ignored
from .shared import Lines, describe_character, q

# Extensions Pelican's readers take: only Markdown files are validated, so any
# other readable file in a content folder would be published unchecked.
READABLE_EXTENSIONS = {".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst"}
# Folders of content/ that hold no items.
STATIC_FOLDERS = ("images", "extra")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_REPORTED_CHARACTERS = 3
# Characters XML (feeds, sitemaps) cannot carry, or that are invisible damage
# from a wrong encoding: C0 and C1 controls except tab and newlines, DEL,
# noncharacters, and a byte order mark inside the text.
BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]"
)


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
                _(
                    "invisible character {character} cannot be published (feeds "
                    "reject it); delete it, or re-save the file as UTF-8 if it "
                    "came from another program"
                ).format(character=describe_character(match.group())),
            )
        )
    if len(found) > MAX_REPORTED_CHARACTERS:
        problems.append(
            Problem(
                path,
                line_of(found[MAX_REPORTED_CHARACTERS].start()),
                _(
                    "{count} more invisible characters like the ones above; "
                    "re-save the file as plain UTF-8 text"
                ).format(count=len(found) - MAX_REPORTED_CHARACTERS),
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
            _(
                "file is {megabytes:.0f} MB, more than one item can be ({limit} "
                "MB); split it, or put media files in content/images/"
            ).format(megabytes=megabytes, limit=MAX_FILE_BYTES // 1024 // 1024),
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
            hint = (
                _("did you mean {near}?").format(near=q(near[0]))
                if near
                else _("move its files")
            )
            markdown = [
                p
                for p in sorted(entry.rglob("*.md"))
                if p.is_file() and not is_ignored(p.name)
            ]
            kind = difflib.get_close_matches(entry.name, list(BY_FOLDER), n=1)
            where = f"'{kind[0]}/'" if kind else _("the folder of its kind")
            for path in markdown:
                # Written as an item and never published: the author must know.
                yield (
                    path,
                    _(
                        "file is in '{folder}/', which is not a content folder, so "
                        "it is never published; move it into {where} (content "
                        "folders: {folders})"
                    ).format(
                        folder=entry.name, where=where, folders=", ".join(BY_FOLDER)
                    ),
                    "error",
                )
            has_text = any(
                p.suffix.lower() in READABLE_EXTENSIONS and p.suffix != ".md"
                for p in entry.rglob("*")
            )
            if has_text:
                yield (
                    entry,
                    _(
                        "folder '{folder}/' is not a content folder, so its files "
                        "are never published; {hint} (content folders: {folders})"
                    ).format(
                        folder=entry.name, hint=hint, folders=", ".join(BY_FOLDER)
                    ),
                    "warning",
                )
        elif entry.is_file() and entry.suffix.lower() in READABLE_EXTENSIONS:
            yield (
                entry,
                _(
                    "file is outside every content folder, so it is never "
                    "published; move it into the folder of its kind: {folders}"
                ).format(folders=", ".join(BY_FOLDER)),
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
                    _(
                        "{suffix} files are published without these checks; write "
                        "the item in Markdown and name it '{stem}.md'"
                    ).format(suffix=q(path.suffix), stem=path.stem),
                    "error",
                )
            else:
                yield (
                    path,
                    _(
                        "only '.md' files are read here, so this file is ignored; "
                        "rename it '{stem}.md'"
                    ).format(stem=path.stem),
                    "warning",
                )
