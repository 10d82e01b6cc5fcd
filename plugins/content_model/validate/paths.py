"""Paths: which files Pelican reads, and where a link in content/ leads."""

import difflib
import fnmatch
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Files Pelican skips (pelicanconf IGNORE_FILES); everything else it reads.
IGNORED_NAMES = (".#*", "README*")


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


def nearest_file(root, relative):
    """Return the existing content path closest to `relative`, if any."""
    folder = (Path(root) / relative).parent
    if not is_dir(folder):
        return None
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    near = difflib.get_close_matches(Path(relative).name, names, n=1)
    return str(Path(relative).with_name(near[0])) if near else None
