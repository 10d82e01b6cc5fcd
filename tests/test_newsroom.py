"""The newsroom plugin: kinds, quotes, remarks, advertorial disclosure."""

import logging
import re
import types

import pytest

from conftest import FIXTURES, ROOT, build, merged_content, soup_of
from content_model.frontmatter import parse_header
from content_model.model import Record
from newsroom.advertorial import add_sponsored, is_outbound, with_sponsored
from newsroom.plugin import (
    classify,
    people_for_quotes,
    quote_problems,
    remarks_of,
)
from newsroom.quotes import Quote, extract_quotes
from safe_build import BuildFailed

SEED = FIXTURES / "seed" / "bontang-smart-festival-2020.txt"
SEED_URL = "/berita/2020/03/bontang-smart-festival-2020/"
REMARKS_URL = "/sambutan/pembukaan-bontang-smart-festival-2020/"
ADV_URL = "/berita/2020/03/newsroom-advertorial-tautan/"
PLAIN_URL = "/berita/2020/03/newsroom-tautan-biasa/"


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def kutipan(page):
    """Return (quote text, speaker, role) from a page's Kutipan box."""
    box = page.select_one(".bsf-quotes")
    assert box.select_one("h2").get_text(strip=True) == "Kutipan"
    found = []
    for figure in box.select("figure.bsf-quote"):
        role = figure.select_one(".bsf-quote__role")
        found.append(
            (
                normalise(figure.select_one("blockquote").get_text()),
                figure.select_one("cite").get_text(strip=True),
                role.get_text(strip=True).lstrip(", ") if role else "",
            )
        )
    return found


# --- The seed release's Kutipan box -----------------------------------------


def test_seed_release_shows_five_attributed_quotes(site):
    quotes = kutipan(site.soup(SEED_URL))
    dasuki = "Kepala Dinas Komunikasi dan Informatika"
    assert [(speaker, role) for _text, speaker, role in quotes] == [
        ("Dasuki", dasuki),
        ("Dasuki", dasuki),
        ("Dasuki", dasuki),
        ("Neni Moerniaeni", "Wali Kota Bontang"),
        ("Neni Moerniaeni", "Wali Kota Bontang"),
    ]
    assert quotes[1][0].startswith("Ibarat buka toko")
    assert quotes[4][0].startswith("2016 lalu")


def test_every_quote_in_the_box_is_verbatim_from_the_seed(site):
    seed = normalise(SEED.read_text(encoding="utf-8"))
    for text, _speaker, _role in kutipan(site.soup(SEED_URL)):
        assert text in seed


def test_quote_speakers_link_to_their_people_pages(site):
    links = site.soup(SEED_URL).select(".bsf-quotes cite a")
    assert [a["href"] for a in links] == [f"{site.url}/tokoh/dasuki/"] * 3 + [
        f"{site.url}/tokoh/neni-moerniaeni/"
    ] * 2


def test_an_item_without_quotes_has_no_kutipan_box(site):
    assert site.soup(PLAIN_URL).select_one(".bsf-quotes") is None


# --- Quotes wiring (pure functions) -----------------------------------------


def record(slug, title, role, aliases=""):
    meta = {"title": title, "role": role}
    if aliases:
        meta["aliases"] = aliases
    return Record("person", slug, f"content/people/{slug}.md", meta, {})


def test_people_records_become_quote_speakers_with_aliases():
    people = {
        "neni-moerniaeni": record(
            "neni-moerniaeni", "Neni Moerniaeni", "Wali Kota", "Bunda Neni, Neni"
        )
    }
    (person,) = people_for_quotes(people)
    assert person.id == "neni-moerniaeni"
    assert person.aliases == ("Bunda Neni", "Neni")
    quotes = extract_quotes("“Mari maju bersama,” kata Bunda Neni.", [person])
    assert [(q.speaker_id, q.text) for q in quotes] == [
        ("neni-moerniaeni", "Mari maju bersama")
    ]


def test_unknown_speaker_is_reported_at_its_file_line():
    text = (
        "Title: Uji\nDate: 2020-03-13\n\nParagraf pembuka.\n\n"
        "“Kami siap,” ujar Budi Santoso.\n"
    )
    header = parse_header(text, "content/press-releases/uji.md")
    quotes = extract_quotes(header.body, people_for_quotes({}))
    problems = quote_problems(quotes, "content/press-releases/uji.md", header.body_line)
    assert problems == [
        (
            6,
            "content/press-releases/uji.md:6: quote attributed to 'Budi Santoso' "
            "who is not in content/people/; add them or their alias",
        )
    ]


def test_resolved_quotes_raise_no_problem():
    quote = Quote("Kami siap", "Dasuki", "dasuki", 3)
    assert quote_problems([quote], "x.md", 5) == []


def test_a_continuation_without_any_named_speaker_is_reported():
    quote = Quote("Kami siap", "", None, 2)
    ((line, message),) = quote_problems([quote], "content/remarks/x.md", 10)
    assert line == 11
    assert message.startswith("content/remarks/x.md:11: quote continues")


def test_unknown_speaker_warns_in_a_real_build(tmp_path, caplog):
    content = merged_content(tmp_path / "content", ROOT / "content")
    (content / "press-releases" / "newsroom-tanpa-tokoh.md").write_text(
        "Title: Rilis dengan narasumber baru\nDate: 2020-03-12\n\n"
        "Paragraf pembuka.\n\n“Kami siap melayani,” ujar Budi Santoso.\n",
        encoding="utf-8",
    )
    # The content check of every build (and of `invoke check`) reports it.
    with caplog.at_level(logging.WARNING, logger="content_model"):
        output = build(tmp_path / "out", content)
    expected = (
        "content_model: content/press-releases/newsroom-tanpa-tokoh.md:6: quote "
        "attributed to 'Budi Santoso' who is not in content/people/; add them "
        "or their alias"
    )
    assert expected in [r.getMessage() for r in caplog.records]
    assert [r.levelname for r in caplog.records if r.getMessage() == expected] == [
        "WARNING"
    ]
    page = (output / "berita/2020/03/newsroom-tanpa-tokoh/index.html").read_text()
    assert "Budi Santoso" in page


# --- Kinds and remarks fields -----------------------------------------------


def stand_in(kind, **meta):
    header = parse_header(
        "".join(f"{k.title()}: {v}\n" for k, v in meta.items()) + "\nTeks.\n"
    )
    return types.SimpleNamespace(
        kind=kind, metadata=dict(meta), header=header, category="Berita", **meta
    )


def test_remarks_get_speaker_occasion_and_delivery():
    neni = record("neni-moerniaeni", "Neni Moerniaeni", "Wali Kota Bontang")
    item = stand_in(
        "remarks",
        speaker="neni-moerniaeni",
        occasion="Pembukaan",
        location="Bontang",
        delivery="Excerpt",
    )
    classify(item, {"neni-moerniaeni": neni}, "Sambutan")
    assert (item.kind, item.kind_label) == ("remarks", "Sambutan")
    assert item.speaker is neni and item.speaker_id == "neni-moerniaeni"
    assert (item.occasion, item.location) == ("Pembukaan", "Bontang")
    assert (item.delivery, item.delivery_label) == ("excerpt", "Kutipan sambutan")
    assert item.category == "Sambutan"
    assert item.advertorial is False


@pytest.mark.parametrize(
    ("delivery", "label"),
    [("transcript", "Transkrip"), ("notes", "Catatan"), ("", None)],
)
def test_every_delivery_has_its_reader_label(delivery, label):
    item = stand_in("remarks", speaker="x", occasion="Acara", delivery=delivery)
    classify(item, {})
    assert item.delivery_label == label


def test_a_release_is_a_release_with_no_speaker():
    item = stand_in("press-releases", advertorial="ya")
    classify(item, {}, "Sambutan")
    assert (item.kind, item.kind_label, item.advertorial) == (
        "release",
        "Siaran pers",
        True,
    )
    assert item.speaker is None and item.speaker_id is None
    assert item.category == "Berita"


def test_remarks_index_lists_only_remarks_newest_first():
    items = [
        types.SimpleNamespace(kind="remarks", date=1, title="a"),
        types.SimpleNamespace(kind="release", date=3, title="b"),
        types.SimpleNamespace(kind="remarks", date=2, title="c"),
    ]
    assert [i.title for i in remarks_of(items)] == ["c", "a"]


# --- The mayor's remarks in the built site ----------------------------------


def test_remarks_page_names_speaker_occasion_location_and_delivery(site):
    page = site.soup(REMARKS_URL)
    speaker = page.select_one(".bsf-remarks__speaker a")
    assert speaker.get_text(strip=True) == "Neni Moerniaeni"
    assert speaker["href"] == f"{site.url}/tokoh/neni-moerniaeni/"
    assert page.select_one(".bsf-remarks__role").get_text() == "Wali Kota Bontang"
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select(".bsf-remarks__facts dt")
    }
    assert facts["Acara"] == "Pembukaan Bontang Smart Festival 2020"
    assert facts["Tempat"] == "Pendopo Rujab Walikota, Bontang"
    assert facts["Bentuk teks"] == "Kutipan sambutan"
    assert page.select_one(".bsf-article__kind").get_text(strip=True) == "Sambutan"
    time = page.select_one(".bsf-article__dateline time")
    assert time["datetime"] == "2020-03-13T00:00:00+08:00"


def test_remarks_quote_only_what_the_seed_attributes_to_the_mayor(site):
    seed = normalise(SEED.read_text(encoding="utf-8"))
    quotes = kutipan(site.soup(REMARKS_URL))
    assert len(quotes) == 2
    for text, speaker, _role in quotes:
        assert speaker == "Neni Moerniaeni"
        assert f"“{text}" in seed
    body = site.soup(REMARKS_URL).select_one(".bsf-article__body")
    quoted = re.findall(r"“([^”]+)”", body.get_text())
    assert [normalise(q).rstrip(",") for q in quoted] == [q[0] for q in quotes]


def test_remarks_are_in_the_sambutan_category_and_breadcrumbs(site):
    page = site.soup(REMARKS_URL)
    category = page.select_one(".bsf-article__category a")
    assert category.get_text() == "Sambutan"
    crumbs = [a.get_text(strip=True) for a in page.select(".bsf-breadcrumbs a")]
    assert crumbs[:2] == ["Beranda", "Sambutan"]
    current = page.select_one(".bsf-nav a[aria-current=page]")
    assert current.get_text(strip=True) == "Sambutan"


def test_sambutan_index_lists_remarks_with_their_speakers(site):
    page = site.soup("/sambutan/")
    assert page.select_one("h1").get_text(strip=True) == "Sambutan"
    items = page.select(".bsf-remarks-list > li")
    titles = [li.select_one(".bsf-card__title a")["href"] for li in items]
    assert f"{site.url}{REMARKS_URL}" in titles
    dates = [li.select_one("time")["datetime"] for li in items]
    assert dates == sorted(dates, reverse=True)
    speaker = items[titles.index(f"{site.url}{REMARKS_URL}")].select_one(
        ".bsf-remarks-list__speaker"
    )
    assert speaker["href"] == f"{site.url}/tokoh/neni-moerniaeni/"
    current = page.select_one(".bsf-nav a[aria-current=page]")
    assert current.get_text(strip=True) == "Sambutan"


def test_remarks_appear_in_the_news_flow_marked_as_remarks(site):
    for url in ("/arsip/2020/03/", "/kategori/sambutan/", "/tokoh/neni-moerniaeni/"):
        cards = [
            card
            for card in site.soup(url).select(".bsf-card")
            if card.select_one(".bsf-card__title a")["href"].endswith(REMARKS_URL)
        ]
        assert len(cards) == 1, url
        assert cards[0].select_one(".bsf-card__kind").get_text() == "Sambutan", url


def test_sambutan_index_is_paginated_when_long(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    for day in range(1, 4):
        (content / "remarks" / f"newsroom-uji-{day}.md").write_text(
            f"Title: Sambutan uji {day}\nDate: 2020-03-0{day}\n"
            "Speaker: dasuki\nOccasion: Rapat uji\n\nIsi sambutan uji.\n",
            encoding="utf-8",
        )
    output = build(tmp_path / "out", content, NEWSROOM_REMARKS_PER_PAGE=2)
    first = soup_of(output / "sambutan/index.html")
    second = soup_of(output / "sambutan/halaman/2/index.html")
    assert len(first.select(".bsf-remarks-list > li")) == 2
    assert len(second.select(".bsf-remarks-list > li")) == 2
    assert (
        first.select_one(".bsf-pagination a[rel=next]")["href"]
        == "https://festival.example.org/sambutan/halaman/2/"
    )
    titles = [a.get_text() for a in second.select(".bsf-card__title a")]
    assert titles == ["Sambutan uji 2", "Sambutan uji 1"]


# --- Advertorials -----------------------------------------------------------


def test_outbound_links_of_an_advertorial_are_sponsored(site):
    body = site.soup(ADV_URL).select_one(".bsf-article__body")
    rels = {a["href"]: a.get("rel", []) for a in body.select("a")}
    assert rels["https://sponsor.example.com/promo"] == ["sponsored"]
    assert rels["https://mitra.example.net/"] == ["sponsored", "noopener"]
    for href, rel in rels.items():
        if "example.com" in href or "example.net" in href:
            continue
        assert "sponsored" not in rel, href


def test_links_of_a_news_release_are_not_sponsored(site):
    link = site.soup(PLAIN_URL).select_one(".bsf-article__body a")
    assert link["href"] == "https://data.example.go.id/bontang"
    assert "sponsored" not in link.get("rel", [])


def test_advertorial_is_labelled_in_title_header_and_cards(site):
    page = site.soup(ADV_URL)
    assert page.title.get_text().startswith("[Advertorial]")
    assert page.select_one(".bsf-article__header .bsf-label--adv")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p><a href="https://ads.example.com/x">iklan</a></p>',
            '<p><a href="https://ads.example.com/x" rel="sponsored">iklan</a></p>',
        ),
        (
            '<a rel="noopener" href="http://ads.example.com/">x</a>',
            '<a rel="sponsored noopener" href="http://ads.example.com/">x</a>',
        ),
        (
            '<a HREF="//cdn.example.com/a" rel="nofollow sponsored">x</a>',
            '<a HREF="//cdn.example.com/a" rel="nofollow sponsored">x</a>',
        ),
        (
            '<a href="https://ads.example.com/?a=1&amp;b=2">x &amp; y</a>',
            '<a href="https://ads.example.com/?a=1&amp;b=2" rel="sponsored">'
            "x &amp; y</a>",
        ),
    ],
)
def test_add_sponsored_rewrites_only_outbound_start_tags(html, expected):
    assert add_sponsored(html, "festival.example.org") == expected


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://festival.example.org/berita/">dalam</a>',
        '<a href="/berita/">relatif</a>',
        '<a href="{filename}/press-releases/x.md">sumber</a>',
        '<a href="mailto:humas@example.org">surel</a>',
        '<a href="#bagian">jangkar</a>',
        "<p>“teks” &lt;a href=&quot;https://x.example.com&quot;&gt;</p>",
        '<!-- <a href="https://x.example.com/">komentar</a> -->',
        '<code>&lt;a href="https://x.example.com/"&gt;</code>',
    ],
)
def test_add_sponsored_leaves_other_markup_byte_identical(html):
    assert add_sponsored(html, "festival.example.org") == html


def test_add_sponsored_handles_links_on_later_lines():
    html = (
        "<p>Satu\ndua <em>tiga</em></p>\n<p>"
        '<a href="https://a.example.com/">a</a> dan\n'
        '<a class="x" href="https://b.example.com/">b</a></p>'
    )
    result = add_sponsored(html, "festival.example.org")
    assert result == html.replace('com/">a', 'com/" rel="sponsored">a').replace(
        'com/">b', 'com/" rel="sponsored">b'
    )


def test_rel_tokens_and_hosts():
    assert with_sponsored(None) == "sponsored"
    assert with_sponsored("noopener noreferrer") == "sponsored noopener noreferrer"
    assert with_sponsored("Sponsored noopener") == "sponsored noopener"
    assert is_outbound("https://A.example.com/", "festival.example.org")
    assert not is_outbound("https://FESTIVAL.example.org/x", "festival.example.org")
    assert not is_outbound("tel:+62548", "festival.example.org")


def test_bad_advertorial_values_and_a_stray_adv_line_fail_the_build(tmp_path):
    content = merged_content(
        tmp_path / "content",
        ROOT / "content",
        FIXTURES / "newsroom" / "bad-advertorial",
    )
    with pytest.raises(BuildFailed) as failure:
        build(tmp_path / "out", content)
    problems = failure.value.problems
    value = [p for p in problems if "newsroom-adv-nilai-salah.md" in p]
    stray = [p for p in problems if "newsroom-adv-tanpa-kunci.md" in p]
    assert len(value) == 1 and len(stray) == 1, problems
    assert value[0].startswith("content/press-releases/newsroom-adv-nilai-salah.md:4: ")
    assert "Advertorial 'mungkin' is not a word the site knows" in value[0]
    assert stray[0].startswith("content/press-releases/newsroom-adv-tanpa-kunci.md:7: ")
    assert "add that key" in stray[0] and "Advertorial: yes" in stray[0]
    assert not (tmp_path / "out").exists()
