"""Link checks: links in the text, and header values that name other items."""

import difflib
import html
import posixpath
import re
from pathlib import Path

from sanitise import policy

from ..credits import parse_title
from ..frontmatter import split_list
from ..kinds import BY_FOLDER, PELICAN_FOLDERS
from ..model import Problem
from .images import check_image_source
from .paths import is_file, nearest_file, resolve_local
from .shared import PLACEHOLDER, PLACEHOLDERS, dangerous_url, key_name, q

# Attributes whose values are links to check: those the sanitiser checks,
# plus manifest, ping and srcset, whose links are checked here too.
URL_ATTRIBUTES = policy.URL_ATTRIBUTES | {"manifest", "ping", "srcset"}
# The bounded repetitions keep every pattern linear on multi-megabyte bodies.
TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]{0,50})"
    r"(?P<attrs>(?:[^<>\"']|\"[^\"]{0,20000}\"|'[^']{0,20000}'){0,20000})>"
)
ATTRIBUTE = re.compile(
    r"(?P<name>[^\s=/\"'<>]+)"
    r"(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
LINK_START = re.compile(r"(?P<bang>!?)\[(?:[^\[\]]|\[[^\[\]]{0,500}\]){0,2000}\]\(")
REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,500}\]:[ \t]*<?(?P<dest>[^\s>]+)", re.M)
EMPTY_ALT = re.compile(r"!\[\s*\]")
# The title of an inline link after its destination: "…", '…' or (…).
LINK_TITLE = re.compile(
    r"""[ \t]*\n?[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|\(([^()\n]*)\))[ \t]*\)"""
)


def link_destination(text, start):
    """Return the destination of an inline link whose '(' ends at `start`."""
    index = start
    while index < len(text) and text[index] in " \t\n":
        index += 1
    if index < len(text) and text[index] == "<":
        end = text.find(">", index)
        return text[index + 1 : end] if end != -1 else ""
    depth = 0
    begin = index
    limit = min(len(text), index + 5000)
    while index < limit:
        char = text[index]
        if char in " \t\n":
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return text[begin:index]


def links_of(text):
    """Yield (offset, destination, is_image, source) for every link in `text`.

    `source` is "markdown" or the HTML attribute name.
    """
    # Most texts have no link and no tag: skip the scans that cannot match.
    markdown = "[" in text
    for match in LINK_START.finditer(text) if markdown else ():
        yield (
            match.start(),
            link_destination(text, match.end()),
            bool(match["bang"]),
            "markdown",
        )
    for match in REFERENCE.finditer(text) if markdown else ():
        yield match.start(), match["dest"], False, "markdown"
    for tag in TAG.finditer(text) if "<" in text else ():
        if tag["close"]:
            continue
        for attribute in ATTRIBUTE.finditer(tag["attrs"]):
            name = attribute["name"].lower()
            if name in URL_ATTRIBUTES and attribute["value"] is not None:
                value = attribute["value"].strip("\"'")
                is_image = tag["name"].lower() == "img" and name == "src"
                yield tag.start(), value, is_image, name


def check_links(text, path, line_of, root, source_rel):
    """Return problems for links and images that will not resolve."""
    problems = []
    root = Path(root)
    source_dir = posixpath.dirname(source_rel)

    def add(offset, message, severity="error"):
        problems.append(Problem(path, line_of(offset), message, severity))

    for match in EMPTY_ALT.finditer(text):
        add(
            match.start(),
            "image has no alt text, so blind readers and search engines learn "
            "nothing from it; describe the picture between the brackets: "
            "![Wali Kota membuka festival](…)",
        )
    for tag in TAG.finditer(text):
        if tag["close"] or tag["name"].lower() != "img":
            continue
        alts = [
            a["value"].strip("\"'")
            for a in ATTRIBUTE.finditer(tag["attrs"])
            if a["name"].lower() == "alt" and a["value"] is not None
        ]
        if not alts or not alts[0].strip():
            add(
                tag.start(),
                '<img> has no alt text; add alt="…" describing the picture',
            )
        for attribute in ATTRIBUTE.finditer(tag["attrs"]):
            if attribute["name"].lower() == "title" and attribute["value"]:
                title = html.unescape(attribute["value"].strip("\"'"))
                for problem in parse_title(title)[1]:
                    add(tag.start(), problem)
    for match in LINK_START.finditer(text) if "![" in text else ():
        if not match["bang"]:
            continue
        after = match.end() + len(link_destination(text, match.end()))
        title = LINK_TITLE.match(text, after)
        if title:
            caption = next(g for g in title.groups() if g is not None)
            for problem in parse_title(caption)[1]:
                add(match.start(), problem)
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
                hint = f"did you mean '{{{near[0]}}}'?" if near else "remove it"
                add(
                    offset,
                    f"link {q(destination)} uses the unknown placeholder "
                    f"'{{{what}}}'; {hint}",
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
            f"link {q(destination)} points outside the content folder; link to "
            "a file under content/",
        )
        return
    target = Path(root) / relative
    if not is_file(target):
        near = nearest_file(root, relative)
        hint = f"did you mean '{{{what}}}/{near}'?" if near else "check the path"
        add(
            offset,
            f"link {q(destination)} names content/{relative}, which does not "
            f"exist; {hint}",
        )
        return
    top = relative.split("/", 1)[0]
    if what == "filename" and target.suffix == ".md" and top not in PELICAN_FOLDERS:
        kind = BY_FOLDER.get(top)
        url = "/" + kind.url_of(target.stem) if kind else "its page"
        add(
            offset,
            f"link {q(destination)} cannot work: content/{top}/ files are not "
            f"pages of their own for {{filename}}; link to {url} instead",
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
                    f"did you mean {q(near[0])}?"
                    if near
                    else (
                        f"add content/{target}/{slug}.md or use one of "
                        f"{', '.join(choices[:20]) or '(none yet)'}"
                    )
                )
                problems.append(
                    Problem(
                        path,
                        header.line(key),
                        f"{key_name(key)} {q(slug)} names no file in "
                        f"content/{target}/; {hint}",
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
