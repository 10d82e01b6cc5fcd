"""Events: the festival agenda by day, a page per event, and iCalendar files.

Writes /agenda/ (events grouped by day, times in WITA, subscribe links),
/agenda/<slug>/ (one event), /agenda/festival.ics (every event) and
/agenda/<slug>.ics (one event). Puts the scheduled events in
`context["events"]` and each agency's events in `agency.related["events"]`
(the agency page lists them).

Its content problems (an event whose slug would overwrite the calendar, a
time on one end only) are part of the content check (`check_events`, on
content_model's `content_checks`), so `invoke check` reports them too.

Signals: get_generators, content_model's content_checks.
Settings:
    EVENTS_URL            URL of the agenda  ("agenda/")
    EVENT_URL             URL pattern of one event  ("agenda/{slug}/")
    EVENT_ICS_URL         URL pattern of one event's calendar  ("agenda/{slug}.ics")
    EVENTS_CALENDAR_URL   URL of the calendar of every event  ("agenda/festival.ics")
    EVENTS_CALENDAR_NAME  calendar name  (None: FESTIVAL["name"], else SITENAME)
    EVENTS_PRODID         PRODID of the calendars
                          ("-//Diskominfo Kota Bontang//Agenda Festival//ID")
    EVENTS_UID_DOMAIN     domain part of event UIDs  (None: the host of SITEURL)
"""

import logging

from common.context_keys import EVENTS_KEY, MODEL_KEY
from common.files import write_output
from content_model import Problem, content_checks
from content_model.kinds import BY_NAME
from content_model.model import write_records
from i18n import _
from pelican import signals
from pelican.generators import Generator

from .ics import calendar, calendar_name, site_domain, webcal_url
from .schedule import by_day, schedule, sort_key

log = logging.getLogger(__name__)

DEFAULTS = {
    "EVENTS_URL": BY_NAME["event"].index,
    "EVENT_URL": BY_NAME["event"].url,
    "EVENT_ICS_URL": "agenda/{slug}.ics",
    "EVENTS_CALENDAR_URL": "agenda/festival.ics",
    "EVENTS_CALENDAR_NAME": None,
    "EVENTS_PRODID": "-//Diskominfo Kota Bontang//Agenda Festival//ID",
    "EVENTS_UID_DOMAIN": None,
}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    conf = {name: settings.get(name, value) for name, value in DEFAULTS.items()}
    if not conf["EVENTS_CALENDAR_NAME"]:
        festival = settings.get("FESTIVAL") or {}
        conf["EVENTS_CALENDAR_NAME"] = festival.get("name") or settings["SITENAME"]
    if not conf["EVENTS_UID_DOMAIN"]:
        conf["EVENTS_UID_DOMAIN"] = site_domain(settings.get("SITEURL", ""))
    return conf


def scheduled_events(model, conf):
    """Return (events in agenda order with their URLs, [Problem])."""
    events, problems = [], []
    for record in model.events.values():
        event, found = schedule(record, model.agencies)
        problems.extend(found)
        if event is None:
            continue
        event.url = conf["EVENT_URL"].format(slug=event.slug)
        event.save_as = f"{event.url}index.html"
        event.ics_url = conf["EVENT_ICS_URL"].format(slug=event.slug)
        if event.ics_url == conf["EVENTS_CALENDAR_URL"]:
            problems.append(
                Problem(
                    record.source_path,
                    record.lines.get("slug", 1),
                    _(
                        "event slug '{slug}' would overwrite the calendar of "
                        "every event ({calendar}); rename the file or give it "
                        "another Slug"
                    ).format(slug=event.slug, calendar=conf["EVENTS_CALENDAR_URL"]),
                )
            )
            continue
        events.append(event)
    return sorted(events, key=sort_key), problems


def check_events(model, settings):
    # The content check of `invoke check` and of every build (content_model).
    return scheduled_events(model, plugin_settings(settings))[1]


def link_agencies(agencies, events):
    """Set `related["events"]` on each agency: the events naming it in OPD."""
    for agency in agencies.values():
        agency.related["events"] = [e for e in events if agency in e.agencies]


class EventsGenerator(Generator):
    """Write the agenda, the event pages and their iCalendar files."""

    def generate_context(self):
        conf = plugin_settings(self.settings)
        # The problems were reported by the content check before any generator
        # ran (check_events); an event with one is left out here.
        self.events, _problems = scheduled_events(self.context[MODEL_KEY], conf)
        self.context[EVENTS_KEY] = self.events
        link_agencies(self.context[MODEL_KEY].agencies, self.events)

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        siteurl = self.settings.get("SITEURL", "")
        agenda = ("Agenda", conf["EVENTS_URL"])
        writer.write_file(
            f"{conf['EVENTS_URL']}index.html",
            self.get_template("agenda"),
            self.context,
            days=by_day(self.events),
            calendar_url=conf["EVENTS_CALENDAR_URL"],
            webcal_url=webcal_url(siteurl, conf["EVENTS_CALENDAR_URL"]),
            page_name="agenda",
            url=conf["EVENTS_URL"],
            breadcrumbs=[agenda],
        )
        write_records(
            writer,
            self.get_template("event"),
            self.context,
            self.events,
            "event",
            [agenda],
            agenda_url=conf["EVENTS_URL"],
            page_name="agenda",
        )
        self.write_calendars(conf, siteurl)

    def write_calendars(self, conf, siteurl):
        # Not HTML: the writer's template machinery does not apply.
        domain = conf["EVENTS_UID_DOMAIN"]
        name = conf["EVENTS_CALENDAR_NAME"]
        prodid = conf["EVENTS_PRODID"]
        # One VTIMEZONE per zone for the whole build, shared by every calendar.
        timezones = {}
        whole = calendar(self.events, name, prodid, siteurl, domain, timezones)
        write_output(self.output_path, conf["EVENTS_CALENDAR_URL"], whole)
        for event in self.events:
            single = calendar(
                [event],
                calendar_name(event.title, name),
                prodid,
                siteurl,
                domain,
                timezones,
            )
            write_output(self.output_path, event.ics_url, single)


def get_generators(pelican):
    return EventsGenerator


def register():
    signals.get_generators.connect(get_generators)
    content_checks.connect(check_events)
