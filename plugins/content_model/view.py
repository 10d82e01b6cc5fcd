"""One typed view of a release, remarks item or page, built once per item.

The content model reads each item's header (agencies, programs, the time
flag of its date); the newsroom decides its kind, advertorial flag, remarks
fields, quotes, embargo and corrections. Once they have, the item gets an
`ItemView` (frozen) as its attribute `view` (VIEW_ATTRIBUTE), and every other
plugin reads these facts from it instead of guessing with defaults:

- releases and remarks: at the end of the newsroom's
  article_generator_pretaxonomy receivers (`article_view`);
- pages: when content_model describes them, at page_generator_finalized
  (`page_view`: pages have no quotes, speaker, embargo preview or notices).

The loose attributes the producers set (`article.advertorial`,
`article.quotes`, ...) stay for the templates. Images are not here: the
images plugin sets `lead_image`, `body_images` and `share_image` later, at
article_generator_finalized.
"""

import datetime as dt
from dataclasses import dataclass

from .frontmatter import split_list
from .kinds import BY_NAME

# The attribute each item carries its view in.
VIEW_ATTRIBUTE = "view"


@dataclass(frozen=True)
class ItemView:
    """What the content model and the newsroom decided about one item.

    `kind` is the registry name ("release", "remarks", "page"); `header`
    the parsed header (frontmatter.Header); `opd_slugs` and `programs` the
    slugs its header names, `agencies` the agency Records found for them;
    `quotes` the newsroom's quotes.Quote of its text; `embargo_until` the
    moment its embargo lifts (None: none); `embargoed` whether it is shown
    only because of EMBARGO_PREVIEW; `corrections` its correction Notices,
    newest first, and `withdrawn` its withdrawal Notice or None.
    """

    kind: str
    kind_label: str = ""
    header: object = None
    date_has_time: bool = False
    advertorial: bool = False
    opd_slugs: tuple = ()
    agencies: tuple = ()
    programs: tuple = ()
    speaker_id: str | None = None
    speaker: object = None
    occasion: str | None = None
    location: str | None = None
    quotes: tuple = ()
    embargo_until: dt.datetime | None = None
    embargoed: bool = False
    corrections: tuple = ()
    withdrawn: object = None


def header_facts(item):
    """Return the view fields content_model's `describe` set on `item`."""
    return {
        "header": item.header,
        "date_has_time": item.date_has_time,
        "opd_slugs": tuple(item.opd_slugs),
        "agencies": tuple(item.agencies),
        "programs": tuple(split_list(item.header.get("programs"))),
    }


def article_view(article):
    """Return the ItemView of a release or remarks article.

    Call once the newsroom has classified it, found its quotes, judged its
    embargo and read its notices (the attributes its docstring lists).
    """
    # The newsroom sets `location` only on kinds with a speaker (remarks).
    spoken = "speaker" in BY_NAME[article.kind].keys
    return ItemView(
        kind=article.kind,
        kind_label=article.kind_label,
        advertorial=article.advertorial,
        speaker_id=article.speaker_id,
        speaker=article.speaker,
        occasion=article.occasion,
        location=article.location if spoken else None,
        quotes=tuple(article.quotes),
        embargo_until=article.embargo_until,
        embargoed=article.embargoed,
        corrections=tuple(article.corrections),
        withdrawn=article.withdrawn,
        **header_facts(article),
    )


def page_view(page):
    """Return the ItemView of a page (content_model has described it)."""
    kind = BY_NAME["page"]
    return ItemView(kind=kind.name, kind_label=kind.label, **header_facts(page))


def attach(item, view):
    """Give `item` its view (an item from Pelican's cache gets a fresh one)."""
    setattr(item, VIEW_ATTRIBUTE, view)
    return item
