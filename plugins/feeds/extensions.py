"""feedgen extensions for what feedgen leaves out of RSS.

- `RssChannelExtension`: the WebSub hub as `<atom:link rel="hub">` in the
  channel (feedgen writes only the self link in RSS) and the
  `<?xml-stylesheet?>` processing instruction that makes browsers show the
  feed as a page; both go into the document tree before feedgen serialises it.
- `RssItemExtension`: `<dc:creator>` for each author (RSS `<author>` must be an
  e-mail address) and `<dcterms:modified>` (RSS has no updated date).
- `AtomEntryLinksExtension`: writes the rel, type and length that feedgen
  1.0.0 drops from entry links (lkiesow/python-feedgen#135: only href is
  written, so an enclosure would read as a second alternate link).

Register them with `register(feed_generator)`; then set values through
`fg.newsroom`, `entry.newsroom` and `entry.atom_links`.
"""

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
NAME = "newsroom"
ATOM_LINKS = "atom_links"
LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")


class RssChannelExtension(BaseExtension):
    """Channel-level additions: WebSub hub link and XSL stylesheet."""

    def __init__(self):
        self._hub = None
        self._stylesheet = None

    def extend_ns(self):
        return {"dc": DC_NS, "dcterms": DCTERMS_NS}

    def hub(self, url=None):
        """Get or set the WebSub hub URL announced in the channel."""
        if url is not None:
            self._hub = url
        return self._hub

    def stylesheet(self, href=None):
        """Get or set the URL of the XSL stylesheet browsers apply."""
        if href is not None:
            self._stylesheet = href
        return self._stylesheet

    def extend_rss(self, feed):
        channel = feed.find("channel")
        if self._hub:
            link = etree.SubElement(channel, f"{{{ATOM_NS}}}link")
            link.set("href", self._hub)
            link.set("rel", "hub")
        if self._stylesheet:
            instruction = etree.ProcessingInstruction(
                "xml-stylesheet", f'type="text/xsl" href="{self._stylesheet}"'
            )
            # A sibling before the root element: the document's prolog.
            feed.addprevious(instruction)
        return feed


class RssItemExtension(BaseEntryExtension):
    """Item-level additions: dc:creator per author and dcterms:modified."""

    def __init__(self):
        self._creators = []
        self._modified = None

    def creators(self, names=None):
        """Get or set the authors' names, written as dc:creator."""
        if names is not None:
            self._creators = [str(name) for name in names]
        return self._creators

    def modified(self, moment=None):
        """Get or set the item's last update (aware datetime)."""
        if moment is not None:
            self._modified = moment
        return self._modified

    def extend_rss(self, item):
        for name in self._creators:
            etree.SubElement(item, f"{{{DC_NS}}}creator").text = name
        if self._modified is not None:
            modified = etree.SubElement(item, f"{{{DCTERMS_NS}}}modified")
            modified.text = self._modified.isoformat(timespec="seconds")
        return item


class AtomEntryLinksExtension(BaseEntryExtension):
    """Entry links with every attribute (feedgen 1.0.0 writes only href)."""

    def __init__(self):
        self._links = []

    def links(self, links=None):
        """Get or set the entry's links: the dicts given to `entry.link()`."""
        if links is not None:
            self._links = [dict(link) for link in links]
        return self._links

    def extend_atom(self, entry):
        # feedgen wrote one <link href> per link, in the order it was given.
        written = [
            child
            for child in entry
            if isinstance(child.tag, str) and etree.QName(child).localname == "link"
        ]
        for element, link in zip(written, self._links, strict=False):
            if element.get("href") != link.get("href"):
                continue
            for name in LINK_ATTRIBUTES:
                if link.get(name):
                    element.set(name, str(link[name]))
        return entry


def register(feed_generator):
    """Load our extensions and feedgen's media extension into a feed."""
    feed_generator.register_extension(
        NAME, RssChannelExtension, RssItemExtension, atom=False, rss=True
    )
    feed_generator.register_extension(
        ATOM_LINKS, BaseExtension, AtomEntryLinksExtension, atom=True, rss=False
    )
    feed_generator.load_extension("media", atom=True, rss=True)
    return feed_generator
