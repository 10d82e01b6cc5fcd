"""Agencies (OPD): an index of the city's agencies and a page for each.

Each agency page shows its profile and the releases and remarks linked to it
by their `OPD` metadata.

Signals: get_generators.
Settings:
    AGENCIES_URL       URL of the agency index  ("opd/")
    AGENCY_URL         URL pattern of one agency  ("opd/{slug}/")
    AGENCIES_LATEST    releases listed on an agency page  (10)
"""

import logging

from pelican import signals
from pelican.generators import Generator

log = logging.getLogger(__name__)

DEFAULTS = {
    "AGENCIES_URL": "opd/",
    "AGENCY_URL": "opd/{slug}/",
    "AGENCIES_LATEST": 10,
}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def items_by_agency(articles, agencies):
    """Return {agency slug: [articles naming it in OPD]}, newest first."""
    linked = {slug: [] for slug in agencies}
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        for slug in getattr(article, "opd_slugs", []):
            if slug in linked:
                linked[slug].append(article)
    return linked


def sorted_agencies(agencies):
    """Return agencies ordered by acronym, as readers look them up."""
    return sorted(
        agencies.values(), key=lambda a: (a.meta.get("acronym", a.slug)).lower()
    )


class AgenciesGenerator(Generator):
    """Write /opd/ and /opd/<slug>/ from the content model's agencies."""

    def generate_context(self):
        conf = plugin_settings(self.settings)
        model = self.context["content_model"]
        for agency in model.agencies.values():
            agency.url = conf["AGENCY_URL"].format(slug=agency.slug)
            agency.save_as = f"{agency.url}index.html"
        self.agencies = sorted_agencies(model.agencies)
        self.context["agencies"] = self.agencies

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        model = self.context["content_model"]
        linked = items_by_agency(self.context.get("articles", []), model.agencies)
        for agency in self.agencies:
            agency.related["items"] = linked[agency.slug]
            agency.related["head"] = model.people.get(agency.meta.get("head", ""))
        writer.write_file(
            f"{conf['AGENCIES_URL']}index.html",
            self.get_template("agencies"),
            self.context,
            agencies=self.agencies,
            page_name="opd",
            url=conf["AGENCIES_URL"],
            breadcrumbs=[("OPD & Program", conf["AGENCIES_URL"])],
        )
        template = self.get_template("agency")
        for agency in self.agencies:
            writer.write_file(
                agency.save_as,
                template,
                self.context,
                agency=agency,
                items=agency.related["items"][: conf["AGENCIES_LATEST"]],
                page_name="opd",
                url=agency.url,
                breadcrumbs=[
                    ("OPD & Program", conf["AGENCIES_URL"]),
                    (agency.meta.get("acronym", agency.title), agency.url),
                ],
            )


def get_generators(pelican):
    return AgenciesGenerator


def register():
    signals.get_generators.connect(get_generators)
