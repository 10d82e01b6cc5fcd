"""The benchmark: a deterministic corpus that our site builds, and a harness run.

Timing is never asserted: the numbers depend on the machine and its load.
"""

import json
from pathlib import Path

import pytest

from bench import corpus
from bench import run as bench_run
from conftest import build
from content_model import read_model
from content_model.frontmatter import read_header, split_list
from newsroom.quotes import Person, extract_quotes


def files_of(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    return corpus.write_corpus(tmp_path_factory.mktemp("corpus") / "c", 40)


def test_same_n_gives_the_same_bytes(tmp_path, small_corpus):
    again = corpus.write_corpus(tmp_path / "again", 40)
    assert files_of(again) == files_of(small_corpus)
    assert corpus.corpus_digest(40) == corpus.corpus_digest(40)


def test_a_larger_corpus_extends_a_smaller_one(tmp_path, small_corpus):
    smaller = files_of(corpus.write_corpus(tmp_path / "small", 10))
    larger = files_of(small_corpus)
    releases = {k: v for k, v in smaller.items() if k.startswith("press-releases/")}
    assert len(releases) == 10
    assert all(larger[name] == text for name, text in releases.items())
    assert corpus.corpus_digest(10) != corpus.corpus_digest(40)


def test_corpus_passes_content_validation(small_corpus):
    model = read_model(small_corpus)
    assert [str(p) for p in model.problems] == []
    assert len(model.agencies) == len(corpus.AGENCIES)
    assert len(model.people) == len(corpus.PEOPLE)
    assert len(model.events) == corpus.side_count(40)


def release_headers(folder):
    return [read_header(p) for p in sorted((folder / "press-releases").glob("*.md"))]


def test_releases_look_like_the_issue_asks(small_corpus):
    headers = release_headers(small_corpus)
    assert len(headers) == 40
    words = [len(h.body.split()) for h in headers]
    assert min(words) >= 400 and max(words) <= 700
    assert all(
        any(line.startswith("## ") for line in h.body.splitlines()) for h in headers
    )
    advertorials = [h for h in headers if h.get("advertorial") == "yes"]
    assert len(advertorials) == 4
    tags = {t for h in headers for t in split_list(h.get("tags"))}
    assert tags <= set(corpus.TAG_WORDS) and len(corpus.TAG_WORDS) == 60
    assert {h.get("category") for h in headers} <= set(corpus.CATEGORIES)
    assert len(corpus.CATEGORIES) == 6 and len(corpus.AUTHORS) == 10


def test_every_quote_is_attributed_to_a_known_person(small_corpus):
    model = read_model(small_corpus)
    people = [
        Person(p.slug, p.title, tuple(p.list("aliases"))) for p in model.people.values()
    ]
    quotes = [
        q for h in release_headers(small_corpus) for q in extract_quotes(h.body, people)
    ]
    assert len(quotes) >= 3 * 40
    assert all(q.speaker_id for q in quotes)
    forms = {"ujar", "kata", "lanjutnya", "Menurut"}
    text = (small_corpus / "press-releases" / "rilis-00001.md").read_text()
    assert any(form in text for form in forms)


def test_our_site_builds_the_corpus(tmp_path, small_corpus):
    output = build(tmp_path / "out", small_corpus, CACHE_PATH=str(tmp_path / "cache"))
    pages = list((output / "berita").glob("*/*/rilis-*/index.html"))
    assert len(pages) == 40
    for person in corpus.PEOPLE:
        assert (output / "tokoh" / person[0] / "index.html").is_file()


@pytest.mark.slow
def test_harness_smoke_run_writes_results(tmp_path):
    results = tmp_path / "results"
    code = bench_run.main(
        [
            "--n",
            "20",
            "--repeat",
            "1",
            "--corpus",
            str(tmp_path / "corpus"),
            "--work",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ]
    )
    assert code == 0
    report = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    (result,) = report["results"]
    assert result["n"] == 20
    for side in ("plain", "full", "nochange", "onechange"):
        assert set(result[side]) >= {"wall", "cpu", "rss_mb"}
    assert set(result["ratio"]) >= {"wall", "cpu", "rss_mb", "nochange", "onechange"}
    # The build's own memory and Pagefind's peak are measured apart.
    assert result["full"]["rss_self_mb"] > 0 and result["full"]["pagefind_mb"] > 0
    assert {"rss_self", "pagefind", "livereload"} <= set(result["ratio"])
    live = result["livereload"]
    assert live["first_served"] > 0 and len(live["runs"]) == 1
    assert 0 < live["wall"] < live["first_served"] + 600
    assert result["output"]["plain"]["html"] > 20
    assert result["output"]["full"]["html"] > result["output"]["plain"]["html"] / 2
    assert report["machine"]["cores"] >= 1 and report["machine"]["pelican"]
    assert "fast_markdown" in report["plugins"]
    table = (results / "latest.md").read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| 20 |")]
    assert len(rows) == 1
    # The changed release was put back as it was.
    assert (
        corpus.corpus_digest(20) == (tmp_path / "corpus" / "20" / ".digest").read_text()
    )
    assert files_of(tmp_path / "corpus" / "20") == {
        **files_of(corpus.write_corpus(tmp_path / "fresh", 20)),
        ".digest": corpus.corpus_digest(20).encode(),
    }


def fake_result(n, full_wall, **ratios):
    return {
        "n": n,
        "full": {"wall": full_wall},
        "ratio": {"wall": 0.9, "cpu": 1.8, "nochange": 0.05, **ratios},
    }


def test_the_targets_table_has_the_issues_targets():
    rows = bench_run.verdicts(
        [
            fake_result(2000, 10.0, onechange=0.2, rss_self=1.4, pagefind=4.0),
            fake_result(8000, 42.0),
        ]
    )
    found = {row["target"]: (row["value"], row["met"]) for row in rows}
    assert found["one release changed ≤ 0.15x"] == (0.2, False)
    assert found["full build ≤ 1.0x"] == (0.9, True)
    assert found["full build aim 0.55x"] == (0.9, False)
    assert found["growth t(8000)/t(2000) ≤ 4.1"] == (4.2, False)
    assert found["build-process memory ≤ 1.5x"] == (1.4, True)
    # Reported without a limit.
    assert found["Pagefind's peak memory (reported)"] == (4.0, None)


def test_readme_gets_the_table_between_its_markers():
    readme = (
        f"# Site\n\n## Benchmark\n\nText.\n\n{bench_run.README_START}\n"
        f"old table\n{bench_run.README_END}\n\n## Next\n"
    )
    pasted = bench_run.paste_into_readme(readme, "| new | table |\n")
    assert "old table" not in pasted and "| new | table |" in pasted
    assert pasted.startswith("# Site\n\n## Benchmark\n\nText.\n\n")
    assert pasted.endswith(f"{bench_run.README_END}\n\n## Next\n")
    assert bench_run.paste_into_readme(pasted, "| new | table |\n") == pasted
    real = (bench_run.ROOT / "README.md").read_text(encoding="utf-8")
    assert bench_run.README_START in real and bench_run.README_END in real
