"""The theme's shared link macros (theme/templates/partials/macros.html)."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

import content_model
from events.schedule import Slot

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "theme" / "templates"
SITE = "https://festival.example.org"


@pytest.fixture(scope="module")
def ui():
    # The theme's settings (pelicanconf JINJA_ENVIRONMENT): autoescape on.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    env.tests["plugin_enabled"] = lambda name: True
    env.filters.update(content_model.FILTERS)  # the site's date filters
    # Other plugins' filters are not what is tested here.
    source = (TEMPLATES / "partials" / "macros.html").read_text("utf-8")
    for name in set(re.findall(r"\|\s*(\w+)", source)) - set(env.filters):
        env.filters[name] = lambda value, *args: str(value)
    env.globals["inline_css"] = str
    return env.get_template("partials/macros.html").make_module({"SITEURL": SITE})


def record(title, url=None, **meta):
    fields = {"title": title, "meta": meta}
    if url is not None:
        fields["url"] = url
    return SimpleNamespace(**fields)


def test_agency_link_names_title_and_acronym(ui):
    agency = record("Dinas <Kominfo>", "opd/diskominfo/", acronym="DKI&F")
    assert str(ui.agency_link(agency)) == (
        f'<a href="{SITE}/opd/diskominfo/">Dinas &lt;Kominfo&gt; (DKI&amp;F)</a>'
    )


def test_agency_link_search_filter_and_own_text(ui):
    agency = record("Dinas Kominfo", "opd/diskominfo/", acronym="DISKOMINFO")
    assert str(ui.agency_link(agency, "DISKOMINFO", filter=True)) == (
        f'<a href="{SITE}/opd/diskominfo/" '
        'data-pagefind-filter="agency:DISKOMINFO">DISKOMINFO</a>'
    )


def test_a_record_without_page_is_plain_text(ui):
    assert str(ui.person_link(record("Neni <M>"))) == "Neni &lt;M&gt;"
    agency = record("Dinas Kominfo", acronym="DISKOMINFO")
    assert str(ui.agency_link(agency, filter=True)) == "Dinas Kominfo (DISKOMINFO)"


def test_person_link(ui):
    person = record("Neni Moerniaeni", "tokoh/neni-moerniaeni/")
    assert str(ui.person_link(person)) == (
        f'<a href="{SITE}/tokoh/neni-moerniaeni/">Neni Moerniaeni</a>'
    )
    assert str(ui.person_link(person, **{"class": "x"})) == (
        f'<a class="x" href="{SITE}/tokoh/neni-moerniaeni/">Neni Moerniaeni</a>'
    )
    assert str(ui.person_link(record("Tamu"), **{"class": "x"})) == (
        '<span class="x">Tamu</span>'
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x?a=1&b=2", '<a href="https://a.example/x?a=1&amp;b=2">'),
        ("http://a.example/", '<a href="http://a.example/">'),
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("Loket kecamatan", "Loket kecamatan"),
    ],
)
def test_external_link_links_only_web_addresses(ui, url, expected):
    assert str(ui.external_link(url)).startswith(expected)


def test_date_range(ui):
    start, end = datetime.date(2020, 3, 12), datetime.date(2020, 3, 15)
    assert str(ui.date_range(start, end)) == (
        '<time datetime="2020-03-12">12–15 Maret 2020</time>'
    )
    assert str(ui.date_range(start, end, "2020-03-12T08:00")).startswith(
        '<time datetime="2020-03-12T08:00">'
    )


def test_event_dates_on_the_event_page_and_in_an_agenda_slot(ui):
    wita = content_model.dates.WITA
    start = datetime.datetime(2020, 3, 13, 9, 0, tzinfo=wita)
    end = datetime.datetime(2020, 3, 13, 11, 30, tzinfo=wita)
    event = SimpleNamespace(start=start, end=end, all_day=False, multi_day=False)
    assert str(ui.event_dates(event)) == (
        '<time datetime="2020-03-13">Jumat, 13 Maret 2020</time>, pukul '
        '<time datetime="2020-03-13T09:00:00+08:00">09.00</time>–'
        '<time datetime="2020-03-13T11:30:00+08:00">11.30</time> WITA'
    )
    assert str(ui.event_dates(event, Slot("range", start, end))) == (
        '<time datetime="2020-03-13T09:00:00+08:00">09.00</time>–'
        '<time datetime="2020-03-13T11:30:00+08:00">11.30</time> WITA'
    )
    assert str(ui.event_dates(event, Slot("all-day"))) == "Sepanjang hari"
    days = SimpleNamespace(start=start, end=end, all_day=True, multi_day=True)
    assert str(ui.event_dates(days)) == (
        '<time datetime="2020-03-13">Jumat, 13 Maret 2020</time> – '
        '<time datetime="2020-03-13">Jumat, 13 Maret 2020</time>, sepanjang hari'
    )


def test_the_event_page_and_the_agenda_share_the_event_dates_macro():
    for name in ("event.html", "agenda.html"):
        source = (TEMPLATES / name).read_text("utf-8")
        assert "ui.event_dates(" in source, name
        assert "<time" not in source.split("ui.event_dates(")[0].split("\n")[-1]
    assert "macro slot_time" not in (TEMPLATES / "agenda.html").read_text("utf-8")


def test_templates_take_feed_urls_from_the_context():
    """The feeds plugin names the feeds (site_feeds, agency_feeds, feeds)."""
    hard_coded = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"""href="[^"]*/feeds/""", line)
    ]
    assert hard_coded == []


def test_templates_use_the_link_macros():
    """A page link of an agency or person is written by its macro."""
    written_out = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.name != "macros.html"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"(agency|person|speaker|head)\.url \}\}", line)
    ]
    assert written_out == []


def test_lead_and_body_pictures_share_one_builder(site):
    """figure.html writes a lead image with the images plugin's builder."""
    path = site.path("/berita/2020/03/images-dengan-foto/")
    assert path.is_file()
    html = path.read_text(encoding="utf-8")
    pictures = re.findall(r"<picture\b.*?</picture>", html, re.DOTALL)
    assert len(pictures) >= 2  # the lead image and at least one body image
    lead = site.soup("/berita/2020/03/images-dengan-foto/").select_one(
        ".bsf-figure--lead picture"
    )
    assert lead is not None
    for markup in pictures:
        # The builder's markup: no white space between elements, attributes
        # in its one order.
        assert re.match(
            r'<picture class="bsf-picture">(<source sizes="[^"]*" srcset="[^"]*"'
            r' type="image/webp">)?<img alt="[^"]*" class="bsf-picture__img[^"]*"'
            r' decoding="async" ',
            markup,
        ), markup
