"""Paths shown to authors: relative to the repository when possible.

Every message about a file (`path:line: problem`) names it the way authors
know it, whichever plugin reports it.
"""

import os
from pathlib import Path


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
