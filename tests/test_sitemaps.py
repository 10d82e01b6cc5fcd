"""sitemap.xml, news-sitemap.xml and robots.txt: schema-valid, complete, honest."""

import datetime as dt
import types
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from conftest import FIXTURES, soup_of
from content_model.view import ItemView
from seo.plugin import page_entry
from seo.sitemaps import BuildDateError, build_date, news_items, news_sitemap_xml

SCHEMA = FIXTURES / "seo" / "sitemap.xsd"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
WITA = ZoneInfo("Asia/Makassar")
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def parse(path):
    return etree.parse(str(path))


def entries(tree):
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in tree.findall("sm:url", NS)
    }


def news_entries(tree):
    return {
        url.findtext("sm:loc", namespaces=NS): url.find("news:news", NS)
        for url in tree.findall("sm:url", NS)
    }


def public_pages(site):
    """URLs of every page a search engine may index (not noindex)."""
    urls = set()
    for path in site.page_files():
        robots = soup_of(path).find("meta", attrs={"name": "robots"})
        if robots is not None and "noindex" in robots["content"]:
            continue
        relative = path.relative_to(site.output).as_posix()
        urls.add(f"{site.url}/{relative.removesuffix('index.html')}")
    return urls


def test_sitemaps_are_valid_against_the_sitemap_schemas(site, seo_site, schema):
    # The session build's news sitemap depends on the build date (it may be
    # empty under SOURCE_DATE_EPOCH); seo_site's build date is fixed.
    for folder, name in [
        (site.output, "sitemap.xml"),
        (seo_site.output, "sitemap.xml"),
        (seo_site.output, "news-sitemap.xml"),
    ]:
        tree = parse(folder / name)
        assert schema.validate(tree), f"{name}: {schema.error_log}"


def test_the_schema_rejects_a_broken_sitemap(schema):
    broken = etree.fromstring(
        f'<urlset xmlns="{NS["sm"]}"><url><loc>https://x.example/a/</loc>'
        "<lastmod>13 Maret 2020</lastmod></url></urlset>".encode()
    )
    assert not schema.validate(broken)


def test_sitemap_lists_every_public_page_and_nothing_else(site):
    listed = entries(parse(site.output / "sitemap.xml"))
    assert set(listed) == public_pages(site)
    assert f"{site.url}/404.html" not in listed
    assert f"{site.url}/cari/" not in listed


def test_every_sitemap_entry_has_a_wita_lastmod(site):
    for url, lastmod in entries(parse(site.output / "sitemap.xml")).items():
        moment = dt.datetime.fromisoformat(lastmod)
        assert moment.utcoffset() == dt.timedelta(hours=8), url


def test_lastmod_is_the_item_date_or_the_newest_listed_item(site):
    listed = entries(parse(site.output / "sitemap.xml"))
    assert listed[f"{site.url}{SEED_URL}"] == "2020-03-13T00:00:00+08:00"
    # Only the seo fixture carries this tag.
    assert listed[f"{site.url}/tag/uji-seo/"] == "2020-02-20T14:30:00+08:00"
    assert listed[f"{site.url}/arsip/2020/02/"] >= "2020-02-20T14:30:00+08:00"


def test_news_sitemap_holds_recent_releases_only(seo_site, schema):
    tree = parse(seo_site.output / "news-sitemap.xml")
    assert schema.validate(tree), schema.error_log
    found = news_entries(tree)
    base = f"{seo_site.url}/berita/2020/03"
    assert f"{base}/seo-skrip-di-judul/" in found
    assert f"{base}/seo-dalam-jendela/" in found
    assert f"{base}/seo-di-luar-jendela/" not in found  # 2 days and 1 minute old
    assert f"{base}/seo-advertorial-baru/" not in found
    assert f"{base}/seo-embargo/" not in found
    assert not [url for url in found if "/sambutan/" in url]
    now = dt.datetime(2020, 3, 16, 12, 0, tzinfo=WITA)
    for url, news in found.items():
        published = dt.datetime.fromisoformat(
            news.findtext("news:publication_date", namespaces=NS)
        )
        assert now - dt.timedelta(days=2) <= published <= now, url
        assert news.findtext("news:publication/news:name", namespaces=NS) == (
            "Bontang Smart Festival 2020"
        )
        assert news.findtext("news:publication/news:language", namespaces=NS) == "id"


def test_news_sitemap_titles_and_dates_are_the_releases(seo_site):
    found = news_entries(parse(seo_site.output / "news-sitemap.xml"))
    news = found[f"{seo_site.url}/berita/2020/03/seo-skrip-di-judul/"]
    assert news.findtext("news:title", namespaces=NS) == (
        'Awas </script> di judul & "kutip"'
    )
    assert news.findtext("news:publication_date", namespaces=NS) == (
        "2020-03-16T09:00:00+08:00"
    )


def test_embargoed_preview_is_in_no_sitemap(seo_site):
    page = "/berita/2020/03/seo-embargo/"
    assert seo_site.path(page).exists()  # shown in the preview build
    listed = entries(parse(seo_site.output / "sitemap.xml"))
    assert f"{seo_site.url}{page}" not in listed
    assert f"{seo_site.url}/berita/2020/03/seo-dalam-jendela/" in listed


def test_robots_txt_names_both_sitemaps(seo_site):
    # seo_site's build date is fixed, so it has news; without news robots.txt
    # names sitemap.xml alone (tests/test_client_defects.py).
    site = seo_site
    lines = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *"
    named = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap:")]
    assert named == [f"{site.url}/sitemap.xml", f"{site.url}/news-sitemap.xml"]
    for url in named:
        assert site.path(url.removeprefix(site.url)).is_file()
    assert "Disallow: /" not in lines


def release(day, hour=9, kind="release", status="published", **view):
    return types.SimpleNamespace(
        date=dt.datetime(2020, 3, day, hour, tzinfo=WITA),
        title=f"Rilis {day} {hour}",
        url=f"berita/{day}-{hour}/",
        status=status,
        view=ItemView(kind, **view),
    )


def test_build_date_prefers_setting_then_source_date_epoch_then_newest():
    releases = [release(13), release(15)]
    epoch = {"SOURCE_DATE_EPOCH": "1584316800"}  # 2020-03-16 00:00 UTC
    assert build_date("2020-03-20 10:00", epoch, releases) == dt.datetime(
        2020, 3, 20, 10, tzinfo=WITA
    )
    from_epoch = build_date(None, epoch, releases)
    assert from_epoch == dt.datetime(2020, 3, 16, 8, tzinfo=WITA)
    assert from_epoch.utcoffset() == dt.timedelta(hours=8)
    assert build_date(None, {}, releases) == releases[1].date
    assert build_date(None, {}, []) is None


@pytest.mark.parametrize(
    ("setting", "environ"),
    [("kemarin", {}), (None, {"SOURCE_DATE_EPOCH": "kemarin"})],
)
def test_a_build_date_that_cannot_be_read_is_an_error(setting, environ):
    with pytest.raises(BuildDateError):
        build_date(setting, environ, [release(13)])


def test_news_items_window_is_the_two_days_up_to_the_build_date():
    now = dt.datetime(2020, 3, 16, 9, tzinfo=WITA)
    articles = [
        release(14, 9),  # exactly two days before: kept
        release(14, 8),  # older: left out
        release(16, 9),
        release(16, 10),  # after the build date: left out
        release(15, advertorial=True),
        release(15, kind="remarks"),
        release(15, embargoed=True),
        release(15, status="hidden"),
    ]
    items = news_items(articles, now, lambda a: a.title, lambda a: a.url)
    assert [i.url for i in items] == ["berita/16-9/", "berita/14-9/"]
    assert news_items(articles, None, str, str) == []


def test_no_news_item_gives_no_news_sitemap():
    # An empty <urlset> is invalid against the sitemap schema: no file at all
    # (tests/test_client_defects.py checks the build and robots.txt).
    assert news_sitemap_xml([], "Situs", "id") is None


def test_page_entry_leaves_out_embargoed_hidden_and_noindex_pages():
    article = release(13)
    context = {"SITEURL": "https://x.example", "output_file": "berita/a/index.html"}
    assert page_entry({**context, "article": article}, set()).url == (
        "https://x.example/berita/a/"
    )
    embargoed = release(13, embargoed=True)
    assert page_entry({**context, "article": embargoed}, set()) is None
    hidden = release(13, status="hidden")
    assert page_entry({**context, "article": hidden}, set()) is None
    assert page_entry({**context, "robots": "noindex"}, set()) is None
    assert page_entry(context, {"berita/a/index.html"}) is None
    assert page_entry({**context, "output_file": "feeds/rss.xml"}, set()) is None


class CountingList(list):
    """A list that counts how often it is read through."""

    reads = 0

    def __iter__(self):
        CountingList.reads += 1
        return super().__iter__()


def test_a_shared_list_is_scanned_once_per_build_for_lastmod():
    # Many pages pass the whole article list; each scan was pages x articles.
    wita = ZoneInfo("Asia/Makassar")
    items = CountingList(release(day, status=None) for day in (9, 13, 11))
    hidden = release(20, 0, status="draft")
    items.append(hidden)
    memo = {}
    context = {"dates": items, "output_file": "tentang/index.html", "SITEURL": ""}
    CountingList.reads = 0
    first = [page_entry(context, set(), memo).lastmod for _ in range(5)]
    assert CountingList.reads == 1
    assert first == [dt.datetime(2020, 3, 13, 9, tzinfo=wita)] * 5
    assert page_entry(context, set()).lastmod == first[0]
