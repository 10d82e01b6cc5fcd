"""Corrections (ralat) and withdrawals (pencabutan) of releases and remarks.

Reads the `Correction` and `Withdrawn` header lines (`content_model.corrections`
parses and checks them) and, following the press council's guideline for
online media (Pedoman Pemberitaan Media Siber, Dewan Pers 2012):

- a correction stays linked to the item it corrects, with its time: the item
  gets `corrections` (newest first) and its `modified` moves to the latest
  notice, so the page, JSON-LD `dateModified`, the sitemap and the feeds'
  updated dates all follow; /ralat/ lists every notice, newest first;
- a withdrawn item keeps its URL and says when and why it was withdrawn, and
  its text, summary, lead image and quotes are removed, with the static files
  nothing else uses (the guideline lets a newsroom remove a story only for a
  stated reason, announced to the public).
  It leaves every listing (home, news, tags, categories, authors, archives,
  agencies, people), the sitemaps and the search index: it is moved to the
  hidden articles, which Pelican writes but lists nowhere. The feeds keep its
  entry, with the same id, saying that it was withdrawn.

Attributes set on every release and remarks article:
    corrections (list of Notice, newest first), withdrawn (Notice or None),
    last_notice (the latest Notice or None)
Context: `withdrawn_articles` (withdrawn items that would otherwise be
published, for the feeds), `corrections_log` (every notice with its item,
newest first).

Signals (connected by the newsroom plugin): article_generator_pretaxonomy,
static_generator_finalized, get_generators.
Settings:
    CORRECTIONS_URL  URL of the corrections index  ("ralat/")
"""

import html
import logging
import os
from dataclasses import dataclass

from common.context_keys import (
    CORRECTIONS_LOG_KEY,
    HELD_KEY,
    MODEL_KEY,
    WITHDRAWN_KEY,
)
from content_model.corrections import notices_of, withdrawal_html, withdrawal_text
from content_model.dates import as_wita
from i18n import _
from pelican.generators import Generator
from pelican_internals import ARTICLE_LISTS, forget_rendered, items_of

from .embargo import held_files, model_headers, published_references

log = logging.getLogger(__name__)

DEFAULTS = {"CORRECTIONS_URL": "ralat/"}
# Metadata of the withdrawn text that nothing may show any more.
WITHDRAWN_KEYS = ("image", "image_caption", "image_alt", "summary")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


@dataclass(frozen=True)
class LogEntry:
    """One line of /ralat/: a notice and the item it belongs to."""

    notice: object
    item: object


def attach_notices(article):
    """Set corrections, withdrawn and last_notice; move `modified` forward."""
    corrections, withdrawn = notices_of(article.header)
    article.corrections = sorted(
        corrections, key=lambda n: (n.when, n.line), reverse=True
    )
    article.withdrawn = withdrawn
    notices = [*corrections, *([withdrawn] if withdrawn else [])]
    article.last_notice = max(notices, key=lambda n: n.when, default=None)
    if article.last_notice is None:
        return
    # Pelican sets `modified` only on an item whose header has Modified.
    changed = as_wita(getattr(article, "modified", None) or article.date)
    if article.last_notice.when > changed:
        article.modified = article.last_notice.when
        article.metadata["modified"] = article.last_notice.when


def remove_text(article):
    """Replace a withdrawn item's text by the notice; drop its image and quotes."""
    notice = article.withdrawn
    label = article.kind_label
    article._content = withdrawal_html(notice, label)
    for key in WITHDRAWN_KEYS:
        article.metadata.pop(key, None)
        if key in vars(article):
            delattr(article, key)
    article.metadata["summary"] = html.escape(withdrawal_text(notice, label), False)
    article._summary = article.metadata["summary"]
    article.quotes = []
    forget_rendered(article)


def withdraw(published, hidden):
    """Return (published, hidden, withdrawn): withdrawn items moved to hidden."""
    withdrawn = [a for a in published if a.withdrawn]
    kept = [a for a in published if not a.withdrawn]
    for article in withdrawn:
        article.status = "hidden"
    return kept, [*hidden, *withdrawn], withdrawn


def corrections_log(articles):
    """Return a LogEntry per notice of `articles`, newest first."""
    entries = []
    for article in articles:
        for notice in article.corrections:
            entries.append(LogEntry(notice, article))
        if article.withdrawn:
            entries.append(LogEntry(article.withdrawn, article))
    return sorted(
        entries,
        key=lambda e: (e.notice.when, str(e.item.url)),
        reverse=True,
    )


def apply_notices(generator):
    # After the embargo hold and before taxonomies: a withdrawn item must be
    # out of generator.articles before tags, categories, authors and archives
    # are built from it.
    for article in items_of(generator, ARTICLE_LISTS):
        attach_notices(article)
        if article.withdrawn:
            remove_text(article)
    generator.articles, generator.hidden_articles, withdrawn = withdraw(
        generator.articles, generator.hidden_articles
    )
    generator.context[WITHDRAWN_KEY] = withdrawn
    public = [*generator.articles, *withdrawn]
    generator.context[CORRECTIONS_LOG_KEY] = corrections_log(public)


def withdrawn_only_files(settings, model, withdrawn, held=()):
    """Return the static files that only withdrawn (or held) items refer to.

    Uses the embargo's resolver, so every reference form counts: Image and
    other header values, body links and images, `{static}`, absolute URLs.
    `held` are the sources the embargo holds: a file that a held and a
    withdrawn item share, and nothing published, goes too.
    """
    refs = published_references(model_headers(model), settings)
    gone = {a.relative_source_path.replace(os.sep, "/") for a in withdrawn}
    return set(held_files(refs, gone | set(held)))


def drop_withdrawn_static(generator):
    # Static files are known now and nothing is copied yet: a photo only a
    # withdrawn text used is withdrawn with it (it may be why it was).
    withdrawn = generator.context.get(WITHDRAWN_KEY) or []
    model = generator.context.get(MODEL_KEY)
    if not withdrawn or model is None:
        return

    held = generator.context.get(HELD_KEY) or {}
    gone = withdrawn_only_files(generator.settings, model, withdrawn, held)
    for path in drop_static_files(generator, gone):
        log.warning(
            _("newsroom: %s is used only by withdrawn items; not published"), path
        )


def drop_static_files(generator, paths):
    """Take the static files at `paths` out of the build; return their paths.

    `paths` are content-relative with '/'; the files leave both the
    generator's list and the `static_content` that `{static}` links resolve
    through. The withdrawal and the embargo hold back files this way.
    """
    kept = []
    dropped = []
    for static in generator.staticfiles:
        path = static.relative_source_path.replace(os.sep, "/")
        if path in paths:
            generator.context.get("static_content", {}).pop(
                static.relative_source_path, None
            )
            dropped.append(path)
            continue
        kept.append(static)
    generator.staticfiles[:] = kept
    return dropped


class CorrectionsIndexGenerator(Generator):
    """Write /ralat/: every correction and withdrawal, newest first."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        url = plugin_settings(self.settings)["CORRECTIONS_URL"]
        entries = self.context.get(CORRECTIONS_LOG_KEY, [])
        writer.write_file(
            f"{url}index.html",
            self.get_template("corrections"),
            self.context,
            corrections=entries,
            items=[entry.item for entry in entries],
            page_name="ralat",
            url=url,
            breadcrumbs=[("Ralat", url)],
        )


def get_generators(pelican):
    return CorrectionsIndexGenerator
