"""Lighthouse in headless Chromium: 100 in all four categories, mobile preset.

Runs the pinned `lighthouse` npm package (12.x: the last line that runs on
Node 20) against the session site served on 127.0.0.1, for the home page and
the seed release. Some audits judge only the server, not our pages: text
compression (`uses-text-compression`), cache lifetimes (`uses-long-cache-ttl`,
`cache-insight`) and HTTP/2; the test server does none of these and the
scores are 100 without them, so they are reported, never required.

The performance score is timed, so a busy machine moves it: CI once measured
a Total Blocking Time of 0.89 on a page that scores 100 when idle. As
Lighthouse's own variability guide advises, the performance score is the
median of three runs (the third run only when the first two disagree); the
other three categories do not depend on timing and are judged on every run.
"""

import json
import os
import subprocess

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, require_tool

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Audits about the HTTP server rather than the built pages.
SERVER_AUDITS = {
    "uses-text-compression",
    "uses-long-cache-ttl",
    "cache-insight",
    "uses-http2",
    "document-latency-insight",
}
PAGES = ["/", "/berita/2020/03/bontang-smart-festival-2020/"]
TIMEOUT = 120  # seconds; a run takes 15-25 s on two cores
RUNS = 3  # performance is the median of this many runs


def run_lighthouse(url, report):
    """Run Lighthouse on `url`; return the parsed JSON report."""
    flags = ["--headless=new", "--disable-dev-shm-usage", *CHROMIUM_ARGS]
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(flags)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    subprocess.run(command, check=True, env=env, timeout=TIMEOUT, cwd=ROOT)
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(result, category):
    """Return 'id (score): title' for audits of `category` below full marks."""
    failing = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual"):
            continue
        if audit.get("score") is not None and audit["score"] < 1:
            judged = " [judges the test server]" if ref["id"] in SERVER_AUDITS else ""
            failing.append(f"{ref['id']} ({audit['score']}){judged}: {audit['title']}")
    return failing


def shortfalls(result, categories):
    """Return {category: failing audits} for `categories` scoring below 1."""
    below = {}
    for name in categories:
        score = result["categories"][name]["score"]
        if score is None or score < 1:
            below[name] = [f"score {score}", *failing_audits(result, name)]
    return below


def median_run(run, runs=RUNS):
    """Call `run()` until the median performance score is decided.

    Returns (the median result, every result). Stops as soon as a majority
    of `runs` agree on passing or failing, so a steady page costs two runs.
    """
    results = []
    majority = runs // 2 + 1
    while len(results) < runs:
        results.append(run())
        passed = sum(not shortfalls(r, ["performance"]) for r in results)
        if passed >= majority or len(results) - passed >= majority:
            break
    # Of two agreeing runs the better one; of three the middle one.
    ordered = sorted(
        results, key=lambda r: r["categories"]["performance"]["score"] or 0
    )
    return ordered[len(ordered) // 2], results


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_scores_100_in_every_category(served_site, tmp_path, path):
    require_tool(CHROMIUM, "Chromium (Debian package chromium)")
    require_tool(LIGHTHOUSE, "lighthouse (npm ci --ignore-scripts)")
    count = iter(range(RUNS))

    def run():
        report = tmp_path / f"report-{next(count)}.json"
        result = run_lighthouse(f"{served_site.url}{path}", report)
        assert not result.get("runtimeError"), result.get("runtimeError")
        steady = shortfalls(result, [c for c in CATEGORIES if c != "performance"])
        assert not steady, f"{path}: audits below 1: {steady}"
        return result

    median, results = median_run(run)
    scores = [r["categories"]["performance"]["score"] for r in results]
    below = shortfalls(median, ["performance"])
    assert not below, (
        f"{path}: performance in {len(scores)} runs {scores}; median run: {below}"
    )


def test_failing_audits_name_those_that_judge_the_server():
    result = {
        "categories": {
            "performance": {
                "auditRefs": [
                    {"id": "uses-text-compression"},
                    {"id": "largest-contentful-paint"},
                    {"id": "unused-css-rules"},
                    {"id": "diagnostics"},
                ]
            }
        },
        "audits": {
            "uses-text-compression": {"score": 0, "title": "Enable compression"},
            "largest-contentful-paint": {"score": 1, "title": "LCP"},
            "unused-css-rules": {"score": 0.5, "title": "Reduce unused CSS"},
            "diagnostics": {"score": None, "scoreDisplayMode": "informative"},
        },
    }
    assert failing_audits(result, "performance") == [
        "uses-text-compression (0) [judges the test server]: Enable compression",
        "unused-css-rules (0.5): Reduce unused CSS",
    ]


def _scored(performance):
    return {
        "categories": {"performance": {"score": performance, "auditRefs": []}},
        "audits": {},
    }


@pytest.mark.parametrize(
    "scores, runs_made, median",
    [
        ([1, 1, 0.5], 2, 1),  # decided after two passes
        ([0.9, 0.8, 1], 2, 0.9),  # decided after two failures
        ([1, 0.97, 1], 3, 1),  # one slow run is outvoted
        ([0.97, 1, 0.9], 3, 0.97),  # one fast run is outvoted too
    ],
)
def test_performance_is_the_median_of_three_runs(scores, runs_made, median):
    supply = iter(scores)
    result, results = median_run(lambda: _scored(next(supply)))
    assert len(results) == runs_made
    assert result["categories"]["performance"]["score"] == median
