"""Every command of the newsroom: `invoke --list` shows them."""

import datetime as dt
import json
import logging
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from content_model.dates import WITA  # noqa: E402
from i18n import _, activate, ngettext  # noqa: E402
from safe_build import BuildFailed, build_site, load_settings  # noqa: E402

DEV_CONF = ROOT / "pelicanconf.py"
PUBLISH_CONF = ROOT / "publishconf.py"
HOST = "127.0.0.1"
PORT = 8000
# The gettext catalogs of the messages (see the i18n plugin).
LOCALE = ROOT / "locale"


class BuildStopped(Exit):
    """A build failed (exit code 1); `problems` lists what stopped it."""

    def __init__(self, problems):
        super().__init__(code=1)
        self.problems = list(problems)


def _logging(verbose=False):
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(message)s",
    )


def pelican_build(conf=DEV_CONF, overrides=None, verbose=False, force=False):
    """Build the site with `conf`; the one place every Pelican run goes through.

    Nothing is built when nothing changed since the last build of the same
    output (see safe_build); `force` always builds.
    """
    _logging(verbose)
    os.chdir(ROOT)
    # A build that is skipped starts no Pelican: choose the language here too.
    activate(load_settings(conf, overrides))
    try:
        report = build_site(conf, overrides, force=force)
    except BuildFailed as failure:
        count = len(failure.problems)
        print(
            ngettext(
                "Build failed; {count} problem:",
                "Build failed; {count} problems:",
                count,
            ).format(count=count),
            file=sys.stderr,
        )
        for problem in failure.problems:
            print(f"  {problem}", file=sys.stderr)
        print(_("output/ was left as it was."), file=sys.stderr)
        raise BuildStopped(failure.problems) from None
    if report.skipped:
        print(
            _(
                "Nothing changed; {output} is up to date (checked in {seconds} s; "
                "`invoke rebuild` forces a build)."
            ).format(output=report.output, seconds=f"{report.seconds:.1f}")
        )
    else:
        print(
            _("Built {output} in {seconds} s.").format(
                output=report.output, seconds=f"{report.seconds:.1f}"
            )
        )
    return report


@task
def build(c, verbose=False):
    """Build the development site into output/ (skipped when nothing changed)."""
    pelican_build(DEV_CONF, verbose=verbose)


@task
def rebuild(c, verbose=False):
    """Delete output/ and the content cache, then build from scratch."""
    settings = load_settings(DEV_CONF)
    shutil.rmtree(settings["CACHE_PATH"], ignore_errors=True)
    # The same settings as `invoke build` (no override), so the stamp it
    # leaves lets the next build skip. The whole output is replaced anyway:
    # safe_build builds into a fresh folder and swaps it in.
    pelican_build(DEV_CONF, verbose=verbose, force=True)


def local_siteurl(host, port, siteurl=""):
    """Return the address the pages are built for: where they are served."""
    if siteurl:
        return siteurl.rstrip("/")
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{int(port)}"


def built_for(conf, siteurl):
    """Return the overrides that build `conf` for `siteurl` (none if it is)."""
    return {} if load_settings(conf)["SITEURL"] == siteurl else {"SITEURL": siteurl}


def serve_folder(folder, host, port, siteurl):
    """Serve `folder` on host:port until Ctrl-C."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    server = RootedHTTPServer(str(folder), (host, int(port)), ComplexHTTPRequestHandler)
    print(
        _("Serving {folder} on {siteurl}/ (Ctrl-C stops)").format(
            folder=folder, siteurl=siteurl
        )
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


SERVE_HELP = {
    "host": "address to listen on (default 127.0.0.1, this computer only)",
    "port": "port to listen on (default 8000)",
    "siteurl": "address readers use, when not http://HOST:PORT (e.g. behind a proxy)",
}


@task(help=SERVE_HELP)
def serve(c, host=HOST, port=PORT, siteurl=""):
    """Build for http://HOST:PORT (skipped when nothing changed) and serve output/."""
    siteurl = local_siteurl(host, port, siteurl)
    report = pelican_build(DEV_CONF, built_for(DEV_CONF, siteurl))
    serve_folder(report.output, host, port, siteurl)


@task(help=SERVE_HELP)
def livereload(c, host=HOST, port=PORT, siteurl=""):
    """Rebuild on every change to content, theme, plugins or settings, and reload.

    While the build is broken, every address shows the list of problems
    instead of the site (never written into output/).
    """
    run_livereload(host, port, siteurl)


def run_livereload(host, port, siteurl, extra=None):
    """Run `invoke livereload`; `extra` settings override DEV_CONF's too."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.server import StaticFileHandler

    from safe_build.problem_page import STATUS, problem_page

    siteurl = local_siteurl(host, port, siteurl)
    overrides = {**built_for(DEV_CONF, siteurl), **(extra or {})}
    # The problems of the last build, or None when it succeeded: read by the
    # handler on every request, set by every rebuild.
    state = {"problems": None}

    def rebuild_quietly():
        try:
            pelican_build(DEV_CONF, overrides)
        except BuildStopped as stopped:
            state["problems"] = stopped.problems
            print(_("Fix the problems above; the browser lists them until then."))
        else:
            state["problems"] = None

    class SiteOrProblems(StaticFileHandler):
        """The site, or while the build is broken the page of its problems."""

        async def get(self, path, include_body=True):
            problems = state["problems"]
            if problems is None:
                return await super().get(path, include_body)
            self.set_status(STATUS)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(problem_page(problems).encode("utf-8"))

    def rebuild_and_tell():
        was_broken = state["problems"] is not None
        rebuild_quietly()
        if (state["problems"] is not None) != was_broken:
            # livereload skips a reload that comes within 3 s of the last
            # one (or of its start); a build that breaks or mends the site
            # must reach the browser whenever it happens.
            LiveReloadHandler.reload_waiters()

    rebuild_quietly()
    server = Server()
    server.SFH = SiteOrProblems
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "*.py"):
        server.watch(pattern, rebuild_and_tell)
    settings = load_settings(DEV_CONF, overrides)
    print(
        _("Serving {folder} on {siteurl}/ (Ctrl-C stops)").format(
            folder=settings["OUTPUT_PATH"], siteurl=siteurl
        )
    )
    server.serve(host=host, port=int(port), root=settings["OUTPUT_PATH"])


@task(
    help={
        "port": "port of the site with the editor at /admin/ (8000)",
        "api_port": "port of the CMS's local backend, decap-server (8081)",
    }
)
def cms(c, host=HOST, port=PORT, api_port=8081):
    """Edit in the browser at /admin/: Decap CMS's local backend plus livereload.

    decap-server (npm, pinned in package-lock.json) writes what the editor
    saves into content/ of this working copy; every save rebuilds the site.
    """
    import subprocess

    node = shutil.which("node")
    server_js = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    if node is None or not server_js.is_file():
        activate(load_settings(DEV_CONF))
        raise Exit(_("decap-server is missing; run `npm ci --ignore-scripts`"), code=1)
    env = {
        **os.environ,
        "PORT": str(api_port),
        "BIND_HOST": host,
        "GIT_REPO_DIRECTORY": str(ROOT),
        "MODE": "fs",
    }
    backend = subprocess.Popen([node, str(server_js)], env=env)
    extra = {"CMS_ADMIN": True, "CMS_LOCAL_BACKEND": f"http://{host}:{api_port}/api/v1"}
    try:
        print(_("Editor: {url}/admin/").format(url=local_siteurl(host, port, "")))
        run_livereload(host, port, "", extra)
    finally:
        backend.terminate()
        backend.wait(timeout=10)


@task(help={**SERVE_HELP, "serve": "serve the result after building (default)"})
def preview(c, host=HOST, port=PORT, siteurl="", serve=True, verbose=False):
    """Build the live site (publishconf.py) for http://HOST:PORT and serve it.

    Everything comes from publishconf.py except SITEURL, the local address,
    so links, the stylesheet and feeds work in a browser here. No deploy.
    """
    siteurl = local_siteurl(host, port, siteurl)
    report = pelican_build(PUBLISH_CONF, {"SITEURL": siteurl}, verbose=verbose)
    if serve:
        serve_folder(report.output, host, port, siteurl)


@task(
    help={
        "force": "publish even though content/ has uncommitted changes",
        "dry_run": "build and check, then show what would be deployed "
        "(rsync --dry-run); deploy nothing, ping nothing",
        "when_due": "publish only when something changed or an embargo lifted "
        "since the last publish (for a timer); otherwise say so and exit 0",
    }
)
def publish(c, force=False, dry_run=False, when_due=False):
    """Build with publishconf.py, check it, then deploy by rsync or ghp-import."""
    from newsroom.embargo import leak_report
    from publishing import (
        PublishRefused,
        content_key,
        deploy_command,
        dry_run_command,
        due_reasons,
        make_state,
        next_change,
        nothing_due_message,
        publish_now,
        read_state,
        refuse_reasons,
        stamp_changes_at,
        state_path,
        write_state,
    )

    # As every build does: the working folder is part of the inputs' digest.
    os.chdir(ROOT)
    settings = load_settings(PUBLISH_CONF)
    activate(settings)
    # Tools, target, address and clock are checked before anything is built.
    reasons = refuse_reasons(ROOT, force=force, settings=settings)
    if reasons:
        for reason in reasons:
            print(_("Not publishing: {reason}").format(reason=reason), file=sys.stderr)
        raise Exit(code=1)
    now = publish_now(settings)
    record = state_path(settings)
    # Taken before the build reads anything: an edit made meanwhile gives
    # another key, so the next run publishes it.
    key = content_key(PUBLISH_CONF, settings)
    if when_due:
        state = read_state(record)
        due = due_reasons(state, key, now)
        if not due:
            print(nothing_due_message(state))
            return
        print(_("Publishing: {reasons}").format(reasons="; ".join(due)))
    # Only this fresh, successful build is deployed: a failed build exits here.
    # Forced: what goes live is built now, never an output that a stamp only
    # vouches for by paths, sizes and mtimes.
    report = pelican_build(PUBLISH_CONF, force=True)
    # A last check on the files themselves, not on Pelican's state.
    leaks = leak_report(
        report.settings["PATH"], report.output, now, settings=report.settings
    )
    if leaks:
        for leak in leaks:
            print(
                _("Not publishing: embargoed text found: {leak}").format(leak=leak),
                file=sys.stderr,
            )
        raise Exit(code=1)
    try:
        command = deploy_command(report.settings)
    except PublishRefused as error:
        raise Exit(_("Not publishing: {reason}").format(reason=error), code=1) from None
    if dry_run:
        rehearsal = dry_run_command(command)
        if rehearsal is None:
            print(
                _("Dry run; would deploy with: {command}").format(
                    command=shlex.join(command)
                )
            )
        else:
            print(
                _("Dry run; nothing is deployed: {command}").format(
                    command=shlex.join(rehearsal)
                )
            )
            c.run(shlex.join(rehearsal), pty=False)
        print(_("Dry run: no hub pinged, nothing recorded as published."))
        return
    print(_("Deploying: {command}").format(command=shlex.join(command)))
    c.run(shlex.join(command), pty=False)
    upcoming = next_change(
        report.settings["PATH"], now, stamp_changes_at(report.settings)
    )
    if record is not None:
        write_state(record, make_state(key, now, upcoming))
    if upcoming is not None:
        print(_("Next embargo lifts at {moment}.").format(moment=upcoming.isoformat()))
    announce_feeds(report.settings, report.output)


def announce_feeds(settings, output):
    """Ping the WebSub hub for each feed changed since the last publish.

    A failed ping is reported and does not undo the deploy; the feeds count
    as announced only when the hub accepted every ping.
    """
    from feeds.websub import (
        changed_feeds,
        feed_digests,
        feed_urls,
        ping_hub,
        ping_refusal,
    )

    hub = settings.get("WEBSUB_HUB")
    if not hub:
        print(_("WebSub: no WEBSUB_HUB set; no hub pinged."))
        return
    refusal = ping_refusal(settings["SITEURL"])
    if refusal:
        print(refusal)
        return
    record = Path(settings["CACHE_PATH"]) / "websub-published.json"
    before = json.loads(record.read_text()) if record.exists() else {}
    now = feed_digests(output)
    urls = feed_urls(settings["SITEURL"], changed_feeds(before, now))
    if not urls:
        print(_("WebSub: no feed changed; no hub pinged."))
        return
    results = ping_hub(hub, urls, timeout=10)
    for result in results:
        print(f"WebSub: {result}", file=sys.stdout if result.ok else sys.stderr)
    if all(result.ok for result in results):
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(now, indent=1, sort_keys=True))
    else:
        print(
            _(
                "WebSub: the site is deployed; the hub was not told of every "
                "change. Run `invoke publish` again later to retry."
            ),
            file=sys.stderr,
        )


@task(
    help={
        "kind": "release, remarks, agency, program, person or event",
        "title": "the item's title (at most 250 characters)",
        "slug": "file name (default: from the title, at most 80 characters)",
    }
)
def new(c, kind, title="", slug=""):
    """Scaffold a content file with the right metadata and today's WITA date."""
    from content_model.scaffold import optional_keys, scaffold

    # `invoke new --help` reaches here as kind "--help": the kind is positional.
    if kind in ("-h", "--help"):
        show_help("new")
        return
    activate(load_settings(DEV_CONF))
    now = dt.datetime.now(WITA)
    try:
        path = scaffold(ROOT / "content", kind, title, now, slug=slug or None)
    except (ValueError, FileExistsError) as error:
        raise Exit(str(error), code=1) from None
    print(
        _("Created {path}; fill in the empty keys.").format(path=path.relative_to(ROOT))
    )
    print(
        _("Optional keys for this kind: {keys}").format(
            keys=", ".join(optional_keys(kind))
        )
    )


def show_help(name):
    """Print invoke's help of the task `name`."""
    from invoke import Program

    Program(namespace=None).run(["invoke", "--help", name], exit=False)


@task(
    help={
        "path": "content folder to check (default: PATH of pelicanconf.py)",
        "strict": "every warning is an error, markup the sanitiser removes too",
    }
)
def check(c, path="", strict=False):
    """Validate all content without building; list every problem."""
    from content_model.validate import format_problem, totals

    # CONTENT_MODEL_STRICT_WARNINGS and SANITISE_STRICT do the same in a build.
    strictly = {"CONTENT_MODEL_STRICT_WARNINGS": True, "SANITISE_STRICT": True}
    overrides = dict(strictly) if strict else {}
    if path:
        root = Path(path).resolve()
        if not root.is_dir():
            activate(load_settings(DEV_CONF))
            raise Exit(
                _("{path} is not a folder; give the content folder").format(path=path),
                code=2,
            )
        overrides["PATH"] = str(root)
    model = content_check(DEV_CONF, overrides)
    for problem in model.problems:
        print(format_problem(problem))
    print(totals(model.problems))
    if model.errors:
        raise Exit(code=1)


def content_check(conf, overrides=None):
    """Return the content model with every problem a build of `conf` reports.

    The same check the build runs first (content_model.check_content), with
    the same plugins registered, so both list the same problems.
    """
    from content_model import check_content
    from pelican import Pelican
    from safe_build import private_copy

    _logging()
    os.chdir(ROOT)
    settings = private_copy(load_settings(conf, overrides))
    Pelican(settings)  # registers the plugins: their checks join in
    # A build leaves the sanitiser's check of what Pelican reads to its
    # reader, which check does not run: here every folder is checked.
    return check_content(settings, markup_folders=None)


@task
def test(c, k="", browser=True):
    """Run the whole test suite (unit, site build, browser)."""
    args = ["-q"]
    if k:
        args += ["-k", k]
    if not browser:
        args += ["-m", "not browser"]
    c.run(shlex.join([sys.executable, "-m", "pytest", *args]), pty=False)


@task(
    help={
        "n": "comma-separated corpus sizes (releases)",
        "repeat": "builds of each side per size",
    }
)
def bench(c, n="500,2000,8000", repeat=3):
    """Benchmark our site against plain Pelican; write bench/results/latest.*."""
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--n", str(n)]
    c.run(shlex.join([*command, "--repeat", str(repeat)]), pty=False)


# --- Messages in Indonesian (gettext catalogs, managed with Babel) ------------
CATALOG_HELP = {"folder": "catalog folder (default: locale/ of this repository)"}


def pybabel(*args):
    """Run Babel's command line (`pybabel ARGS`) in this process."""
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "--quiet", *args])


def catalog_folder(folder):
    """Return the catalog folder: `folder`, or locale/ of the repository."""
    return Path(folder).resolve() if folder else LOCALE


@task(help=CATALOG_HELP)
def i18n_extract(c, folder=""):
    """Collect every message marked with _() or ngettext() into messages.pot."""
    locale = catalog_folder(folder)
    locale.mkdir(parents=True, exist_ok=True)
    # Paths in the template are relative to the repository; file names
    # without line numbers, sorted by message, so a moved line changes nothing.
    os.chdir(ROOT)
    pybabel(
        "extract",
        "--mapping-file=babel.cfg",
        f"--output-file={locale / 'messages.pot'}",
        "--add-location=file",
        "--sort-output",
        "--project=Bontang newsroom",
        "--copyright-holder=Diskominfo Bontang",
        "tasks.py",
        "plugins",
    )


@task(help=CATALOG_HELP)
def i18n_update(c, folder=""):
    """Merge messages.pot into each language's messages.po (new ones untranslated)."""
    from i18n import LANGUAGES

    locale = catalog_folder(folder)
    # English is the text in the code: every other language has a catalog.
    for language in (code for code in LANGUAGES if code != "en"):
        pybabel(
            "update",
            f"--input-file={locale / 'messages.pot'}",
            f"--output-dir={locale}",
            "--domain=messages",
            f"--locale={language}",
            "--init-missing",
            "--ignore-obsolete",
            "--previous",
        )


@task(help=CATALOG_HELP)
def i18n_compile(c, folder=""):
    """Compile each messages.po into the messages.mo that builds read."""
    from i18n import LANGUAGES
    from i18n.catalog import translation_problems

    locale = catalog_folder(folder)
    # A catalog with an untranslated, fuzzy or mistyped message is not
    # compiled: editors would read English or lose a placeholder.
    for language in (code for code in LANGUAGES if code != "en"):
        po = locale / language / "LC_MESSAGES" / "messages.po"
        problems = translation_problems(po)
        if problems:
            for problem in problems:
                print(f"{po}: {problem}", file=sys.stderr)
            raise Exit(code=1)
    pybabel("compile", f"--directory={locale}", "--domain=messages", "--statistics")
