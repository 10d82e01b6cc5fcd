"""Photo galleries: a kind added through the registry alone.

`content/galleries/<slug>.md` -> `/galeri/<slug>/`, listed at `/galeri/`,
on its event's and its agency's pages, in the sitemap and search; photos
through the image pipeline; JSON-LD ImageGallery with credited ImageObjects.
The fixtures are tests/fixtures/content/galleries/ (the seed has no photos).
"""

import json

from PIL import Image

from conftest import FIXTURES, ROOT, assert_one_problem, build, merged_content
from seo.jsonld import photo_titles

OPENING = "/galeri/galeri-pembukaan/"
CONTEST = "/galeri/galeri-lomba/"
GPS_IFD = 0x8825


def graph(soup):
    script = soup.find("script", type="application/ld+json")
    assert script is not None
    return json.loads(script.string)["@graph"]


def test_a_gallery_is_published_at_its_url_with_its_photos(site):
    soup = site.soup(OPENING)
    assert soup.find("h1").get_text() == "Foto pembukaan Bontang Smart Festival 2020"
    images = soup.select(".bsf-gallery__photos picture img")
    assert [img["alt"] for img in images] == [
        "Panggung utama festival dengan latar biru dan lampu kuning",
        "Stan OPD berwarna hijau di area pameran",
    ]
    for img in images:
        assert img["width"].isdigit() and img["height"].isdigit()
        source = img.find_parent("picture").find("source", type="image/webp")
        assert source is not None and ".webp" in source["srcset"]


def test_gallery_json_ld_reads_photo_titles_as_the_figures_do():
    # One parser (content_model.credits): a credit with no caption is a
    # credit, and a licence is named as the registry of licences spells it.
    body = (
        '![a](images/a.jpg "Foto: Andi")\n\n'
        '![b](images/b.jpg "Panggung  utama | Foto: Rina | cc by 4.0")'
    )
    assert photo_titles(body) == [
        ("", "Andi", ""),
        ("Panggung utama", "Rina", "CC BY 4.0"),
    ]


def test_gallery_photos_are_resized_and_carry_no_location(site):
    soup = site.soup(OPENING)
    for img in soup.select(".bsf-gallery__photos img"):
        path = site.path(img["src"])
        assert path.is_file(), img["src"]
        with Image.open(path) as photo:
            assert photo.size == (int(img["width"]), int(img["height"]))
            exif = photo.getexif()
            assert not exif.get_ifd(GPS_IFD)
            assert 271 not in exif  # the camera make is gone too
    # The originals in the fixture do carry a location.
    with Image.open(site.content / "images" / "galeri-panggung.jpg") as original:
        assert original.getexif().get_ifd(GPS_IFD)


def test_the_gallery_index_lists_every_gallery_newest_first(site):
    soup = site.soup("/galeri/")
    links = [a["href"] for a in soup.select(".bsf-galleries__title a")]
    assert links == [site.url + CONTEST, site.url + OPENING]
    nav = soup.select_one('.bsf-nav a[aria-current="page"]')
    assert nav is not None and nav.get_text() == "Galeri"


def test_every_page_has_a_galeri_navigation_entry(site):
    for url in ("/", OPENING, "/agenda/"):
        labels = [a.get_text() for a in site.soup(url).select(".bsf-nav__link")]
        assert "Galeri" in labels, url


def test_a_gallery_is_listed_on_its_event_and_agency_pages(site):
    event = site.soup("/agenda/bontang-smart-festival-2020/")
    listed = [a["href"] for a in event.select(".bsf-event__galleries a")]
    assert listed == [site.url + OPENING]
    agency = site.soup("/opd/diskominfo/")
    listed = [a["href"] for a in agency.select(".bsf-agency__galleries a")]
    assert listed == [site.url + CONTEST, site.url + OPENING]
    gallery = site.soup(OPENING)
    facts = [a["href"] for a in gallery.select(".bsf-facts a")]
    assert site.url + "/opd/diskominfo/" in facts
    assert site.url + "/agenda/bontang-smart-festival-2020/" in facts


def test_a_gallery_is_an_image_gallery_of_credited_image_objects(site):
    soup = site.soup(OPENING)
    node = graph(soup)[0]
    assert node["@type"] == "ImageGallery"
    assert node["url"] == site.url + OPENING
    assert node["datePublished"] == "2020-03-13T10:00:00+08:00"
    photos = node["image"]
    assert [p["@type"] for p in photos] == ["ImageObject", "ImageObject"]
    assert [p["creditText"] for p in photos] == ["Humas Diskominfo", "Rina Wulandari"]
    assert [p["caption"] for p in photos] == [
        "Panggung utama saat pembukaan.",
        "Stan OPD di area pameran.",
    ]
    shown = soup.select(".bsf-gallery__photos img")
    assert [p["contentUrl"] for p in photos] == [img["src"] for img in shown]
    assert [(p["width"], p["height"]) for p in photos] == [
        (int(img["width"]), int(img["height"])) for img in shown
    ]


def test_galleries_are_in_the_sitemap_and_searchable(site):
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("/galeri/", OPENING, CONTEST):
        assert f"<loc>{site.url}{url}</loc>" in sitemap, url
    article = site.soup(OPENING).select_one("[data-pagefind-body]")
    assert article is not None
    assert article["data-pagefind-filter"] == "kind:galeri"
    options = [
        o["value"] for o in site.soup("/cari/").select("#bsf-search-kind option")
    ]
    assert "galeri" in options


def test_a_gallery_naming_an_unknown_event_is_an_error(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "galleries").mkdir()
    (content / "galleries" / "foto.md").write_text(
        "Title: Foto\nDate: 2020-03-13 10:00\nOPD: diskominfo\n"
        "Event: tidak-ada\n\nTeks.\n",
        encoding="utf-8",
    )
    assert_one_problem(tmp_path, content, "galleries/foto.md", 4, "tidak-ada")


def test_a_held_gallery_is_not_published(tmp_path):
    content = merged_content(
        tmp_path / "content", ROOT / "content", FIXTURES / "content"
    )
    source = content / "galleries" / "galeri-lomba.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "Event: lomba-aplikasi\n",
            "Event: lomba-aplikasi\nEmbargo: 2099-01-01 08:00\n",
        ),
        encoding="utf-8",
    )
    output = build(tmp_path / "output", content)
    assert not (output / "galeri" / "galeri-lomba").exists()
    assert (output / "galeri" / "galeri-pembukaan" / "index.html").is_file()
    for path in output.rglob("*.html"):
        assert "Foto lomba aplikasi" not in path.read_text(encoding="utf-8"), path


def test_each_gallery_photo_shows_its_caption_and_credit(site):
    # A reader sees whose photo it is, as in a release's figures.
    figures = site.soup(OPENING).select(".bsf-gallery__photos figure")
    assert len(figures) == 2
    captions = [f.find("figcaption").get_text(" ", strip=True) for f in figures]
    assert "Panggung utama saat pembukaan." in captions[0]
    assert "Foto: Humas Diskominfo" in captions[0]
    assert "Stan OPD di area pameran." in captions[1]
    assert "Foto: Rina Wulandari" in captions[1]
