"""Advertorial labels: paid content is labelled, and nothing else ever is.

Which items are paid comes from the content headers (`Advertorial: yes`),
never from the output. Over the session build: every page (the item's own
page, its title, og:title and JSON-LD type), every card of every listing, and
every item of every feed (RSS and Atom categories, JSON Feed's
`_newsroom.advertorial`, titles) carries the label exactly when its source is
paid. A label on one more card or item fails, as does a missing one.
"""

import datetime as dt
import json

import pytest
from lxml import etree

from conftest import soup_of
from content_model.frontmatter import read_header
from test_feeds import KIND_FOLDERS, NS, goes_out_now, source_of

LABEL = "Advertorial"
TITLE_PREFIX = "[Advertorial]"
PAID_VALUES = ("yes", "ya", "true")


def is_paid(path):
    return (read_header(path).get("advertorial") or "").strip().lower() in PAID_VALUES


@pytest.fixture(scope="module")
def items(site):
    """Every published release and remarks: {page url: (source, paid)}."""
    now = dt.datetime.now(dt.UTC)
    found = {}
    for folder in KIND_FOLDERS:
        for path in sorted((site.content / folder).rglob("*.md")):
            if goes_out_now(path, now):
                source = source_of(path, site)
                found[source.url] = (source, is_paid(path))
    # Both kinds of item are there, or the checks below prove nothing.
    assert {paid for _, paid in found.values()} == {True, False}
    return found


@pytest.fixture(scope="module")
def by_id(items):
    return {source.id: paid for source, paid in items.values()}


def json_ld_types(soup):
    """Every @type in the page's JSON-LD, and whether any object has a sponsor."""
    types, sponsored = [], False
    scripts = soup.select("script[type='application/ld+json']")
    assert scripts, "a page without JSON-LD"

    def walk(value):
        nonlocal sponsored
        if isinstance(value, dict):
            kind = value.get("@type")
            types.extend(kind if isinstance(kind, list) else [kind] if kind else [])
            sponsored = sponsored or "sponsor" in value
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for script in scripts:
        walk(json.loads(script.string))
    return types, sponsored


def test_an_item_page_is_labelled_exactly_when_it_is_paid(site, items):
    for url, (source, paid) in items.items():
        page = site.soup(url)
        marks = {
            "label": bool(page.select(".bsf-label--adv")),
            "article class": bool(page.select(".bsf-article--adv")),
            "disclosure": bool(page.select(".bsf-article__disclosure")),
            "title": page.title.get_text().startswith(TITLE_PREFIX),
        }
        assert marks == dict.fromkeys(marks, paid), source.path
        og_title = page.select_one("meta[property='og:title']")["content"]
        if not paid:
            # Right before and after og:title gains the prefix for paid items.
            assert TITLE_PREFIX not in og_title, source.path
            assert LABEL not in page.title.get_text(), source.path
        types, sponsored = json_ld_types(page)
        assert ("AdvertiserContentArticle" in types) is paid, source.path
        assert sponsored is paid, source.path


def test_no_other_page_carries_a_label_or_a_paid_type(site, items):
    item_pages = {site.path(url) for url in items}
    checked = 0
    for path in site.page_files():
        if path in item_pages:
            continue
        soup = soup_of(path)
        assert not soup.select(".bsf-article--adv, .bsf-article__disclosure"), path
        assert TITLE_PREFIX not in soup.title.get_text(), path
        og = soup.select_one("meta[property='og:title']")
        assert og is None or TITLE_PREFIX not in og["content"], path
        if soup.select("script[type='application/ld+json']"):
            types, sponsored = json_ld_types(soup)
            assert "AdvertiserContentArticle" not in types, path
            assert not sponsored, path
        checked += 1
    assert checked > 20


def test_every_card_is_labelled_exactly_when_its_item_is_paid(site, items):
    cards = 0
    seen = set()
    for path in site.html_files():
        for card in soup_of(path).select(".bsf-card"):
            link = card.select_one(".bsf-card__title a")
            assert link is not None, path
            # Every card is of a published release or remarks ...
            assert link["href"] in items, (path, link["href"])
            source, paid = items[link["href"]]
            labels = [s.get_text(strip=True) for s in card.select(".bsf-label--adv")]
            # ... and shows the label, and the paid modifier, when it is paid.
            assert labels == ([LABEL] if paid else []), (path, source.path)
            assert ("bsf-card--adv" in card["class"]) is paid, (path, source.path)
            assert not link.get_text().startswith(TITLE_PREFIX), (path, source.path)
            cards += 1
            seen.add(paid)
    # Listings show both kinds of card.
    assert cards > 20 and seen == {True, False}


def feed_documents(site):
    files = sorted((site.output / "feeds").rglob("*.*"))
    assert {f.name for f in files} >= {"rss.xml", "atom.xml", "feed.json"}
    return files


def test_every_feed_item_is_labelled_exactly_when_it_is_paid(site, by_id):
    entries = 0
    seen = set()
    for path in feed_documents(site):
        if path.suffix == ".json":
            for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
                paid = by_id[item["id"]]
                assert item["_newsroom"]["advertorial"] is paid, (path, item["id"])
                assert (LABEL in item.get("tags", [])) is paid, (path, item["id"])
                if not paid:
                    assert TITLE_PREFIX not in item["title"], (path, item["id"])
                entries += 1
                seen.add(paid)
            continue
        root = etree.parse(str(path)).getroot()
        if root.tag == "rss":
            for item in root.findall("channel/item"):
                item_id = item.findtext("guid")
                paid = by_id[item_id]
                categories = [c.text for c in item.findall("category")]
                assert (LABEL in categories) is paid, (path, item_id)
                if not paid:
                    assert TITLE_PREFIX not in item.findtext("title"), (path, item_id)
                entries += 1
                seen.add(paid)
        else:
            assert root.tag == "{http://www.w3.org/2005/Atom}feed", path
            for entry in root.findall("atom:entry", NS):
                item_id = entry.findtext("atom:id", namespaces=NS)
                paid = by_id[item_id]
                terms = [c.get("term") for c in entry.findall("atom:category", NS)]
                assert (LABEL in terms) is paid, (path, item_id)
                title = entry.findtext("atom:title", namespaces=NS)
                if not paid:
                    assert TITLE_PREFIX not in title, (path, item_id)
                entries += 1
                seen.add(paid)
    assert entries > 20 and seen == {True, False}
