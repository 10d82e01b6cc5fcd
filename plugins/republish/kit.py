"""The press kit of a release: a zip that is the same bytes every build.

Pure functions, no Pelican imports. Entries are written in the order given,
each with the same timestamp (the release's own date, so the zip says when
the text is from rather than when it was built), Unix permissions 0644, no
extra fields and no comment. Text is deflated at a fixed level; photos are
stored as they are (they are compressed already).
"""

import io
import zipfile
from dataclasses import dataclass

FILE_MODE = 0o100644  # a regular file, rw-r--r--
UNIX = 3
COMPRESS_LEVEL = 9
# The earliest time a zip can hold (its DOS timestamps start in 1980).
EARLIEST = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Entry:
    """One file of the kit: its name inside the zip and its bytes."""

    name: str
    data: bytes
    compress: bool = True


def zip_time(moment):
    """Return a zip timestamp (local time, whole seconds) of a datetime."""
    if moment is None:
        return EARLIEST
    stamp = (
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second - moment.second % 2,  # zip keeps even seconds only
    )
    return max(stamp, EARLIEST)


def press_kit(entries, moment=None):
    """Return the bytes of a zip holding `entries` in order."""
    buffer = io.BytesIO()
    stamp = zip_time(moment)
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=stamp)
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            if entry.compress:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data, compresslevel=COMPRESS_LEVEL)
            else:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, entry.data)
    return buffer.getvalue()
