"""Sanitise: every piece of HTML that reaches a page or a feed is allow-listed.

Content comes from many hands, so rendered HTML is cleaned by nh3 (ammonia),
never trusted and never scanned by hand (see `policy.py` for the policy):

1. The author pass: what Markdown renders from an author's file (the body and
   the `Summary` header) is cleaned right after Markdown, by the fast_markdown
   reader for releases, remarks and pages and by content_model for agencies,
   people, programs and events. Every change is reported at `path:line` in
   the Markdown: a WARNING, or an ERROR (a failed build) under
   SANITISE_STRICT. `invoke check` runs the same pass, so it reports what the
   build reports; `invoke check --strict` makes the changes errors.
2. The final pass: once every plugin has added its markup (images, the
   newsroom's rel="sponsored"), each item's content and summary and each
   record's content are cleaned again with the author policy plus our own
   trusted markup. On legitimate content it changes nothing (tested); a
   change here is reported like the author's.

Embeds: an `<iframe>` is kept only when its `src` is https on a host listed
in SANITISE_IFRAME_HOSTS; it is always given
`sandbox="allow-scripts allow-same-origin allow-presentation"` (the player
runs its script in its own origin, which is another site's, so same-origin
gives it nothing of ours; it may not open windows, submit forms or navigate
our page) and `loading="lazy"`, and keeps its `title` (its name for screen
readers). Any other iframe is removed and reported. A `<script>` is kept
only when it has no inline code and its `src` is listed exactly in
SANITISE_EMBED_SCRIPTS (vetted by the site team; empty by default).

Signals: initialized, all_generators_finalized.
Settings:
    SANITISE_STRICT        a change by the sanitiser fails the build  (False)
    SANITISE_IFRAME_HOSTS  hosts an iframe may embed, https only
                           (("www.youtube-nocookie.com",))
    SANITISE_EMBED_SCRIPTS exact script URLs content may load  (())
"""

import logging

from common.context_keys import MODEL_KEY
from common.paths import display_path
from i18n import _
from pelican import signals
from pelican_internals import ARTICLE_LISTS, PAGE_LISTS, forget_rendered

from .policy import Policy, Sanitised, clean
from .report import placed

log = logging.getLogger(__name__)

DEFAULTS = {
    "SANITISE_STRICT": False,
    "SANITISE_IFRAME_HOSTS": ("www.youtube-nocookie.com",),
    "SANITISE_EMBED_SCRIPTS": (),
}
# Every item list of the articles and pages generators, each name once.
ITEM_LISTS = tuple(dict.fromkeys(ARTICLE_LISTS + PAGE_LISTS))


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def valid_list(value, good):
    """Return `value` as a tuple of strings passing `good`, or None."""
    if isinstance(value, str) or not isinstance(value, (list, tuple, set)):
        return None
    if not all(isinstance(v, str) and v and good(v) for v in value):
        return None
    return tuple(value)


def checked_settings(settings, report=True):
    """Return this plugin's settings, each bad value defaulted (and logged)."""
    conf = plugin_settings(settings)
    hosts = valid_list(conf["SANITISE_IFRAME_HOSTS"], lambda v: "/" not in v)
    if hosts is None and report:
        log.error(
            "sanitise: SANITISE_IFRAME_HOSTS must be a list of host names; using %r",
            DEFAULTS["SANITISE_IFRAME_HOSTS"],
        )
    if hosts is None:
        hosts = DEFAULTS["SANITISE_IFRAME_HOSTS"]
    scripts = valid_list(
        conf["SANITISE_EMBED_SCRIPTS"], lambda v: v.startswith("https://")
    )
    if scripts is None and report:
        log.error(
            "sanitise: SANITISE_EMBED_SCRIPTS must be a list of https:// URLs; "
            "using %r",
            DEFAULTS["SANITISE_EMBED_SCRIPTS"],
        )
    if scripts is None:
        scripts = DEFAULTS["SANITISE_EMBED_SCRIPTS"]
    conf["SANITISE_IFRAME_HOSTS"] = tuple(h.lower() for h in hosts)
    conf["SANITISE_EMBED_SCRIPTS"] = tuple(scripts)
    return conf


def policies(settings):
    """Return (author policy, final policy) for the build's settings."""
    # Bad values were reported once, at `initialized`.
    conf = checked_settings(settings, report=False)
    author = Policy(
        own=False,
        iframe_hosts=tuple(conf["SANITISE_IFRAME_HOSTS"]),
        embed_scripts=tuple(conf["SANITISE_EMBED_SCRIPTS"]),
    )
    final = Policy(
        own=True,
        iframe_hosts=author.iframe_hosts,
        embed_scripts=author.embed_scripts,
    )
    return author, final


def severity(settings, strict=None):
    """Return "error" under strict mode, else "warning"."""
    if strict is None:
        strict = plugin_settings(settings)["SANITISE_STRICT"]
    return "error" if strict else "warning"


def author_pass(html, policy, source, first_line, where):
    """Return (clean HTML, [(line, message)]) for one rendered Markdown text.

    `source` is the Markdown the HTML came from, starting at `first_line`.
    """
    result = clean(html, policy)
    return result.html, placed(
        result.changes, source, first_line, where, policy.iframe_hosts
    )


class MarkupCheck:
    """Render an item's Markdown and report what the author pass removes.

    `render` turns Markdown into HTML (the site's Markdown settings); the
    check covers the content folders in `folders` (None: every folder).
    Calling it with a parsed header returns [(line, message)].
    """

    def __init__(self, render, policy, level="warning", folders=None):
        self.render = render
        self.policy = policy
        self.severity = level
        self.folders = folders

    def covers(self, folder):
        return self.folders is None or folder in self.folders

    def __call__(self, header, summary_keys=("summary",)):
        found = []
        html = self.render(header.body)
        found += author_pass(
            html, self.policy, header.body, header.body_line, _("the text")
        )[1]
        for key in summary_keys:
            value = header.get(key)
            if value:
                line = header.line(key)
                where = f"'{key.title()}'"
                found += [
                    (line, text)
                    for _line, text in author_pass(
                        self.render(value), self.policy, "", line, where
                    )[1]
                ]
        return found


def markup_check(settings, render, strict=None, folders=None):
    """Return the MarkupCheck of a build's (or `invoke check`'s) settings."""
    return MarkupCheck(
        render, policies(settings)[0], severity(settings, strict), folders
    )


def log_problems(problems, level):
    """Log (path, line, message) problems at `level` ("error" or "warning")."""
    number = logging.ERROR if level == "error" else logging.WARNING
    for path, line, text in problems:
        log.log(number, "sanitise: %s:%d: %s", path, line, text)


# --- the final pass ------------------------------------------------------------


def shown_path(item, settings):
    """Return the item's source path as authors know it."""
    return display_path(item.source_path, settings["PATH"])


def final_item(item, policy, path):
    """Clean one Pelican item's content and summary; return problems."""
    problems = []
    # content_model's view of the item (an item always has one here).
    header = item.view.header
    body, first = header.body, header.body_line or 1
    content = item._content
    if content and type(content) is not Sanitised:
        result = clean(content, policy)
        if result.html is not content:
            item._content = result.html
            forget_rendered(item)
        problems += [
            (path, line, text)
            for line, text in placed(
                result.changes, body, first, "the published text", policy.iframe_hosts
            )
        ]
    summary = item.metadata.get("summary")
    if summary and type(summary) is not Sanitised:
        result = clean(summary, policy)
        if result.html is not summary:
            item.metadata["summary"] = result.html
            if hasattr(item, "_summary"):
                item._summary = result.html
            forget_rendered(item)
        line = header.line("summary")
        problems += [
            (path, line, text)
            for _, text in placed(
                result.changes, "", line, "the published Summary", policy.iframe_hosts
            )
        ]
    return problems


def final_record(record, policy):
    """Clean one content-model record's content; return problems."""
    if not record.content or type(record.content) is Sanitised:
        return []
    result = clean(record.content, policy)
    record.content = result.html
    first = max(record.lines.values(), default=0) + 2
    return [
        (record.source_path, line, text)
        for line, text in placed(
            result.changes,
            record.body,
            first,
            "the published text",
            policy.iframe_hosts,
        )
    ]


def final_pass(generators):
    # Every generator has its items and every plugin its markup; nothing is
    # written yet (pages, feeds and the search index all come after this).
    if not generators:
        return
    settings = generators[0].settings
    _, policy = policies(settings)
    problems = []
    seen = set()
    for generator in generators:
        for name in ITEM_LISTS:
            for item in getattr(generator, name, None) or []:
                if id(item) in seen:
                    continue
                seen.add(id(item))
                problems += final_item(item, policy, shown_path(item, settings))
    model = generators[0].context.get(MODEL_KEY)
    records = model.records if model is not None else {}
    # Every record kind's records (galleries too), in the registry's order.
    for by_slug in records.values():
        for record in by_slug.values():
            problems += final_record(record, policy)
    log_problems(problems, severity(settings))


def check_settings(pelican):
    # Before any generator: report a bad setting once, at the start.
    checked_settings(pelican.settings)


def register():
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(final_pass)
