"""Agencies (OPD) and their Smart City programs: index and page for each.

Writes /opd/ (every agency with acronym, head and number of programs),
/opd/<slug>/ (profile, programs by Smart City dimension, latest releases and
remarks linked by `OPD`), /program/ (every program under the six dimensions)
and /program/<slug>/ (the program, its agency and the releases naming it in
`Programs`).

What other plugins and templates read (set in generate_context, except the
article lists, set in generate_output once every plugin has filtered them):
    context["agencies"], context["programs"]   Records in display order
    agency.url, program.url                    "opd/slug/", "program/slug/"
    agency.related["programs"]                 its programs, by dimension
    agency.related["programs_by_dimension"]    [{slug, label, text, programs}]
    agency.related["items"], ["head"]          linked articles; head person
    program.related["agency"], ["dimension"]   agency Record; dimension label
    program.related["items"]                   releases naming it in Programs

Signals: get_generators.
Settings:
    AGENCIES_URL       URL of the agency index  ("opd/")
    AGENCY_URL         URL pattern of one agency  ("opd/{slug}/")
    AGENCIES_LATEST    releases listed on an agency page  (10)
    PROGRAMS_URL       URL of the program index  ("program/")
    PROGRAM_URL        URL pattern of one program  ("program/{slug}/")
"""

import logging
from types import MappingProxyType

from common.context_keys import AGENCIES_KEY, MODEL_KEY, PROGRAMS_KEY
from content_model import DIMENSIONS
from content_model.kinds import BY_NAME
from content_model.model import write_records
from pelican import signals
from pelican.generators import Generator

log = logging.getLogger(__name__)

DEFAULTS = {
    "AGENCIES_URL": BY_NAME["agency"].index,
    "AGENCY_URL": BY_NAME["agency"].url,
    "AGENCIES_LATEST": 10,
    "PROGRAMS_URL": BY_NAME["program"].index,
    "PROGRAM_URL": BY_NAME["program"].url,
}
# One sentence per dimension of the national "Gerakan Menuju 100 Smart City".
DIMENSION_TEXT = MappingProxyType(
    {
        "governance": (
            "Smart Governance menata pemerintahan agar efektif, efisien dan "
            "terbuka, dengan layanan publik yang didukung teknologi informasi."
        ),
        "branding": (
            "Smart Branding memperkenalkan dan memasarkan kota lewat inovasi agar "
            "daya saing daerah, termasuk pariwisata dan usahanya, makin kuat."
        ),
        "economy": (
            "Smart Economy membangun ekosistem ekonomi daerah yang produktif dan "
            "inovatif sehingga mampu menjawab tantangan era informasi."
        ),
        "living": (
            "Smart Living mewujudkan lingkungan tempat tinggal yang layak, nyaman "
            "dan sehat, dari layanan kesehatan hingga transportasi."
        ),
        "society": (
            "Smart Society menumbuhkan masyarakat yang melek digital, saling "
            "terhubung dan ikut berperan membangun kota."
        ),
        "environment": (
            "Smart Environment mengelola lingkungan dan sumber daya alam secara "
            "baik, bertanggung jawab dan berkelanjutan."
        ),
    }
)


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def items_by_agency(articles, agencies):
    """Return {agency slug: [articles naming it in OPD]}, newest first."""
    linked = {slug: [] for slug in agencies}
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        for slug in article.view.opd_slugs:
            if slug in linked:
                linked[slug].append(article)
    return linked


def items_by_program(articles, programs):
    """Return {program slug: [articles naming it in Programs]}, newest first."""
    linked = {slug: [] for slug in programs}
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        for slug in article.view.programs:
            if slug in linked and article not in linked[slug]:
                linked[slug].append(article)
    return linked


def sorted_agencies(agencies):
    """Return agencies ordered by acronym, as readers look them up."""
    return sorted(
        agencies.values(), key=lambda a: (a.meta.get("acronym", a.slug)).lower()
    )


def dimension_of(program):
    """Return the dimension slug of a program (lower-cased `Dimension`)."""
    return program.meta.get("dimension", "").strip().lower()


def sorted_programs(programs):
    """Return programs in dimension order, then by title."""
    order = {slug: index for index, slug in enumerate(DIMENSIONS)}
    return sorted(
        programs,
        key=lambda p: (order.get(dimension_of(p), len(order)), p.title.lower()),
    )


def programs_by_dimension(programs, keep_empty=False):
    """Group programs under the six dimensions, in the national order.

    Return a list of dicts with `slug`, `label`, `text` and `programs`; a
    dimension without programs is left out unless `keep_empty`.
    """
    groups = []
    for slug, label in DIMENSIONS.items():
        members = [p for p in sorted_programs(programs) if dimension_of(p) == slug]
        if members or keep_empty:
            groups.append(
                {
                    "slug": slug,
                    "label": label,
                    "text": DIMENSION_TEXT[slug],
                    "programs": members,
                }
            )
    return groups


def link_programs(agencies, programs):
    """Set `related["programs"]` on each agency and `related["agency"]` on programs."""
    for agency in agencies.values():
        agency.related["programs"] = []
    for program in sorted_programs(programs.values()):
        agency = agencies.get(program.meta.get("opd", "").strip())
        program.related["agency"] = agency
        program.related["dimension"] = DIMENSIONS.get(dimension_of(program), "")
        if agency is not None:
            agency.related["programs"].append(program)
    for agency in agencies.values():
        agency.related["programs_by_dimension"] = programs_by_dimension(
            agency.related["programs"]
        )


class AgenciesGenerator(Generator):
    """Write /opd/, /opd/<slug>/, /program/ and /program/<slug>/."""

    def generate_context(self):
        conf = plugin_settings(self.settings)
        model = self.context[MODEL_KEY]
        for agency in model.agencies.values():
            agency.url = conf["AGENCY_URL"].format(slug=agency.slug)
            agency.save_as = f"{agency.url}index.html"
        for program in model.programs.values():
            program.url = conf["PROGRAM_URL"].format(slug=program.slug)
            program.save_as = f"{program.url}index.html"
        link_programs(model.agencies, model.programs)
        self.agencies = sorted_agencies(model.agencies)
        self.programs = sorted_programs(model.programs.values())
        self.context[AGENCIES_KEY] = self.agencies
        self.context[PROGRAMS_KEY] = self.programs

    def generate_output(self, writer):
        # Articles are read here, after every plugin (embargo) has filtered them.
        conf = plugin_settings(self.settings)
        model = self.context[MODEL_KEY]
        articles = self.context.get("articles", [])
        by_agency = items_by_agency(articles, model.agencies)
        by_program = items_by_program(articles, model.programs)
        for agency in self.agencies:
            agency.related["items"] = by_agency[agency.slug]
            agency.related["head"] = model.people.get(agency.meta.get("head", ""))
        for program in self.programs:
            program.related["items"] = by_program[program.slug]
        self.write_agencies(writer, conf)
        self.write_programs(writer, conf)

    def write_agencies(self, writer, conf):
        index = ("OPD & Program", conf["AGENCIES_URL"])
        writer.write_file(
            f"{conf['AGENCIES_URL']}index.html",
            self.get_template("agencies"),
            self.context,
            agencies=self.agencies,
            programs_url=conf["PROGRAMS_URL"],
            page_name="opd",
            url=conf["AGENCIES_URL"],
            breadcrumbs=[index],
        )
        write_records(
            writer,
            self.get_template("agency"),
            self.context,
            self.agencies,
            "agency",
            [index],
            label=lambda agency: agency.meta.get("acronym", agency.title),
            each=lambda agency: {
                "items": agency.related["items"][: conf["AGENCIES_LATEST"]]
            },
            programs_url=conf["PROGRAMS_URL"],
            page_name="opd",
        )

    def write_programs(self, writer, conf):
        index = ("Program Smart City", conf["PROGRAMS_URL"])
        writer.write_file(
            f"{conf['PROGRAMS_URL']}index.html",
            self.get_template("programs"),
            self.context,
            dimensions=programs_by_dimension(self.programs, keep_empty=True),
            programs_url=conf["PROGRAMS_URL"],
            page_name="opd",
            url=conf["PROGRAMS_URL"],
            breadcrumbs=[("OPD & Program", conf["AGENCIES_URL"]), index],
        )
        write_records(
            writer,
            self.get_template("program"),
            self.context,
            self.programs,
            "program",
            [("OPD & Program", conf["AGENCIES_URL"]), index],
            each=lambda program: {"items": program.related["items"]},
            programs_url=conf["PROGRAMS_URL"],
            page_name="opd",
        )


def get_generators(pelican):
    return AgenciesGenerator


def register():
    signals.get_generators.connect(get_generators)
