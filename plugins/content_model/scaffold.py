"""Scaffold new content files with the header their kind declares (kinds.py)."""

import re
import unicodedata
from pathlib import Path

from i18n import _

from .kinds import KIND_LIST, key_name, kind_of
from .model import SLUG
from .validate import MAX_TITLE_CHARS

# A slug made from a title is cut at a word boundary to at most this many
# characters: file names, page folders and share images stay far below the
# 255-byte limit of file names.
MAX_SLUG_CHARS = 80


def slugify(text):
    """Return a URL slug of `text` (ASCII, lower case, hyphens)."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_slug(text, limit=MAX_SLUG_CHARS):
    """Return the slug of `text`, cut at a word boundary to `limit` characters."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    # The character after the limit is a hyphen when the cut falls between
    # two words; otherwise drop the word the limit falls in.
    cut = cut[:limit] if cut.endswith("-") else cut[: cut.rfind("-")]
    # A single word longer than the limit is cut inside the word.
    return cut.strip("-") or slug[:limit].strip("-")


def check_title(title):
    """Raise ValueError when `title` cannot be a title (empty, an option, too long)."""
    text = title.strip()
    if not text:
        raise ValueError(_("give a title, for example --title 'Judul siaran pers'"))
    if text.startswith("-"):
        raise ValueError(
            _(
                "title {title} looks like an option, not a title, so nothing was "
                "written; see `invoke --help new`, and write a title that does "
                "not start with '-'"
            ).format(title=repr(text[:40]))
        )
    if len(text) > MAX_TITLE_CHARS:
        raise ValueError(
            _(
                "the title is {count} characters long; shorten it to at most "
                "{limit} (put the rest in Summary)"
            ).format(count=len(text), limit=MAX_TITLE_CHARS)
        )


def scaffold(content_root, kind, title, now, slug=None):
    """Write a new content file and return its path; never overwrite a file."""
    found = kind_of(kind)
    if found is None:
        names = sorted(k.name for k in KIND_LIST)
        raise ValueError(
            _("unknown kind '{kind}'; use one of {kinds}").format(
                kind=kind, kinds=", ".join(names)
            )
        )
    check_title(title)
    slug = slug or short_slug(title)
    if not slug:
        raise ValueError(
            _(
                "the title has no letter or digit to make a file name from; "
                "give one with --slug, e.g. --slug festival-2020"
            )
        )
    if not SLUG.match(slug):
        raise ValueError(
            _("slug '{slug}' must be lower-case letters, digits, hyphens").format(
                slug=slug
            )
        )
    if len(slug) > MAX_SLUG_CHARS:
        raise ValueError(
            _(
                "slug '{slug}…' is {count} characters long; give at most {limit} "
                "with --slug"
            ).format(slug=slug[:40], count=len(slug), limit=MAX_SLUG_CHARS)
        )
    path = Path(content_root) / found.folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(
            _("{path} exists already; choose another --slug").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    date = now.strftime("%Y-%m-%d %H:%M")
    # Required keys left empty are for the author to fill: `invoke check`
    # says so until they are.
    text = found.scaffold.format(
        title=title.strip(), date=date, day=now.strftime("%Y-%m-%d"), slug=slug
    )
    text += "\n" + found.body
    path.write_text(text, encoding="utf-8")
    return path


def optional_keys(kind):
    """Return the optional keys of `kind`, as the author writes them."""
    return [key_name(key) for key in kind_of(kind).optional]
