"""Read a content file's `Key: value` header with the line of every key.

Pelican's Markdown reader drops line numbers; every error we report names
`path:line`, so the header is scanned once more here, cheaply, as text.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

# The Markdown meta extension's key syntax: a word (letters, digits, _ and -)
# followed by a colon at the start of a line.
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?: {4}|\t)(?P<value>.*)$")
# Keys that may be given more than once (one line per notice); every value is
# kept in `Header.repeated`, and a repeat is not a duplicate.
REPEATABLE = frozenset({"correction"})


@dataclass
class Header:
    """The metadata header of one file: values and the line each key is on."""

    path: str
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    body: str = ""
    # (line, key) of keys that appear twice; the later value wins in Pelican.
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    # (line, value) of every occurrence of every key, continuations joined:
    # what a repeatable key (REPEATABLE) gives.
    repeated: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def line(self, key):
        """Return the line of `key`, or 1 when the key is absent."""
        return self.lines.get(key.lower(), 1)

    def get(self, key, default=None):
        """Return the stripped value of `key` (case-insensitive)."""
        return self.values.get(key.lower(), default)

    def get_all(self, key):
        """Return (line, value) of every occurrence of `key`, in file order."""
        return list(self.repeated.get(key.lower(), []))


def decode(raw):
    """Decode file bytes as UTF-8 (a BOM is allowed); raise UnicodeDecodeError."""
    return raw.decode("utf-8-sig")


def parse_header(text, path=""):
    """Parse the header of Markdown `text`; keys are lower-cased."""
    header = Header(path=str(path))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    last_key = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        match = KEY_LINE.match(line)
        if match:
            key = match["key"].lower()
            if key in header.values and key not in REPEATABLE:
                header.duplicates.append((index + 1, key))
            header.values[key] = match["value"].strip()
            header.repeated.setdefault(key, []).append((index + 1, header.values[key]))
            header.lines[key] = index + 1
            last_key = key
        elif last_key and CONTINUATION.match(line):
            more = CONTINUATION.match(line)["value"].strip()
            header.values[last_key] = f"{header.values[last_key]} {more}".strip()
            line, _ = header.repeated[last_key][-1]
            header.repeated[last_key][-1] = (line, header.values[last_key])
        else:
            # Not a header line: Markdown's meta extension stops here too.
            break
        index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    header.body_line = index + 1
    header.body = "\n".join(lines[index:])
    return header


def read_header(path):
    """Read and parse the header of the file at `path`."""
    return parse_header(decode(Path(path).read_bytes()), path)


def split_list(value):
    """Split a comma-separated metadata value into its non-empty items."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value).split(",") if item.strip()]
