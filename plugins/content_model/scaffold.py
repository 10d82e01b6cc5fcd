"""Scaffold new content files with the right header for their kind."""

import re
import unicodedata
from pathlib import Path

from .model import KINDS, SLUG

# Kind name (as typed in `invoke new KIND`) -> folder and header template.
# Required keys left empty are for the author to fill: `invoke check` says so
# until they are. Optional keys are listed by `optional_keys`.
TEMPLATES = {
    # Id pins the feed entry id, so a later rename of the file keeps it.
    "release": (
        "press-releases",
        "Title: {title}\nDate: {date}\nId: {day}-{slug}\nCategory: Berita\n",
    ),
    "remarks": (
        "remarks",
        "Title: {title}\nDate: {date}\nId: {day}-{slug}\nSpeaker: \nOccasion: \n"
        "Delivery: excerpt\n",
    ),
    "agency": ("agencies", "Title: {title}\nAcronym: \n"),
    "program": ("programs", "Title: {title}\nOPD: \nDimension: \n"),
    "person": ("people", "Title: {title}\nRole: \n"),
    "event": ("events", "Title: {title}\nStart: {date}\nEnd: {date}\nLocation: \n"),
}
BODY = "\nTulis isinya di sini.\n"
ALIASES = {"press-release": "release", "sambutan": "remarks", "opd": "agency"}


def slugify(text):
    """Return a URL slug of `text` (ASCII, lower case, hyphens)."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def scaffold(content_root, kind, title, now, slug=None):
    """Write a new content file and return its path; never overwrite a file."""
    kind = ALIASES.get(kind, kind)
    if kind not in TEMPLATES:
        raise ValueError(
            f"unknown kind '{kind}'; use one of {', '.join(sorted(TEMPLATES))}"
        )
    if not title.strip():
        raise ValueError("give a title, for example --title 'Judul siaran pers'")
    slug = slug or slugify(title)
    if not SLUG.match(slug):
        raise ValueError(f"slug '{slug}' must be lower-case letters, digits, hyphens")
    folder, template = TEMPLATES[kind]
    path = Path(content_root) / folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} exists already; choose another --slug")
    path.parent.mkdir(parents=True, exist_ok=True)
    date = now.strftime("%Y-%m-%d %H:%M")
    text = template.format(
        title=title.strip(), date=date, day=now.strftime("%Y-%m-%d"), slug=slug
    )
    text += BODY
    path.write_text(text, encoding="utf-8")
    return path


def optional_keys(kind):
    """Return the optional keys of `kind`, as the author writes them."""
    folder = TEMPLATES[ALIASES.get(kind, kind)][0]
    return [
        key.upper() if key == "opd" else key.title() for key in KINDS[folder].optional
    ]
