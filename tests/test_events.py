"""The festival agenda: pages by day in WITA, and calendars read back with icalendar."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from conftest import AXE_JS, FIXTURES, assert_one_problem, build, require_tool
from content_model import read_model
from content_model.dates import WITA, parse_date
from content_model.model import Record
from events.ics import calendar, event_uid, webcal_url
from events.schedule import Slot, by_day, schedule, slot_on, text_of

CASES = FIXTURES / "events"
DAYS = ["Jumat, 13 Maret 2020", "Sabtu, 14 Maret 2020", "Minggu, 15 Maret 2020"]
# The seed's events, as the content gives them: all-day, first and last day.
SEED_EVENTS = {
    "bontang-smart-festival-2020": (
        "Bontang Smart Festival 2020",
        dt.date(2020, 3, 13),
        dt.date(2020, 3, 15),
        "Pendopo Rujab Walikota, Bontang",
    ),
    "pengukuhan-relawan-tik": (
        "Pengukuhan Relawan TIK (RTIK)",
        dt.date(2020, 3, 13),
        dt.date(2020, 3, 13),
        "Pendopo Rujab Walikota, Bontang",
    ),
    "pameran-program-smart": (
        "Pameran Program Smart di Stand OPD",
        dt.date(2020, 3, 13),
        dt.date(2020, 3, 15),
        "Halaman parkir gedung Pendopo Rujab Walikota, Bontang",
    ),
    "lomba-aplikasi": (
        "Lomba Aplikasi",
        dt.date(2020, 3, 13),
        dt.date(2020, 3, 15),
        "Pendopo Rujab Walikota, Bontang",
    ),
    "lomba-games-pubg": (
        "Lomba Games PlayerUnknown's Battlegrounds (PUBG)",
        dt.date(2020, 3, 13),
        dt.date(2020, 3, 15),
        "Pendopo Rujab Walikota, Bontang",
    ),
}
TIMED = "events-jumpa-pers-uji"
OVERNIGHT = "events-lintas-hari-uji"


def text(tag):
    return re.sub(r"\s+", " ", tag.get_text()).strip()


def record(slug="uji", start="2020-03-14 09:00", end="2020-03-14 11:00", **meta):
    return Record(
        kind="event",
        slug=slug,
        source_path=f"content/events/{slug}.md",
        meta={"title": "Uji", "start": start, "end": end, "location": "Ruang", **meta},
        lines={"title": 1, "start": 2, "end": 3},
    )


def scheduled(**kwargs):
    event, problems = schedule(record(**kwargs), {})
    assert problems == []
    event.url = f"agenda/{event.slug}/"
    return event


def vevents(path):
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def by_uid(path):
    return {str(e["UID"]): e for e in vevents(path)}


# --- pure functions -----------------------------------------------------------


def test_an_event_without_times_is_all_day_and_ends_the_next_day_in_calendars():
    event = scheduled(start="2020-03-13", end="2020-03-15")
    assert event.all_day
    assert event.days == [dt.date(2020, 3, d) for d in (13, 14, 15)]
    assert event.end_exclusive == dt.date(2020, 3, 16)
    assert slot_on(event, dt.date(2020, 3, 14)).text == "Sepanjang hari"


@pytest.mark.parametrize(
    "start, end, day, expected",
    [
        ("2020-03-14 09:00", "2020-03-14 11:00", 14, "09.00–11.00 WITA"),
        ("2020-03-14 09:00", "2020-03-14 09:00", 14, "09.00 WITA"),
        ("2020-03-14 20:00", "2020-03-16 01:00", 14, "Mulai 20.00 WITA"),
        ("2020-03-14 20:00", "2020-03-16 01:00", 15, "Sepanjang hari"),
        ("2020-03-14 20:00", "2020-03-16 01:00", 16, "Sampai 01.00 WITA"),
        ("2020-03-14 01:00+00:00", "2020-03-14 03:30Z", 14, "09.00–11.30 WITA"),
    ],
)
def test_time_on_a_day_reads_in_wita(start, end, day, expected):
    event = scheduled(start=start, end=end)
    assert slot_on(event, dt.date(2020, 3, day)).text == expected


def test_an_event_ending_at_midnight_does_not_spill_into_the_next_day():
    event = scheduled(start="2020-03-14 20:00", end="2020-03-15 00:00")
    assert event.days == [dt.date(2020, 3, 14)]
    assert slot_on(event, dt.date(2020, 3, 14)) == Slot("range", event.start, event.end)


def test_days_list_all_day_events_first_then_by_time():
    late = scheduled(slug="b", start="2020-03-14 13:00", end="2020-03-14 14:00")
    early = scheduled(slug="a", start="2020-03-14 08:00", end="2020-03-14 09:00")
    whole = scheduled(slug="c", start="2020-03-13", end="2020-03-14")
    days = by_day([late, early, whole])
    assert [day for day, _ in days] == [dt.date(2020, 3, 13), dt.date(2020, 3, 14)]
    assert [e.slug for e, _ in days[1][1]] == ["c", "a", "b"]


def test_a_time_on_one_end_only_is_an_error_with_its_line():
    event, problems = schedule(record(start="2020-03-14 09:00", end="2020-03-14"), {})
    assert event is None
    assert [str(p) for p in problems] == [
        "content/events/uji.md:3: End has no time but Start has one; give both "
        "a time (YYYY-MM-DD HH:MM) or neither (an all-day event)"
    ]


def test_uid_survives_edits_to_title_times_and_text():
    before = scheduled(start="2020-03-14 09:00", end="2020-03-14 10:00")
    after = scheduled(
        start="2020-03-15 13:00", end="2020-03-15 15:00", title="Judul baru"
    )
    after.record.content = "<p>Teks baru.</p>"
    uids = [
        str(
            Calendar.from_ical(
                calendar([e], "K", "-//t//ID", "https://x.id", "x.id")
            ).walk("VEVENT")[0]["UID"]
        )
        for e in (before, after)
    ]
    assert uids == [event_uid("uji", "x.id")] * 2 == ["agenda-uji@x.id"] * 2


def test_dtstamp_comes_from_modified_else_a_fixed_first_stamp_never_the_clock():
    # The old rule (DTSTAMP = Start without Modified) made an event moved
    # earlier look older; tests/test_client_defects.py checks the whole rule.
    plain = scheduled()
    edited = scheduled(modified="2020-03-10 08:00")
    stamps = [
        Calendar.from_ical(calendar([e], "K", "-//t//ID", "https://x.id", "x.id"))
        .walk("VEVENT")[0]["DTSTAMP"]
        .dt
        for e in (plain, edited)
    ]
    assert stamps == [
        dt.datetime(2019, 12, 31, 16, 0, tzinfo=dt.UTC),
        dt.datetime(2020, 3, 10, 0, 0, tzinfo=dt.UTC),
    ]


def test_webcal_link_is_the_https_address_with_another_scheme():
    assert (
        webcal_url("https://berita.bontangkota.go.id", "agenda/festival.ics")
        == "webcal://berita.bontangkota.go.id/agenda/festival.ics"
    )


def test_description_text_keeps_paragraphs_and_decodes_entities():
    html = "<p>Satu &amp; dua\nbaris.</p>\n<p>Tiga.</p>"
    assert text_of(html) == "Satu & dua baris.\n\nTiga."


# --- the agenda pages ------------------------------------------------------------


def test_agenda_is_grouped_by_day_in_indonesian(site):
    page = site.soup("/agenda/")
    days = page.select(".bsf-agenda__day h2")
    assert [text(h) for h in days] == DAYS
    assert [h.time["datetime"] for h in days] == [
        "2020-03-13",
        "2020-03-14",
        "2020-03-15",
    ]


def agenda_entries(site):
    """Return {(day heading, event slug): card} of the agenda page."""
    entries = {}
    for day in site.soup("/agenda/").select(".bsf-agenda__day"):
        for card in day.select(".bsf-event-card"):
            slug = card.select_one("h3 a")["href"].rstrip("/").rsplit("/", 1)[-1]
            entries[(text(day.h2), slug)] = card
    return entries


def test_seed_events_are_listed_all_day_on_each_of_their_days(site):
    entries = agenda_entries(site)
    for slug, (title, first, last, place) in SEED_EVENTS.items():
        shown = [day for day, s in entries if s == slug]
        count = (last - first).days + 1
        assert shown == DAYS[:count], slug
        for day in shown:
            card = entries[(day, slug)]
            assert text(card.h3) == title
            time = text(card.select_one(".bsf-event-card__time"))
            assert time.startswith("Sepanjang hari"), slug
            assert text(card.select_one(".bsf-event-card__place")) == place


def test_agenda_shows_time_range_in_wita_and_agencies(site):
    entries = agenda_entries(site)
    card = entries[(DAYS[1], TIMED)]
    when = card.select_one(".bsf-event-card__time")
    assert text(when) == "09.00–11.30 WITA"
    assert [t["datetime"] for t in when.select("time")] == [
        "2020-03-14T09:00:00+08:00",
        "2020-03-14T11:30:00+08:00",
    ]
    agencies = card.select(".bsf-event-card__agencies a")
    assert [(a.get_text(), a["href"]) for a in agencies] == [
        ("Diskominfo", f"{site.url}/opd/diskominfo/")
    ]
    assert text(entries[(DAYS[1], OVERNIGHT)].select_one("dd")) == "Mulai 20.00 WITA"
    assert text(entries[(DAYS[2], OVERNIGHT)].select_one("dd")) == "Sampai 01.00 WITA"


def test_agenda_offers_webcal_and_https_subscriptions(site):
    links = [
        a["href"] for a in site.soup("/agenda/").select(".bsf-agenda__subscribe a")
    ]
    host = urlsplit(site.url).netloc
    assert links == [
        f"webcal://{host}/agenda/festival.ics",
        f"{site.url}/agenda/festival.ics",
    ]
    assert (site.output / "agenda" / "festival.ics").is_file()


@pytest.mark.parametrize("slug", [*SEED_EVENTS, TIMED])
def test_each_event_has_a_page_with_its_calendar(site, slug):
    page = site.soup(f"/agenda/{slug}/")
    title = read_model(site.content).events[slug].title
    assert text(page.h1) == title
    ics = page.select_one(".bsf-event__ics")["href"]
    assert ics == f"{site.url}/agenda/{slug}.ics"
    assert site.path(ics).is_file()


def test_event_page_reads_like_the_content(site):
    festival = site.soup("/agenda/bontang-smart-festival-2020/")
    when = festival.select_one(".bsf-event__when")
    assert text(when) == "Jumat, 13 Maret 2020 – Minggu, 15 Maret 2020, sepanjang hari"
    assert [t["datetime"] for t in when.select("time")] == ["2020-03-13", "2020-03-15"]
    timed = site.soup(f"/agenda/{TIMED}/")
    assert (
        text(timed.select_one(".bsf-event__when"))
        == "Sabtu, 14 Maret 2020, pukul 09.00–11.30 WITA"
    )
    registration = timed.select_one(".bsf-event__registration a")
    assert registration["href"] == "https://festival.example.org/daftar-uji/"


# --- the calendars, read back with icalendar ---------------------------------------


def test_festival_calendar_has_version_prodid_and_wita_timezone(site):
    cal = Calendar.from_ical((site.output / "agenda" / "festival.ics").read_bytes())
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//Diskominfo Kota Bontang//")
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Makassar"]
    offsets = {p["TZOFFSETTO"].td for p in zones[0].walk("STANDARD")}
    assert offsets == {dt.timedelta(hours=8)}


def test_every_event_has_what_a_calendar_client_needs(site):
    for path in sorted((site.output / "agenda").glob("*.ics")):
        events = vevents(path)
        assert events, path.name
        for event in events:
            for key in ("UID", "DTSTART", "DTSTAMP", "SUMMARY", "URL", "LOCATION"):
                assert key in event, f"{path.name}: {key}"
            assert "DTEND" in event or "DURATION" in event, path.name


def test_calendar_lines_are_crlf_and_folded_at_75_octets(site):
    data = (site.output / "agenda" / "festival.ics").read_bytes()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75


def test_calendar_times_equal_the_wita_times_in_the_content(site):
    events = by_uid(site.output / "agenda" / "festival.ics")
    model = read_model(site.content)
    assert set(events) == {f"agenda-{slug}@127.0.0.1" for slug in model.events}
    for slug, item in model.events.items():
        event = events[f"agenda-{slug}@127.0.0.1"]
        start, timed = parse_date(item.meta["start"])
        end, _ = parse_date(item.meta["end"])
        if timed:
            assert event["DTSTART"].params["TZID"] == "Asia/Makassar", slug
            assert event["DTSTART"].dt == start, slug
            assert event["DTSTART"].dt.utcoffset() == dt.timedelta(hours=8), slug
            assert event["DTEND"].dt == end, slug
        else:
            assert event["DTSTART"].params["VALUE"] == "DATE", slug
            assert event["DTSTART"].dt == start.date(), slug
            assert event["DTEND"].dt == end.date() + dt.timedelta(days=1), slug
        assert str(event["SUMMARY"]) == item.title
        assert str(event["LOCATION"]) == item.meta["location"]
        assert str(event["URL"]) == f"{site.url}/agenda/{slug}/"


def test_seed_events_in_the_calendar(site):
    events = by_uid(site.output / "agenda" / "festival.ics")
    for slug, (title, first, last, place) in SEED_EVENTS.items():
        event = events[f"agenda-{slug}@127.0.0.1"]
        assert str(event["SUMMARY"]) == title
        assert event["DTSTART"].dt == first
        assert event["DTEND"].dt == last + dt.timedelta(days=1)
        assert str(event["LOCATION"]) == place
        # No Modified: the first version's fixed stamp, whatever the Start.
        assert event["DTSTAMP"].dt == dt.datetime(2020, 1, 1, tzinfo=WITA)
        assert event["SEQUENCE"] == 0


def test_timed_event_in_the_calendar_keeps_its_wita_times(site):
    event = by_uid(site.output / "agenda" / "festival.ics")[f"agenda-{TIMED}@127.0.0.1"]
    assert event["DTSTART"].dt == dt.datetime(2020, 3, 14, 9, 0, tzinfo=WITA)
    assert event["DTEND"].dt == dt.datetime(2020, 3, 14, 11, 30, tzinfo=WITA)
    assert event["DTSTAMP"].dt == dt.datetime(2020, 3, 10, 8, 15, tzinfo=WITA)
    description = str(event["DESCRIPTION"])
    assert description.startswith("Agenda uji untuk memastikan jam WITA")
    assert "OPD: Dinas Komunikasi dan Informatika Kota Bontang (Diskominfo)" in (
        description
    )
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Uji"]


def test_each_event_calendar_holds_that_event_as_the_festival_calendar_does(site):
    festival = by_uid(site.output / "agenda" / "festival.ics")
    for uid, event in festival.items():
        slug = uid.removeprefix("agenda-").split("@")[0]
        (single,) = vevents(site.output / "agenda" / f"{slug}.ics")
        assert single.to_ical() == event.to_ical(), slug


def test_rebuilding_gives_byte_identical_agenda_and_calendars(site, tmp_path):
    again = build(tmp_path / "output", site.content, siteurl=site.url)
    names = [
        p.relative_to(site.output)
        for folder in ("agenda", "program", "opd")
        for p in sorted((site.output / folder).rglob("*"))
        if p.is_file()
    ]
    assert any(n.suffix == ".ics" for n in names)
    for name in names:
        assert (again / name).read_bytes() == (site.output / name).read_bytes(), name


# --- content errors fail the build with path:line ---------------------------------


@pytest.mark.parametrize(
    "case, path, line, message",
    [
        (
            "selesai-sebelum-mulai",
            "events/agenda-uji.md",
            3,
            "is before Start",
        ),
        ("tanggal-rusak", "events/agenda-uji.md", 2, "'14 Maret 2020' is not a date"),
        (
            "opd-tidak-dikenal",
            "events/agenda-uji.md",
            5,
            "OPD 'dinas-salah' names no file in content/agencies/",
        ),
        ("jam-sebelah", "events/agenda-uji.md", 2, "Start has no time but End has"),
        (
            "slug-kalender",
            "events/festival.md",
            1,
            "would overwrite the calendar of every event",
        ),
    ],
)
def test_bad_event_content_fails_with_path_and_line(
    tmp_path, case, path, line, message
):
    assert_one_problem(tmp_path, CASES / case, path, line, message)


# --- the browser ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/agenda/", f"/agenda/{TIMED}/"])
def test_agenda_pages_pass_axe(browser, served_site, path):
    require_tool(AXE_JS, "axe-core (npm)")
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site.url + path, wait_until="load")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("async () => await axe.run(document)")
        assert [v["id"] for v in result["violations"]] == []
    finally:
        context.close()
