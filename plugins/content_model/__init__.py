"""Content model: reads and validates every content file before Pelican does.

Adds `context[MODEL_KEY]` (agencies, people, programs, events as `Record`s),
`context[KINDS_KEY]` (the kind registry by name, for templates; both keys are
named in common/context_keys.py), the kind, URL and template of each release or
remarks item, the header line numbers of every article, and the Jinja filters
for Indonesian dates (`tanggal`, `tanggal_pendek`, `bulan_tahun`, `pukul`, `iso`,
`rentang_tanggal`).

`check_content(settings)` is the one content check: every build runs it
first and `invoke check` runs it alone, so both report the same problems. Other
plugins add their checks by connecting to `content_checks` (blinker signal
"content_model_checks"): a receiver takes the Model (sender) and `settings`
and returns a list of `Problem`s.

Gives every page its `view` (view.ItemView) once it has described it; the
newsroom gives releases and remarks theirs.

Writes the pages of the record kinds no plugin of their own writes (pages.py:
galleries).

Signals: generator_init, get_generators, article_generator_context,
page_generator_context, article_generator_pretaxonomy; sends content_checks.
Settings:
    CONTENT_MODEL_STRICT  stop the build when content has errors  (True)
    CONTENT_MODEL_STRICT_WARNINGS  strict mode: every content warning is an
                          error (`invoke check --strict`)  (False)
    <NAME>_URL            URL pattern of an article kind whose URL holds no
                          date, e.g. REMARKS_URL  (the kind's `url` in
                          kinds.py, "sambutan/{slug}/"); dated kinds use
                          Pelican's ARTICLE_URL
    REMARKS_CATEGORY      category of remarks without a Category line, applied
                          by the newsroom plugin  ("Sambutan")
"""

import logging
import os

import markdown as markdown_lib
from blinker import signal

from i18n import ngettext
from pelican import signals
from pelican_internals import ARTICLE_LISTS, PAGE_LISTS, items_of
from sanitise.plugin import markup_check, policies
from sanitise.policy import Sanitised, clean

from . import dates, files, pages, view
from .frontmatter import read_header, split_list
from .kinds import BY_NAME, kind_of
from .model import (
    DELIVERIES,
    DIMENSIONS,
    KINDS,
    KINDS_KEY,
    MODEL_KEY,
    RECORD_FOLDERS,
    Model,
    PathDisplay,
    Problem,
    is_true,
)
from .reader import read_model
from .validate import sort_problems

log = logging.getLogger(__name__)

DEFAULTS = {
    "CONTENT_MODEL_STRICT": True,
    "CONTENT_MODEL_STRICT_WARNINGS": False,
    "REMARKS_CATEGORY": "Sambutan",
}
FILTERS = {
    "tanggal": dates.tanggal,
    "tanggal_pendek": dates.tanggal_pendek,
    "bulan_tahun": dates.bulan_tahun,
    "pukul": dates.pukul,
    "iso": dates.iso,
    "rentang_tanggal": dates.rentang_tanggal,
}

__all__ = [
    "DELIVERIES",
    "DIMENSIONS",
    "KINDS",
    "ContentErrors",
    "check_content",
    "content_checks",
    "Model",
    "KINDS_KEY",
    "MODEL_KEY",
    "Problem",
    "is_true",
    "read_model",
    "register",
    "split_list",
]

# Plugins' own content checks (see the module docstring).
content_checks = signal("content_model_checks")


class ContentErrors(Exception):
    """The content has errors; `problems` lists each as `path:line: message`."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        count = len(self.problems)
        heading = ngettext(
            "{count} content error:", "{count} content errors:", count
        ).format(count=count)
        super().__init__(f"{heading}\n{lines}")


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def markdown_renderer(settings, sanitised=False):
    """Return a str -> HTML function using the site's Markdown settings.

    With `sanitised`, the HTML is cleaned with the sanitise plugin's author
    policy (record bodies that are published); without, it is Markdown's own
    output, for checks that look for what the author wrote (references of
    embargoed items, the sanitiser's own report).
    """
    config = settings.get("MARKDOWN", {})
    extensions = list(config.get("extension_configs", {}))
    engine = markdown_lib.Markdown(
        extensions=extensions,
        extension_configs=config.get("extension_configs", {}),
        output_format=config.get("output_format", "html5"),
    )

    policy = policies(settings)[0] if sanitised else None

    def render(text):
        html = engine.reset().convert(text)
        return Sanitised(clean(html, policy).html) if policy is not None else html

    return render


def check_content(settings, markup_folders=RECORD_FOLDERS):
    """Read and check the content named by PATH, with every plugin's checks.

    The one check of content: `invoke check` and every build call it, so they
    report the same problems. Returns the Model, `problems` sorted; with
    CONTENT_MODEL_STRICT_WARNINGS every warning is an error.

    The sanitiser's changes are checked here for `markup_folders` (None: every
    folder); a build leaves releases, remarks and pages to the fast_markdown
    reader, which reports them as it renders them (`invoke check` asks for
    every folder: it renders nothing else).
    """
    model = read_model(
        settings["PATH"],
        markdown_renderer(settings, sanitised=True),
        theme=settings.get("THEME"),
        markup=markup_check(
            settings, markdown_renderer(settings), folders=markup_folders
        ),
    )
    problems = list(model.problems)
    problems += files.code_problems(settings, PathDisplay(settings["PATH"]))
    for _receiver, found in content_checks.send(model, settings=settings):
        problems.extend(found or ())
    if plugin_settings(settings)["CONTENT_MODEL_STRICT_WARNINGS"]:
        for problem in problems:
            problem.severity = "error"
    model.problems = sort_problems(problems)
    return model


def load_model(settings):
    """Check the content (`check_content`) and log every problem."""
    model = check_content(settings)
    for problem in model.problems:
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, "content_model: %s", problem)
    return model


def attach_model(generator):
    # First generator built: nothing has been read yet, so stop here on errors.
    generator.env.filters.update(FILTERS)
    if MODEL_KEY in generator.context:
        return
    generator.context[KINDS_KEY] = BY_NAME
    model = load_model(generator.settings)
    generator.context[MODEL_KEY] = model
    strict = plugin_settings(generator.settings)["CONTENT_MODEL_STRICT"]
    # A link is never followed, strict or not: Pelican's readers would.
    if model.errors and (strict or any(map(files.is_link_problem, model.errors))):
        raise ContentErrors(model.errors)


def article_kind(metadata):
    """Return the Kind of an article: PATH_METADATA names its folder.

    Pelican reads articles only from ARTICLE_PATHS, so the folder is always
    there; a second call (the name already set) finds the same Kind.
    """
    return kind_of(metadata["kind"])


def route_article(generator, metadata):
    # Metadata is complete but the Article is not built yet: set the kind's
    # one spelling (its registry name), URL and template.
    kind = article_kind(metadata)
    metadata["kind"] = kind.name
    if "{date" in kind.url:
        # Pelican's ARTICLE_URL, which tests keep equal to the kind's.
        metadata.setdefault("template", kind.template)
        return
    pattern = generator.settings.get(f"{kind.name.upper()}_URL", kind.url)
    url = pattern.format(slug=metadata.get("slug", ""))
    metadata.setdefault("url", url)
    metadata.setdefault("save_as", f"{url}index.html")
    metadata.setdefault("template", kind.template)


def describe(item, model, content_path):
    """Attach header lines, the time flag and linked agencies to an item."""
    # read_model parsed every header before Pelican read anything.
    header = model.headers.get(item.relative_source_path.replace(os.sep, "/"))
    if header is None:
        header = read_header(os.path.join(content_path, item.relative_source_path))
    item.header = header
    raw_date = header.get("date")
    item.date_has_time = False
    if raw_date:
        try:
            item.date_has_time = dates.parse_date(raw_date)[1]
        except dates.DateError:
            item.date_has_time = False
    item.opd_slugs = split_list(header.get("opd"))
    item.agencies = [
        model.agencies[slug] for slug in item.opd_slugs if slug in model.agencies
    ]


def describe_articles(generator):
    # Before tags and categories are built, so later plugins may still filter.
    model = generator.context.get(MODEL_KEY) or Model()
    for item in items_of(generator, ARTICLE_LISTS):
        describe(item, model, generator.path)


def describe_pages(generator):
    # Pages are final: this is their one view (see view.py).
    model = generator.context.get(MODEL_KEY) or Model()
    for item in items_of(generator, PAGE_LISTS):
        describe(item, model, generator.path)
        view.attach(item, view.page_view(item))


def register():
    signals.generator_init.connect(attach_model)
    signals.get_generators.connect(pages.get_generators)
    signals.article_generator_context.connect(route_article)
    signals.article_generator_pretaxonomy.connect(describe_articles)
    signals.page_generator_finalized.connect(describe_pages)
