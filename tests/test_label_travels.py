"""The advertorial label travels with the title: one spelling, every output.

"[Advertorial] Judul" in the page's <title>, og:title and the description,
and in the item title of every feed (RSS, Atom, JSON Feed, per agency, per
category). Read with independent parsers: BeautifulSoup, feedparser,
feedparser-rs, json.
"""

import json
import types

import feedparser
import feedparser_rs
import pytest

from conftest import ROOT
from content_model.frontmatter import read_header
from content_model.view import ItemView
from images.plugin import item_card_spec
from newsroom.advertorial import labelled_title
from safe_build import load_settings

SETTINGS = load_settings(ROOT / "pelicanconf.py")
SITENAME = SETTINGS["SITENAME"]
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
SEED_TITLE = "Bontang Smart Festival 2020 Jadi Wadah Sosialisasi Smart City"
LABELLED = f"[Advertorial] {SEED_TITLE}"
ENTITY = "smartfestival.bontangkota.go.id,2020"
SEED_ID = f"tag:{ENTITY}:berita/bontang-smart-festival-2020"
# Every feed the seed is in: the site's, its agency's and its category's.
SEED_FEEDS = ["feeds/rss.xml", "feeds/atom.xml", "feeds/opd/diskominfo.xml"]


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def paid_and_free(site):
    """Return {title: advertorial?} of every release and remarks file."""
    found = {}
    for folder in ("press-releases", "remarks"):
        for path in sorted((site.content / folder).glob("*.md")):
            header = read_header(path)
            paid = (header.get("advertorial") or "").lower() in ("yes", "true", "ya")
            found[header.get("title")] = paid
    return found


# --- the helper ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "advertorial", "expected"),
    [
        ("Judul", True, "[Advertorial] Judul"),
        ("Judul", False, "Judul"),
        ("[Advertorial] Judul", True, "[Advertorial] Judul"),  # never twice
        ("", False, ""),
    ],
)
def test_labelled_title_is_one_spelling(title, advertorial, expected):
    assert labelled_title(title, advertorial) == expected


def test_labelled_title_reads_an_item():
    paid_view = ItemView("release", advertorial=True)
    paid = types.SimpleNamespace(title="Judul", view=paid_view)
    free = types.SimpleNamespace(title="Judul", view=ItemView("release"))
    assert labelled_title(paid) == "[Advertorial] Judul"
    assert labelled_title(free) == "Judul"


# --- pages -----------------------------------------------------------------------


def test_seed_title_og_title_and_description_carry_the_label(site):
    page = site.soup(SEED_URL)
    assert page.title.get_text() == f"{LABELLED} · {SITENAME}"
    assert meta(page, "og:title") == LABELLED
    assert meta(page, "description").startswith("[Advertorial] ")
    assert meta(page, "og:description") == meta(page, "description")
    assert meta(page, "og:image:alt") == LABELLED
    # The visible heading stays the title; the label is beside it.
    assert page.h1.get_text(strip=True) == SEED_TITLE


def test_the_title_and_og_title_spell_the_label_alike_on_every_item(site):
    titles = paid_and_free(site)
    checked = 0
    for path in site.page_files():
        page = site.soup("/" + path.relative_to(site.output).as_posix())
        heading = page.select_one("h1.bsf-article__title")
        if heading is None:
            continue
        title = heading.get_text()
        if title not in titles:
            continue  # a title with markup; covered by the theme tests
        expected = labelled_title(title, titles[title])
        assert meta(page, "og:title") == expected, path
        assert page.title.get_text() == f"{expected} · {SITENAME}", path
        description = meta(page, "description")
        assert description.startswith("[Advertorial] ") == titles[title], path
        checked += 1
    assert checked >= 3


# --- feeds -----------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FEEDS)
def test_feed_item_titles_carry_the_label(site, path):
    parsed = feedparser.parse((site.output / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.id == SEED_ID)
    assert entry.title == LABELLED
    for other in parsed.entries:
        if other.id != SEED_ID and "Advertorial" not in [t.term for t in other.tags]:
            assert not other.title.startswith("[Advertorial]"), other.id


def test_category_feed_titles_carry_the_label(site):
    parsed = feedparser.parse((site.output / "feeds/kategori/berita.xml").read_bytes())
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if e.id == SEED_ID)
    assert entry.title == LABELLED


def test_json_feed_title_carries_the_label_and_the_flag(site):
    data = json.loads((site.output / "feeds/feed.json").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["id"] == SEED_ID)
    assert item["title"] == LABELLED
    assert item["_newsroom"]["advertorial"] is True
    parsed = feedparser_rs.parse((site.output / "feeds/feed.json").read_bytes())
    assert next(e for e in parsed.entries if e.id == SEED_ID).title == LABELLED


def test_every_paid_item_is_labelled_and_no_free_one_is(site):
    titles = paid_and_free(site)
    data = json.loads((site.output / "feeds/feed.json").read_text(encoding="utf-8"))
    for item in data["items"]:
        paid = item["_newsroom"]["advertorial"]
        assert item["title"].startswith("[Advertorial] ") == paid, item["id"]
        bare = item["title"].removeprefix("[Advertorial] ")
        if bare in titles:
            assert titles[bare] == paid


# --- share cards -------------------------------------------------------------------


def test_the_generated_share_card_draws_the_label_of_paid_content():
    # A paid item without a lead image gets a card with "Advertorial" drawn on
    # it; a lead photo is shared as it is (the label travels in og:title,
    # which every link preview shows above the picture).
    paid = ItemView("release", "Siaran pers", advertorial=True)
    item = types.SimpleNamespace(title="Judul", view=paid, date="2020-03-13")
    labels = [text for text, _ in item_card_spec(item, SETTINGS).labels]
    assert "Advertorial" in labels
    item.view = ItemView("release", "Siaran pers")
    labels = [text for text, _ in item_card_spec(item, SETTINGS).labels]
    assert "Advertorial" not in labels
