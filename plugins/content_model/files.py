"""Files: which files content/ may publish, and no symbolic links anywhere.

Pure checks over folders, run by `read_model` (so by `invoke check` and by
every build before Pelican reads anything) and by the content_model plugin
for the theme and plugin folders:

- A symbolic link under content/, the theme or a plugin folder is an error
  naming it, and nothing here follows one: a link to `/etc` or to a Markdown
  file outside the repository would publish what it points at.
- Files that Pelican copies as they are (content/images/, content/extra/, and
  any file beside the Markdown items, which a `{static}` or `{attach}` link
  publishes) must be of an allowed type, and must be what their extension
  says: a browser runs the scripts of an `.html` or `.svg` file served from
  our site, and a `.jpg` that is really HTML is no safer.

The images plugin re-encodes every published image and enforces the pixel
limit (IMAGES_MAX_PIXELS); only the header is read here, so `invoke check`
stays fast.
"""

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from i18n import N_, _

from .model import KINDS, Problem

# Extensions that content may publish, with what the file must be: the format
# Pillow reads from its first bytes, or "PDF" for a document.
PUBLISHED_TYPES = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
    ".avif": "AVIF",
    ".pdf": "PDF",
}
# The site's own favicon lives in content/extra/ (EXTRA_PATH_METADATA): icons
# are allowed there and nowhere else.
EXTRA_TYPES = {".ico": "ICO"}
# Folders whose every file Pelican copies (STATIC_PATHS).
STATIC_FOLDERS = ("images", "extra")
# Types a browser runs script from, or renders as a page of our site.
ACTIVE_TYPES = {
    ".htm",
    ".html",
    ".js",
    ".mjs",
    ".shtml",
    ".svg",
    ".svgz",
    ".swf",
    ".xht",
    ".xhtml",
    ".xml",
    ".xsl",
}
# Files Pelican reads as items (validate.READABLE_EXTENSIONS): checked there.
ITEM_TYPES = {".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst"}
# Names Pelican skips (pelicanconf IGNORE_FILES).
IGNORED_PREFIXES = (".#", "README")
PDF_MAGIC = b"%PDF-"
LINK_MESSAGE = N_(
    "is a symbolic link, which the build does not follow (it could publish "
    "files from outside the {folder} folder); replace the link with a copy of "
    "the file or folder it points to"
)
ACTIVE_MESSAGE = N_(
    "'{ext}' files are not published: a browser would run the scripts they "
    "may hold on our site; save a picture as JPEG, PNG or WebP and a document "
    "as PDF, or delete the file"
)
UNKNOWN_MESSAGE = N_(
    "{what} is not a file type the site publishes ({allowed}); save it as one "
    "of those, or move it out of content/"
)
MISMATCH_MESSAGE = N_(
    "file is not what its extension '{ext}' says ({found}); save it again as "
    "{expected} in an image editor, or give it the right extension"
)
NOT_PDF_MESSAGE = N_(
    "file is not a PDF document (it does not start with '%PDF-'); export it "
    "again as PDF, or give it the right extension"
)


def find_links(folder):
    """Return every symbolic link under `folder`, sorted; none is followed.

    `folder` itself may be reached through a link (a checkout in a linked
    home folder); only what is inside it counts.
    """
    found = []
    try:
        if not Path(folder).is_dir():
            return found
    except (OSError, ValueError):
        return found
    for here, folders, files in os.walk(folder, followlinks=False):
        for name in [*folders, *files]:
            path = os.path.join(here, name)
            if os.path.islink(path):
                found.append(Path(path))
    return sorted(found)


def is_linked(root, path):
    """Return whether `path` or a folder between `root` and it is a link."""
    path = Path(path)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True
    current = Path(root)
    for part in parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def link_problems(folder, name, show):
    """Return a Problem for each symbolic link under `folder`.

    `name` names the folder in the message; `show(path)` gives the path as
    the author knows it, and is only ever given real folders (the link's own
    folder), so that a link is shown where it is, not where it points.
    """
    return [
        Problem(
            f"{show(link.parent)}/{link.name}", 1, _(LINK_MESSAGE).format(folder=name)
        )
        for link in find_links(folder)
    ]


def is_link_problem(problem):
    """Return whether a Problem is about a symbolic link (always fatal)."""
    # Either language: the message was made in the one active then.
    prefixes = {m.split("{", 1)[0] for m in (LINK_MESSAGE, _(LINK_MESSAGE))}
    return problem.message.startswith(tuple(prefixes))


def sniff(path):
    """Return what a file is: Pillow's format name, "PDF", or None.

    Only the first bytes and the image header are read.
    """
    try:
        with open(path, "rb") as stream:
            if stream.read(len(PDF_MAGIC)) == PDF_MAGIC:
                return "PDF"
    except OSError:
        return None
    try:
        # Our own pixel limit (the images plugin) is the signal, not Pillow's
        # warning; a huge image is still an image of its type.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.format
    except Image.DecompressionBombError:
        return Image.registered_extensions().get(Path(path).suffix.lower())
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def allowed_types(folder):
    """Return {extension: required format} of the files `folder` may publish."""
    if folder == "extra":
        return {**PUBLISHED_TYPES, **EXTRA_TYPES}
    return PUBLISHED_TYPES


def type_problem(path, folder):
    """Return the message of a file that may not be published, or None."""
    ext = path.suffix.lower()
    types = allowed_types(folder)
    if ext in ACTIVE_TYPES:
        return _(ACTIVE_MESSAGE).format(ext=ext)
    if ext not in types:
        what = f"'{ext}'" if ext else _("a file without an extension")
        allowed = ", ".join(t.lstrip(".") for t in types)
        return _(UNKNOWN_MESSAGE).format(what=what, allowed=allowed)
    expected = types[ext]
    found = sniff(path)
    if found == expected:
        return None
    if expected == "PDF":
        return _(NOT_PDF_MESSAGE)
    return _(MISMATCH_MESSAGE).format(
        ext=ext,
        found=_("it is {format}").format(format=found)
        if found
        else _("it is no image Pillow can read"),
        expected=expected,
    )


def published_files(root):
    """Yield (folder, path) of every file under `root` Pelican may copy as is.

    All files of the static folders, and the files beside the items of each
    kind folder except the items themselves (checked as items). Links are
    not followed (they are reported on their own); ignored names are skipped.
    """
    root = Path(root)
    for folder in [*STATIC_FOLDERS, *KINDS]:
        base = root / folder
        if base.is_symlink() or not base.is_dir():
            continue
        for here, folders, files in os.walk(base, followlinks=False):
            folders[:] = sorted(
                f for f in folders if not os.path.islink(os.path.join(here, f))
            )
            for name in sorted(files):
                path = Path(here) / name
                if path.is_symlink() or name.startswith(IGNORED_PREFIXES):
                    continue
                if folder not in STATIC_FOLDERS and path.suffix.lower() in ITEM_TYPES:
                    continue
                yield folder, path


def content_problems(root, show):
    """Return the Problems of the files under the content folder `root`.

    Symbolic links, and files Pelican would copy that are not of an allowed
    type or not what their extension says. `show(path)` gives the path as
    the author knows it.
    """
    problems = link_problems(root, "content", show)
    for folder, path in published_files(root):
        message = type_problem(path, folder)
        if message:
            problems.append(Problem(show(path), 1, message))
    return problems


def code_problems(settings, show):
    """Return a Problem for each symbolic link in the theme and plugin folders."""
    problems = []
    theme = settings.get("THEME")
    if theme:
        problems += link_problems(theme, "theme", show)
    for folder in settings.get("PLUGIN_PATHS") or []:
        problems += link_problems(folder, "plugins", show)
    return problems
