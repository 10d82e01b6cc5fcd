"""People (tokoh): an index of the people quoted or speaking, and a page each.

Each person's page shows their role and agency, the remarks they gave, and
their quotes under the release or remarks each comes from, linked. A long
record is paginated like the news list (PAGINATION_PATTERNS, so
/tokoh/<slug>/halaman/2/ and on): remarks and quotes, newest item first,
PEOPLE_PER_PAGE of them a page.

Sets `url` (and `photo_url` when the person has an Image) on every people
Record, so agency, remarks and quote markup can link to them, and `related`:
remarks, quotes as (quote, item) pairs, quoting releases, their pages'
entries, and agency.

Reads from the newsroom plugin: article.kind, article.speaker_id,
article.quotes.

Signals: initialized, get_generators.
Settings:
    PEOPLE_URL       URL of the people index  ("tokoh/")
    PERSON_URL       URL pattern of one person  ("tokoh/{slug}/")
    PEOPLE_PER_PAGE  remarks and quotes on one page of a person  (20)
"""

import logging

from common.context_keys import MODEL_KEY, PEOPLE_KEY
from content_model import Model
from content_model.kinds import BY_NAME
from content_model.model import write_pages
from pelican import signals
from pelican.generators import Generator
from pelican.paginator import Paginator

log = logging.getLogger(__name__)

DEFAULTS = {
    "PEOPLE_URL": BY_NAME["person"].index,
    "PERSON_URL": BY_NAME["person"].url,
    "PEOPLE_PER_PAGE": 20,
}
STATIC_PREFIXES = ("{static}", "{attach}", "|static|", "|attach|")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def check_settings(pelican):
    # Before any generator reads them: a bad value falls back to the default.
    per_page = plugin_settings(pelican.settings)["PEOPLE_PER_PAGE"]
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        default = DEFAULTS["PEOPLE_PER_PAGE"]
        log.error(
            "people: setting PEOPLE_PER_PAGE must be a whole number above 0, "
            "not %r; using %r",
            per_page,
            default,
        )
        pelican.settings["PEOPLE_PER_PAGE"] = default


def photo_url(image):
    """Return the site-relative URL of a person's Image value, or None."""
    text = str(image or "").strip()
    for prefix in STATIC_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    # An image on another host would be a request to it; only local files.
    if not text or "://" in text or text.startswith("//"):
        return None
    return text.lstrip("/")


def sorted_people(people):
    """Return people ordered by name, as readers look them up."""
    return sorted(people.values(), key=lambda p: (p.title.lower(), p.slug))


def newest_first(articles):
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)


def related_items(slug, articles):
    """Return what a person said: remarks, (quote, item) pairs, quoting releases.

    All newest first; quotes keep their order within an item. `entries` is
    what their pages list, in that order, as (section, item, quote or None):
    ("remarks", item, None) for remarks they gave, then ("remarks", item,
    quote) for their quotes in it; ("quoted", item, quote) for their quotes
    in any other item.
    """
    return related_to_people([slug], articles)[slug]


def related_to_people(slugs, articles):
    """Return `related_items` of each person slug, in one pass over `articles`."""
    found = {
        slug: {"remarks": [], "quotes": [], "releases": [], "entries": []}
        for slug in slugs
    }
    for article in newest_first(articles):
        view = article.view
        kind = view.kind
        speaker = view.speaker_id
        if kind == "remarks" and speaker in found:
            found[speaker]["remarks"].append(article)
            found[speaker]["entries"].append(("remarks", article, None))
        quoted = {}
        for quote in view.quotes:
            if quote.speaker_id in found:
                quoted.setdefault(quote.speaker_id, []).append(quote)
        for slug, theirs in quoted.items():
            related = found[slug]
            own = kind == "remarks" and speaker == slug
            section = "remarks" if own else "quoted"
            related["quotes"].extend((quote, article) for quote in theirs)
            related["entries"].extend((section, article, q) for q in theirs)
            if kind == "release":
                related["releases"].append(article)
    return found


def page_sections(entries):
    """Return what one page shows: {section: [(item, [quote])]}.

    "remarks" holds the remarks the person gave, "quoted" the other items
    quoting them, each with the person's quotes in it, in the entries' order.
    An item whose entries run onto the next page is shown on both.
    """
    sections = {"remarks": [], "quoted": []}
    for section, item, quote in entries:
        groups = sections[section]
        if not groups or groups[-1][0] is not item:
            groups.append((item, []))
        if quote is not None:
            groups[-1][1].append(quote)
    return sections


class PeopleGenerator(Generator):
    """Write /tokoh/ and /tokoh/<slug>/ from the content model's people."""

    def generate_context(self):
        # URLs are set before any page is written: agency and remarks pages
        # link to people.
        conf = plugin_settings(self.settings)
        model = self.context.get(MODEL_KEY) or Model()
        for person in model.people.values():
            person.url = conf["PERSON_URL"].format(slug=person.slug)
            person.save_as = f"{person.url}index.html"
            person.photo_url = photo_url(person.meta.get("image"))
        self.people = sorted_people(model.people)
        self.context[PEOPLE_KEY] = self.people

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        model = self.context.get(MODEL_KEY) or Model()
        articles = self.context.get("articles", [])
        related = related_to_people([p.slug for p in self.people], articles)
        for person in self.people:
            person.related.update(related[person.slug])
            agencies = person.list("opd")
            person.related["agency"] = (
                model.agencies.get(agencies[0]) if agencies else None
            )
        writer.write_file(
            f"{conf['PEOPLE_URL']}index.html",
            self.get_template("people"),
            self.context,
            people=self.people,
            url=conf["PEOPLE_URL"],
            breadcrumbs=[("Tokoh", conf["PEOPLE_URL"])],
        )
        template = self.get_template("person")
        for person in self.people:
            self.write_person(writer, template, person, conf)

    def write_person(self, writer, template, person, conf):
        """Write each page of one person."""
        entries = person.related["entries"]
        paginator = Paginator(
            person.save_as, person.url, entries, self.settings, conf["PEOPLE_PER_PAGE"]
        )

        def each(page):
            return {
                "person_sections": page_sections(page.object_list),
                # What the page lists, as on other listing pages: the sitemap
                # dates the page by its newest item.
                "items": list({id(e[1]): e[1] for e in page.object_list}.values()),
            }

        write_pages(
            writer,
            template,
            self.context,
            paginator,
            "person",
            each,
            person=person,
            breadcrumbs=[("Tokoh", conf["PEOPLE_URL"]), (person.title, person.url)],
        )


def get_generators(pelican):
    return PeopleGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
