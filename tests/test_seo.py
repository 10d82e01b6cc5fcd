"""Structured data and sharing cards: JSON-LD, Open Graph, Twitter, canonical.

The JSON-LD of every built page is parsed and checked for the properties each
schema.org type needs; the tags in <head> are checked on every page too.
"""

import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import soup_of
from seo.head import breadcrumb_trail
from seo.jsonld import link_repeats, script_json
from seo.text import first_sentences, page_url, shorten, title_text

SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
# Twitter/X reads these from og:title, og:description and og:image.
TWITTER_FROM_OG = ("twitter:title", "twitter:description", "twitter:image")
SEED_TITLE = "Bontang Smart Festival 2020 Jadi Wadah Sosialisasi Smart City"
WITA = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ARTICLE = ["headline", "description", "datePublished", "dateModified", "author"]
ARTICLE += ["publisher", "image", "mainEntityOfPage", "url", "inLanguage"]
REQUIRED = {
    "NewsArticle": ARTICLE,
    "AdvertiserContentArticle": [*ARTICLE, "sponsor"],
    "Article": ARTICLE,
    "GovernmentOrganization": ["name", "url", "parentOrganization"],
    "Person": ["name", "jobTitle", "url"],
    "GovernmentService": ["name", "url", "provider"],
    "ImageGallery": ["name", "url", "datePublished", "publisher", "image"],
    "Event": [
        "name",
        "url",
        "startDate",
        "endDate",
        "location",
        "organizer",
        "eventStatus",
        "eventAttendanceMode",
    ],
    "WebSite": ["name", "url", "publisher", "potentialAction"],
    "WebPage": ["name", "url", "isPartOf"],
    "CollectionPage": ["name", "url", "isPartOf"],
    "AboutPage": ["name", "url", "isPartOf"],
    "ContactPage": ["name", "url", "isPartOf"],
    "SearchResultsPage": ["name", "url", "isPartOf"],
    "BreadcrumbList": ["itemListElement"],
}
# The main node each kind of page must carry, by output path.
PAGE_TYPES = [
    (r"^index\.html$", {"WebSite"}),
    (
        r"^berita/\d{4}/\d{2}/[^/]+/index\.html$",
        {"NewsArticle", "AdvertiserContentArticle"},
    ),
    (r"^sambutan/(?!halaman/)[^/]+/index\.html$", {"Article"}),
    (r"^opd/[^/]+/index\.html$", {"GovernmentOrganization"}),
    (r"^tokoh/[^/]+/index\.html$", {"Person"}),
    (r"^program/[^/]+/index\.html$", {"GovernmentService"}),
    (r"^agenda/(?!halaman/)[^/]+/index\.html$", {"Event"}),
    (r"^tentang/index\.html$", {"AboutPage"}),
    (r"^kontak-media/index\.html$", {"ContactPage"}),
    (r"^cari/index\.html$", {"SearchResultsPage"}),
    (r"^berita/index\.html$", {"CollectionPage"}),
    (r"^tag/[^/]+/index\.html$", {"CollectionPage"}),
    (r"^arsip/\d{4}/\d{2}/index\.html$", {"CollectionPage"}),
    (r"^404\.html$", {"WebPage"}),
]


def pages(site):
    return [
        (p.relative_to(site.output).as_posix(), soup_of(p)) for p in site.page_files()
    ]


def json_ld(page):
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def is_ref(value):
    """Return whether `value` is a node reference: `{"@id": ...}` and nothing else."""
    return isinstance(value, dict) and list(value) == ["@id"]


def defined_nodes(value, found=None):
    """Return {@id: node} of every node written in full in a JSON-LD value."""
    found = {} if found is None else found
    if isinstance(value, list):
        for item in value:
            defined_nodes(item, found)
    elif isinstance(value, dict):
        if "@id" in value and not is_ref(value):
            assert value["@id"] not in found, f"{value['@id']} is written twice"
            found[value["@id"]] = value
        for item in value.values():
            defined_nodes(item, found)
    return found


def resolved(value, nodes):
    """Return `value` with each `{"@id": ...}` replaced by the node it names."""
    if is_ref(value):
        assert value["@id"] in nodes, f"{value['@id']} is referred to, not defined"
        return resolved(nodes[value["@id"]], nodes)
    if isinstance(value, list):
        return [resolved(item, nodes) for item in value]
    if isinstance(value, dict):
        return {key: resolved(item, nodes) for key, item in value.items()}
    return value


def nodes_of(page):
    """Return the @graph with every node reference resolved to its node."""
    document = json_ld(page)
    assert document["@context"] == "https://schema.org"
    return resolved(document["@graph"], defined_nodes(document))


def main_node(page):
    (node,) = [n for n in nodes_of(page) if n["@type"] != "BreadcrumbList"]
    return node


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def url_of(site, name):
    return page_url(site.url, name)


def test_every_page_has_one_json_ld_script_with_its_required_properties(site):
    for name, page in pages(site):
        nodes = nodes_of(page)
        types = [n["@type"] for n in nodes]
        assert types.count("BreadcrumbList") == 1, name
        assert len(nodes) == 2, name
        for node in nodes:
            assert node["@type"] in REQUIRED, f"{name}: {node['@type']}"
            missing = [k for k in REQUIRED[node["@type"]] if not node.get(k)]
            assert missing == [], f"{name}: {node['@type']} lacks {missing}"


def test_each_kind_of_page_has_its_schema_type(site):
    seen = set()
    for name, page in pages(site):
        for pattern, types in PAGE_TYPES:
            if re.match(pattern, name):
                assert main_node(page)["@type"] in types, name
                seen.add(pattern)
    assert seen == {pattern for pattern, _ in PAGE_TYPES}


def references(value):
    """Yield every `{"@id": ...}` reference in a JSON-LD value."""
    if is_ref(value):
        yield value["@id"]
    elif isinstance(value, list | dict):
        for item in value.values() if isinstance(value, dict) else value:
            yield from references(item)


def test_every_node_reference_names_a_node_written_once_on_the_page(site):
    referred = 0
    for _name, page in pages(site):
        document = json_ld(page)
        # defined_nodes fails on an @id written in full twice, resolved on an
        # @id that is referred to but never written.
        resolved(document, defined_nodes(document))
        referred += len(list(references(document)))
    assert referred > 20


def test_diskominfo_is_written_once_and_referred_to_by_id(site):
    document = json_ld(site.soup(SEED_URL))
    (node,) = [n for n in document["@graph"] if n["@type"] != "BreadcrumbList"]
    diskominfo = f"{site.url}/opd/diskominfo/#opd"
    assert node["publisher"]["@id"] == diskominfo
    assert node["publisher"]["name"] == "Dinas Komunikasi dan Informatika Kota Bontang"
    for key in ("about", "author", "sponsor"):
        assert node[key] == [{"@id": diskominfo}], key
    # The agency's own page names the same node, so the pages agree.
    agency = json_ld(site.soup("/opd/diskominfo/"))["@graph"][0]
    assert agency["@id"] == diskominfo
    # Each speaker is written once; later quotes refer to them.
    creators = [q["creator"] for q in node["hasPart"]]
    assert [c.get("name") for c in creators] == [
        "Dasuki",
        None,
        None,
        "Neni Moerniaeni",
        None,
    ]
    assert creators[1] == {"@id": f"{site.url}/tokoh/dasuki/#tokoh"}


def test_json_ld_dates_carry_the_wita_offset(site):
    keys = ("datePublished", "dateModified", "startDate", "endDate")
    for name, page in pages(site):
        node = main_node(page)
        for key in keys:
            if key in node:
                # A date-only value is a day (YYYY-MM-DD), never midnight WITA.
                value = node[key]
                assert WITA.match(value) or DAY.match(value), f"{name}: {key} {value}"


def test_articles_are_published_by_diskominfo_under_the_city(site):
    checked = 0
    for name, page in pages(site):
        node = main_node(page)
        if "publisher" not in node:
            continue
        publisher = node["publisher"]
        assert publisher["@type"] == "GovernmentOrganization", name
        assert publisher["name"] == "Dinas Komunikasi dan Informatika Kota Bontang"
        assert publisher["url"] == f"{site.url}/opd/diskominfo/"
        assert publisher["parentOrganization"] == {
            "@type": "GovernmentOrganization",
            "name": "Pemerintah Kota Bontang",
        }
        checked += 1
    assert checked > 10


def test_seed_release_is_an_advertiser_content_article_with_sponsor(site):
    page = site.soup(SEED_URL)
    node = main_node(page)
    assert node["@type"] == "AdvertiserContentArticle"
    assert node["headline"] == SEED_TITLE == page.h1.get_text(strip=True)
    assert node["datePublished"] == "2020-03-13"  # Date: without a time
    assert [s["alternateName"] for s in node["sponsor"]] == ["Diskominfo"]
    assert [a["url"] for a in node["about"]] == [f"{site.url}/opd/diskominfo/"]
    assert node["mainEntityOfPage"] == node["url"] == f"{site.url}{SEED_URL}"


def test_release_image_is_the_1200x630_sharing_image(site):
    node = main_node(site.soup(SEED_URL))
    first = node["image"][0]
    assert (first["width"], first["height"]) == (1200, 630)
    path = site.path(first["url"])
    with Image.open(path) as image:
        assert image.size == (1200, 630)


def test_quotes_are_quotations_with_their_speaker_as_creator(site):
    node = main_node(site.soup(SEED_URL))
    quotes = node["hasPart"]
    assert len(quotes) == 5
    assert {q["@type"] for q in quotes} == {"Quotation"}
    creators = {q["creator"]["name"] for q in quotes}
    assert creators == {"Dasuki", "Neni Moerniaeni"}
    dasuki = next(q["creator"] for q in quotes if q["creator"]["name"] == "Dasuki")
    assert dasuki["@type"] == "Person"
    assert dasuki["url"] == f"{site.url}/tokoh/dasuki/"


def test_a_plain_release_is_a_news_article_with_its_author(site):
    node = main_node(site.soup("/berita/2020/03/fixture-dengan-jam/"))
    assert node["@type"] == "NewsArticle"
    assert "sponsor" not in node
    assert node["datePublished"] == "2020-03-14T09:00:00+08:00"
    assert node["author"] == [
        {
            "@type": "Organization",
            "name": "Tim Humas Diskominfo",
            "url": f"{site.url}/penulis/tim-humas-diskominfo/",
        }
    ]


def test_remarks_name_the_speaker_as_person_and_the_occasion(site):
    name = "sambutan/pembukaan-bontang-smart-festival-2020/index.html"
    node = main_node(site.soup(name))
    assert node["@type"] == "Article"
    (speaker,) = node["author"]
    assert speaker["@type"] == "Person"
    assert speaker["name"] == "Neni Moerniaeni"
    assert speaker["jobTitle"] == "Wali Kota Bontang"
    occasions = [a for a in node["about"] if a["@type"] == "Event"]
    assert [o["name"] for o in occasions] == ["Pembukaan Bontang Smart Festival 2020"]
    assert occasions[0]["location"]["@type"] == "Place"


def test_agency_person_program_and_event_pages(site):
    agency = main_node(site.soup("/opd/diskominfo/"))
    assert agency["alternateName"] == "Diskominfo"
    assert agency["parentOrganization"]["name"] == "Pemerintah Kota Bontang"
    person = main_node(site.soup("/tokoh/dasuki/"))
    assert person["jobTitle"] == "Kepala Dinas Komunikasi dan Informatika"
    assert [w["alternateName"] for w in person["worksFor"]] == ["Diskominfo"]
    program = main_node(site.soup("/program/relawan-tik/"))
    assert program["provider"][0]["alternateName"] == "Diskominfo"
    assert program["serviceType"] == "Smart Society"
    event = main_node(site.soup("/agenda/bontang-smart-festival-2020/"))
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == (
        "https://schema.org/OfflineEventAttendanceMode"
    )
    assert event["location"]["@type"] == "Place"
    address = event["location"]["address"]
    assert address["@type"] == "PostalAddress"
    assert address["addressLocality"] == "Bontang"
    assert address["addressCountry"] == "ID"
    assert event["startDate"] < event["endDate"]
    assert event["organizer"][0]["@type"] == "GovernmentOrganization"


def test_home_is_a_website_with_a_search_action_to_the_search_page(site):
    node = main_node(site.soup("/"))
    action = node["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == f"{site.url}/cari/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    search = site.soup(template.split("?")[0])
    assert search.select_one("form[role=search] input[name=q]")


def test_breadcrumb_list_follows_the_visible_breadcrumbs(site):
    for name, page in pages(site):
        (trail,) = [n for n in nodes_of(page) if n["@type"] == "BreadcrumbList"]
        items = trail["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == f"{site.url}/", name
        nav = page.select_one("nav.bsf-breadcrumbs")
        if nav is None:
            continue
        base = url_of(site, name)
        visible = [
            (a.get_text(" ", strip=True), urljoin(base, a["href"]))
            for a in nav.select("a")
        ]
        assert [(i["name"], i["item"]) for i in items] == visible, name


def test_every_page_has_canonical_description_and_sharing_cards(site):
    for name, page in pages(site):
        url = url_of(site, name)
        assert page.find("link", rel="canonical")["href"] == url, name
        description = meta(page, "description")
        assert description and len(description) <= 200, name
        assert len(page.find_all("meta", attrs={"name": "description"})) == 1, name
        assert meta(page, "og:url") == url, name
        assert meta(page, "og:title"), name
        assert meta(page, "og:description") == description, name
        assert meta(page, "og:locale") == "id_ID", name
        assert meta(page, "og:site_name") == "Bontang Smart Festival 2020", name
        assert meta(page, "og:type") in ("article", "website", "profile"), name
        # Twitter/X falls back to og:title, og:description and og:image;
        # repeating them as twitter:* would only add bytes.
        for key in TWITTER_FROM_OG:
            assert meta(page, key) is None, f"{name}: {key}"
        image = meta(page, "og:image")
        if image is None:
            assert meta(page, "twitter:card") == "summary", name
            assert meta(page, "twitter:image:alt") is None, name
            continue
        assert meta(page, "twitter:card") == "summary_large_image", name
        assert meta(page, "twitter:image:alt") == meta(page, "og:image:alt"), name
        assert image.startswith(f"{site.url}/"), name
        with Image.open(site.path(image)) as file:
            size = file.size
        assert size == (
            int(meta(page, "og:image:width")),
            int(meta(page, "og:image:height")),
        )
        assert meta(page, "og:image:alt"), name


def test_articles_carry_their_publication_time_for_sharing(site):
    page = site.soup("/berita/2020/03/fixture-dengan-jam/")
    assert meta(page, "og:type") == "article"
    assert meta(page, "article:published_time") == "2020-03-14T09:00:00+08:00"
    assert meta(page, "og:image:width") == "1200"
    assert meta(page, "og:image:height") == "630"
    tags = [
        t["content"] for t in page.find_all("meta", attrs={"property": "article:tag"})
    ]
    assert tags == ["Uji"]


def test_description_is_the_summary_when_there_is_one(site):
    page = site.soup("/berita/2020/02/seo-tanda-baca/")
    summary = (
        'Ringkasan dengan tanda kutip "ganda" & ampersand, untuk meta '
        "description dan kartu berbagi."
    )
    assert meta(page, "description") == summary
    assert main_node(page)["description"] == summary
    assert (
        meta(page, "og:title") == 'Fixture SEO: Diskominfo & warga bahas "Smart City"'
    )


def test_description_without_summary_is_the_opening_of_the_body(site):
    # The seed is an advertorial: its label comes first and counts toward the
    # 200 characters, so its first whole sentence (198) is cut at a word; the
    # whole-sentence rule itself is unit-tested above.
    page = site.soup(SEED_URL)
    description = meta(page, "description")
    assert len(description) <= 200
    opening = description.removeprefix("[Advertorial] ")
    assert opening != description and opening.endswith("…")
    body = " ".join(page.select_one(".bsf-article__body").get_text(" ").split())
    assert body.startswith(opening.removesuffix("…"))
    assert body[len(opening) - 1] == " "


def test_search_and_error_pages_are_kept_out_of_the_index(site):
    assert meta(site.soup("/cari/"), "robots") == "noindex, follow"
    assert meta(site.soup("/404.html"), "robots") == "noindex, follow"
    assert meta(site.soup(SEED_URL), "robots") is None


def test_a_title_with_a_script_end_tag_stays_inside_its_script(seo_site):
    title = 'Awas </script> di judul & "kutip"'
    page = seo_site.soup("/berita/2020/03/seo-skrip-di-judul/")
    node = main_node(page)
    assert node["headline"] == title
    assert "</script>" in node["description"]
    assert meta(page, "og:title") == title
    ld_scripts = page.select('script[type="application/ld+json"]')
    assert len(ld_scripts) == 1
    assert "</" not in ld_scripts[0].string


def test_embargoed_preview_is_still_described(seo_site):
    page = seo_site.soup("/berita/2020/03/seo-embargo/")
    assert main_node(page)["headline"] == "Rilis uji di bawah embargo"


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_script_json_survives_any_text_inside_a_script_element(text):
    data = {"headline": text, "nested": [text, {"x": f"</script>{text}<!--"}]}
    html = (
        f'<head><script type="application/ld+json">{script_json(data)}</script></head>'
    )
    page = BeautifulSoup(html, "html.parser")
    (script,) = page.find_all("script")
    assert json.loads(script.string) == data


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Satu. Dua.</p><p>Tiga.</p>", "Satu. Dua. Tiga."),
        ("<p>“Kutipan.” ujar Dasuki. Lanjut.</p>", "“Kutipan.” ujar Dasuki. Lanjut."),
        ("<p>" + "kata " * 80 + "</p>", shorten("kata " * 80, 60)),
        ("<figure><figcaption>Foto.</figcaption></figure><p>Isi.</p>", "Isi."),
    ],
)
def test_first_sentences_takes_whole_sentences_within_the_limit(html, expected):
    assert first_sentences(html, 60) == expected
    assert len(first_sentences(html, 60)) <= 60


def test_first_sentences_stops_before_a_sentence_that_does_not_fit():
    text = "<p>Kalimat pertama pendek. " + "Kalimat kedua " * 10 + "selesai.</p>"
    assert first_sentences(text, 60) == "Kalimat pertama pendek."


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Awas </script> di judul", "Awas </script> di judul"),
        ("Kominfo &amp; warga", "Kominfo &amp; warga"),
        ("<em>Smart</em> City", "<em>Smart</em> City"),
        ("  spasi   ganda ", "spasi ganda"),
    ],
)
def test_title_text_is_the_title_as_the_page_shows_it(title, expected):
    assert title_text(title) == expected


def test_breadcrumb_trail_reads_labels_and_links():
    html = (
        '<nav><ol><li><a href="https://x.example/">Beranda</a></li>'
        '<li><a href="https://x.example/berita/" aria-current="page">Berita &amp; '
        "<span>Rilis</span></a></li></ol></nav>"
    )
    assert breadcrumb_trail(html) == [
        ("Beranda", "https://x.example/"),
        ("Berita & Rilis", "https://x.example/berita/"),
    ]


def test_link_repeats_refers_to_a_node_seen_before_only_when_it_is_the_same():
    org = {
        "@type": "GovernmentOrganization",
        "@id": "https://x.id/opd/a/#opd",
        "name": "A",
    }
    other = {**org, "name": "A lain"}
    person = {"@type": "Person", "name": "Tanpa halaman"}
    nodes = [{"publisher": org, "author": [org, person, person], "about": [other]}]
    assert link_repeats(nodes) == [
        {
            "publisher": org,
            "author": [{"@id": org["@id"]}, person, person],
            "about": [other],
        }
    ]
