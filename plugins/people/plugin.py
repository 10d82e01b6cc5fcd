"""People (tokoh): an index of the people quoted or speaking, and a page each.

Each person's page shows their role and agency, their remarks, the quotes
attributed to them with links back to the items, and the releases that quote
them. Sets `url` (and `photo_url` when the person has an Image) on every
people Record, so agency, remarks and quote markup can link to them.

Reads from the newsroom plugin: article.kind, article.speaker_id,
article.quotes.

Signals: get_generators.
Settings:
    PEOPLE_URL    URL of the people index  ("tokoh/")
    PERSON_URL    URL pattern of one person  ("tokoh/{slug}/")
"""

import logging

from content_model import Model
from pelican import signals
from pelican.generators import Generator

log = logging.getLogger(__name__)

DEFAULTS = {"PEOPLE_URL": "tokoh/", "PERSON_URL": "tokoh/{slug}/"}
STATIC_PREFIXES = ("{static}", "{attach}", "|static|", "|attach|")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


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

    All newest first; quotes keep their order within an item.
    """
    remarks, quotes, releases = [], [], []
    for article in newest_first(articles):
        kind = getattr(article, "kind", "release")
        if kind == "remarks" and getattr(article, "speaker_id", None) == slug:
            remarks.append(article)
        theirs = [
            q for q in getattr(article, "quotes", []) or [] if q.speaker_id == slug
        ]
        quotes.extend((quote, article) for quote in theirs)
        if theirs and kind == "release":
            releases.append(article)
    return {"remarks": remarks, "quotes": quotes, "releases": releases}


class PeopleGenerator(Generator):
    """Write /tokoh/ and /tokoh/<slug>/ from the content model's people."""

    def generate_context(self):
        # URLs are set before any page is written: agency and remarks pages
        # link to people.
        conf = plugin_settings(self.settings)
        model = self.context.get("content_model") or Model()
        for person in model.people.values():
            person.url = conf["PERSON_URL"].format(slug=person.slug)
            person.save_as = f"{person.url}index.html"
            person.photo_url = photo_url(person.meta.get("image"))
        self.people = sorted_people(model.people)
        self.context["people"] = self.people

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        model = self.context.get("content_model") or Model()
        articles = self.context.get("articles", [])
        for person in self.people:
            person.related.update(related_items(person.slug, articles))
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
            writer.write_file(
                person.save_as,
                template,
                self.context,
                person=person,
                url=person.url,
                breadcrumbs=[("Tokoh", conf["PEOPLE_URL"]), (person.title, person.url)],
            )


def get_generators(pelican):
    return PeopleGenerator


def register():
    signals.get_generators.connect(get_generators)
