"""The parallel_write plugin: the same site, made on several processes.

Pages and share images are rendered by the build's process and forked copies
of it. The output must be byte for byte what one process writes, every job
must run exactly once, and a failure in a copy must fail the build as it
would in one process.
"""

import filecmp
import logging
import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from conftest import ROOT, build, merged_content
from parallel_write.plugin import DeferredWriter, Work
from pelican.writers import Writer
from safe_build import BuildFailed

FIXTURES = ROOT / "tests" / "fixtures" / "content"


def tree(folder):
    """Return every file under `folder`, relative."""
    return sorted(p.relative_to(folder) for p in Path(folder).rglob("*") if p.is_file())


def test_the_site_is_byte_identical_on_one_and_on_three_processes(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content", FIXTURES)
    one = build(tmp_path / "one", content, PARALLEL_WRITE_PROCESSES=1)
    three = build(tmp_path / "three", content, PARALLEL_WRITE_PROCESSES=3)
    files = tree(one)
    assert files == tree(three)
    # Pages, share images, feeds, search index: everything the build writes.
    assert any(f.suffix == ".jpg" and "share" in f.as_posix() for f in files)
    assert len([f for f in files if f.suffix == ".html"]) > 20
    _, mismatch, errors = filecmp.cmpfiles(one, three, files, shallow=False)
    assert mismatch == [] and errors == []


def marking_job(folder, number, pause=0.005):
    """A job that leaves a file naming itself and the process that ran it."""

    def job():
        time.sleep(pause)
        mark = folder / f"{number}-{os.getpid()}"
        mark.touch(exist_ok=False)

    return job


def test_every_job_runs_exactly_once_and_the_copies_share_the_work(tmp_path):
    work = Work(processes=3)
    for number in range(60):
        work.defer(marking_job(tmp_path, number))
    work.run()
    marks = [p.name.split("-") for p in tmp_path.iterdir()]
    assert sorted(int(n) for n, _ in marks) == list(range(60))
    pids = {pid for _, pid in marks}
    assert str(os.getpid()) in pids
    assert len(pids) > 1
    assert work.jobs == []


def test_a_cancelled_job_does_not_run(tmp_path):
    work = Work(processes=2)
    work.defer(marking_job(tmp_path, 1))
    dropped = work.defer(marking_job(tmp_path, 2))
    work.cancel(dropped)
    work.run()
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["1"]


def test_the_steps_run_in_order_pages_then_started_then_late_then_end(tmp_path):
    work = Work(processes=3)
    seen = {}

    def now():
        return sorted(int(p.name.split("-")[0]) for p in tmp_path.iterdir())

    for number in range(20):
        work.defer(marking_job(tmp_path, 100 + number), late=True)
        work.defer(marking_job(tmp_path, number))
    work.after_pages(lambda: seen.setdefault("started", now()))
    work.at_end(lambda: seen.setdefault("end", now()))
    work.run()
    assert seen["started"] == list(range(20))
    assert seen["end"] == [*range(20), *range(100, 120)]


def test_what_was_started_is_finished_when_a_late_job_fails(tmp_path):
    work = Work(processes=1)
    finished = []

    def broken():
        raise ValueError("late job broke")

    work.defer(broken, late=True)
    work.at_end(lambda: finished.append(True))
    with pytest.raises(ValueError, match="late job broke"):
        work.run()
    assert finished == [True]


def test_the_queue_pickles_empty_as_pelicans_content_cache_needs():
    # Cached items hold the settings, and so the queue, which holds closures.
    work = Work(processes=2)
    work.defer(lambda: None)
    copy = pickle.loads(pickle.dumps(work))
    assert copy.jobs == [] and copy.processes == 2


def test_late_jobs_started_early_run_once_in_another_process(tmp_path):
    work = Work(processes=2)
    for number in range(30):
        work.defer(marking_job(tmp_path, 100 + number), late=True)
    crew = work.start_early()
    assert crew is not None and len(crew.children) == 1
    time.sleep(0.05)
    # The copy works before the build runs its queue.
    assert any(tmp_path.iterdir())
    for number in range(10):
        work.defer(marking_job(tmp_path, number))
    work.defer(marking_job(tmp_path, 200), late=True)
    work.run()
    marks = [p.name.split("-") for p in tmp_path.iterdir()]
    assert sorted(int(n) for n, _ in marks) == [*range(10), *range(100, 130), 200]
    # run() joined the early copy and reaped it.
    assert crew.children == [] and work.early is None


def test_an_abandoned_early_start_stops_writing(tmp_path):
    work = Work(processes=2)
    for number in range(200):
        work.defer(marking_job(tmp_path, number, pause=0.01), late=True)
    crew = work.start_early()
    time.sleep(0.1)
    work.abandon()
    assert crew.children == []
    written = len(list(tmp_path.iterdir()))
    time.sleep(0.1)
    assert 0 < written == len(list(tmp_path.iterdir())) < 200


def test_a_build_failing_after_the_early_start_leaves_nothing_behind(
    tmp_path, monkeypatch
):
    import feeds.plugin
    import images.plugin

    def broken(self, writer):
        raise RuntimeError("feeds broke on purpose")

    monkeypatch.setattr(feeds.plugin.FeedsGenerator, "generate_output", broken)
    # Slow cards: the early copy is still making them when the build fails.
    real = images.plugin.cards.draw_card

    def slow_card(spec):
        time.sleep(0.05)
        return real(spec)

    monkeypatch.setattr(images.plugin.cards, "draw_card", slow_card)
    content = merged_content(tmp_path / "content", ROOT / "content", FIXTURES)
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(BuildFailed, match="feeds broke on purpose"):
        build(site / "out", content, PARALLEL_WRITE_PROCESSES=2)
    # No copy goes on writing share images into the deleted staging folder.
    time.sleep(0.3)
    assert list(site.iterdir()) == []


def failing_in_copies(parent, how):
    def job():
        time.sleep(0.005)
        if os.getpid() == parent:
            return
        if how == "raise":
            raise ValueError("template broke on purpose")
        if how == "log":
            logging.getLogger("images").error("images: a card failed on purpose")
            return
        os.kill(os.getpid(), signal.SIGKILL)

    return job


def test_an_error_raised_in_a_copy_fails_the_run_with_its_message():
    work = Work(processes=2)
    for _ in range(40):
        work.defer(failing_in_copies(os.getpid(), "raise"))
    with pytest.raises(RuntimeError, match="template broke on purpose"):
        work.run()


def test_a_copy_killed_midway_fails_the_run():
    work = Work(processes=2)
    for _ in range(40):
        work.defer(failing_in_copies(os.getpid(), "kill"))
    with pytest.raises(RuntimeError, match="writing process failed"):
        work.run()


def test_what_a_copy_logs_is_logged_in_the_build_process(caplog):
    work = Work(processes=2)
    for _ in range(40):
        work.defer(failing_in_copies(os.getpid(), "log"))
    with caplog.at_level(logging.INFO):
        work.run()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and {r.name for r in errors} == {"images"}
    assert errors[0].getMessage() == "images: a card failed on purpose"


def test_an_error_logged_in_a_copy_fails_the_build(tmp_path, monkeypatch):
    # safe_build fails a build on any error logged, in whichever process.
    import images.plugin

    real = images.plugin.cards.draw_card
    parent = os.getpid()

    def draw_card(spec):
        if os.getpid() != parent:
            raise OSError("disk full on purpose")
        return real(spec)

    monkeypatch.setattr(images.plugin.cards, "draw_card", draw_card)
    content = merged_content(tmp_path / "content", ROOT / "content", FIXTURES)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("previous")
    with pytest.raises(BuildFailed, match="disk full on purpose"):
        # Many processes, so that some card is surely made in a copy.
        build(tmp_path / "out", content, PARALLEL_WRITE_PROCESSES=8)
    assert (tmp_path / "out" / "index.html").read_text() == "previous"


class FakeTemplate:
    def __init__(self, text):
        self.text = text

    def render(self, context):
        return f"{self.text} {context['output_file']}"


@pytest.mark.parametrize(
    "writes",
    [
        [("a.html", False), ("a.html", False)],
        [("a.html", True), ("a.html", True)],
        [("a.html", False), ("a.html", True)],
        [("a.html", True), ("a.html", False)],
    ],
)
def test_writing_a_file_twice_follows_pelicans_rules(tmp_path, writes):
    def outcome(writer_class, folder):
        work = Work(processes=2)
        settings = {
            "PAGINATED_TEMPLATES": {},
            "DEFAULT_PAGINATION": False,
            "parallel_write_work": work,
        }
        context = {"localsiteurl": ""}
        writer = writer_class(str(folder), settings=settings)
        try:
            for number, (name, override) in enumerate(writes):
                template = FakeTemplate(f"write {number}")
                writer.write_file(name, template, context, override_output=override)
        except RuntimeError as error:
            return "error", str(error).replace(str(folder), "")
        work.run()
        return "ok", (folder / "a.html").read_text()

    ours = outcome(DeferredWriter, tmp_path / "ours")
    pelicans = outcome(Writer, tmp_path / "pelican")
    assert ours == pelicans
