"""The content model: kinds of item, their keys, and the records read from disk.

Agencies, people, programs and events are not Pelican articles; they are read
here into `Record`s that every plugin shares through the generator context
(`context[MODEL_KEY]`). Releases and remarks stay Pelican articles.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

# Context keys: the Model; the registry's kinds by name (templates read
# `kinds[article.kind].segment`).
from common.context_keys import KINDS_KEY, MODEL_KEY  # noqa: F401 (re-exported)
from common.paths import PathDisplay, display_path  # noqa: F401 (re-exported)

from .frontmatter import split_list
from .kinds import (  # noqa: F401 (re-exported: the model's vocabulary)
    BY_FOLDER,
    COMMON_OPTIONAL,
    DELIVERIES,
    DIMENSIONS,
    RECORD_FOLDERS,
    REFERENCES,
    Kind,
)

# Content folder -> Kind: the registry (kinds.py) declares every kind.
KINDS = BY_FOLDER
TRUE_WORDS = {"yes", "true", "ya"}
# What `Advertorial` may say for content that is not paid.
FALSE_WORDS = {"no", "false", "tidak"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A release whose last line is "(Adv)" is paid content (press-council rule).
ADV_LINE = re.compile(r"\(\s*adv\s*\)\s*$", re.IGNORECASE)


@dataclass(eq=False)
class Problem:
    """One thing wrong with the content, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(eq=False)
class Record:
    """An agency, person, program or event read from its Markdown file."""

    kind: str
    slug: str
    source_path: str
    meta: dict[str, str]
    lines: dict[str, int]
    body: str = ""
    content: str = ""
    related: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # Templates read metadata as attributes (`agency.acronym`).
        meta = self.__dict__.get("meta", {})
        if name in meta:
            return meta[name]
        raise AttributeError(name)

    @property
    def title(self):
        return self.meta.get("title", self.slug)

    def list(self, key):
        """Return a comma-separated metadata value as a list."""
        return split_list(self.meta.get(key))


def _records_of(folder):
    """Return a Model property: the records of content/`folder`/, by slug."""
    return property(lambda model: model.records.get(folder, {}))


@dataclass
class Model:
    """Every record by folder and slug, plus the problems found reading them."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Every file's header by its path under the content folder, so nothing
    # reads a file twice in one build.
    headers: dict = field(default_factory=dict)
    # What plugins' content checks found and their build reuses, by a key
    # of the plugin's own ("newsroom.quotes").
    shared: dict = field(default_factory=dict)

    def get(self, folder, slug):
        return self.records.get(folder, {}).get(slug)

    agencies = _records_of("agencies")
    people = _records_of("people")
    programs = _records_of("programs")
    events = _records_of("events")

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]


def is_true(value):
    """Return whether a yes/true/ya metadata value is set."""
    return str(value or "").strip().lower() in TRUE_WORDS


def pages_with_neighbours(paginator):
    """Yield (page, previous page or None, next page or None) of a Paginator.

    Listings that write their own pages (remarks, a person's quotes) pass the
    neighbours to the template as Pelican does for its paginated pages.
    """
    for number in paginator.page_range:
        previous = paginator.page(number - 1) if number > 1 else None
        following = paginator.page(number + 1) if number < paginator.num_pages else None
        yield paginator.page(number), previous, following


def write_pages(writer, template, context, paginator, name, each=None, **common):
    """Write every page of `paginator` with `template`, as Pelican pages a list.

    Each page gets `<name>_page`, `<name>_paginator`, `<name>_previous_page`
    and `<name>_next_page`, its `url`, the `common` variables, and those that
    `each(page)` returns (a dict) when it is given.
    """
    for page, previous, following in pages_with_neighbours(paginator):
        writer.write_file(
            page.save_as,
            template,
            context,
            **{
                f"{name}_page": page,
                f"{name}_paginator": paginator,
                f"{name}_previous_page": previous,
                f"{name}_next_page": following,
            },
            **common,
            **(each(page) if each is not None else {}),
            url=page.url,
        )


def write_records(writer, template, context, records, name, trail, **options):
    """Write the page of each record (agency, program, event, gallery) with `template`.

    The page gets the record as `name`, its `url`, the breadcrumbs `trail`
    followed by the record (`options["label"](record)`, else its title,
    escaped), the variables `options["each"](record)` returns, and every other
    option as a variable of its own.
    """
    label = options.pop("label", None) or (lambda record: record.title)
    each = options.pop("each", None) or (lambda record: {})
    for record in records:
        writer.write_file(
            record.save_as,
            template,
            context,
            url=record.url,
            breadcrumbs=[*trail, (escape(label(record)), record.url)],
            **{name: record},
            **each(record),
            **options,
        )


def slug_of(path, header):
    """Return the item's slug: `Slug` metadata, else the file name."""
    return (header.get("slug") or Path(path).stem).strip()
