"""Feeds: RSS, Atom and JSON Feed checked by real clients, schemas and sources.

Every feed of the session build is parsed with feedparser (RSS, Atom) and
feedparser-rs (all three formats), validated (Atom against RFC 4287's RELAX
NG schema, JSON Feed against a 1.1 JSON schema, RSS against the W3C feed
validator's rules), and compared item by item with the Markdown it came from.
Small extra builds check id stability, embargo, errors and byte-identical
output.
"""

import datetime as dt
import email.utils
import functools
import html
import http.server
import json
import re
import shutil
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import feedparser_rs
import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import FIXTURES, ROOT, build, free_port
from content_model.dates import parse_date
from content_model.frontmatter import read_header, split_list
from feeds import plugin as feeds_plugin
from feeds.formats import json_bytes, rss_bytes
from feeds.items import (
    Category,
    FeedItem,
    ItemError,
    SiteInfo,
    absolute_html,
    entry_id,
    lead_image,
    newest_first,
    plain_text,
)
from safe_build import BuildFailed, load_settings

SETTINGS = load_settings(ROOT / "pelicanconf.py")
ENTITY = "smartfestival.bontangkota.go.id,2020"
ORGANISATION = SETTINGS["SITE_ORGANISATION"]
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "media": "http://search.yahoo.com/mrss/",
}
ATOM_RNG = FIXTURES / "feeds" / "atom.rng"
JSON_SCHEMA = FIXTURES / "feeds" / "jsonfeed-1.1.schema.json"
SEED_ID = f"tag:{ENTITY}:berita/bontang-smart-festival-2020"
FEEDS_FIXTURE_ID = f"tag:{ENTITY}:berita/2020-03-12-feeds-foto"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} \+0800$"
)
RFC3339_WITA = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
KIND_FOLDERS = {
    "press-releases": ("release", "berita"),
    "remarks": ("remarks", "sambutan"),
}


# --- What the sources say ------------------------------------------------------


@dataclass
class Source:
    """What one content file says its feed entry must carry."""

    path: Path
    kind: str
    id: str
    title: str
    url: str
    published: dt.datetime
    updated: dt.datetime
    authors: list
    categories: list
    advertorial: bool
    opd: list
    summary: str | None
    image: str | None
    speaker: str | None
    occasion: str | None


def feed_title(title):
    """Return a title as feeds write it: plain text that opens no markup.

    Every '<' (or entity for one) that could open a tag, comment or
    declaration is the look-alike U+FF1C (README, "What authors may write").
    """
    return re.sub(
        r"(?:<|&(?:lt|#0*60|#[xX]0*3[cC]);?)(?=[A-Za-z/!?])", "\uff1c", title or ""
    )


def feed_date(value):
    """A header date as feeds write it: a date without a time at 12:00 WITA."""
    moment, has_time = parse_date(value)
    return moment if has_time else moment.replace(hour=12)


def source_of(path, site):
    header = read_header(path)
    folder = path.relative_to(site.content).parts[0]
    kind, prefix = KIND_FOLDERS[folder]
    published = feed_date(header.get("date"))
    modified = header.get("modified")
    slug = header.get("slug") or path.stem
    if kind == "release":
        url = f"{site.url}/berita/{published:%Y}/{published:%m}/{slug}/"
    else:
        url = f"{site.url}/sambutan/{slug}/"
    key = header.get("id") or path.relative_to(site.content / folder).with_suffix("")
    advertorial = (header.get("advertorial") or "").lower() in ("yes", "true", "ya")
    category = header.get("category") or ("Berita" if kind == "release" else "Sambutan")
    return Source(
        path=path,
        kind=kind,
        id=f"tag:{ENTITY}:{prefix}/{key}",
        title=("[Advertorial] " if advertorial else "")
        + feed_title(header.get("title")),
        url=url,
        published=published,
        updated=feed_date(modified) if modified else published,
        authors=split_list(header.get("authors") or header.get("author"))
        or [ORGANISATION],
        categories=(["Advertorial"] if advertorial else [])
        + [category]
        + split_list(header.get("tags")),
        advertorial=advertorial,
        opd=split_list(header.get("opd")),
        summary=header.get("summary"),
        image=header.get("image"),
        speaker=header.get("speaker"),
        occasion=header.get("occasion"),
    )


def goes_out_now(path, now):
    """Return whether a content file's header says it is published at `now`.

    Read from the header alone, never from the output: not a draft or hidden,
    and both its Date and its Embargo (if any) have passed.
    """
    header = read_header(path)
    if (header.get("status") or "published").lower() in ("draft", "hidden"):
        return False
    moments = [
        parse_date(header.get(key))[0] for key in ("date", "embargo") if header.get(key)
    ]
    return all(moment <= now for moment in moments)


def published_sources(site):
    """Every release and remarks file whose header says it is published, by id.

    The expected items come from the content headers, not from the pages in
    the output: an item missing from the pages and the feeds alike is missed.
    """
    now = dt.datetime.now(dt.UTC)
    found = {}
    for folder in KIND_FOLDERS:
        for path in sorted((site.content / folder).rglob("*.md")):
            if not goes_out_now(path, now):
                continue
            source = source_of(path, site)
            assert site.path(source.url).is_file(), f"{path} has no page"
            found[source.id] = source
    assert found, "no release or remarks file in the content"
    return found


def newest_ids(sources, limit=SETTINGS["FEEDS_MAX_ITEMS"]):
    ordered = sorted(sources.values(), key=lambda s: (s.published, s.id), reverse=True)
    return [s.id for s in ordered][:limit]


# --- Reading the output ----------------------------------------------------------


def xml(site, path):
    return etree.parse(str(site.output / path))


def json_feed(site, path="feeds/feed.json"):
    return json.loads((site.output / path).read_text(encoding="utf-8"))


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def page_body_text(site, url):
    return normalise(site.soup(url).select_one(".bsf-article__body").get_text())


def content_parts(content_html):
    """Return (lead <figure> or None, text of the rest) of a feed item's HTML."""
    soup = BeautifulSoup(content_html, "html.parser")
    first = soup.find(True)
    figure = None
    if first is not None and first.name == "figure":
        figure = first.extract()
    return figure, normalise(soup.get_text())


def urls_in(content_html):
    """Every URL an HTML fragment refers to (href, src and srcset candidates)."""
    soup = BeautifulSoup(content_html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for name in ("href", "src", "poster", "cite"):
            if tag.get(name):
                found.append(tag[name])
        for name in ("srcset", "imagesrcset"):
            if tag.get(name):
                found += [
                    c.strip().split()[0] for c in tag[name].split(",") if c.strip()
                ]
    return found


def feed_files(site):
    return sorted((site.output / "feeds").rglob("*.*"))


def published_file(site, url):
    return site.output / urlsplit(url).path.lstrip("/")


# --- The feeds exist ---------------------------------------------------------------


def test_every_feed_the_contract_names_is_written(site):
    model_agencies = sorted(p.stem for p in (site.content / "agencies").glob("*.md"))
    written = {p.relative_to(site.output).as_posix() for p in feed_files(site)}
    expected = {
        "feeds/rss.xml",
        "feeds/atom.xml",
        "feeds/feed.json",
        "feeds/sambutan.xml",
        *(f"feeds/opd/{slug}.xml" for slug in model_agencies),
    }
    assert expected <= written
    categories = {
        a["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in site.soup("/kategori/").select(".bsf-archive a")
    }
    assert categories
    assert {f"feeds/kategori/{slug}.xml" for slug in categories} <= written


def test_pelican_writes_no_feed_of_its_own(site):
    for name, value in SETTINGS.items():
        if "FEED" in name and name.endswith(("_ATOM", "_RSS")) and "FEEDS_" not in name:
            assert value is None, name
    assert not (site.output / "feeds" / "all.atom.xml").exists()


@pytest.mark.parametrize("path", ["feeds/rss.xml", "feeds/atom.xml"])
def test_feedparser_reads_the_xml_feeds_without_errors(site, path):
    parsed = feedparser.parse((site.output / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if path.endswith("rss.xml") else "atom10")
    assert [e.id for e in parsed.entries] == newest_ids(published_sources(site))


def test_every_rss_feed_parses_without_errors(site):
    for path in feed_files(site):
        if path.suffix != ".xml":
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.title, path


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("feeds/rss.xml", "rss20"),
        ("feeds/atom.xml", "atom10"),
        ("feeds/feed.json", "json11"),
    ],
)
def test_feedparser_rs_reads_all_three_formats_alike(site, path, version):
    parsed = feedparser_rs.parse((site.output / path).read_bytes())
    assert not parsed.bozo
    assert parsed.version == version
    sources = published_sources(site)
    assert [e.id for e in parsed.entries] == newest_ids(sources)
    for entry in parsed.entries:
        source = sources[entry.id]
        # feedparser-rs gives titles as HTML (title_detail.type "text/html").
        assert entry.title_detail.type == "text/html"
        # Read as HTML they hold no tag (the fixture "… </script><b>tebal</b>"
        # is written with U+FF1C), so nothing is dropped.
        assert html.unescape(entry.title) == source.title
        # feedparser-rs leaves XML escapes in Atom's term attribute; feedparser
        # decodes them (checked in the item-by-item tests above).
        assert [html.unescape(t.term) for t in entry.tags] == source.categories
        assert entry.published_parsed == source.published.utctimetuple()
        # feedparser-rs blanks loopback URLs in RSS and Atom (a guard against
        # server-side request forgery), and the test site is on 127.0.0.1.
        if version == "json11":
            assert entry.link == source.url


# --- The seed release (Done when) ----------------------------------------------------


def test_seed_release_reads_in_every_format_as_advertorial_in_wita(site):
    rss = feedparser.parse((site.output / "feeds/rss.xml").read_bytes())
    atom = feedparser.parse((site.output / "feeds/atom.xml").read_bytes())
    jsonf = feedparser_rs.parse((site.output / "feeds/feed.json").read_bytes())
    for parsed in (rss, atom, jsonf):
        entry = next(e for e in parsed.entries if e.id == SEED_ID)
        assert entry.title == (
            "[Advertorial] Bontang Smart Festival 2020 Jadi Wadah Sosialisasi "
            "Smart City"
        )
        assert "Advertorial" in [t.term for t in entry.tags]
        assert entry.published.endswith(("+0800", "+08:00")), entry.published
        parsed_date = (
            email.utils.parsedate_to_datetime(entry.published)
            if (entry.published.endswith("+0800"))
            else dt.datetime.fromisoformat(entry.published)
        )
        assert parsed_date.utcoffset() == dt.timedelta(hours=8)
        assert parsed_date.date() == dt.date(2020, 3, 13)


def test_seed_release_carries_its_five_quotes_in_json_feed(site):
    parsed = feedparser_rs.parse((site.output / "feeds/feed.json").read_bytes())
    entry = next(e for e in parsed.entries if e.id == SEED_ID)
    newsroom = entry.json_extensions["_newsroom"]
    assert newsroom["advertorial"] is True
    assert newsroom["opd"] == ["diskominfo"]
    quotes = newsroom["quotes"]
    assert len(quotes) == 5
    assert [q["speaker_id"] for q in quotes] == [
        "dasuki",
        "dasuki",
        "dasuki",
        "neni-moerniaeni",
        "neni-moerniaeni",
    ]
    body = page_body_text(site, "/berita/2020/03/bontang-smart-festival-2020/")
    for quote in quotes:
        assert normalise(quote["text"]) in body
        assert quote["speaker"]


# --- RSS, item by item, and the W3C validator's rules ---------------------------------


def test_rss_channel_follows_the_feed_validator_rules(site):
    for path in feed_files(site):
        if path.suffix != ".xml" or path.name == "atom.xml":
            continue
        relative = path.relative_to(site.output).as_posix()
        doc = etree.parse(str(path))
        root = doc.getroot()
        assert root.tag == "rss" and root.get("version") == "2.0", relative
        channels = root.findall("channel")
        assert len(channels) == 1, relative
        channel = channels[0]
        for required in ("title", "link", "description"):
            assert channel.findtext(required), (relative, required)
        assert channel.findtext("language") == "id"
        assert int(channel.findtext("ttl")) > 0
        selfs = channel.findall("atom:link[@rel='self']", NS)
        assert [s.get("href") for s in selfs] == [f"{site.url}/{relative}"]
        assert selfs[0].get("type") == "application/rss+xml"
        hubs = channel.findall("atom:link[@rel='hub']", NS)
        assert [h.get("href") for h in hubs] == [SETTINGS["WEBSUB_HUB"]]
        image = channel.find("image")
        assert image.findtext("title") == channel.findtext("title")
        assert image.findtext("link") == channel.findtext("link")
        assert int(image.findtext("width")) <= 144
        logo = published_file(site, image.findtext("url"))
        assert logo.exists() and logo.suffix == ".png"
        assert channel.findtext("copyright")
        for date in channel.findall("lastBuildDate") + channel.findall("pubDate"):
            assert RFC822.match(date.text), (relative, date.text)
        items = channel.findall("item")
        for item in items:
            guid = item.find("guid")
            assert guid is not None and guid.text, relative
            assert guid.get("isPermaLink") == "false"
            assert RFC822.match(item.findtext("pubDate")), relative
            for text in (
                item.findtext("description"),
                item.findtext("content:encoded", namespaces=NS),
            ):
                for url in urls_in(text or ""):
                    assert urlsplit(url).scheme in ("http", "https", "mailto"), (
                        relative,
                        url,
                    )
        updates = [
            dt.datetime.fromisoformat(i.findtext("dcterms:modified", namespaces=NS))
            for i in items
        ]
        if items:
            build_date = email.utils.parsedate_to_datetime(
                channel.findtext("lastBuildDate")
            )
            assert build_date == max(updates), relative


def test_rss_items_match_their_source_item_by_item(site):
    sources = published_sources(site)
    items = xml(site, "feeds/rss.xml").findall("channel/item")
    assert [i.findtext("guid") for i in items] == newest_ids(sources)
    for item in items:
        source = sources[item.findtext("guid")]
        assert item.findtext("title") == source.title
        assert item.findtext("link") == source.url
        assert item.findtext("pubDate") == email.utils.format_datetime(source.published)
        modified = item.findtext("dcterms:modified", namespaces=NS)
        assert modified == source.updated.isoformat(timespec="seconds")
        assert RFC3339_WITA.match(modified)
        assert [c.text for c in item.findall("category")] == source.categories
        creators = [c.text for c in item.findall("dc:creator", NS)]
        assert creators == source.authors
        assert item.find("author") is None  # RSS <author> must be an e-mail
        content = item.findtext("content:encoded", namespaces=NS)
        figure, text = content_parts(content)
        assert text == page_body_text(site, source.url)
        description = item.findtext("description")
        if source.summary:
            assert plain_text(description) == normalise(source.summary)
        else:
            assert plain_text(description)
        enclosure = item.find("enclosure")
        if source.image:
            assert figure is not None
            assert figure.img["src"] == enclosure.get("url")
        else:
            # No figure, but the share card stands in as the item's image.
            assert figure is None
            assert "/images/share/" in enclosure.get("url")


def test_lead_image_is_an_enclosure_and_media_content_with_its_real_size(site):
    item = next(
        i
        for i in xml(site, "feeds/rss.xml").findall("channel/item")
        if i.findtext("guid") == FEEDS_FIXTURE_ID
    )
    enclosure = item.find("enclosure")
    image = published_file(site, enclosure.get("url"))
    assert enclosure.get("url").startswith(f"{site.url}/")
    assert int(enclosure.get("length")) == image.stat().st_size
    assert enclosure.get("type") == "image/png"
    media = item.findall("media:content", NS)
    assert len(media) == 1
    assert media[0].get("url") == enclosure.get("url")
    assert media[0].get("fileSize") == enclosure.get("length")
    assert media[0].get("medium") == "image"
    from PIL import Image

    with Image.open(image) as picture:
        assert (int(media[0].get("width")), int(media[0].get("height"))) == (
            picture.size
        )
    entry = next(
        e
        for e in xml(site, "feeds/atom.xml").findall("atom:entry", NS)
        if e.findtext("atom:id", namespaces=NS) == FEEDS_FIXTURE_ID
    )
    link = entry.find("atom:link[@rel='enclosure']", NS)
    assert link.get("href") == enclosure.get("url")
    assert link.get("length") == enclosure.get("length")
    assert link.get("type") == "image/png"
    item_json = next(i for i in json_feed(site)["items"] if i["id"] == FEEDS_FIXTURE_ID)
    assert item_json["image"] == enclosure.get("url")


def test_advertorial_category_is_on_paid_items_only(site):
    sources = published_sources(site)
    paid = {i for i, s in sources.items() if s.advertorial}
    assert SEED_ID in paid
    for item in xml(site, "feeds/rss.xml").findall("channel/item"):
        terms = [c.text for c in item.findall("category")]
        assert ("Advertorial" in terms) == (item.findtext("guid") in paid)
    for item in json_feed(site)["items"]:
        assert item["_newsroom"]["advertorial"] == (item["id"] in paid)
        assert ("Advertorial" in item["tags"]) == (item["id"] in paid)


# --- Atom against RFC 4287 ------------------------------------------------------------


def test_atom_feed_is_valid_against_the_rfc_4287_relax_ng_schema(site):
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    doc = xml(site, "feeds/atom.xml")
    assert schema.validate(doc), schema.error_log
    # The RFC's two Schematron rules, which RELAX NG cannot express.
    feed = doc.getroot()
    entries = feed.findall("atom:entry", NS)
    assert feed.find("atom:author", NS) is not None or all(
        e.find("atom:author", NS) is not None for e in entries
    )
    for entry in entries:
        assert (
            entry.find("atom:link[@rel='alternate']", NS) is not None
            or entry.find("atom:content", NS) is not None
        )


def test_the_relax_ng_schema_rejects_a_broken_atom_feed():
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    broken = etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
        b"<updated>13 Maret 2020</updated></feed>"
    )
    assert not schema.validate(broken)


def test_atom_entries_match_their_source_item_by_item(site):
    sources = published_sources(site)
    feed = xml(site, "feeds/atom.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    assert feed.findtext("atom:id", namespaces=NS) == f"tag:{ENTITY}:feeds/atom.xml"
    self_link = feed.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == f"{site.url}/feeds/atom.xml"
    hub = feed.find("atom:link[@rel='hub']", NS)
    assert hub.get("href") == SETTINGS["WEBSUB_HUB"]
    entries = feed.findall("atom:entry", NS)
    assert [e.findtext("atom:id", namespaces=NS) for e in entries] == newest_ids(
        sources
    )
    updated = [e.findtext("atom:updated", namespaces=NS) for e in entries]
    assert feed.findtext("atom:updated", namespaces=NS) == max(
        updated, key=dt.datetime.fromisoformat
    )
    for entry in entries:
        source = sources[entry.findtext("atom:id", namespaces=NS)]
        assert entry.findtext("atom:title", namespaces=NS) == source.title
        alternate = entry.find("atom:link[@rel='alternate']", NS)
        assert alternate.get("href") == source.url
        assert (
            entry.findtext("atom:published", namespaces=NS)
            == source.published.isoformat()
        )
        assert (
            entry.findtext("atom:updated", namespaces=NS) == source.updated.isoformat()
        )
        names = [
            a.findtext("atom:name", namespaces=NS)
            for a in entry.findall("atom:author", NS)
        ]
        assert names == source.authors
        terms = [c.get("term") for c in entry.findall("atom:category", NS)]
        assert terms == source.categories
        content = entry.find("atom:content", NS)
        assert content.get("type") == "html"
        assert content_parts(content.text)[1] == page_body_text(site, source.url)
        summary = entry.find("atom:summary", NS)
        assert summary.get("type") == "html"
        if source.summary:
            assert plain_text(summary.text) == normalise(source.summary)


# --- JSON Feed against its 1.1 schema -------------------------------------------------

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _rfc3339(value):
    if not re.match(
        r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", value
    ):
        raise ValueError(f"{value} is not RFC 3339")
    dt.datetime.fromisoformat(value)
    return True


@FORMATS.checks("uri", raises=ValueError)
def _uri(value):
    parts = urlsplit(value)
    if not parts.scheme or (parts.scheme in ("http", "https") and not parts.netloc):
        raise ValueError(f"{value} is not an absolute URI")
    return True


NEWSROOM_SCHEMA = {
    "type": "object",
    "required": ["advertorial", "opd", "quotes"],
    "properties": {
        "advertorial": {"type": "boolean"},
        "opd": {"type": "array", "items": {"type": "string"}},
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["speaker_id", "speaker", "text"],
                "properties": {
                    "speaker_id": {"type": ["string", "null"]},
                    "speaker": {"type": "string"},
                    "text": {"type": "string", "minLength": 1},
                },
                "additionalProperties": False,
            },
        },
        "speaker_id": {"type": ["string", "null"]},
        "occasion": {"type": ["string", "null"]},
    },
}


def validator():
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


def test_json_feed_is_valid_against_the_json_feed_1_1_schema(site):
    data = json_feed(site)
    errors = sorted(validator().iter_errors(data), key=lambda e: list(e.path))
    assert errors == []
    for item in data["items"]:
        jsonschema.validate(item["_newsroom"], NEWSROOM_SCHEMA)


def test_the_json_schema_rejects_a_broken_feed(site):
    data = json_feed(site)
    data["items"][0]["date_published"] = "13 Maret 2020"
    data["items"][0]["url"] = "/berita/relatif/"
    del data["items"][0]["content_html"]
    paths = {tuple(e.path) for e in validator().iter_errors(data)}
    assert ("items", 0, "date_published") in paths
    assert ("items", 0, "url") in paths
    assert ("items", 0) in paths


def test_json_feed_items_match_their_source_item_by_item(site):
    sources = published_sources(site)
    data = json_feed(site)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{site.url}/feeds/feed.json"
    assert data["home_page_url"] == f"{site.url}/"
    assert data["language"] == "id"
    assert data["hubs"] == [{"type": "WebSub", "url": SETTINGS["WEBSUB_HUB"]}]
    assert published_file(site, data["icon"]).exists()
    assert [i["id"] for i in data["items"]] == newest_ids(sources)
    for item in data["items"]:
        source = sources[item["id"]]
        assert item["url"] == source.url
        assert item["title"] == source.title
        assert item["date_published"] == source.published.isoformat()
        assert item["date_modified"] == source.updated.isoformat()
        assert [a["name"] for a in item["authors"]] == source.authors
        assert item["tags"] == list(dict.fromkeys(source.categories))
        assert content_parts(item["content_html"])[1] == page_body_text(
            site, source.url
        )
        if source.summary:
            assert item["summary"] == normalise(source.summary)
        # The lead image, else the share card: every item has one.
        assert ("/images/share/" in item["image"]) == (not source.image)
        newsroom = item["_newsroom"]
        assert newsroom["advertorial"] == source.advertorial
        assert newsroom["opd"] == source.opd
        body = page_body_text(site, source.url)
        for quote in newsroom["quotes"]:
            assert normalise(quote["text"]) in body
        if source.kind == "remarks":
            assert newsroom["speaker_id"] == source.speaker
            assert newsroom["occasion"] == source.occasion
        else:
            assert "speaker_id" not in newsroom and "occasion" not in newsroom


# --- Per agency, per category, remarks ------------------------------------------------


def test_each_agency_feed_holds_the_items_naming_that_agency(site):
    sources = published_sources(site)
    for path in sorted((site.content / "agencies").glob("*.md")):
        doc = xml(site, f"feeds/opd/{path.stem}.xml")
        guids = [i.findtext("guid") for i in doc.findall("channel/item")]
        expected = {i: s for i, s in sources.items() if path.stem in s.opd}
        assert guids == newest_ids(expected), path.stem
        channel = doc.find("channel")
        assert channel.findtext("link") == f"{site.url}/opd/{path.stem}/"
        acronym = read_header(path).get("acronym")
        assert channel.findtext("title").startswith(acronym)


def test_remarks_feed_holds_remarks_only(site):
    sources = published_sources(site)
    doc = xml(site, "feeds/sambutan.xml")
    guids = [i.findtext("guid") for i in doc.findall("channel/item")]
    remarks = {i: s for i, s in sources.items() if s.kind == "remarks"}
    assert remarks, "the build has no remarks to check"
    assert guids == newest_ids(remarks)


def test_each_category_feed_holds_that_category(site):
    sources = published_sources(site)
    for link in site.soup("/kategori/").select(".bsf-archive a"):
        slug = link["href"].rstrip("/").rsplit("/", 1)[-1]
        name = link.get_text()
        doc = xml(site, f"feeds/kategori/{slug}.xml")
        guids = [i.findtext("guid") for i in doc.findall("channel/item")]
        expected = {
            i: s
            for i, s in sources.items()
            if s.categories[1 if s.advertorial else 0] == name
        }
        assert guids == newest_ids(expected), slug


# --- The /langganan/ page, head links and the XSL view --------------------------------


def test_langganan_page_lists_every_feed_address(site):
    page = site.soup("/langganan/")
    assert page.select_one("h1").get_text(strip=True) == "Langganan berita"
    listed = {a["href"] for a in page.select(".bsf-feeds__url")}
    texts = {a.get_text(strip=True) for a in page.select(".bsf-feeds__url")}
    written = {
        f"{site.url}/{p.relative_to(site.output).as_posix()}" for p in feed_files(site)
    }
    assert listed == written
    assert texts == written


def test_pages_announce_the_feeds_in_their_head(site):
    for url in (
        "/",
        "/berita/2020/03/bontang-smart-festival-2020/",
        "/opd/diskominfo/",
    ):
        links = site.soup(url).select("head link[rel=alternate]")
        hrefs = {link["href"]: link["type"] for link in links}
        assert hrefs[f"{site.url}/feeds/rss.xml"] == "application/rss+xml"
        assert hrefs[f"{site.url}/feeds/atom.xml"] == "application/atom+xml"
        assert hrefs[f"{site.url}/feeds/feed.json"] == "application/feed+json"
        for href in hrefs:
            if href.startswith(f"{site.url}/feeds/"):
                assert published_file(site, href).exists(), href
    agency = site.soup("/opd/diskominfo/").select("head link[rel=alternate]")
    assert f"{site.url}/feeds/opd/diskominfo.xml" in {link["href"] for link in agency}


def xsl_view(site, path="feeds/rss.xml"):
    doc = xml(site, path)
    pis = [
        node
        for node in doc.getroot().itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction)
    ]
    assert [pi.target for pi in pis] == ["xml-stylesheet"]
    href = pis[0].get("href")
    assert pis[0].get("type") == "text/xsl"
    transform = etree.XSLT(etree.parse(str(published_file(site, href))))
    return BeautifulSoup(str(transform(doc)), "html.parser")


def test_rss_stylesheet_shows_an_indonesian_page_listing_the_items(site):
    page = xsl_view(site)
    assert page.html["lang"] == "id"
    assert page.select_one("h1").get_text(strip=True) == SETTINGS["SITENAME"]
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert headings == ["Apa ini?", "Cara berlangganan", "Isi feed ini"]
    assert (
        page.select_one(".bsf-feedpage__url").get_text() == f"{site.url}/feeds/rss.xml"
    )
    items = xml(site, "feeds/rss.xml").findall("channel/item")
    titles = [a.get_text() for a in page.select(".bsf-card__title a")]
    assert [feed_title(t) for t in titles] == [i.findtext("title") for i in items]
    card = next(
        c
        for c in page.select(".bsf-card")
        if c.select_one(".bsf-card__title a")["href"].endswith(
            "/feeds-foto-dimuat-ulang/"
        )
    )
    time = card.select_one("time")
    assert time["datetime"] == "2020-03-12T08:30:00+08:00"
    assert time.get_text() == "12 Maret 2020, 08.30 WITA"
    seed = next(c for c in page.select(".bsf-card") if "bsf-card--adv" in c["class"])
    assert seed.select_one(".bsf-label--adv").get_text() == "Advertorial"
    assert "<" not in seed.select_one(".bsf-card__summary").get_text()


@pytest.mark.browser
def test_a_browser_shows_the_rss_feed_as_a_page(served_site, browser):
    page = browser.new_page()
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(served_site.url) else None
        ),
    )
    page.goto(f"{served_site.url}/feeds/rss.xml")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("h1").inner_text() == SETTINGS["SITENAME"]
    assert page.locator(".bsf-card").count() == len(
        xml(served_site, "feeds/rss.xml").findall("channel/item")
    )
    assert page.get_by_text("Cara berlangganan").count() == 1
    page.close()
    assert outside == []


# --- Republishing: content works at another origin ------------------------------------


def item_contents(site, item_id):
    """The HTML content of one item, as each format carries it."""
    rss_item = next(
        i
        for i in xml(site, "feeds/rss.xml").findall("channel/item")
        if i.findtext("guid") == item_id
    )
    atom_entry = next(
        e
        for e in xml(site, "feeds/atom.xml").findall("atom:entry", NS)
        if e.findtext("atom:id", namespaces=NS) == item_id
    )
    json_item = next(i for i in json_feed(site)["items"] if i["id"] == item_id)
    return {
        "rss": rss_item.findtext("content:encoded", namespaces=NS),
        "atom": atom_entry.findtext("atom:content", namespaces=NS),
        "json": json_item["content_html"],
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory):
    """A blank site on another port: the republishing outlet."""
    root = tmp_path_factory.mktemp("outlet")
    (root / "index.html").write_text(
        '<!DOCTYPE html><html lang="id"><title>Outlet</title><body></body></html>',
        encoding="utf-8",
    )
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_republished_content_loads_every_image_from_our_site(
    served_site, browser, other_origin, fmt
):
    content = item_contents(served_site, FEEDS_FIXTURE_ID)[fmt]
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{other_origin}/")
    page.set_content(
        '<!DOCTYPE html><html lang="id"><body>'
        f"<article>{content}</article></body></html>",
        wait_until="load",
    )
    assert page.url.startswith(other_origin)
    # Body images load lazily: bring each into view, then wait for all.
    for index in range(page.locator("img").count()):
        page.locator("img").nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.images).every(img => img.complete)", timeout=10000
    )
    images = page.evaluate(
        """() => Array.from(document.images, img => ({
            src: img.currentSrc, complete: img.complete, width: img.naturalWidth}))"""
    )
    assert len(images) >= 2
    for image in images:
        assert image["src"].startswith(f"{served_site.url}/"), image
        assert image["complete"] and image["width"] > 0, image
    links = page.evaluate("() => Array.from(document.links, a => a.href)")
    assert f"{served_site.url}/kontak-media/" in links
    assert f"{served_site.url}/tentang/" in links
    page.close()
    assert failed == []


# --- Small builds: ids, embargo, errors, byte-identical output ------------------------


def small_build(tmp_path, *folders, name="out", **overrides):
    content = tmp_path / "content"
    for folder in folders:
        shutil.copytree(FIXTURES / "feeds" / folder, content, dirs_exist_ok=True)
    return build(
        tmp_path / name, content, siteurl="https://festival.example.org", **overrides
    )


def ids_in_every_format(output):
    rss = etree.parse(str(output / "feeds/rss.xml"))
    atom = etree.parse(str(output / "feeds/atom.xml"))
    data = json.loads((output / "feeds/feed.json").read_text(encoding="utf-8"))
    return {
        "rss": [i.findtext("guid") for i in rss.findall("channel/item")],
        "atom": [
            e.findtext("atom:id", namespaces=NS) for e in atom.findall("atom:entry", NS)
        ],
        "json": [i["id"] for i in data["items"]],
    }


def test_entry_id_survives_edits_to_title_slug_body_and_modified(tmp_path):
    first = ids_in_every_format(small_build(tmp_path, "stable", name="first"))
    stable_id = f"tag:{ENTITY}:berita/feeds-stabil"
    assert first["rss"][0] == stable_id
    source = tmp_path / "content" / "press-releases" / "feeds-stabil.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "Title: Rilis uji id feed yang stabil",
        "Title: Judul yang sudah diperbaiki\nSlug: judul-diperbaiki\n"
        "Modified: 2020-03-11 10:00",
    ).replace("Isi awal rilis uji id feed.", "Isi yang sudah disunting redaksi.")
    source.write_text(text, encoding="utf-8")
    second_out = build(
        tmp_path / "second",
        tmp_path / "content",
        siteurl="https://festival.example.org",
    )
    second = ids_in_every_format(second_out)
    assert second == first
    assert len(second["rss"]) == len(set(second["rss"])) == 2
    rss = etree.parse(str(second_out / "feeds/rss.xml"))
    item = rss.find("channel/item")
    assert item.findtext("title") == "Judul yang sudah diperbaiki"
    assert item.findtext("link").endswith("/berita/2020/03/judul-diperbaiki/")
    assert (
        item.findtext("dcterms:modified", namespaces=NS) == "2020-03-11T10:00:00+08:00"
    )


def test_an_id_line_keeps_the_id_when_the_file_is_renamed(tmp_path):
    folder = tmp_path / "content" / "press-releases"
    first = ids_in_every_format(small_build(tmp_path, "stable", name="first"))
    source = folder / "feeds-stabil.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("Date:", "Id: feeds-stabil\nDate:", 1), encoding="utf-8"
    )
    source.rename(folder / "feeds-nama-baru.md")
    second = ids_in_every_format(
        build(
            tmp_path / "second",
            tmp_path / "content",
            siteurl="https://festival.example.org",
        )
    )
    assert second == first


def test_builds_of_the_same_content_are_byte_identical(tmp_path):
    first = small_build(tmp_path, "stable", name="first")
    second = build(
        tmp_path / "second",
        tmp_path / "content",
        siteurl="https://festival.example.org",
    )
    names = sorted(
        p.relative_to(first).as_posix() for p in (first / "feeds").rglob("*.*")
    )
    assert names == sorted(
        p.relative_to(second).as_posix() for p in (second / "feeds").rglob("*.*")
    )
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    channel = etree.parse(str(first / "feeds/rss.xml")).find("channel")
    assert channel.findtext("lastBuildDate") == "Tue, 10 Mar 2020 09:00:00 +0800"


def test_an_agency_without_items_still_gets_a_valid_empty_feed(tmp_path):
    output = small_build(tmp_path, "stable")
    path = output / "feeds/opd/dispar.xml"
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo
    assert parsed.entries == []
    assert parsed.feed.title.startswith("Dispar")
    channel = etree.parse(str(path)).find("channel")
    assert channel.findtext("lastBuildDate") == "Thu, 01 Jan 1970 08:00:00 +0800"


def test_feeds_hold_at_most_feeds_max_items_newest_first(tmp_path):
    output = small_build(tmp_path, "stable", FEEDS_MAX_ITEMS=1)
    ids = ids_in_every_format(output)
    assert ids == {k: [f"tag:{ENTITY}:berita/feeds-stabil"] for k in ids}


def test_an_embargoed_preview_item_is_in_no_feed(tmp_path):
    output = small_build(
        tmp_path,
        "stable",
        "embargo",
        EMBARGO_PREVIEW=True,
        NEWSROOM_NOW="2020-03-11 00:00",
    )
    assert (output / "berita/2020/03/feeds-embargo/index.html").exists()
    for path in (output / "feeds").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        assert "feeds-embargo" not in text, path
        assert "masih diembargo" not in text, path


def test_an_unusable_id_fails_the_build_with_its_line(tmp_path):
    with pytest.raises(BuildFailed) as failure:
        small_build(tmp_path, "stable", "bad-id")
    problems = [p for p in failure.value.problems if p.startswith("feeds:")]
    assert problems == [
        "feeds: content/press-releases/feeds-id-salah.md:3: Id 'Bukan Id Yang "
        "Benar!' is not usable as a feed id; write lower-case letters, digits and "
        "'-', e.g. 'Id: 2020-03-13-festival', or a full tag:/urn: URI"
    ]


def test_two_items_with_one_id_fail_the_build(tmp_path):
    with pytest.raises(BuildFailed) as failure:
        small_build(tmp_path, "stable", "same-id")
    problems = [p for p in failure.value.problems if p.startswith("feeds:")]
    assert len(problems) == 1
    assert re.match(
        r"^feeds: content/press-releases/feeds-kembar-(satu|dua)\.md:3: the feed id "
        rf"tag:{re.escape(ENTITY)}:berita/2020-03-10-kembar is already used by "
        r"content/press-releases/feeds-kembar-(satu|dua)\.md:3",
        problems[0],
    )


def test_items_no_feed_shows_are_checked_but_get_no_content_made(tmp_path, monkeypatch):
    # Content is most of an item's cost: only the items a feed shows get it,
    # each once however many feeds show it; every item is still checked.
    made = []
    real = feeds_plugin.with_texts

    def counting(item, article, site=None):
        made.append(item.id)
        return real(item, article, site)

    monkeypatch.setattr(feeds_plugin, "with_texts", counting)
    output = small_build(tmp_path, "stable", FEEDS_MAX_ITEMS=1)
    shown = {i for ids in ids_in_every_format(output).values() for i in ids}
    assert sorted(made) == sorted(set(made)) and set(made) >= shown
    assert len(made) < len(list((tmp_path / "content").rglob("*.md")))
    with pytest.raises(BuildFailed):
        small_build(tmp_path, "stable", "same-id", name="dup", FEEDS_MAX_ITEMS=1)


# --- Settings -------------------------------------------------------------------------


class _Pelican:
    def __init__(self, settings):
        self.settings = settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FEEDS_MAX_ITEMS", 0),
        ("FEEDS_MAX_ITEMS", "50"),
        ("FEEDS_TTL", -5),
        ("WEBSUB_HUB", "hub.example.org"),
        ("FEEDS_TAGGING_ENTITY", "festival.example.org"),
    ],
)
def test_a_bad_setting_is_reported_and_replaced_by_its_default(caplog, name, value):
    pelican = _Pelican({**SETTINGS, name: value})
    feeds_plugin.check_settings(pelican)
    assert pelican.settings[name] == feeds_plugin.DEFAULTS[name]
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].startswith(f"feeds: setting {name} ")


def test_the_project_settings_are_valid():
    assert feeds_plugin.setting_problems(feeds_plugin.plugin_settings(SETTINGS)) == {}


# --- Pure functions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<a href="../../x/">x</a>', '<a href="https://s.org/berita/2020/x/">x</a>'),
        ('<a href="/tentang/">t</a>', '<a href="https://s.org/tentang/">t</a>'),
        (
            '<a href="#catatan">c</a>',
            '<a href="https://s.org/berita/2020/03/a/#catatan">c</a>',
        ),
        ('<a href="mailto:humas@x.id">m</a>', '<a href="mailto:humas@x.id">m</a>'),
        (
            '<img src="f.png" alt="">',
            '<img src="https://s.org/berita/2020/03/a/f.png" alt="">',
        ),
        (
            '<picture><source srcset="/a.webp 480w, b.webp 2x">'
            '<img src="/a.png" alt="a"></picture>',
            '<picture><source srcset="https://s.org/a.webp 480w, '
            'https://s.org/berita/2020/03/a/b.webp 2x">'
            '<img src="https://s.org/a.png" alt="a"></picture>',
        ),
        (
            "<p>A &amp; B &#8220;kutip&#8221;</p>",
            "<p>A &amp; B &#8220;kutip&#8221;</p>",
        ),
        (
            "<p>Tanpa tautan.</p>\n<!-- catatan -->",
            "<p>Tanpa tautan.</p>\n<!-- catatan -->",
        ),
        ("", ""),
    ],
)
def test_absolute_html_makes_every_url_absolute_and_keeps_the_rest(fragment, expected):
    assert absolute_html(fragment, "https://s.org/berita/2020/03/a/") == expected


@pytest.mark.parametrize(
    ("kind", "path", "pinned", "expected"),
    [
        ("release", "press-releases/festival.md", None, "berita/festival"),
        ("release", "press-releases/2020/festival.md", None, "berita/2020/festival"),
        ("remarks", "remarks/pembukaan.md", None, "sambutan/pembukaan"),
        (
            "release",
            "press-releases/nama-baru.md",
            "2020-03-13-festival",
            "berita/2020-03-13-festival",
        ),
    ],
)
def test_entry_id_follows_the_documented_rule(kind, path, pinned, expected):
    assert entry_id(ENTITY, kind, path, pinned) == f"tag:{ENTITY}:{expected}"


def test_an_id_that_is_already_a_uri_is_kept():
    uri = "urn:uuid:4f1c2c1e-3d6a-4c2b-9a57-1d2f3e4a5b6c"
    assert entry_id(ENTITY, "release", "press-releases/x.md", uri) == uri


@pytest.mark.parametrize("pinned", ["Ada Spasi", "huruf/Besar", "-awal", "akhir-"])
def test_an_unusable_id_raises_with_the_key(pinned):
    with pytest.raises(ItemError) as error:
        entry_id(ENTITY, "release", "press-releases/x.md", pinned)
    assert error.value.key == "id"


def stand_in(item_id, day, kind="release", opd=(), category="berita"):
    moment = dt.datetime(2020, 3, day, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return FeedItem(
        id=item_id,
        url=f"https://s.org/{item_id}/",
        title=item_id,
        content_html="<p>isi</p>",
        summary_html="<p>ringkas</p>",
        summary_text="ringkas",
        authors=["Humas"],
        categories=[Category("Berita", "https://s.org/kategori/")],
        published=moment,
        updated=moment,
        kind=kind,
        advertorial=False,
        opd=list(opd),
        category_slug=category,
    )


def test_items_are_newest_first_and_ties_are_stable():
    items = [stand_in("b", 10), stand_in("c", 12), stand_in("a", 10)]
    assert [i.id for i in newest_first(items)] == ["c", "b", "a"]


def test_select_picks_the_items_of_each_feed():
    items = [
        stand_in("rilis", 10, opd=["diskominfo"]),
        stand_in("sambutan", 11, kind="remarks", category="sambutan"),
        stand_in("lain", 12, category="pengumuman"),
    ]
    feeds = feeds_plugin.catalogue(SETTINGS, agencies=[], categories=[])
    by_path = {f.path: f for f in feeds}
    assert [
        i.id for i in feeds_plugin.select(by_path["feeds/sambutan.xml"], items)
    ] == ["sambutan"]
    assert len(feeds_plugin.select(by_path["feeds/rss.xml"], items)) == 3
    opd = replace(by_path["feeds/sambutan.xml"], group="opd", key="diskominfo")
    assert [i.id for i in feeds_plugin.select(opd, items)] == ["rilis"]
    kategori = replace(
        by_path["feeds/sambutan.xml"], group="kategori", key="pengumuman"
    )
    assert [i.id for i in feeds_plugin.select(kategori, items)] == ["lain"]


def test_writers_use_the_given_date_not_the_clock():
    info = feeds_plugin.catalogue(SETTINGS)[0]
    items = [stand_in("a", 10)]
    updated = items[0].updated
    assert rss_bytes(info, items, updated) == rss_bytes(info, items, updated)
    channel = etree.fromstring(rss_bytes(info, items, updated)).find("channel")
    assert channel.findtext("lastBuildDate") == "Tue, 10 Mar 2020 09:00:00 +0800"
    data = json.loads(json_bytes(info, items))
    assert data["items"][0]["date_published"] == "2020-03-10T09:00:00+08:00"


def test_stylesheet_names_every_month_in_indonesian():
    months = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
    wita = dt.timezone(dt.timedelta(hours=8))
    items = []
    for month in range(1, 13):
        item = stand_in(f"bulan-{month:02d}", 1)
        moment = dt.datetime(2020, month, 5, 14, 7, tzinfo=wita)
        item.published = item.updated = moment
        items.append(item)
    info = feeds_plugin.catalogue(SETTINGS)[0]
    doc = etree.ElementTree(etree.fromstring(rss_bytes(info, items, items[-1].updated)))
    xsl = ROOT / "theme" / "static" / "feeds" / "rss.xsl"
    page = BeautifulSoup(str(etree.XSLT(etree.parse(str(xsl)))(doc)), "html.parser")
    times = page.select(".bsf-card time")
    assert [t.get_text() for t in times] == [
        f"5 {name} 2020, 14.07 WITA" for name in months
    ]
    assert [t["datetime"] for t in times] == [
        f"2020-{m:02d}-05T14:07:00+08:00" for m in range(1, 13)
    ]


class _Article:
    """An article as Pelican gives it, without the images plugin's lead_image."""

    def __init__(self, **metadata):
        self.metadata = metadata
        self.title = "Judul"


def test_without_the_images_plugin_the_image_key_is_measured_itself(tmp_path):
    source = FIXTURES / "content" / "images" / "feeds-stan.png"
    (tmp_path / "images").mkdir()
    shutil.copy(source, tmp_path / "images" / "foto.png")
    site_info = SiteInfo(
        siteurl="https://s.org",
        tagging_entity=ENTITY,
        organisation=ORGANISATION,
        content_path=str(tmp_path),
    )
    article = _Article(image="{static}/images/foto.png", image_alt="Stan")
    image = lead_image(article, site_info)
    assert image.url == "https://s.org/images/foto.png"
    assert image.length == source.stat().st_size
    assert (image.mime, image.width, image.height) == ("image/png", 640, 400)
    assert image.alt == "Stan"
    with pytest.raises(ItemError) as error:
        lead_image(_Article(image="images/hilang.png"), site_info)
    assert error.value.key == "image"
    assert lead_image(_Article(), site_info) is None
