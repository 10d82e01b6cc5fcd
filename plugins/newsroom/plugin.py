"""Newsroom: press releases and remarks as the news flow of the site.

Marks each item's kind ("release" or "remarks") and advertorial flag, and puts
the latest items on the home page.

Signals: article_generator_pretaxonomy, article_generator_finalized.
Settings:
    HOME_LATEST  items listed on the home page  (6)
"""

import logging

from content_model import is_true

from pelican import signals

log = logging.getLogger(__name__)

DEFAULTS = {"HOME_LATEST": 6}
KIND_LABELS = {"release": "Siaran pers", "remarks": "Sambutan"}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def classify(article):
    """Set `kind`, `kind_label` and `advertorial` on an article."""
    article.kind = "remarks" if getattr(article, "kind", "") == "remarks" else "release"
    article.kind_label = KIND_LABELS[article.kind]
    article.advertorial = is_true(getattr(article, "advertorial", None))


def mark_articles(generator):
    # Before taxonomies: later steps (embargo, feeds) read these flags.
    for article in [*generator.articles, *generator.drafts]:
        classify(article)


def latest(articles, count):
    """Return the `count` newest articles."""
    return sorted(articles, key=lambda a: a.date, reverse=True)[:count]


def list_latest(generator):
    # Articles are final here and nothing has been rendered yet.
    conf = plugin_settings(generator.settings)
    generator.context["latest_items"] = latest(generator.articles, conf["HOME_LATEST"])


def register():
    signals.article_generator_pretaxonomy.connect(mark_articles)
    signals.article_generator_finalized.connect(list_latest)
