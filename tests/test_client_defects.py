"""The defects feed, calendar and structured-data clients found, each fixed.

Read with parsers we did not write: json, icalendar, feedparser, lxml with the
sitemap XSD, Pillow. Each test names the client complaint it answers.
"""

import datetime as dt
import json
from urllib.parse import urlsplit

import feedparser
import pytest
from icalendar import Calendar
from lxml import etree
from PIL import Image

from conftest import FIXTURES, ROOT, assert_one_problem, build, merged_content

ENTITY = "smartfestival.bontangkota.go.id,2020"
SEED_ID = f"tag:{ENTITY}:berita/bontang-smart-festival-2020"
REMARKS_ID = f"tag:{ENTITY}:sambutan/pembukaan-bontang-smart-festival-2020"
TIMED_ID = f"tag:{ENTITY}:berita/fixture-dengan-jam"
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
CALENDAR_NAME = "Bontang Smart Festival 2020"
ATOM = "http://www.w3.org/2005/Atom"
NS = {
    "atom": ATOM,
    "media": "http://search.yahoo.com/mrss/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
}
SITEMAP_XSD = FIXTURES / "seo" / "sitemap.xsd"


def graph(page):
    script = page.select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def main_node(page):
    return graph(page)[0]


def vevents(path):
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def local_file(site, url):
    assert url.startswith(f"{site.url}/"), url
    return site.output / urlsplit(url).path.lstrip("/")


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory):
    """The repository's own content and nothing else: the seed is its only
    release, and an advertorial, so no release qualifies for news."""
    root = tmp_path_factory.mktemp("seed-only")
    return build(root / "output", ROOT / "content")


# --- All-day events end too early in JSON-LD -------------------------------------


def test_all_day_events_are_whole_days_in_json_ld_like_the_ics(site):
    checked = 0
    for path in sorted((site.output / "agenda").glob("*.ics")):
        if path.name == "festival.ics":
            continue
        (event,) = vevents(path)
        page = site.soup(f"/agenda/{path.stem}/")
        node = main_node(page)
        assert node["@type"] == "Event"
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, dt.datetime):
            assert dt.datetime.fromisoformat(node["startDate"]) == start, path
            assert dt.datetime.fromisoformat(node["endDate"]) == end, path
            continue
        # All day: dates alone, the last day inclusive (the .ics end is the
        # day after it), as the page's <time datetime> says.
        assert node["startDate"] == start.isoformat(), path
        assert node["endDate"] == (end - dt.timedelta(days=1)).isoformat(), path
        shown = [t["datetime"] for t in page.select("time[datetime]")]
        assert node["startDate"] in shown, path
        checked += 1
    assert checked >= 4


def test_a_one_day_event_lasts_one_day_not_zero_seconds(site):
    node = main_node(site.soup("/agenda/pengukuhan-relawan-tik/"))
    assert node["startDate"] == node["endDate"] == "2020-03-13"
    (event,) = vevents(site.output / "agenda" / "pengukuhan-relawan-tik.ics")
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(days=1)


def test_the_festival_ends_on_the_15th_not_before_it_begins(site):
    node = main_node(site.soup("/agenda/bontang-smart-festival-2020/"))
    assert (node["startDate"], node["endDate"]) == ("2020-03-13", "2020-03-15")


# --- news-sitemap.xml is an empty <urlset> -----------------------------------------


def test_no_news_gives_no_news_sitemap_and_robots_names_only_what_exists(seed_only):
    assert not (seed_only / "news-sitemap.xml").exists()
    robots = (seed_only / "robots.txt").read_text(encoding="utf-8").splitlines()
    named = [line.split(": ", 1)[1] for line in robots if line.startswith("Sitemap:")]
    assert named == ["https://festival.example.org/sitemap.xml"]
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    tree = etree.parse(str(seed_only / "sitemap.xml"))
    assert schema.validate(tree), schema.error_log


def test_a_news_sitemap_that_is_written_is_valid_and_named(seo_site):
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    tree = etree.parse(str(seo_site.output / "news-sitemap.xml"))
    assert schema.validate(tree), schema.error_log
    assert tree.getroot().findall("sm:url", NS)
    robots = (seo_site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {seo_site.url}/news-sitemap.xml" in robots.splitlines()


# --- Date-only items sit at 00:00 WITA -----------------------------------------------


def test_date_only_release_is_a_day_in_json_ld_and_open_graph(site):
    page = site.soup(SEED_URL)
    node = main_node(page)
    assert node["datePublished"] == node["dateModified"] == "2020-03-13"
    published = page.find("meta", attrs={"property": "article:published_time"})
    assert published["content"] == "2020-03-13"


def test_timed_release_keeps_its_time_and_offset_in_json_ld(site):
    node = main_node(site.soup("/berita/2020/03/fixture-dengan-jam/"))
    assert node["datePublished"] == "2020-03-14T09:00:00+08:00"


@pytest.mark.parametrize("path", ["feeds/rss.xml", "feeds/atom.xml"])
def test_date_only_items_fall_on_their_day_from_utc_minus_4_to_plus_14(site, path):
    parsed = feedparser.parse((site.output / path).read_bytes())
    assert not parsed.bozo
    for item_id in (SEED_ID, REMARKS_ID):
        entry = next(e for e in parsed.entries if e.id == item_id)
        moment = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC)
        assert moment == dt.datetime(2020, 3, 13, 4, 0, tzinfo=dt.UTC)  # 12:00 WITA
        for hours in range(-4, 15):
            local = moment.astimezone(dt.timezone(dt.timedelta(hours=hours)))
            assert local.date() == dt.date(2020, 3, 13), (item_id, hours)
    timed = next(e for e in parsed.entries if e.id == TIMED_ID)
    assert dt.datetime(*timed.published_parsed[:6]) == dt.datetime(2020, 3, 14, 1, 0)


def test_json_feed_dates_date_only_items_at_noon_wita(site):
    data = json.loads((site.output / "feeds/feed.json").read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["id"] == SEED_ID)
    assert item["date_published"] == "2020-03-13T12:00:00+08:00"
    assert item["date_modified"] == "2020-03-13T12:00:00+08:00"


def test_atom_entries_share_updated_only_when_both_carry_only_the_same_day(site):
    # The W3C validator's DuplicateUpdated: the seed release and the remarks
    # are both written "Date: 2020-03-13"; the content knows no finer time,
    # so they keep one stamp (12:00 WITA), and no timed item shares one.
    tree = etree.parse(str(site.output / "feeds" / "atom.xml"))
    stamps = {}
    for entry in tree.getroot().findall("atom:entry", NS):
        stamp = entry.findtext("atom:updated", namespaces=NS)
        stamps.setdefault(stamp, []).append(entry.findtext("atom:id", namespaces=NS))
    shared = {stamp: ids for stamp, ids in stamps.items() if len(ids) > 1}
    assert shared == {"2020-03-13T12:00:00+08:00": [REMARKS_ID, SEED_ID]}


# --- ICS updates can look older than the original -----------------------------------

EVENT = """Title: Uji Revisi Kalender
Start: {start}
End: {end}
Location: Pendopo Rujab Walikota, Bontang
OPD: diskominfo
{modified}
Agenda uji untuk revisi kalender.
"""


def revision(tmp_path, name, start, end, modified=None):
    """Build the repository content plus one event; return its VEVENT."""
    content = merged_content(tmp_path / f"content-{name}", ROOT / "content")
    line = f"Modified: {modified}\n" if modified else ""
    (content / "events" / "uji-revisi.md").write_text(
        EVENT.format(start=start, end=end, modified=line), encoding="utf-8"
    )
    output = build(tmp_path / f"output-{name}", content)
    (event,) = vevents(output / "agenda" / "uji-revisi.ics")
    whole = {str(e["UID"]): e for e in vevents(output / "agenda" / "festival.ics")}
    assert whole[str(event["UID"])]["SEQUENCE"] == event["SEQUENCE"]
    return event, output


def test_an_edited_event_never_looks_older_than_the_copy_calendars_hold(tmp_path):
    first, _ = revision(tmp_path, "v1", "2020-03-20 09:00", "2020-03-20 11:00")
    # Moved two days earlier, written with the moment of the edit.
    moved, _ = revision(
        tmp_path, "v2", "2020-03-18 09:00", "2020-03-18 11:00", "2020-03-05 10:00"
    )
    again, _ = revision(
        tmp_path, "v3", "2020-03-18 10:00", "2020-03-18 12:00", "2020-03-06 08:30"
    )
    assert first["SEQUENCE"] == 0
    assert "LAST-MODIFIED" not in first
    assert first["SEQUENCE"] < moved["SEQUENCE"] < again["SEQUENCE"]
    assert first["DTSTAMP"].dt <= moved["DTSTAMP"].dt < again["DTSTAMP"].dt
    assert moved["LAST-MODIFIED"].dt == dt.datetime(2020, 3, 5, 2, 0, tzinfo=dt.UTC)
    assert moved["DTSTAMP"].dt == moved["LAST-MODIFIED"].dt
    assert first["UID"] == moved["UID"] == again["UID"]


def test_calendar_revisions_come_from_content_not_the_clock(tmp_path):
    _, one = revision(
        tmp_path, "a", "2020-03-18 09:00", "2020-03-18 11:00", "2020-03-05 10:00"
    )
    _, two = revision(
        tmp_path, "b", "2020-03-18 09:00", "2020-03-18 11:00", "2020-03-05 10:00"
    )
    for name in ("uji-revisi.ics", "festival.ics"):
        assert (one / "agenda" / name).read_bytes() == (
            two / "agenda" / name
        ).read_bytes()


def test_a_modified_before_revisions_start_is_refused(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "events" / "uji-revisi.md").write_text(
        EVENT.format(
            start="2020-03-18",
            end="2020-03-18",
            modified="Modified: 2019-12-31 10:00\n",
        ),
        encoding="utf-8",
    )
    assert_one_problem(
        tmp_path, content, "events/uji-revisi.md", 6, "is not after 2020-01-01 00:00"
    )


# --- One calendar is named twice ----------------------------------------------------


def test_each_event_calendar_says_the_festival_name_once(site):
    for path in sorted((site.output / "agenda").glob("*.ics")):
        cal = Calendar.from_ical(path.read_bytes())
        name = str(cal["X-WR-CALNAME"])
        assert str(cal["NAME"]) == name
        assert name.count(CALENDAR_NAME) == 1, (path.name, name)
    festival = Calendar.from_ical(
        (site.output / "agenda" / "bontang-smart-festival-2020.ics").read_bytes()
    )
    assert str(festival["X-WR-CALNAME"]) == CALENDAR_NAME
    contest = Calendar.from_ical(
        (site.output / "agenda" / "lomba-aplikasi.ics").read_bytes()
    )
    assert str(contest["X-WR-CALNAME"]) == f"Lomba Aplikasi · {CALENDAR_NAME}"


# --- Atom puts rel="self" before rel="alternate" ------------------------------------


def test_atom_lists_the_site_before_the_feed_itself(site):
    root = etree.parse(str(site.output / "feeds" / "atom.xml")).getroot()
    rels = [link.get("rel") for link in root.findall("atom:link", NS)]
    assert rels.index("alternate") < rels.index("self")
    assert rels[0] == "alternate"
    first = root.find("atom:link", NS)
    assert first.get("href") == f"{site.url}/"
    parsed = feedparser.parse((site.output / "feeds" / "atom.xml").read_bytes())
    assert parsed.feed.link == f"{site.url}/"


# --- Items without a lead image have no image in the feeds ---------------------------


def test_items_without_a_lead_image_announce_their_share_card(site):
    rss = feedparser.parse((site.output / "feeds/rss.xml").read_bytes())
    entry = next(e for e in rss.entries if e.id == SEED_ID)
    (enclosure,) = entry.enclosures
    card = local_file(site, enclosure.href)
    assert card.is_file()
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == card.stat().st_size
    with Image.open(card) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (1200, 630)
    # The same card in media:content, Atom's enclosure link and JSON Feed.
    item = next(
        i
        for i in etree.parse(str(site.output / "feeds/rss.xml")).iterfind(
            "channel/item"
        )
        if i.findtext("guid") == SEED_ID
    )
    (media,) = item.findall("media:content", NS)
    assert media.get("url") == enclosure.href
    assert media.get("fileSize") == str(card.stat().st_size)
    assert (media.get("width"), media.get("height")) == ("1200", "630")
    atom = feedparser.parse((site.output / "feeds/atom.xml").read_bytes())
    links = next(e for e in atom.entries if e.id == SEED_ID).links
    (link,) = [link for link in links if link.rel == "enclosure"]
    assert (link.href, link.type, int(link.length)) == (
        enclosure.href,
        "image/jpeg",
        card.stat().st_size,
    )
    data = json.loads((site.output / "feeds/feed.json").read_text(encoding="utf-8"))
    assert next(i for i in data["items"] if i["id"] == SEED_ID)["image"] == (
        enclosure.href
    )
    # The card is announced, not shown: the content has no figure of it.
    assert "<figure" not in entry.content[0].value


def test_share_cards_in_feeds_are_the_ones_the_pages_share(site):
    page = site.soup(SEED_URL)
    og = page.find("meta", attrs={"property": "og:image"})["content"]
    rss = feedparser.parse((site.output / "feeds/rss.xml").read_bytes())
    entry = next(e for e in rss.entries if e.id == SEED_ID)
    assert entry.enclosures[0].href == og


# --- The GovernmentOrganization has no logo ------------------------------------------


def test_the_publisher_has_the_sites_own_mark_as_logo(site):
    publisher = main_node(site.soup(SEED_URL))["publisher"]
    assert publisher["@type"] == "GovernmentOrganization"
    logo = publisher["logo"]
    assert logo["@type"] == "ImageObject"
    path = local_file(site, logo["url"])
    assert path.is_file()
    # The theme's own mark, not an invented city emblem.
    source = ROOT / "theme" / "static" / "feeds" / "icon.png"
    assert path.read_bytes() == source.read_bytes()
    with Image.open(path) as picture:
        assert picture.size == (logo["width"], logo["height"])
        assert min(picture.size) >= 112  # Google's smallest logo


def test_the_publishing_agency_page_carries_the_same_logo(site):
    node = main_node(site.soup("/opd/diskominfo/"))
    assert node["@type"] == "GovernmentOrganization"
    publisher = main_node(site.soup(SEED_URL))["publisher"]
    assert node["@id"] == publisher["@id"]
    assert node["logo"] == publisher["logo"]


# --- Feeds are written last (share-card sizes): the build's process then logs a
# warning after the page-writing copies did, and replays theirs ---------------


def test_a_warning_logged_by_two_writing_copies_is_replayed_once(caplog):
    from parallel_write.plugin import _replay
    from safe_build import forget_logged_messages

    forget_logged_messages()  # as each build starts
    # Pelican's logger refuses a repeat by raising from its filter; replaying
    # what two copies logged must not crash the build.
    record = ("pelican.contents", 30, "Unable to find 'x.md', zzz-s15-replay", "f.py")
    with caplog.at_level("WARNING"):
        _replay([record, record])
    assert [r.getMessage() for r in caplog.records].count(record[2]) == 1
