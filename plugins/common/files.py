"""File writes: atomic replacement, and files written into the build output.

`write_output` writes a file of the site (a calendar, a press kit) under the
output folder, as Pelican's writer does: a plain write, the usual mode.

Atomic writes: write a temporary file beside the target, then rename.

`os.replace` is atomic on one file system, so a reader (or the next build,
after a killed one) sees the old file or the new one, never half of one. The
temporary file is made with `tempfile.mkstemp` in the target's folder: a name
no other process (a second build sharing CACHE_PATH) can pick, hidden by a
leading dot, and removed again when writing fails.
"""

import os
import tempfile
from pathlib import Path


def atomic_write(path, data, encoding="utf-8"):
    """Replace `path` with `data` (bytes, or str encoded with `encoding`).

    The folder is created when missing. On any error the temporary file is
    removed and the error raised; the old `path`, if any, is left as it was.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_output(output_path, save_as, data):
    """Write `data` (bytes) to `save_as` under the output folder."""
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
