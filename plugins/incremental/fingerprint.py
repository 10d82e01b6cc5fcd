"""Fingerprints: one digest of everything reachable from a value.

A page's render reads the values in its context and, through them, every
object they reach (an article's tags, an agency's releases, a paginator's
whole list). `Fingerprinter.digest(value)` returns a digest of all of it:

- plain values (text, numbers, dates, paths) by their type and text;
- lists and tuples in order, dicts in insertion order (Jinja loops follow
  it), sets sorted;
- any other object by its type and its attributes (`__dict__` and
  `__slots__`), leaving out the ones named in `SKIPPED` (the shared context
  and settings: covered by the build's key, and reaching everything);
- functions, classes and modules by their qualified name (their code is
  covered by the build's key);
- with `leaf`, an object it names (an item whose reads are recorded one by
  one, see reads.py) by that key alone.

Objects refer to each other in cycles (an agency lists its releases, a
release names its agency), so digests are computed over the strongly
connected components of the object graph (Tarjan's algorithm, iterative):
every member of a cycle gets a digest of the whole cycle and of everything
it reaches. A digest is memoized by object identity for the life of the
Fingerprinter (one build, once the context is final); the objects are kept
alive meanwhile, so an identity is never reused.

Pure functions and one class; no Pelican import.
"""

import datetime as dt
import decimal
import enum
import functools
import hashlib
import re
import types
from pathlib import PurePath

# Attributes never walked: the build's shared context and settings (every
# item holds them; their values are covered by the build's key) and caches.
SKIPPED = frozenset({"_context", "settings", "_cache", "__weakref__"})
LEAVES = (
    str,
    bytes,
    int,
    float,
    complex,
    bool,
    type(None),
    decimal.Decimal,
    dt.date,
    dt.time,
    dt.timedelta,
    PurePath,
    enum.Enum,
    re.Pattern,
)
NAMED = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.ModuleType,
    functools.partial,
    type,
)


# type -> "leaf", "named" or None (isinstance against LEAVES and NAMED
# depends on the type alone); type -> its __slots__ names in MRO order.
_KINDS = {}
_SLOTS = {}


def kind_of(cls):
    """Return "leaf", "named" or None: how values of `cls` are digested."""
    found = _KINDS.get(cls, False)
    if found is False:
        if issubclass(cls, LEAVES):
            found = "leaf"
        elif issubclass(cls, NAMED):
            found = "named"
        else:
            found = None
        _KINDS[cls] = found
    return found


def _slots_of(cls):
    found = _SLOTS.get(cls)
    if found is None:
        found = _SLOTS[cls] = tuple(
            name
            for base in cls.__mro__
            for name in getattr(base, "__slots__", ()) or ()
            if name not in SKIPPED
        )
    return found


def leaf_token(value):
    """Return the text standing for a plain value (type and contents)."""
    kind = type(value).__name__
    if isinstance(value, str):
        return f"{kind}:{len(value)}:{value}"
    if isinstance(value, dt.datetime):
        return f"{kind}:{value.isoformat()}:{value.tzinfo!s}"
    if isinstance(value, re.Pattern):
        return f"{kind}:{value.pattern!r}:{value.flags}"
    return f"{kind}:{value!r}"


def named_token(value):
    """Return the text standing for a function, class, module or partial."""
    if isinstance(value, types.ModuleType):
        return f"module:{value.__name__}"
    if isinstance(value, functools.partial):
        return f"partial:{named_token(value.func)}:{value.args!r}:{value.keywords!r}"
    if isinstance(value, types.MethodType):
        return f"method:{named_token(value.__func__)}"
    return f"code:{getattr(value, '__module__', '?')}.{value.__qualname__}"


def _set_key(value):
    return leaf_token(value) if isinstance(value, LEAVES) else type(value).__name__


def children(value):
    """Return (kind, [(label, child)]) of a value that is not a leaf."""
    if isinstance(value, list | tuple):
        return type(value).__name__, [("", item) for item in value]
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found.append(("k", key))
            found.append(("v", item))
        return type(value).__name__, found
    if isinstance(value, set | frozenset):
        return type(value).__name__, [
            ("", item) for item in sorted(value, key=_set_key)
        ]
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    found = []
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        for name in sorted(attributes):
            if name not in SKIPPED:
                found.append((name, attributes[name]))
    for name in _slots_of(type(value)):
        if hasattr(value, name):
            found.append((name, getattr(value, name)))
    if not found and attributes is None:
        # An object without attributes (a C type): its repr, unless that
        # holds an address (the same object would differ between builds).
        text = repr(value)
        found.append(("repr", "" if " at 0x" in text else text))
    return kind, found


def _hint(value):
    """Return a name for an object inside a cycle (stable between builds)."""
    for name in ("source_path", "save_as", "url", "slug", "name"):
        hint = getattr(value, name, None) if not isinstance(value, dict) else None
        if isinstance(hint, str):
            return f"{type(value).__qualname__}:{name}:{hint}"
    return type(value).__qualname__


class Fingerprinter:
    """Digests of values, memoized for one build (see the module docstring)."""

    def __init__(self, extra=None, leaf=None):
        # extra(value) -> str | None: more text to digest with an object
        # (the resolved body of an item whose links depend on other items).
        self.extra = extra
        # leaf(value) -> str | None: a key standing for the whole object
        # (an item whose reads are recorded one by one), not walked.
        self.leaf = leaf
        self.done = {}
        self.alive = []
        self.counter = 0

    def digest(self, value):
        """Return the hex digest of `value` and everything it reaches."""
        kind = kind_of(type(value))
        if kind == "leaf":
            return hashlib.sha256(
                leaf_token(value).encode("utf-8", "surrogatepass")
            ).hexdigest()
        if kind == "named":
            return hashlib.sha256(named_token(value).encode()).hexdigest()
        key = self.leaf(value) if self.leaf is not None else None
        if key is not None:
            return hashlib.sha256(
                f"item:{key}".encode("utf-8", "surrogatepass")
            ).hexdigest()
        found = self.done.get(id(value))
        if found is not None:
            return found
        self._walk(value)
        return self.done[id(value)]

    def _token(self, child, on_stack):
        """Return the token of an edge, or None when the child must be walked."""
        kind = kind_of(type(child))
        if kind == "leaf":
            return leaf_token(child)
        if kind == "named":
            return named_token(child)
        key = self.leaf(child) if self.leaf is not None else None
        if key is not None:
            return f"item:{key}"
        found = self.done.get(id(child))
        if found is not None:
            return "d:" + found
        if id(child) in on_stack:
            return ("ref", id(child))
        return None

    def _walk(self, root):
        # Iterative Tarjan. A frame: [value, index, low, tokens, pending children].
        on_stack = {}
        stack = []
        frames = []

        def enter(value):
            kind, edges = children(value)
            extra = self.extra(value) if self.extra is not None else None
            tokens = [f"type:{kind}"]
            if extra is not None:
                tokens.append(f"extra:{len(extra)}:{extra}")
            frame = [value, self.counter, self.counter, tokens, iter(edges)]
            self.counter += 1
            on_stack[id(value)] = frame
            stack.append(frame)
            frames.append(frame)
            self.alive.append(value)

        enter(root)
        while frames:
            frame = frames[-1]
            descended = False
            for label, child in frame[4]:
                token = self._token(child, on_stack)
                if token is None:
                    frame[3].append((label, ("pending", id(child))))
                    enter(child)
                    descended = True
                    break
                if isinstance(token, tuple):
                    frame[2] = min(frame[2], on_stack[token[1]][1])
                frame[3].append((label, token))
            if descended:
                continue
            frames.pop()
            if frames:
                parent = frames[-1]
                parent[2] = min(parent[2], frame[2])
            if frame[2] == frame[1]:
                members = []
                while True:
                    member = stack.pop()
                    members.append(member)
                    if member is frame:
                        break
                self._finish(members, on_stack)

    def _finish(self, members, on_stack):
        inside = {id(m[0]) for m in members}
        hints = {id(m[0]): _hint(m[0]) for m in members} if len(members) > 1 else {}
        local = {}
        cyclic = len(members) > 1
        done = self.done
        for member in members:
            # Each token's text followed by a NUL, hashed in one piece.
            texts = []
            for item in member[3]:
                if item.__class__ is str:
                    texts.append(item)
                    continue
                label, token = item
                if token.__class__ is tuple:
                    child = token[1]
                    if child in inside:
                        cyclic = True
                        texts.append(f"{label}=cycle:{hints.get(child, '')}")
                    else:
                        texts.append(f"{label}=d:{done[child]}")
                else:
                    texts.append(f"{label}={token}")
            texts.append("")
            data = "\0".join(texts).encode("utf-8", "surrogatepass")
            local[id(member[0])] = hashlib.sha256(data).hexdigest()
        if not cyclic:
            self.done[id(members[0][0])] = local[id(members[0][0])]
        else:
            whole = hashlib.sha256("\n".join(sorted(local.values())).encode())
            component = whole.hexdigest()
            for member in members:
                key = id(member[0])
                self.done[key] = hashlib.sha256(
                    f"{component}:{local[key]}".encode()
                ).hexdigest()
        for member in members:
            del on_stack[id(member[0])]
