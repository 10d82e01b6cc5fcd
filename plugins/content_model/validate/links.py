"""Link checks: links in the text, and header values that name other items."""

import difflib
import posixpath
from pathlib import Path

from i18n import _

from ..frontmatter import split_list
from ..kinds import BY_FOLDER, PELICAN_FOLDERS
from ..model import Problem
from .images import check_image_source
from .paths import is_file, nearest_file, resolve_local
from .scan import links_of
from .shared import PLACEHOLDER, PLACEHOLDERS, dangerous_url, key_name, q


def check_links(text, path, line_of, root, source_rel):
    """Return problems for links and images that will not resolve.

    Alt text and captions are `images.check_alt_texts`'s.
    """
    problems = []
    root = Path(root)
    source_dir = posixpath.dirname(source_rel)

    def add(offset, message, severity="error"):
        problems.append(Problem(path, line_of(offset), message, severity))

    for offset, destination, is_image, source in links_of(text):
        if source == "srcset":  # a list of candidates, checked for script only
            continue
        destination = destination.strip()
        if not destination or destination.startswith("#") or dangerous_url(destination):
            continue
        placeholder = PLACEHOLDER.match(destination)
        if placeholder:
            what = placeholder["brace"] or placeholder["bar"]
            if what not in PLACEHOLDERS:
                near = difflib.get_close_matches(what, PLACEHOLDERS, n=1)
                hint = (
                    _("did you mean '{{{near}}}'?").format(near=near[0])
                    if near
                    else _("remove it")
                )
                add(
                    offset,
                    _(
                        "link {link} uses the unknown placeholder '{{{name}}}'; {hint}"
                    ).format(link=q(destination), name=what, hint=hint),
                )
            elif what in ("filename", "static", "attach"):
                check_content_link(
                    what,
                    placeholder["rest"],
                    destination,
                    root,
                    source_dir,
                    add,
                    offset,
                )
        elif is_image:
            check_image_source(destination, root, source_dir, add, offset)
    return problems


def check_content_link(what, rest, destination, root, source_dir, add, offset):
    """Check one `{filename}`, `{static}` or `{attach}` link."""
    relative = resolve_local(root, source_dir, rest)
    if relative is None:
        add(
            offset,
            _(
                "link {link} points outside the content folder; link to a file "
                "under content/"
            ).format(link=q(destination)),
        )
        return
    target = Path(root) / relative
    if not is_file(target):
        near = nearest_file(root, relative)
        hint = (
            _("did you mean '{{{name}}}/{near}'?").format(name=what, near=near)
            if near
            else _("check the path")
        )
        add(
            offset,
            _(
                "link {link} names content/{relative}, which does not exist; {hint}"
            ).format(link=q(destination), relative=relative, hint=hint),
        )
        return
    top = relative.split("/", 1)[0]
    if what == "filename" and target.suffix == ".md" and top not in PELICAN_FOLDERS:
        kind = BY_FOLDER.get(top)
        url = "/" + kind.url_of(target.stem) if kind else _("its page")
        add(
            offset,
            _(
                "link {link} cannot work: content/{folder}/ files are not pages of "
                "their own for {{filename}}; link to {url} instead"
            ).format(link=q(destination), folder=top, url=url),
        )


def check_references(headers, known):
    """Return problems for slugs that name no item."""
    problems = []
    for folder, path, header in headers:
        for key, target in BY_FOLDER[folder].references:
            if not header.get(key):
                continue
            for slug in split_list(header.get(key)):
                if slug in known.get(target, {}):
                    continue
                choices = sorted(known.get(target, {}))
                named = slug_by_name(known.get(target, {})).get(normal_name(slug))
                near = (
                    [named] if named else difflib.get_close_matches(slug, choices, n=1)
                )
                hint = (
                    _("did you mean {near}?").format(near=q(near[0]))
                    if near
                    else _(
                        "add content/{folder}/{slug}.md or use one of {choices}"
                    ).format(
                        folder=target,
                        slug=slug,
                        choices=", ".join(choices[:20]) or _("(none yet)"),
                    )
                )
                problems.append(
                    Problem(
                        path,
                        header.line(key),
                        _(
                            "{key} {value} names no file in content/{folder}/; {hint}"
                        ).format(
                            key=key_name(key), value=q(slug), folder=target, hint=hint
                        ),
                    )
                )
    return problems


def normal_name(text):
    """Return a name as compared with others: case-folded, single-spaced."""
    return " ".join(str(text).replace("’", "'").casefold().split())


def slug_by_name(records):
    """Map the names an item is known by (slug, title, acronym, aliases) to slugs.

    Authors write an agency's acronym or a person's name where the file name
    belongs; the message then names the right one. A name two items share
    points to neither.
    """
    owners = {}
    for slug, record in records.items():
        meta = getattr(record, "meta", {})
        names = [slug, meta.get("title"), meta.get("acronym")]
        names += split_list(meta.get("aliases"))
        for name in names:
            if name:
                owners.setdefault(normal_name(name), set()).add(slug)
    return {name: min(slugs) for name, slugs in owners.items() if len(slugs) == 1}
