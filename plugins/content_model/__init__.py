"""Content model: reads and validates every content file before Pelican does.

Adds `context["content_model"]` (agencies, people, programs, events as
`Record`s), the kind, URL and template of each release or remarks item, the
header line numbers of every article, and the Jinja filters for Indonesian
dates (`tanggal`, `tanggal_pendek`, `bulan_tahun`, `pukul`, `iso`,
`rentang_tanggal`).

Signals: generator_init, article_generator_context, page_generator_context,
article_generator_pretaxonomy.
Settings:
    CONTENT_MODEL_STRICT  stop the build when content has errors  (True)
    REMARKS_URL           URL pattern of a remarks item  ("sambutan/{slug}/")
    REMARKS_CATEGORY      category of remarks without a Category line, applied
                          by the newsroom plugin  ("Sambutan")
"""

import logging
import os

import markdown as markdown_lib

from pelican import signals
from sanitise.plugin import markup_check, policies
from sanitise.policy import Sanitised, clean

from . import dates, files
from .frontmatter import read_header, split_list
from .model import (
    DELIVERIES,
    DIMENSIONS,
    KINDS,
    RECORD_FOLDERS,
    Model,
    PathDisplay,
    Problem,
    is_true,
    read_model,
)
from .validate import sort_problems

log = logging.getLogger(__name__)

DEFAULTS = {
    "CONTENT_MODEL_STRICT": True,
    "REMARKS_URL": "sambutan/{slug}/",
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
    "Model",
    "Problem",
    "is_true",
    "read_model",
    "register",
    "split_list",
]


class ContentErrors(Exception):
    """The content has errors; `problems` lists each as `path:line: message`."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} content error(s):\n{lines}")


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


def load_model(settings):
    """Read and check the content tree named by PATH; log every problem.

    The sanitiser's changes to agencies, people, programs and events are
    reported here; the fast_markdown reader reports those of the others.
    """
    model = read_model(
        settings["PATH"],
        markdown_renderer(settings, sanitised=True),
        theme=settings.get("THEME"),
        markup=markup_check(
            settings, markdown_renderer(settings), folders=RECORD_FOLDERS
        ),
    )
    shown = PathDisplay(settings["PATH"])
    code = files.code_problems(settings, shown)
    if code:
        model.problems = sort_problems([*model.problems, *code])
    for problem in model.problems:
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, "content_model: %s", problem)
    return model


def attach_model(generator):
    # First generator built: nothing has been read yet, so stop here on errors.
    generator.env.filters.update(FILTERS)
    if "content_model" in generator.context:
        return
    model = load_model(generator.settings)
    generator.context["content_model"] = model
    strict = plugin_settings(generator.settings)["CONTENT_MODEL_STRICT"]
    # A link is never followed, strict or not: Pelican's readers would.
    if model.errors and (strict or any(map(files.is_link_problem, model.errors))):
        raise ContentErrors(model.errors)


def article_kind(metadata):
    """Return the content folder an article came from (from PATH_METADATA)."""
    return metadata.get("kind") or "press-releases"


def route_article(generator, metadata):
    # Metadata is complete but the Article is not built yet: set URL and template.
    conf = plugin_settings(generator.settings)
    if article_kind(metadata) != "remarks":
        metadata.setdefault("template", "press_release")
        return
    url = conf["REMARKS_URL"].format(slug=metadata.get("slug", ""))
    metadata.setdefault("url", url)
    metadata.setdefault("save_as", f"{url}index.html")
    metadata.setdefault("template", "remarks")


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
    model = generator.context.get("content_model") or Model()
    for item in [*generator.articles, *generator.drafts, *generator.hidden_articles]:
        describe(item, model, generator.path)


def describe_pages(generator):
    model = generator.context.get("content_model") or Model()
    for item in [*generator.pages, *generator.hidden_pages, *generator.draft_pages]:
        describe(item, model, generator.path)


def register():
    signals.generator_init.connect(attach_model)
    signals.article_generator_context.connect(route_article)
    signals.article_generator_pretaxonomy.connect(describe_articles)
    signals.page_generator_finalized.connect(describe_pages)
