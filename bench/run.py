"""Benchmark our full site against plain Pelican on the same Markdown corpus.

For each N it writes (or reuses) the deterministic corpus of bench/corpus.py
and, alternating in one run with the same Python and Pelican, builds it with

  (a) plain Pelican: default settings and theme, no plugins, only
      press-releases/ and remarks/ as articles (settings file in bench/work/);
  (b) our site: `safe_build.build_site` with pelicanconf.py, PATH and
      OUTPUT_PATH pointed at the corpus, and the complete search index that
      preview and publish write (SEARCH_INDEX on),

each in a fresh subprocess, so imports and memory count fairly. It reports the
median wall time, CPU time (user + sys of the child and its own children, from
os.wait4) and peak RSS: of the build's own process, of Pagefind's indexer
(run through a wrapper that reads its rusage) and of the largest process; and
the ratio b/a pair by pair. Then, with the development settings as they are
(`invoke build`: no search index) and Pelican's content cache on, a rebuild
with nothing changed and one after one release changed, timed against plain
Pelican's full build; and livereload's edit-to-page time: `invoke livereload`
runs on a copy of the corpus, a release file is changed, and the time until
the server returns the page with the change is taken. Results go to
bench/results/latest.json and latest.md; `--readme` pastes latest.md into the
README's benchmark section.

    python bench/run.py --n 500,2000 --repeat 3
    python bench/run.py --n 2000 --without fast_markdown,fast_urls  # a third side
    python bench/run.py --n 2000 --profile full     # cProfile (one process)
    python bench/run.py --readme                    # README table from latest.md

Timing is never asserted anywhere: numbers depend on the machine and its load.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus as corpus_mod  # noqa: E402

CONF = ROOT / "pelicanconf.py"
# The child's last stdout line starts with this, then JSON of what it measured.
SELF_MARK = "BENCH-SELF "
# The targets (ours / plain Pelican), at N = 2000 unless said.
TARGETS = {
    "full": 1.0,
    "full_aim": 0.55,
    "onechange": 0.15,
    "growth_8000_2000": 4.1,
    "rss": 1.5,
}
# Where `--readme` pastes latest.md in the README.
README_START = "<!-- bench results: start (python bench/run.py --readme) -->"
README_END = "<!-- bench results: end -->"
# Runs Pagefind for the build and leaves its peak RSS (MB) in the file that
# BENCH_PAGEFIND_PEAK names; the real binary is BENCH_PAGEFIND_REAL.
PAGEFIND_WRAPPER = """#!{python}
import os, subprocess, sys
process = subprocess.Popen([os.environ["BENCH_PAGEFIND_REAL"], *sys.argv[1:]])
_pid, status, usage = os.wait4(process.pid, 0)
with open(os.environ["BENCH_PAGEFIND_PEAK"], "w") as report:
    report.write(str(round(usage.ru_maxrss / 1024, 1)))
sys.exit(os.waitstatus_to_exitcode(status))
"""
PLAIN_SETTINGS = '''"""Plain Pelican for the benchmark: default settings and theme."""

SITENAME = "Benchmark"
TIMEZONE = "Asia/Makassar"
# Only releases and remarks are articles, as in our site; the rest of the
# corpus (agencies, people, programs, events) is data our plugins read.
ARTICLE_PATHS = ["press-releases", "remarks"]
PAGE_PATHS = ["pages"]
'''


# --- child side: one build in a fresh interpreter --------------------------------


def child_build(kind, content, output, cache=None, without=(), one_process=False):
    """Build `content` into `output` as `kind` ("plain", "full" or "dev").

    "full" is our site with the complete search index (as preview and publish
    build it); "dev" has pelicanconf.py's settings as they are (`invoke
    build`). `without` names plugins to leave out of our site. With
    `one_process` every page and Markdown file is rendered in this process
    (for a profile that sees all the work).
    """
    import logging

    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
    if kind == "plain":
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(
            str(plain_settings_file(Path(output).parent)),
            override={"PATH": str(content), "OUTPUT_PATH": str(output)},
        )
        Pelican(settings).run()
        return
    sys.path.insert(0, str(ROOT / "plugins"))
    from safe_build import BuildFailed, build_site

    # A cold build gets an empty cache folder of its own: plugins that cache
    # on their own (encoded images) must not reuse an earlier run's work.
    overrides = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": bool(cache),
        "LOAD_CONTENT_CACHE": bool(cache),
        "CACHE_PATH": str(cache or cold_cache_of(output)),
    }
    if one_process:
        overrides["PARALLEL_WRITE_PROCESSES"] = 1
        overrides["FAST_MARKDOWN_MIN_FILES"] = 10**9
    if kind == "full":
        overrides["SEARCH_INDEX"] = True
        overrides["SEARCH_PAGEFIND"] = str(pagefind_wrapper(Path(output).parent))
    if without:
        from pelican.settings import read_settings

        plugins = read_settings(str(CONF))["PLUGINS"]
        overrides["PLUGINS"] = [p for p in plugins if p not in without]
    try:
        build_site(CONF, overrides)
    except BuildFailed as failure:
        for problem in failure.problems:
            print(f"build failed: {problem}", file=sys.stderr)
        raise SystemExit(1) from None


def pagefind_wrapper(work):
    """Write the Pagefind wrapper into `work`; point it at the real binary."""
    from search.plugin import pagefind_executable

    real = pagefind_executable()
    if real is None:
        raise SystemExit("the Pagefind binary is missing (pagefind[bin])")
    os.environ["BENCH_PAGEFIND_REAL"] = str(real)
    os.environ["BENCH_PAGEFIND_PEAK"] = str(pagefind_peak_file(work))
    path = Path(work) / "pagefind-measured"
    path.write_text(PAGEFIND_WRAPPER.format(python=sys.executable), encoding="utf-8")
    path.chmod(0o755)
    return path


def pagefind_peak_file(work):
    return Path(work) / "pagefind-peak-mb"


def cold_cache_of(output):
    """Return the cache folder of a cold build into `output` (emptied before)."""
    return Path(output).parent / f"cache-cold-{Path(output).name}"


def child_main(args):
    os.chdir(ROOT)
    import resource

    without = [p for p in (args.without or "").split(",") if p]
    if args.profile:
        import cProfile

        # CPU time, not wall time: other work on the machine must not skew it.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        try:
            child_build(args.kind, args.content, args.output, args.cache, without, True)
        finally:
            profiler.disable()
            profiler.dump_stats(args.profile)
    else:
        child_build(args.kind, args.content, args.output, args.cache, without)
    # The build's own process, apart from helpers it ran (Pagefind, workers).
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measured = {"rss_self_mb": round(own, 1)}
    peak = pagefind_peak_file(Path(args.output).parent)
    if args.kind == "full" and peak.exists():
        measured["pagefind_mb"] = float(peak.read_text())
    print(f"{SELF_MARK}{json.dumps(measured)}")
    return 0


# --- parent side: run, time, summarise --------------------------------------------


def plain_settings_file(work):
    path = Path(work) / "plain_settings.py"
    if not path.exists() or path.read_text(encoding="utf-8") != PLAIN_SETTINGS:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PLAIN_SETTINGS, encoding="utf-8")
    return path


def ensure_corpus(n, corpus_root):
    """Write the corpus of `n` releases unless an identical one is there."""
    target = Path(corpus_root) / str(n)
    stamp = target / ".digest"
    digest = corpus_mod.corpus_digest(n)
    if stamp.exists() and stamp.read_text() == digest:
        return target
    corpus_mod.write_corpus(target, n)
    stamp.write_text(digest)
    return target


def measure(
    kind, content, output, work, cache=None, profile=None, fresh=True, without=""
):
    """Run one build in a subprocess; return its wall, CPU and peak memory."""
    if fresh and Path(output).exists():
        shutil.rmtree(output)
    pagefind_peak_file(Path(output).parent).unlink(missing_ok=True)
    if not cache:
        shutil.rmtree(cold_cache_of(output), ignore_errors=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_child",
        kind,
        "--content",
        str(content),
        "--output",
        str(output),
    ]
    if cache:
        command += ["--cache", str(cache)]
    if profile:
        command += ["--profile", str(profile)]
    if without:
        command += ["--without", without]
    log = Path(work) / f"last-{kind}.log"
    with open(log, "wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=sink, cwd=ROOT)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(
            f"{kind} build failed ({process.returncode}):\n"
            + log.read_text(encoding="utf-8", errors="replace")[-4000:]
        )
    measured = {
        "wall": round(wall, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "rss_mb": round(usage.ru_maxrss / 1024, 1),
    }
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(SELF_MARK):
            measured.update(json.loads(line[len(SELF_MARK) :]))
    return measured


def count_files(output):
    output = Path(output)
    html = sum(1 for _ in output.rglob("*.html"))
    total = sum(1 for p in output.rglob("*") if p.is_file())
    return {"html": html, "files": total}


def median_of(runs, key):
    return round(statistics.median(r[key] for r in runs), 3)


def summary(runs):
    if not runs:
        return {}
    keys = ("wall", "cpu", "rss_mb", "rss_self_mb", "pagefind_mb")
    keys = [k for k in keys if k in runs[0]]
    return {**{key: median_of(runs, key) for key in keys}, "runs": runs}


def touch_one_release(content, n, k):
    """Change one release's text (a new last paragraph); return (path, original)."""
    path = Path(content) / "press-releases" / f"rilis-{n // 2:05d}.md"
    original = path.read_text(encoding="utf-8")
    edited = original + f"\nPembaruan ke-{k}: keterangan ditambahkan redaksi.\n"
    path.write_text(edited, encoding="utf-8", newline="\n")
    return path, original


def bench_n(
    n,
    repeat,
    corpus_root,
    work,
    rebuilds=True,
    without="",
    livereload=True,
    say=print,
):
    """Benchmark one corpus size; return its results dict.

    With `without` (comma-separated plugins) a third side, our site without
    them, is built alternately too, to weigh what those plugins cost or save.
    """
    content = ensure_corpus(n, corpus_root)
    work = Path(work)
    sides = ["plain", "full", *(["without"] if without else [])]
    outputs = {side: work / f"out-{side}-{n}" for side in sides}
    load_before = os.getloadavg()
    runs = {side: [] for side in sides}
    ratios, lean_ratios = [], []
    for r in range(repeat):
        # Alternate the order, so drift in load hits every side alike.
        order = sides if r % 2 == 0 else sides[::-1]
        pair = {}
        for side in order:
            kind = "plain" if side == "plain" else "full"
            extra = without if side == "without" else ""
            pair[side] = measure(kind, content, outputs[side], work, without=extra)
            say(f"  N={n} run {r + 1}/{repeat} {side}: {pair[side]}")
            runs[side].append(pair[side])
        ratios.append(
            {
                key: round(pair["full"][key] / pair["plain"][key], 3)
                for key in ("wall", "cpu", "rss_mb")
            }
        )
        if without:
            lean_ratios.append(round(pair["full"]["wall"] / pair["without"]["wall"], 3))
    result = {
        "n": n,
        "plain": summary(runs["plain"]),
        "full": summary(runs["full"]),
        "ratio": {
            key: round(statistics.median(r[key] for r in ratios), 3)
            for key in ("wall", "cpu", "rss_mb")
        },
        "ratio_pairs": ratios,
        "output": {
            "plain": count_files(outputs["plain"]),
            "full": count_files(outputs["full"]),
        },
    }
    if without:
        result["without"] = {"plugins": without, **summary(runs["without"])}
        result["ratio"]["full_vs_without"] = round(statistics.median(lean_ratios), 3)
    if rebuilds:
        result.update(bench_rebuilds(n, repeat, content, work, say))
        plain_wall = result["plain"]["wall"]
        for key in ("nochange", "onechange"):
            result["ratio"][key] = round(result[key]["wall"] / plain_wall, 3)
    if livereload:
        result["livereload"] = bench_livereload(n, repeat, content, work, say)
        result["ratio"]["livereload"] = round(
            result["livereload"]["wall"] / result["plain"]["wall"], 3
        )
    full, plain = result["full"], result["plain"]
    if "rss_self_mb" in full:
        result["ratio"]["rss_self"] = round(full["rss_self_mb"] / plain["rss_mb"], 3)
    if "pagefind_mb" in full:
        result["ratio"]["pagefind"] = round(full["pagefind_mb"] / plain["rss_mb"], 3)
    result["loadavg"] = {"before": load_before, "after": os.getloadavg()}
    return result


def bench_rebuilds(n, repeat, content, work, say=print):
    """Time our site's cached rebuilds: nothing changed, then one release."""
    cache = work / f"cache-{n}"
    output = work / f"out-cached-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    cold = measure("dev", content, output, work, cache=cache, fresh=False)
    say(f"  N={n} cached cold build: {cold}")
    nochange, onechange = [], []
    for r in range(repeat):
        nochange.append(measure("dev", content, output, work, cache=cache, fresh=False))
        say(f"  N={n} no-change rebuild {r + 1}/{repeat}: {nochange[-1]}")
    path, original = None, None
    try:
        for r in range(repeat):
            path, first = touch_one_release(content, n, r)
            original = original if original is not None else first
            onechange.append(
                measure("dev", content, output, work, cache=cache, fresh=False)
            )
            say(f"  N={n} one-change rebuild {r + 1}/{repeat}: {onechange[-1]}")
    finally:
        if path is not None:
            path.write_text(original, encoding="utf-8", newline="\n")
    return {
        "cached_cold": cold,
        "nochange": summary(nochange),
        "onechange": summary(onechange),
    }


def live_project(content, target):
    """Make `target` a project `invoke livereload` runs in, with a copy of `content`.

    tasks.py and the settings files are copied (tasks.py finds the project
    beside itself); plugins and theme are links to ours.
    """
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("plugins", "theme"):
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(content, target / "content", ignore=shutil.ignore_patterns(".*"))
    return target


def fetch_text(url):
    """Return the body of `url`, or None while the server does not answer it."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError):
        return None


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds, process=None, log=None):
    """Poll `check()` until it is true; return the seconds it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if process is not None and process.poll() is not None:
            shown = Path(log).read_text(errors="replace")[-3000:] if log else ""
            raise RuntimeError(f"livereload exited early:\n{shown}")
        if check():
            return time.perf_counter() - started
        time.sleep(0.02)
    raise RuntimeError(f"livereload: nothing after {seconds} s")


def bench_livereload(n, repeat, content, work, say=print):
    """Time `invoke livereload` from a changed release file to its new page.

    The clock starts when the file is written and stops when the server
    returns the page holding the new paragraph: livereload's watcher (it
    polls every 0.8 s) and our rebuild are both inside.
    """
    import signal

    project = live_project(content, Path(work) / f"live-{n}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(work) / "last-livereload.log"
    times = []
    with open(log, "wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=project,
            stdout=sink,
            stderr=sink,
            start_new_session=True,
        )
        try:
            wait_for(lambda: fetch_text(f"{base}/") is not None, 3600, process, log)
            first = time.perf_counter() - started
            say(f"  N={n} livereload first build served after {first:.1f} s")
            page = next(
                (project / "output" / "berita").glob(
                    f"*/*/rilis-{n // 2:05d}/index.html"
                )
            )
            url = f"{base}/" + page.relative_to(project / "output").parent.as_posix()
            for r in range(repeat):
                touch_one_release(project / "content", n, r + 100)
                mark = f"Pembaruan ke-{r + 100}:"
                seconds = wait_for(
                    lambda mark=mark: mark in (fetch_text(f"{url}/") or ""),
                    600,
                    process,
                    log,
                )
                times.append(round(seconds, 3))
                say(
                    f"  N={n} livereload edit-to-page {r + 1}/{repeat}: {seconds:.2f} s"
                )
                # Past livereload's 3 s pause between reloads of the browser.
                time.sleep(3)
        finally:
            # Its own session: the server and every process it started.
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
    shutil.rmtree(project, ignore_errors=True)
    return {
        "first_served": round(first, 3),
        "wall": round(statistics.median(times), 3),
        "runs": times,
    }


def machine_info():
    """Describe the machine, interpreter and libraries the numbers come from."""
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "jinja2": version("jinja2"),
    }
    try:
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["commit"] = None
    return info


def site_plugins():
    """Return the PLUGINS of our settings (what 'our full site' means today)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.settings import read_settings

    return list(read_settings(str(CONF))["PLUGINS"])


def verdicts(results):
    """Compare the measured ratios with the issue's targets (N = 2000).

    A row without a limit is reported only (livereload, Pagefind's peak).
    """
    by_n = {r["n"]: r for r in results}
    t = TARGETS
    checks = []
    if 2000 in by_n:
        ratio = by_n[2000]["ratio"]
        if "onechange" in ratio:
            limit = t["onechange"]
            checks.append(
                (f"one release changed ≤ {limit}x", ratio["onechange"], limit)
            )
            checks.append(("no-change rebuild (reported)", ratio["nochange"], None))
        if "livereload" in ratio:
            checks.append(
                ("livereload edit-to-page (reported)", ratio["livereload"], None)
            )
        checks.append((f"full build ≤ {t['full']}x", ratio["wall"], t["full"]))
        checks.append(
            (f"full build aim {t['full_aim']}x", ratio["wall"], t["full_aim"])
        )
        checks.append(("full build CPU (reported)", ratio["cpu"], None))
        if "rss_self" in ratio:
            checks.append(
                (f"build-process memory ≤ {t['rss']}x", ratio["rss_self"], t["rss"])
            )
        if "pagefind" in ratio:
            checks.append(
                ("Pagefind's peak memory (reported)", ratio["pagefind"], None)
            )
    if 2000 in by_n and 8000 in by_n:
        growth = by_n[8000]["full"]["wall"] / by_n[2000]["full"]["wall"]
        limit = t["growth_8000_2000"]
        checks.append((f"growth t(8000)/t(2000) ≤ {limit}", round(growth, 2), limit))
    return [
        {
            "target": name,
            "value": value,
            "limit": limit,
            "met": None if limit is None else value <= limit,
        }
        for name, value, limit in checks
    ]


def mb(value):
    return f"{value:.0f}" if value is not None else "–"


def markdown_table(report):
    """Return the results as a short Markdown report."""
    m = report["machine"]
    lines = [
        f"Benchmark of {report['date']} on {m['cpu']}, {m['cores']} cores, "
        f"{m['ram_gb']} GB RAM; Python {m['python']}, Pelican {m['pelican']}, "
        f"Markdown {m['markdown']}; commit {m['commit']}; "
        f"{report['repeat']} runs each, medians.",
        "",
        f"Our site: plugins {', '.join(report['plugins'])}.",
        "",
        "| N | plain Pelican | our full build | ratio (wall) | ratio (CPU) "
        "| memory MB: plain / build process / Pagefind | one changed "
        "| livereload edit-to-page | no-change rebuild | pages plain / ours |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report["results"]:
        plain, full, ratio = r["plain"], r["full"], r["ratio"]

        def timed(key, r=r, ratio=ratio):
            if key not in r:
                return "–"
            return f"{r[key]['wall']:.2f} s ({ratio[key]:.2f}x)"

        lines.append(
            f"| {r['n']} | {plain['wall']:.1f} s | {full['wall']:.1f} s "
            f"| {ratio['wall']:.2f}x | {ratio['cpu']:.2f}x "
            f"| {mb(plain['rss_mb'])} / {mb(full.get('rss_self_mb'))} "
            f"/ {mb(full.get('pagefind_mb'))} "
            f"| {timed('onechange')} | {timed('livereload')} | {timed('nochange')} "
            f"| {r['output']['plain']['html']} / {r['output']['full']['html']} |"
        )
    lines += [
        "",
        "Ratios are ours / plain Pelican's full build, the median of pairs run "
        "alternately. The full build writes the complete search index (as "
        "preview and publish do); one changed and no-change rebuilds use the "
        "development settings (`invoke build`: no index) with Pelican's content "
        "cache on; livereload is `invoke livereload` as it is, from writing a "
        "release file to the server returning its new page. CPU is user + sys of "
        "the build and every process it started. "
        "Memory is peak RSS: plain Pelican's process, our build's own process, "
        "and Pagefind's indexer apart.",
        "Load average (1, 5, 15 min) at start: "
        + "; ".join(
            f"N={r['n']}: " + ", ".join(f"{x:.2f}" for x in r["loadavg"]["before"])
            for r in report["results"]
        )
        + ".",
    ]
    for r in report["results"]:
        if "without" in r:
            lines.append(
                f"N={r['n']}: our site without {r['without']['plugins']} took "
                f"{r['without']['wall']:.1f} s; with them "
                f"{r['ratio']['full_vs_without']:.2f}x of that."
            )
    if report["verdicts"]:
        lines += [
            "",
            "| target (N = 2000, ours / plain) | measured | met |",
            "| --- | ---: | :---: |",
        ]
        for v in report["verdicts"]:
            met = "–" if v["met"] is None else ("yes" if v["met"] else "no")
            lines.append(f"| {v['target']} | {v['value']} | {met} |")
    return "\n".join(lines) + "\n"


def paste_into_readme(readme, table):
    """Return `readme` with `table` between the benchmark markers."""
    head, found, rest = readme.partition(README_START)
    _old, found_end, tail = rest.partition(README_END)
    if not found or not found_end:
        raise SystemExit(f"README.md lacks the markers {README_START!r}")
    return f"{head}{README_START}\n\n{table}\n{README_END}{tail}"


def parent_main(args):
    sizes = [int(x) for x in str(args.n).split(",") if x.strip()]
    if args.readme:
        readme = ROOT / "README.md"
        table = (Path(args.results) / "latest.md").read_text(encoding="utf-8")
        text = paste_into_readme(readme.read_text(encoding="utf-8"), table)
        readme.write_text(text, encoding="utf-8")
        print(f"Pasted {Path(args.results) / 'latest.md'} into {readme}")
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    plain_settings_file(work)
    if args.profile:
        for n in sizes:
            content = ensure_corpus(n, args.corpus)
            target = work / f"profile-{args.profile}-{n}.prof"
            output = work / f"out-profile-{n}"
            print(measure(args.profile, content, output, work, profile=target))
            print(f"Profile written to {target}")
        return 0
    results = []
    for n in sizes:
        print(f"N = {n}")
        results.append(
            bench_n(
                n,
                args.repeat,
                args.corpus,
                work,
                rebuilds=not args.no_rebuilds,
                without=args.without,
                livereload=not args.no_livereload,
            )
        )
    report = {
        "date": dt.date.today().isoformat(),
        "repeat": args.repeat,
        "machine": machine_info(),
        "plugins": site_plugins(),
        "results": results,
    }
    report["verdicts"] = verdicts(results)
    results_dir = Path(args.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "latest.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    table = markdown_table(report)
    (results_dir / "latest.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    return 0


def parse_args(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:
        parser = argparse.ArgumentParser(prog="run.py _child")
        parser.add_argument("kind", choices=["plain", "full", "dev"])
        parser.add_argument("--content", type=Path, required=True)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--cache", type=Path)
        parser.add_argument("--profile", type=Path)
        parser.add_argument("--without", default="")
        args = parser.parse_args(argv[1:])
        args.child = True
        return args
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="500,2000,8000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-rebuilds", action="store_true")
    parser.add_argument(
        "--without",
        default="",
        help="also build our site without these plugins (comma-separated)",
    )
    parser.add_argument("--profile", choices=["plain", "full", "dev"])
    parser.add_argument(
        "--no-livereload", action="store_true", help="skip the edit-to-page time"
    )
    parser.add_argument(
        "--readme", action="store_true", help="paste latest.md into README.md"
    )
    parser.add_argument("--corpus", default=str(BENCH / "corpus"))
    parser.add_argument("--work", default=str(BENCH / "work"))
    parser.add_argument("--results", default=str(BENCH / "results"))
    args = parser.parse_args(argv)
    args.child = False
    return args


def main(argv=None):
    args = parse_args(argv)
    return child_main(args) if args.child else parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
