"""Make Pagefind's index byte-identical from one build of the same site to the next.

Pagefind 1.5 writes its filter indexes, and the list of filters in its meta
file, in hash-map order, which changes from run to run (Pagefind issue 638:
"filter/metadata indexes" still change after 1.3). The same content would
then give a different `pagefind/` folder on every build, breaking the rule
that a build is reproducible.

`stabilise(bundle)` rewrites those files in a fixed order: each filter's
values sorted by value, the meta file's filters sorted by name. Files are
named by content hash (the first characters of the SHA-1 of the CBOR, as
Pagefind does), so renamed files and the references to them in the meta
file and `pagefind-entry.json` are updated to match. The browser side only
looks files up by those names.

The CBOR codec covers what Pagefind writes (unsigned and negative integers,
byte and text strings, arrays, maps, simple values); every file is checked to
re-encode to its own bytes before anything is changed, so an unknown format
leaves the index as Pagefind wrote it and the caller is told.
"""

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
SHORT_HASH = 7  # hash characters of a filter file's name, after the language
META_HASH = 10  # characters of the meta file's hash after the language


class UnstableIndex(ValueError):
    """The index is not in the format this module knows how to rewrite."""


class Simple(int):
    """A CBOR simple value other than false, true and null, kept as its number."""


SIMPLE_VALUES = {20: False, 21: True, 22: None}


def _head(major, value):
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I")):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + struct.pack(fmt, value)
    return bytes([major << 5 | 27]) + struct.pack(">Q", value)


def encode(value):
    """Encode `value` as CBOR with definite lengths and shortest integers."""
    if isinstance(value, Simple):
        return bytes([0xE0 | value]) if value < 24 else bytes([0xF8, value])
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(
            encode(k) + encode(v) for k, v in value.items()
        )
    raise UnstableIndex(f"cannot encode {type(value).__name__}")


def _decode(data, at):
    if at >= len(data):
        raise UnstableIndex("CBOR ends early")
    first = data[at]
    major, info = first >> 5, first & 0x1F
    at += 1
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnstableIndex(f"unsupported CBOR item 0x{first:02x}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major == 2:
        return bytes(data[at : at + argument]), at + argument
    if major == 3:
        return data[at : at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    if major == 7 and info < 25:
        return SIMPLE_VALUES.get(argument, Simple(argument)), at
    raise UnstableIndex(f"unsupported CBOR item 0x{first:02x}")


def decode(data):
    """Decode one CBOR item that fills `data`."""
    value, end = _decode(bytes(data), 0)
    if end != len(data):
        raise UnstableIndex("trailing bytes after CBOR item")
    return value


def read_packed(path):
    """Return the CBOR payload of a gzipped Pagefind file."""
    raw = gzip.decompress(Path(path).read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnstableIndex(f"{path} lacks Pagefind's signature")
    payload = raw[len(SIGNATURE) :]
    value = decode(payload)
    if encode(value) != payload:
        raise UnstableIndex(f"{path} does not re-encode to the same bytes")
    return value, payload


def write_packed(path, payload):
    """Write `payload` gzipped with Pagefind's signature and no timestamp."""
    Path(path).write_bytes(gzip.compress(SIGNATURE + payload, 9, mtime=0))


def content_hash(payload):
    return hashlib.sha1(payload).hexdigest()  # noqa: S324 - a name, not security


def sorted_filter(value):
    """Return a filter index [name, [[value, pages]…]] with values in order."""
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], list)
    ):
        raise UnstableIndex("unexpected filter index shape")
    return [value[0], sorted(value[1], key=lambda item: str(item[0]))]


def filter_list(meta):
    """Return the meta file's list of [filter name, file hash] pairs."""
    for item in meta if isinstance(meta, list) else []:
        if (
            isinstance(item, list)
            and item
            and all(
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(part, str) for part in pair)
                for pair in item
            )
        ):
            return item
    return None


def stabilise(bundle):
    """Rewrite a Pagefind bundle's filters and meta in a fixed order.

    Return the number of files rewritten; raise UnstableIndex if the bundle
    is not in the expected format (nothing is changed then).
    """
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    plans = []
    for language, info in sorted(entry.get("languages", {}).items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta, _ = read_packed(meta_path)
        filters = filter_list(meta)
        if filters is None:
            if any((bundle / "filter").glob("*.pf_filter")):
                raise UnstableIndex(f"{meta_path} lists no filters")
            continue
        renamed = {}
        for _name, short in filters:
            path = bundle / "filter" / f"{short}.pf_filter"
            value, _ = read_packed(path)
            payload = encode(sorted_filter(value))
            new_short = f"{language}_{content_hash(payload)[:SHORT_HASH]}"
            renamed[short] = (path, payload, new_short)
        plans.append((language, info, meta, meta_path, filters, renamed))
    written = 0
    for language, info, meta, meta_path, filters, renamed in plans:
        for path, payload, short in renamed.values():
            path.unlink()
            write_packed(path.with_name(f"{short}.pf_filter"), payload)
            written += 1
        filters.sort(key=lambda pair: pair[0])
        for pair in filters:
            pair[1] = renamed[pair[1]][2]
        payload = encode(meta)
        new_hash = f"{language}_{content_hash(payload)[:META_HASH]}"
        meta_path.unlink()
        write_packed(bundle / f"pagefind.{new_hash}.pf_meta", payload)
        info["hash"] = new_hash
        written += 1
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return written
