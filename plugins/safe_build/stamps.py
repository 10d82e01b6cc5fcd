"""Build stamps: skip a rebuild whose output would be what is already there.

After each successful build, `build_site` records a stamp for its OUTPUT_PATH:

- the build key: a digest of everything that can change the output;
- a signature of the output tree as that build left it (relative paths,
  sizes and mtime_ns of every file: cheap, and any edit or deletion in the
  output changes it);
- the first moment at which the same inputs give another output (plugins
  report it with `safe_build.note_output_changes_at`: an embargo that lifts),
- and the warnings that build logged.

A later build with the same key, the output unchanged and the clock before
that moment would write the same bytes, so it is skipped.

The key covers, hashing contents (never mtimes, which git checkouts reset):

- every file under PATH, and any ARTICLE_PATHS, PAGE_PATHS or STATIC_PATHS
  entry that leads outside it;
- the THEME folder and the THEME_TEMPLATES_OVERRIDES folders;
- every PLUGIN_PATHS folder (bytecode caches left out);
- the message catalogs (locale/): a translation changes the warnings a
  skipped build replays;
- the settings file and every .py file beside it (publishconf.py imports
  pelicanconf.py);
- the resolved settings, overrides included, serialised the same way in
  every process (a function or class by its module and name: its code is
  in the files above or in an installed distribution);
- any file a setting or a covered environment variable names (a card font,
  PAGEFIND_BINARY_PATH);
- the environment variables that the settings files, plugins, Pelican's
  locale and Pagefind read;
- Python, the platform and every installed distribution with its version
  (Pelican, Markdown, Pillow, the Pagefind binary of pagefind_bin ...);
- the working directory (other relative paths in settings resolve against
  it) and Pagefind's configuration files in it.

Left out on purpose: CACHE_PATH (derived data that every build rewrites; a
correct cache never changes the output), the output itself (its signature is
checked instead), mtimes, environment variables nothing reads (HOME, PATH:
Pagefind comes from pagefind_bin, not from PATH), and system libraries and the
time zone database (the distributions' versions stand for them).

Pure functions over paths and data; `build_site` in this package uses them.
Stamps live in CACHE_PATH/build-stamps/, one JSON file per output folder,
never inside the output.
"""

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import sys
import types
from pathlib import Path

from common.files import atomic_write
from i18n import LOCALE_DIR

# Bump when the recipe of the key or the stamp changes: old stamps then never match.
STAMP_VERSION = 1
STAMPS_DIR = "build-stamps"
# Environment variables that change the output whatever the code says:
# publishconf.py reads the first five, the seo plugin SOURCE_DATE_EPOCH (it
# passes os.environ whole, which the scan below cannot see), Pelican's LOCALE
# ("" by default) follows the locale variables, and Python the last three.
ENVIRONMENT = (
    "SITEURL",
    "WEBSUB_HUB",
    "PUBLISH_METHOD",
    "PUBLISH_RSYNC_TARGET",
    "PUBLISH_GHP_BRANCH",
    "SOURCE_DATE_EPOCH",
    "TZ",
    "LANG",
    "LANGUAGE",
    "PYTHONPATH",
    "PYTHONHASHSEED",
    "PYTHONUTF8",
)
# Locale categories, and Pagefind's options and binary (PAGEFIND_BINARY_PATH).
ENVIRONMENT_PREFIXES = ("LC_", "PAGEFIND_")
# `os.environ.get("NAME")`, `os.environ["NAME"]`, `os.getenv("NAME")` in the
# settings files and plugins: variables read there count too.
ENVIRONMENT_READ = re.compile(
    rb"""(?:environ\s*(?:\.get\s*\(|\[)|getenv\s*\()\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]"""
)
# Pagefind reads these from the folder it runs in.
PAGEFIND_CONFIGS = ("pagefind.json", "pagefind.yml", "pagefind.yaml", "pagefind.toml")
SKIPPED_FOLDERS = frozenset({"__pycache__"})
SKIPPED_SUFFIXES = (".pyc", ".pyo")
# Longer strings in settings are text, not file names.
MAX_NAME = 1024


def utc_now():
    """Return the clock's now, aware (tests replace this to move the clock)."""
    return dt.datetime.now(dt.UTC)


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def file_digest(path):
    """Return the SHA-256 of a file's bytes, or a marker when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as error:
        return f"unreadable:{type(error).__name__}"


def tree_digest(root, skip=None, python=None):
    """Return a digest of every file under `root`: relative paths and contents.

    Symbolic links are not followed: a link counts by where it points (the
    content checks refuse every link, and reading a link's target could read
    any file of the machine, or never end on /dev/zero).
    `skip(path)` returns True for folders to leave out; the bytes of each .py
    file read are appended to the list `python` when one is given.
    """
    root = Path(root)
    if root.is_file():
        return "file:" + file_digest(root)
    if not root.is_dir():
        return "missing"
    total = hashlib.sha256()
    seen = set()
    for folder, folders, files in os.walk(root, followlinks=False):
        real = os.path.realpath(folder)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        for name in sorted(folders):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                total.update(relative.encode("utf-8", "surrogateescape"))
                total.update(b"\0link:" + os.fsencode(os.readlink(path)) + b"\n")
        folders[:] = sorted(
            name
            for name in folders
            if name not in SKIPPED_FOLDERS
            and not (skip and skip(os.path.join(folder, name)))
        )
        for name in sorted(files):
            if name.endswith(SKIPPED_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if os.path.islink(path):
                total.update(relative.encode("utf-8", "surrogateescape"))
                total.update(b"\0link:" + os.fsencode(os.readlink(path)) + b"\n")
                continue
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
                digest = _digest(data)
            except OSError as error:
                data, digest = b"", f"unreadable:{type(error).__name__}"
            if python is not None and name.endswith(".py"):
                python.append(data)
            total.update(relative.encode("utf-8", "surrogateescape"))
            total.update(b"\0" + digest.encode() + b"\n")
    return total.hexdigest()


def stable_repr(value):
    """Return a text for `value` that is the same in every process.

    Containers are walked (dicts and sets sorted); a function, class or module
    is named by module and name, since its code is covered by the file hashes
    or a distribution's version; any other object whose repr holds an address
    (" at 0x") is named by its type alone.
    """
    if isinstance(value, dict):
        items = sorted(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        inner = ", ".join(stable_repr(v) for v in value)
        return f"{type(value).__name__}[{inner}]"
    if isinstance(value, set | frozenset):
        return "set{" + ", ".join(sorted(stable_repr(v) for v in value)) + "}"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r}, {value.flags})"
    if isinstance(value, functools.partial):
        return (
            f"partial({stable_repr(value.func)}, {stable_repr(value.args)}, "
            f"{stable_repr(value.keywords)})"
        )
    if isinstance(value, types.ModuleType):
        return f"<module {value.__name__}>"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>"
    text = repr(value)
    if " at 0x" in text:
        kind = type(value)
        return f"<{kind.__module__}.{kind.__qualname__} object>"
    return text


def named_strings(value):
    """Yield every string inside `value` (settings values, walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from named_strings(key)
            yield from named_strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from named_strings(item)


def named_files(strings, cwd):
    """Return {path: digest} of the existing files that `strings` name."""
    found = {}
    for text in strings:
        if not text or len(text) > MAX_NAME or "\n" in text or "\0" in text:
            continue
        path = Path(text) if os.path.isabs(text) else Path(cwd) / text
        try:
            if path.is_file():
                found[str(path)] = file_digest(path)
        except (OSError, ValueError):
            continue
    return found


def environment(names, environ):
    """Return the covered environment variables that are set, sorted."""
    wanted = set(names)
    wanted |= {name for name in environ if name.startswith(ENVIRONMENT_PREFIXES)}
    return {name: environ[name] for name in sorted(wanted) if name in environ}


def distributions():
    """Return "name==version" of every installed distribution, sorted."""
    found = set()
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"] or "?"
        found.add(f"{name.lower()}=={dist.version}")
    return sorted(found)


def _inside(path, folder):
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False


def build_key(
    settings_file, settings, skip=None, environ=None, cwd=None, locale_dir=LOCALE_DIR
):
    """Return (key, parts): one digest of every input of a build, and its parts.

    `settings` are the resolved settings (overrides applied) the build will
    run with; `skip(path)` names folders never to hash (the output, the
    cache, staging folders beside the output); `locale_dir` holds the message
    catalogs.
    """
    environ = os.environ if environ is None else environ
    cwd = os.getcwd() if cwd is None else cwd
    python = []
    settings_file = Path(settings_file).resolve()
    beside = hashlib.sha256()
    for path in sorted(settings_file.parent.glob("*.py")):
        try:
            data = path.read_bytes()
            digest = _digest(data)
        except OSError as error:
            data, digest = b"", f"unreadable:{type(error).__name__}"
        python.append(data)
        beside.update(f"{path.name}\0{digest}\n".encode())
    content = Path(settings["PATH"])
    outside = {}
    for name in ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS"):
        for entry in settings.get(name) or []:
            folder = content / entry
            if not _inside(folder, content):
                outside[f"{name}:{entry}"] = tree_digest(folder, skip)
    theme = settings.get("THEME") or ""
    overrides = settings.get("THEME_TEMPLATES_OVERRIDES") or []
    parts = {
        "stamp": STAMP_VERSION,
        "settings_file": str(settings_file),
        "settings_files": beside.hexdigest(),
        "settings": _digest(stable_repr(settings).encode("utf-8", "surrogateescape")),
        "content": tree_digest(content, skip),
        "content_outside": outside,
        "theme": tree_digest(theme, skip) if os.path.isdir(theme) else theme,
        "theme_overrides": [tree_digest(folder, skip) for folder in overrides],
        "plugins": [
            tree_digest(folder, skip, python)
            for folder in settings.get("PLUGIN_PATHS") or []
        ],
        "messages": tree_digest(locale_dir, skip),
    }
    names = {m.decode() for data in python for m in ENVIRONMENT_READ.findall(data)}
    env = environment({*ENVIRONMENT, *names}, environ)
    parts["environment"] = env
    parts["named_files"] = named_files([*named_strings(settings), *env.values()], cwd)
    parts["cwd"] = str(cwd)
    parts["pagefind_configs"] = {
        name: file_digest(Path(cwd) / name)
        for name in PAGEFIND_CONFIGS
        if (Path(cwd) / name).is_file()
    }
    parts["python"] = [sys.version, sys.prefix, sys.platform, platform.machine()]
    parts["distributions"] = _digest("\n".join(distributions()).encode())
    key = _digest(json.dumps(parts, sort_keys=True).encode())
    return key, parts


def output_signature(output):
    """Return a digest of the output tree: each entry's path, kind, size, mtime_ns.

    None when the output folder is missing.
    """
    output = Path(output)
    if not output.is_dir():
        return None
    total = hashlib.sha256()
    count = 0
    pending = [""]
    try:
        while pending:
            relative = pending.pop()
            with os.scandir(output / relative) as found:
                entries = sorted(found, key=lambda e: e.name)
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    total.update(f"d {name}\n".encode("utf-8", "surrogateescape"))
                    pending.append(name)
                    continue
                info = entry.stat(follow_symlinks=False)
                target = os.readlink(entry.path) if entry.is_symlink() else ""
                line = f"f {name}\0{info.st_size}\0{info.st_mtime_ns}\0{target}\n"
                total.update(line.encode("utf-8", "surrogateescape"))
                count += 1
    except OSError:
        # Something moved while it was read: treat the output as changed.
        return None
    return f"{count}:{total.hexdigest()}"


def stamp_path(cache_path, output):
    """Return the stamp file for `output` under `cache_path`, or None.

    None when the stamp would land inside the output (it would be published
    and swapped away).
    """
    if not cache_path:
        return None
    name = _digest(str(Path(output).resolve()).encode("utf-8", "surrogateescape"))
    path = Path(cache_path) / STAMPS_DIR / f"{name[:32]}.json"
    return None if _inside(path, output) else path


def read_stamp(path):
    """Return the stamp at `path` as a dict, or None when missing or unreadable."""
    try:
        stamp = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("version") != STAMP_VERSION:
        return None
    return stamp


def write_stamp(path, stamp):
    """Write `stamp` to `path` atomically (a killed build leaves the old one)."""
    atomic_write(path, json.dumps(stamp, indent=1, sort_keys=True))


def make_stamp(key, parts, output, changes_at, warnings):
    """Return the stamp of a build that just wrote `output`."""
    return {
        "version": STAMP_VERSION,
        "key": key,
        "parts": parts,
        "output": str(Path(output).resolve()),
        "signature": output_signature(output),
        "changes_at": changes_at.isoformat() if changes_at else None,
        "built_at": utc_now().isoformat(timespec="seconds"),
        "warnings": list(warnings),
    }


def earliest(moments):
    """Return the earliest of aware `moments` (a naive one is local time), or None."""
    aware = [m if m.tzinfo else m.astimezone() for m in moments if m is not None]
    return min(aware, default=None)


def why_stale(stamp, key, parts, output, now):
    """Return the reasons the recorded output may not be reused (empty: reuse it)."""
    if stamp is None:
        return ["no stamp of an earlier build"]
    reasons = []
    if stamp.get("key") != key:
        before = stamp.get("parts") or {}
        changed = sorted(name for name in parts if before.get(name) != parts[name])
        reasons.append(f"changed: {', '.join(changed) or 'build key'}")
    if stamp.get("output") != str(Path(output).resolve()):
        reasons.append("the stamp is of another output folder")
    signature = output_signature(output)
    if signature is None or signature != stamp.get("signature"):
        reasons.append("the output was changed or removed since")
    changes_at = stamp.get("changes_at")
    if changes_at:
        try:
            moment = dt.datetime.fromisoformat(changes_at)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or now >= moment:
            reasons.append(f"the output changes at {changes_at} (an embargo lifts)")
    return reasons
