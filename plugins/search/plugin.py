"""Search: the /cari/ page and a Pagefind index of the published output.

The search page (template `search.html`) has a search form that works with
the small script `theme/js/cari.js` over Pagefind's JavaScript API, and a
plain link to the archives for readers without JavaScript. It is marked
`noindex` (a search page is no landing page) and left out of the sitemap.

Once Pelican has written everything, the bundled Pagefind binary (PyPI
`pagefind[bin]`) indexes the output folder: the staging folder that
safe_build swaps into place, so the index holds only what was published.
`stable.py` then rewrites the few index files Pagefind writes in a random
order, so that a rebuild of the same content gives the same bytes.
Only elements marked `data-pagefind-body` are indexed (the article element of
releases, remarks, programs and events, unless embargoed or withdrawn: a
withdrawn item's page keeps its URL but leaves search); the filters are
`jenis` (berita, sambutan, program, agenda) and `opd` (agency acronyms).

With the parallel_write plugin, Pagefind runs as part of its queue instead:
it starts once every page is written and indexes while the share images are
made; the build waits for it before `finalized`.

Development builds do not index (pelicanconf.py sets SEARCH_INDEX off), so an
edit reaches the browser without waiting for Pagefind; the search page then
says, in place of the form, that search works in `invoke preview` and
`invoke publish`. publishconf.py turns indexing on: preview and publish always
index the whole site, and a failed index fails their build.

Signals: get_generators (the search page), finalized (the index).
Context: search_url, search_bundle_url, search_index (whether this build
writes an index: the search page shows its form only then).
Settings:
    SEARCH_URL          URL of the search page  ("cari/")
    SEARCH_INDEX        run Pagefind after the build  (True; pelicanconf.py
                        turns it off, publishconf.py on)
    SEARCH_BUNDLE_DIR   Pagefind's folder in the output  ("pagefind")
    SEARCH_LANGUAGE     language of the index  (DEFAULT_LANG)
    SEARCH_TIMEOUT      seconds Pagefind may take  (300)
    SEARCH_PAGEFIND     the Pagefind program to run; "" means the binary of
                        pagefind[bin]  ("": the benchmark names a wrapper that
                        measures Pagefind's memory)
"""

import logging
import subprocess
from pathlib import Path

from content_model.kinds import search_filters
from i18n import _
from parallel_write.plugin import work_of
from pelican import signals
from pelican.generators import Generator

from .stable import UnstableIndex, stabilise

log = logging.getLogger(__name__)

DEFAULTS = {
    "SEARCH_URL": "cari/",
    "SEARCH_INDEX": True,
    "SEARCH_BUNDLE_DIR": "pagefind",
    "SEARCH_LANGUAGE": None,
    "SEARCH_TIMEOUT": 300,
    "SEARCH_PAGEFIND": "",
}


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    conf = {name: settings.get(name, value) for name, value in DEFAULTS.items()}
    conf["SEARCH_LANGUAGE"] = conf["SEARCH_LANGUAGE"] or settings.get(
        "DEFAULT_LANG", "id"
    )
    return conf


def pagefind_command(executable, site, conf):
    """Return the Pagefind command line that indexes the folder `site`."""
    return [
        str(executable),
        "--site",
        str(site),
        "--output-subdir",
        conf["SEARCH_BUNDLE_DIR"],
        "--force-language",
        conf["SEARCH_LANGUAGE"],
        "--quiet",
    ]


def pagefind_executable():
    """Return the path of the Pagefind binary, or None when it is missing."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    return get_executable()


def did_not_run(error):
    """Return the problem of a Pagefind that could not be started or finish."""
    return _("search: Pagefind did not run ({reason})").format(reason=error)


class PagefindRun:
    """One Pagefind run over the folder `site`: `start`, then `finish`."""

    def __init__(self, site, conf, executable=None):
        self.site = site
        self.conf = conf
        self.executable = (
            executable or conf.get("SEARCH_PAGEFIND") or pagefind_executable()
        )
        self.process = None
        self.problems = []

    def start(self):
        """Start Pagefind in the background (problems are kept for `finish`)."""
        if self.executable is None or not Path(self.executable).exists():
            self.problems.append(
                _(
                    "search: the Pagefind binary is missing; run "
                    "`.venv/bin/pip install -r requirements.txt` (pagefind[bin])"
                )
            )
            return
        command = pagefind_command(self.executable, self.site, self.conf)
        try:
            self.process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as error:
            self.problems.append(did_not_run(error))

    def finish(self):
        """Wait for Pagefind; return a list of problems (empty when fine)."""
        if self.process is None:
            return self.problems
        try:
            stdout, stderr = self.process.communicate(
                timeout=self.conf["SEARCH_TIMEOUT"]
            )
        except subprocess.TimeoutExpired as error:
            self.process.kill()
            self.process.communicate()
            return [did_not_run(error)]
        if self.process.returncode != 0:
            output = (stderr or stdout).strip()
            return [
                _("search: Pagefind failed (exit {code}): {output}").format(
                    code=self.process.returncode, output=output
                )
            ]
        if stdout.strip():
            log.debug("search: pagefind said: %s", stdout.strip())
        bundle = Path(self.site) / self.conf["SEARCH_BUNDLE_DIR"]
        if not (bundle / "pagefind-entry.json").is_file():
            return [
                _("search: Pagefind wrote no index to {folder}").format(folder=bundle)
            ]
        try:
            stabilise(bundle)
        except (UnstableIndex, OSError, ValueError, KeyError) as error:
            # The index works as written; only byte-identical rebuilds are lost.
            log.warning(
                _("search: the Pagefind index may differ between builds (%s)"), error
            )
        return []

    def finish_and_log(self):
        for problem in self.finish():
            log.error("%s", problem)


def run_pagefind(site, conf, executable=None):
    """Index `site` with Pagefind; return a list of problems (empty when fine)."""
    run = PagefindRun(site, conf, executable)
    run.start()
    return run.finish()


class SearchPageGenerator(Generator):
    """Write the search page at SEARCH_URL."""

    def generate_context(self):
        conf = plugin_settings(self.settings)
        plan_index(self)
        # Read by the seo plugin (the home page's SearchAction) and the theme.
        self.context["search_url"] = conf["SEARCH_URL"]
        self.context["search_bundle_url"] = f"{conf['SEARCH_BUNDLE_DIR']}/"
        self.context["search_index"] = bool(conf["SEARCH_INDEX"])

    def generate_output(self, writer):
        conf = plugin_settings(self.settings)
        url = conf["SEARCH_URL"]
        writer.write_file(
            f"{url}index.html",
            self.get_template("search"),
            self.context,
            page_name="cari",
            search_page=True,
            search_kinds=search_filters(),
            robots="noindex, follow",
            breadcrumbs=[("Cari", url)],
        )


def get_generators(pelican):
    return SearchPageGenerator


def plan_index(generator):
    # With parallel writing, Pagefind starts as soon as every page is written
    # and indexes while the share images are made; it is waited for before
    # `finalized`, so the index is complete when safe_build swaps.
    conf = plugin_settings(generator.settings)
    work = work_of(generator.settings)
    if conf["SEARCH_INDEX"] and work is not None:
        run = PagefindRun(generator.output_path, conf)
        work.after_pages(run.start)
        work.at_end(run.finish_and_log)


def index_output(pelican):
    # Everything is written (into safe_build's staging folder): index it,
    # unless the parallel writer's queue has done so already.
    conf = plugin_settings(pelican.settings)
    if not conf["SEARCH_INDEX"] or work_of(pelican.settings) is not None:
        return
    for problem in run_pagefind(pelican.output_path, conf):
        log.error("%s", problem)


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(index_output)
