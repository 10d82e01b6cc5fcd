"""Checks across files: two items at one URL or slug, slugs too long."""

from i18n import _

from ..dates import DateError, parse_date
from ..kinds import ARTICLE_FOLDERS, BY_FOLDER, RESERVED_SEGMENTS
from ..model import Problem
from .shared import q

# A slug names a page folder and files such as berita-YYYY-MM-<slug>.jpg: kept
# well below the 255-byte limit of a file name.
MAX_SLUG_CHARS = 120


def check_slug_length(slug, path, line):
    """Return a problem when a slug is too long to name the item's files."""
    if len(slug.encode("utf-8")) <= MAX_SLUG_CHARS:
        return []
    return [
        Problem(
            path,
            line,
            _(
                "slug {slug} is {count} characters long, too long for the names of "
                "the item's files; shorten the file name (or Slug) to at most "
                "{limit} characters, e.g. the first words of the title"
            ).format(slug=q(slug), count=len(slug), limit=MAX_SLUG_CHARS),
        )
    ]


def item_url(folder, slug, header):
    """Return the URL path an item is published at, or None if unknown yet."""
    kind = BY_FOLDER[folder]
    if "{date" not in kind.url:
        return kind.url_of(slug)
    try:
        moment, _has_time = parse_date(header.get("date") or "")
    except DateError:
        return None
    return kind.url_of(slug, moment)


def check_collisions(items):
    """Return problems for items that would be published at one URL.

    `items` are (folder, slug, path, header) of every readable file. Releases
    and remarks share one slug namespace in Pelican (same slug = translations
    of one article, and only one is published), so they are compared too.
    """
    problems = []
    by_slug = {}
    by_url = {}
    articles = {}
    for folder, slug, path, header in items:
        line = header.line("slug")
        kind = BY_FOLDER[folder]
        if (folder, slug) in by_slug:
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "{kind} slug {slug} is used by {other} too; give one of them "
                        "another file name or Slug"
                    ).format(kind=kind.name, slug=q(slug), other=by_slug[folder, slug]),
                )
            )
            continue
        by_slug[folder, slug] = path
        if folder in ARTICLE_FOLDERS:
            if slug in articles:
                problems.append(
                    Problem(
                        path,
                        line,
                        _(
                            "slug {slug} is also used by {other}; releases and "
                            "remarks share slugs (only one of the two would be "
                            "published), so rename one of them"
                        ).format(slug=q(slug), other=articles[slug]),
                    )
                )
                continue
            articles[slug] = path
        # A kind whose URLs have no segment of their own ("{slug}/") may
        # take one of the site's.
        if not kind.segment and slug in RESERVED_SEGMENTS:
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "{kind} slug {slug} would be published at /{segment}/, which "
                        "the site's own lists use; give the page another file name "
                        "or Slug (reserved: {reserved})"
                    ).format(
                        kind=kind.name,
                        slug=q(slug),
                        segment=slug,
                        reserved=", ".join(RESERVED_SEGMENTS),
                    ),
                )
            )
            continue
        url = item_url(folder, slug, header)
        if url is None:
            continue
        if url in by_url:
            problems.append(
                Problem(
                    path,
                    line,
                    _(
                        "/{url} is also the address of {other}; give one of them "
                        "another file name or Slug"
                    ).format(url=url, other=by_url[url]),
                )
            )
            continue
        by_url[url] = path
    return problems
