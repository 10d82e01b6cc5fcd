"""The embargo boundary: an item is published at its lift moment, not a second before.

The rule (`embargo_holds`: until > now) is one function; these tests pin it
at every place that decides where an item goes: its page, the lists, the
feeds, the sitemaps, the search index, the calendars, the publish check, and
the stamp that tells safe_build when the output changes. Each is checked one
second before the lift, exactly at it, and one second after.
"""

import datetime as dt
import json
import types

import lxml.etree
import pytest

import newsroom.plugin
from conftest import ROOT, SITEURL, build_overrides, merged_content, soup_of
from newsroom.embargo import embargo_holds, embargoed_items, now_wita, readable_forms
from safe_build import build_site, stamps

LIFT = dt.datetime(2099, 1, 1, 8, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SECOND = dt.timedelta(seconds=1)
MOMENTS = {"before": LIFT - SECOND, "at": LIFT, "after": LIFT + SECOND}
HELD = {"before": True, "at": False, "after": False}
RELEASE = "berita/2020/03/zqxbatas-rilis/"
PAGE = "zqxbatas-halaman/"
AGENCY = "opd/zqxbatas-dinas/"
EVENT = "agenda/zqxbatas-acara/"
FILES = {
    "press-releases/zqxbatas-rilis.md": (
        "Title: Rilis Zqxbatasrilis\nDate: 2020-03-13 10:00\n"
        "Embargo: 2099-01-01 08:00:00\nOPD: diskominfo\n\n"
        "Isi rilis zqxbatasrilis yang menunggu saat embargo berakhir.\n"
    ),
    "pages/zqxbatas-halaman.md": (
        "Title: Halaman Zqxbatashalaman\nEmbargo: 2099-01-01 08:00\n\nIsi halaman.\n"
    ),
    "agencies/zqxbatas-dinas.md": (
        "Title: Dinas Zqxbatasdinas\nAcronym: ZQXB\nEmbargo: 2099-01-01 08:00\n\nIsi.\n"
    ),
    "events/zqxbatas-acara.md": (
        "Title: Acara Zqxbatasacara\nStart: 2020-03-14 09:00\nEnd: 2020-03-14 10:00\n"
        "Location: Bontang\nEmbargo: 2099-01-01 08:00\n\nIsi acara zqxbatasacara.\n"
    ),
}


def write_content(target):
    content = merged_content(target, ROOT / "content")
    for name, text in FILES.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("boundary")
    content = write_content(base / "content")
    built = {}
    for name, moment in MOMENTS.items():
        output = base / name / "output"
        now = moment.strftime("%Y-%m-%d %H:%M:%S%z")
        build_site(
            ROOT / "publishconf.py", build_overrides(content, output, NEWSROOM_NOW=now)
        )
        built[name] = output
    return types.SimpleNamespace(content=content, outputs=built)


def url(path):
    return f"{SITEURL}/{path}"


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_the_rule_itself(moment):
    assert embargo_holds(LIFT, MOMENTS[moment]) is HELD[moment]
    assert embargo_holds(None, MOMENTS[moment]) is False


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_pages(sites, moment):
    output = sites.outputs[moment]
    assert (output / "index.html").is_file()
    for page in (RELEASE, PAGE, AGENCY, EVENT):
        assert (output / page / "index.html").exists() is not HELD[moment], page


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_lists(sites, moment):
    output = sites.outputs[moment]
    for listing, page in (
        ("berita/index.html", RELEASE),
        ("index.html", RELEASE),
        ("opd/diskominfo/index.html", RELEASE),
        ("opd/index.html", AGENCY),
        ("agenda/index.html", EVENT),
    ):
        links = {a["href"] for a in soup_of(output / listing).select("main a")}
        assert (url(page) in links) is not HELD[moment], listing


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_feeds(sites, moment):
    feeds = sites.outputs[moment] / "feeds"
    for name in ("rss.xml", "atom.xml", "opd/diskominfo.xml"):
        tree = lxml.etree.parse(str(feeds / name))
        links = {e.text for e in tree.iter("{*}link", "{*}id")} | {
            e.get("href") for e in tree.iter("{*}link")
        }
        assert (url(RELEASE) in links) is not HELD[moment], name
    items = json.loads((feeds / "feed.json").read_text(encoding="utf-8"))["items"]
    assert (url(RELEASE) in {i["url"] for i in items}) is not HELD[moment]


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_sitemaps(sites, moment):
    output = sites.outputs[moment]
    listed = set()
    sitemaps = sorted(output.glob("*sitemap*.xml"))
    assert sitemaps
    for path in sitemaps:
        listed |= {loc.text for loc in lxml.etree.parse(str(path)).iter("{*}loc")}
    for page in (RELEASE, PAGE, AGENCY, EVENT):
        assert (url(page) in listed) is not HELD[moment], page


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_search_index(sites, moment):
    fragments = sorted((sites.outputs[moment] / "pagefind" / "fragment").iterdir())
    assert fragments
    text = b"".join(form.lower() for p in fragments for form in readable_forms(p))
    for token in (b"zqxbatasrilis", b"zqxbatasacara"):
        assert (token in text) is not HELD[moment], token


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_calendars(sites, moment):
    output = sites.outputs[moment]
    festival = (output / "agenda" / "festival.ics").read_bytes()
    assert (b"Zqxbatasacara" in festival) is not HELD[moment]
    assert (output / "agenda" / "zqxbatas-acara.ics").exists() is not HELD[moment]


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_the_publish_check(sites, moment):
    held = {i.path for i in embargoed_items(sites.content, MOMENTS[moment])}
    expected = {f"content/{name}" for name in FILES} if HELD[moment] else set()
    assert held == expected


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_the_output_changes_at_stamp(tmp_path, monkeypatch, moment):
    # Judged by the clock (no NEWSROOM_NOW): the stamp says when the output
    # goes stale, that is when the embargo lifts, only while it holds.
    clock = MOMENTS[moment]
    monkeypatch.setattr(stamps, "utc_now", lambda: clock.astimezone(dt.UTC))
    monkeypatch.setattr(
        newsroom.plugin,
        "now_wita",
        lambda setting=None: now_wita(setting) if setting else clock,
    )
    content = write_content(tmp_path / "content")
    output = tmp_path / "site" / "output"
    build_site(ROOT / "publishconf.py", build_overrides(content, output))
    assert (output / RELEASE / "index.html").exists() is not HELD[moment]
    stamp = stamps.read_stamp(stamps.stamp_path(output.parent / "cache", output))
    assert stamp["changes_at"] == (LIFT.isoformat() if HELD[moment] else None)
