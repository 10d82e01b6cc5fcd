"""Read tracking: which attribute of which item each page's render read.

A page shows a few fields of many items (a tag page: the title, date and URL
of ten releases), and the items refer to each other (an agency lists its
releases, each release names its agency), so "everything a page's values
reach" is nearly the whole site. While pages are rendered, the items' classes
(`TRACKED`: Pelican's content and URL wrappers, the content model's records
and model) record every attribute read of an item, by the item's stable key
(`key_of`: its source path or slug) and a digest of the value read, in which
other items stand as their keys. A later build renders a page again when any
recorded read gives another digest (or its item is gone); reads made inside
a property (the item's resolved body) are covered by the property's value.

The hook is a `__getattribute__` installed on those classes for the render
phase (`install`/`uninstall` in pelican_internals, the one place that
patches Pelican); it only records while a page is being rendered
(`Recorder.page`), in whichever process renders it.
"""

import contextvars
import types

from content_model.model import Model, Record
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .fingerprint import NAMED, Fingerprinter

TRACKED = (Content, URLWrapper, Record, Model)
# Never recorded: the shared context and settings (the build's key covers
# them) and what Python asks of every object.
UNRECORDED = frozenset({"_context", "settings", "__class__"})
# Methods that resolve an item's body from other items through `_context`:
# calling one counts as reading the resolved body and summary.
RESOLVING = frozenset({"get_content", "get_summary", "_update_content"})
MISSING = "missing"
_RECORDER = contextvars.ContextVar("incremental_recorder", default=None)


# type -> whether its values are tracked items (a subclass of TRACKED).
_TRACKED_TYPES = {}


def key_of(value):
    """Return the stable key of a tracked item, or None for any other value."""
    cls = type(value)
    tracked = _TRACKED_TYPES.get(cls)
    if tracked is None:
        tracked = _TRACKED_TYPES[cls] = issubclass(cls, TRACKED)
    if not tracked:
        return None
    if isinstance(value, Content):
        path = value.__dict__.get("source_path")
        return f"content:{path}:{value.__dict__.get('lang')}" if path else ""
    if isinstance(value, URLWrapper):
        return f"{type(value).__name__}:{value.__dict__.get('_name', '')}"
    if isinstance(value, Record):
        return f"record:{value.__dict__.get('source_path', '')}"
    if isinstance(value, Model):
        return "model"
    return None


def keyed_fingerprinter():
    """Return a Fingerprinter in which tracked items stand as their keys."""
    return Fingerprinter(leaf=key_of)


class Recorder:
    """The reads of the pages rendered in one process."""

    def __init__(self):
        self.fingerprints = keyed_fingerprinter()
        self.table = {}  # (key, attribute) -> digest of the value read
        self.pages = {}  # relative path -> set of (key, attribute)
        self.current = None
        self.depth = 0

    def note(self, item, name, value, missing=False):
        """Record that the page read `item.name` (called with depth raised)."""
        key = key_of(item)
        read = (key, name)
        self.current.add(read)
        if read in self.table:
            return
        if missing:
            self.table[read] = MISSING
        elif isinstance(value, types.MethodType) and value.__self__ is item:
            self.table[read] = f"method:{value.__func__.__qualname__}"
            if name in RESOLVING and isinstance(item, Content):
                resolved = (item.content, item.summary)
                self.current.add((key, "content"))
                self.current.add((key, "summary"))
                self.table.setdefault((key, "content"), self.digest(resolved[0]))
                self.table.setdefault((key, "summary"), self.digest(resolved[1]))
        else:
            self.table[read] = self.digest(value)

    def digest(self, value):
        return self.fingerprints.digest(value)

    def record(self, relative, job):
        """Run `job` (a page render), recording what it reads under `relative`."""
        self.current = self.pages.setdefault(relative, set())
        token = _RECORDER.set(self)
        try:
            job()
        finally:
            _RECORDER.reset(token)
            self.current = None

    def export(self):
        """Return what was recorded, to send from a forked copy."""
        return {"table": self.table, "pages": self.pages}


def read_attribute(item, name):
    """Return `item.name`, recording the read (tracked classes' hook)."""
    recorder = _RECORDER.get()
    if recorder is None or recorder.depth or name in UNRECORDED:
        return object.__getattribute__(item, name)
    # Reads made while this one is answered (a property's, the recorder's
    # own) are covered by its value.
    recorder.depth += 1
    try:
        try:
            value = object.__getattribute__(item, name)
        except AttributeError:
            fallback = getattr(type(item), "__getattr__", None)
            if fallback is None:
                raise
            value = fallback(item, name)
    except AttributeError:
        recorder.note(item, name, None, missing=True)
        recorder.depth -= 1
        raise
    try:
        recorder.note(item, name, value)
    finally:
        recorder.depth -= 1
    return value


def current_digest(registry, fingerprints, key, name):
    """Return the digest the read (key, name) gives in this build."""
    item = registry.get(key)
    if item is None:
        return None
    try:
        value = getattr(item, name)
    except AttributeError:
        return MISSING
    except Exception:  # noqa: BLE001 - any failure: render the page again
        return None
    if isinstance(value, types.MethodType) and value.__self__ is item:
        return f"method:{value.__func__.__qualname__}"
    return fingerprints.digest(value)


def registry_of(roots):
    """Return {key: item} of every tracked item reachable from `roots`.

    A key held by two items maps to None (a read of it is never trusted),
    except for URL wrappers: Pelican makes one Tag per article that names
    it, all alike (same name, same settings).
    """
    found = {}
    seen = set()
    pending = list(roots)
    while pending:
        value = pending.pop()
        if id(value) in seen or isinstance(value, str | bytes | int | float):
            continue
        seen.add(id(value))
        if isinstance(value, NAMED):
            continue
        key = key_of(value)
        if key:
            if key not in found:
                found[key] = value
            elif found[key] is not value and not isinstance(value, URLWrapper):
                found[key] = None
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            pending.extend(value)
        elif key is not None or hasattr(value, "__dict__"):
            attributes = getattr(value, "__dict__", None)
            if isinstance(attributes, dict):
                pending.extend(v for k, v in attributes.items() if k not in UNRECORDED)
    return found
