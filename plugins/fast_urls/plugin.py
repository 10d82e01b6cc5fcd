"""Fast URLs: each article's and page's URL is worked out once, not per use.

Pelican computes `item.url` and `item.save_as` anew on every access: it copies
the item's metadata, finds the source's relative path and formats the URL
pattern. Templates ask for them many times per page (listings, canonical
links, sharing links, feeds, sitemaps), so at N = 2000 releases that is some
60,000 computations. Once every plugin has finished with the items, this
plugin stores each value in Pelican's own `override_url` and
`override_save_as` attributes (those that `URL:` and `Save_as:` metadata
set), which `get_url_setting` returns first. The URLs are the same; only the
repeated work goes.

Signals: article_generator_finalized, page_generator_finalized (this plugin
comes last in PLUGINS, so its receivers run after every other plugin's).
Settings: none.
"""

import logging

from pelican import signals
from pelican_internals import ARTICLE_LISTS, PAGE_LISTS, freeze_urls, items_of

log = logging.getLogger(__name__)


def freeze_article_urls(generator):
    # Last receiver of this signal: slugs, dates and status are final.
    freeze_urls(items_of(generator, ARTICLE_LISTS))


def freeze_page_urls(generator):
    freeze_urls(items_of(generator, PAGE_LISTS))


def register():
    signals.article_generator_finalized.connect(freeze_article_urls)
    signals.page_generator_finalized.connect(freeze_page_urls)
