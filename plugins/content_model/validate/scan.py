"""Finding links, tags and images in Markdown text, in linear time."""

import re

from sanitise import policy

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
