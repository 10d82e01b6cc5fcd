"""Parallel writing: pages and share images are made on every core.

Pelican renders and writes each page on one core, the moment a generator asks
for it. This plugin supplies a Writer that, instead, decides at once what
Pelican decides (file names, pagination, the overwrite rules, the
`content_written` signal with the page's context) and keeps the rendering for
later. Other plugins hand it work of their own the same way (`defer`; the
images plugin gives it its share images, as `late` work that no page needs,
and the search plugin starts Pagefind as soon as the pages are written, so it
indexes while the share images are made). When every generator has asked for
its pages, the last generator runs the queue: the build's process and forked
copies of it take jobs from one shared counter until none is left. Forked
copies share the finished context, so nothing is pickled or read twice, and
the pages are byte for byte those Pelican would write.

A job that fails in a copy fails the build as it would in one process: its
error is logged in the build's own process, with every message the copy
logged, and a copy never outlives the build (it dies with it).

Signals: initialized (the queue lives in the build's settings dict, which
every generator, the writer and `finalized` receivers share), get_writer,
get_generators (a last generator runs the queue; this plugin must come last in
PLUGINS so that it runs after every generator that writes).
Settings:
    PARALLEL_WRITE_PROCESSES  processes writing, the build's own included;
                              0 means one per CPU the build may use  (0)
"""

import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import tempfile
import traceback

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join
from pelican.writers import Writer
from pelican_internals import claim_output, handle_record, page_contexts, write_page
from safe_build import on_build_failure

log = logging.getLogger(__name__)

DEFAULTS = {"PARALLEL_WRITE_PROCESSES": 0}
WORK_KEY = "parallel_write_work"
# Jobs taken from the shared counter at a time: few enough to balance the end
# of the queue, enough that the lock is not contended.
BATCH = 4
PR_SET_PDEATHSIG = 1


def plugin_settings(settings):
    """Return this plugin's settings, defaults filled in."""
    return {name: settings.get(name, value) for name, value in DEFAULTS.items()}


def process_count(settings):
    """Return how many processes write, the build's own included."""
    wanted = int(plugin_settings(settings)["PARALLEL_WRITE_PROCESSES"])
    if wanted > 0:
        return wanted
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class Work:
    """The build's deferred work, run in three steps by `run`.

    1. the jobs (callables without arguments) deferred without `late`: pages,
       less those the `select_pages` selectors leave out;
    2. the `after_pages` callbacks, in the build's process: every page is
       written by then (the search plugin starts Pagefind here);
    3. the `late` jobs (share images, which no page reads), while what step 2
       started runs beside them; then the `at_end` callbacks.

    `start_early` hands the late jobs queued so far to one forked copy at
    once, so that they are made while the build's own process still works
    alone (reading is over; generators are deciding their pages); step 3
    then joins that copy on the same jobs.
    """

    def __init__(self, processes):
        self.processes = processes
        self.jobs = []
        self.late = []
        self.started = []
        self.finishers = []
        self.selectors = []
        self.reporters = []
        self.early = None

    def __reduce__(self):
        # Pelican's content cache pickles items with the settings they hold;
        # queued work belongs to one build, so a copy comes back empty.
        return (Work, (self.processes,))

    def defer(self, job, late=False):
        """Queue `job`; return a handle to `cancel` it."""
        queue = self.late if late else self.jobs
        queue.append(job)
        return (late, len(queue) - 1)

    def cancel(self, handle):
        late, index = handle
        (self.late if late else self.jobs)[index] = None

    def after_pages(self, callback):
        self.started.append(callback)

    def at_end(self, callback):
        self.finishers.append(callback)

    def select_pages(self, selector):
        """Have `selector(jobs)` choose, from the step-1 jobs, those to run.

        It runs in the build's process once every generator has queued its
        pages, so it sees the final context (the incremental plugin keeps
        the pages whose inputs did not change).
        """
        self.selectors.append(selector)

    def report_from_copies(self, produce, receive):
        """Have each forked copy of step 1 send `produce()` to `receive(data)`.

        `produce` runs in the copy once its jobs are done (what it recorded
        while rendering); `receive` runs in the build's process.
        """
        self.reporters.append((produce, receive))

    def start_early(self):
        """Start the late jobs queued so far in one forked copy; return it.

        Nothing starts with fewer than two processes, without fork, or with
        no late job; the build must `run` or `abandon` what started.
        """
        jobs = [job for job in self.late if job is not None]
        if self.early or self.processes < 2 or not jobs or not hasattr(os, "fork"):
            return None
        self.late = []
        self.early = Crew(jobs)
        self.early.hire(1)
        return self.early

    def abandon(self):
        """Stop what `start_early` started (the build failed)."""
        early, self.early = self.early, None
        if early is not None:
            early.abandon()

    def run(self):
        """Run the three steps; leave the queues empty."""
        jobs, late = self.jobs, self.late
        started, finishers = self.started, self.finishers
        self.jobs, self.late, self.started, self.finishers = [], [], [], []
        try:
            jobs = [job for job in jobs if job is not None]
            for selector in self.selectors:
                jobs = selector(jobs)
            self._run_jobs(jobs)
        except BaseException:
            self.abandon()
            raise
        try:
            for callback in started:
                callback()
            early, self.early = self.early, None
            if early is not None:
                # The early copy goes on; the rest join it on the same jobs.
                early.hire(max(0, self.processes - 1 - len(early.children)))
                early.join()
            self._run_jobs(late)
        finally:
            self.abandon()
            # What step 2 started is waited for, even when a late job failed.
            for callback in finishers:
                callback()

    def _run_jobs(self, jobs):
        jobs = [job for job in jobs if job is not None]
        copies = min(self.processes, len(jobs)) - 1
        if copies <= 0 or not hasattr(os, "fork"):
            for job in jobs:
                job()
            return
        crew = Crew(jobs, self.reporters)
        crew.hire(copies)
        crew.join()


def _die_with_parent():
    # Linux: a copy gets SIGKILL when the build's process ends, however it
    # ends, so no copy writes into a staging folder after its build is gone.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class _Forward(logging.Handler):
    """In a copy: keep every record logged, to replay in the build's process."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(
            (record.name, record.levelno, record.getMessage(), record.pathname)
        )


def _take(counter):
    with counter.get_lock():
        start = counter.value
        counter.value = start + BATCH
    return start


def _work_through(jobs, counter):
    while True:
        start = _take(counter)
        if start >= len(jobs):
            return
        for job in jobs[start : start + BATCH]:
            job()


def _child(jobs, counter, report, reporters=()):
    """Body of a forked copy: take jobs; leave the logged records in `report`.

    With them go the data of each reporter's `produce()`.
    """
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    forward = _Forward()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(forward)
    failed = False
    try:
        _work_through(jobs, counter)
    except BaseException:  # noqa: BLE001 - reported to the build's process
        failed = True
        forward.records.append(
            (__name__, logging.ERROR, traceback.format_exc().rstrip(), __file__)
        )
    produced = [] if failed else [produce() for produce, _ in reporters]
    pickle.dump((failed, forward.records, produced), report)
    report.flush()


def _replay(records):
    for name, level, message, pathname in records:
        logger = logging.getLogger(name)
        if logger.isEnabledFor(level):
            record = logger.makeRecord(name, level, pathname, 0, "%s", (message,), None)
            handle_record(logger, record)


class Crew:
    """Processes taking `jobs` from one shared counter until none is left.

    `hire` forks copies that start at once; `join` has the build's process
    take jobs too, then waits for every copy and fails as a job would.
    """

    def __init__(self, jobs, reporters=()):
        self.jobs = jobs
        self.reporters = list(reporters)
        self.counter = multiprocessing.get_context("fork").Value("q", 0)
        self.children = []

    def hire(self, copies):
        try:
            for _ in range(copies):
                report = tempfile.TemporaryFile()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - runs in the copy
                    code = 1
                    try:
                        _child(self.jobs, self.counter, report, self.reporters)
                        code = 0
                    finally:
                        os._exit(code)
                self.children.append((pid, report))
        except BaseException:
            self.abandon()
            raise

    def join(self):
        try:
            _work_through(self.jobs, self.counter)
        except BaseException:
            self.abandon()
            raise
        failures = _collect(self.children, self.reporters)
        self.children = []
        if failures:
            raise RuntimeError(
                "parallel_write: a writing process failed: " + "; ".join(failures)
            )

    def abandon(self):
        """Kill every copy and wait for it; what it logged is still replayed."""
        for pid, _report in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        children, self.children = self.children, []
        _collect(children)


def run_forked(jobs, copies):
    """Run `jobs` in this process and `copies` forked copies of it."""
    crew = Crew(jobs)
    crew.hire(copies)
    crew.join()


def _collect(children, reporters=()):
    """Wait for every copy; replay its records; return what failed.

    What each copy produced for `reporters` goes to their `receive`.
    """
    failures = []
    for pid, report in children:
        _, status = os.waitpid(pid, 0)
        report.seek(0)
        try:
            failed, records, produced = pickle.load(report)
        except (EOFError, pickle.UnpicklingError, ValueError):
            failed, records, produced = True, [], []
        finally:
            report.close()
        _replay(records)
        if not failed:
            for (_, receive), data in zip(reporters, produced, strict=False):
                receive(data)
        code = os.waitstatus_to_exitcode(status)
        if failed or code != 0:
            errors = [m for _, level, m, _ in records if level >= logging.ERROR]
            failures.append(errors[-1] if errors else f"process exited with {code}")
    return failures


def work_of(settings):
    """Return the build's Work queue, or None when this plugin is not loaded.

    It lives in the build's settings dict, which Pelican hands to every
    generator, the writer and the `finalized` receivers alike.
    """
    work = settings.get(WORK_KEY)
    return work if isinstance(work, Work) else None


def defer(settings, job, late=False):
    """Queue `job` with the build's deferred work, or run it now without it."""
    work = work_of(settings)
    if work is None:
        job()
    else:
        work.defer(job, late=late)


class PageJob:
    """Render one page: its template, its context, where it goes.

    `context` is the build's shared context the page's own was copied from
    (the incremental plugin tells the page's own values from it).
    """

    __slots__ = ("template", "localcontext", "context", "path", "relative")

    def __init__(self, template, localcontext, context, path, relative):
        self.template = template
        self.localcontext = localcontext
        self.context = context
        self.path = path
        self.relative = relative

    def __call__(self):
        # A new file, never one written in place: the staging folder may hold
        # a hard link to the previous output's file (incremental plugin).
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        write_page(self.template, self.localcontext, self.path, self.relative)


class DeferredWriter(Writer):
    """Pelican's Writer, with rendering and writing left to the queue."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._queued = {}

    def _enqueue(self, context, template, localcontext, name, override):
        work = work_of(self.settings)
        path = sanitised_join(self.output_path, name)
        if claim_output(self, path, override):
            earlier = self._queued.pop(path, None)
            if earlier is not None and work is not None:
                # The overriding page replaces the one queued before it.
                work.cancel(earlier)
            if localcontext["localsiteurl"]:
                context["localsiteurl"] = localcontext["localsiteurl"]
            job = PageJob(template, localcontext, context, path, name)
            if work is None:
                job()
            else:
                self._queued[path] = work.defer(job)
        # Pelican signals every page, a skipped one included.
        signals.content_written.send(path, context=localcontext)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Decide what Pelican's Writer.write_file writes; queue the rendering."""
        if not name:
            return
        for page_name, localcontext in page_contexts(
            self.settings,
            name,
            context,
            relative_urls,
            paginated,
            template_name,
            url,
            kwargs,
        ):
            self._enqueue(context, template, localcontext, page_name, override_output)


class ParallelWriteGenerator(Generator):
    """Runs the queued work once every other generator has asked for its pages.

    Its plugin comes last in PLUGINS, so this is the last generator before
    Pelican's StaticGenerator (which copies files and renders nothing).
    """

    def generate_context(self):
        pass

    def generate_output(self, writer):
        work = work_of(self.settings)
        if work is not None:
            work.run()


def open_queue(pelican):
    # First signal of a build; every generator and the writer see its settings.
    pelican.settings[WORK_KEY] = Work(process_count(pelican.settings))


def supply_writer(pelican):
    return DeferredWriter


def get_generators(pelican):
    return ParallelWriteGenerator


def start_share_images(generators):
    # Every generator has read its content and queued its share images; the
    # build's process now decides pages alone for a while, so one copy makes
    # share images meanwhile (a failed build stops it).
    if not generators:
        return
    work = work_of(generators[0].settings)
    if work is not None and work.start_early() is not None:
        on_build_failure(work.abandon)


def register():
    signals.initialized.connect(open_queue)
    signals.all_generators_finalized.connect(start_share_images)
    signals.get_writer.connect(supply_writer)
    signals.get_generators.connect(get_generators)
