"""Speed plugins (fast_markdown, fast_urls) and cached rebuilds: same output."""

import os
import shutil
from pathlib import Path

import pytest

from bench import corpus
from conftest import ROOT, build
from fast_markdown import plugin as fast
from fast_urls.plugin import freeze_urls
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

EDGE_CASES = {
    "footnotes.md": "Title: Catatan\nSummary: Ringkas *miring*\n\nTeks[^1].\n\n"
    "[^1]: Catatan kaki.\n",
    "abbr.md": "Title: Singkatan\n\nOPD di Bontang.\n\n"
    "*[OPD]: Organisasi Perangkat Daerah\n",
    "no-abbr.md": "Title: Tanpa singkatan\n\nOPD tanpa definisi di berkas ini.\n",
    "table.md": "Title: Tabel\n\n| a | b |\n| - | - |\n| 1 | 2 |\n",
    "html.md": 'Title: HTML\n\n<div markdown="1">\n*tebal*\n</div>\n',
    "crlf.md": "Title: CRLF\r\nTags: a, b\r\n\r\nBaris satu\r\nbaris dua\r\n",
    "bom.md": "\ufeffTitle: BOM\nDate: 2020-03-13\n\nIsi.\n",
    "summary-key.md": "Title: Ringkasan\nSummary: Catatan: bukan metadata\n\nIsi.\n",
    "twice.md": "Title: Satu\nTitle: Dua\nAuthors: A\nAuthors: B\n\nIsi.\n",
    "list.md": "Title: Daftar\n\n- satu\n- dua\n\n1. tiga\n2. empat\n",
}


@pytest.fixture
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.fixture
def edge_files(tmp_path):
    paths = []
    for name, text in EDGE_CASES.items():
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    return paths


def pelican_reads(settings, paths):
    # Pelican's own reader builds a fresh Markdown instance per file.
    reader = MarkdownReader(settings)
    return {path: reader.read(path) for path in paths}


def test_one_reused_engine_reads_like_pelican(settings, edge_files):
    expected = pelican_reads(read_settings(str(ROOT / "pelicanconf.py")), edge_files)
    reader = fast.FastMarkdownReader(settings)
    # Twice over, in order: no state (footnotes, abbreviations) leaks between files.
    for path in [*edge_files, *edge_files]:
        assert reader.read(path) == expected[path], Path(path).name


def test_files_rendered_in_worker_processes_read_like_pelican(settings, edge_files):
    expected = pelican_reads(read_settings(str(ROOT / "pelicanconf.py")), edge_files)
    reader = fast.FastMarkdownReader(settings)
    conf = {**fast.DEFAULTS, "FAST_MARKDOWN_MIN_FILES": 1, "FAST_MARKDOWN_CHUNK": 3}
    reader.prefetch(edge_files, conf)
    assert reader._pool is not None and len(reader._pending) == len(edge_files)
    try:
        for path in reversed(edge_files):
            assert reader.read(path) == expected[path], Path(path).name
    finally:
        reader.close()
    assert reader._pool is None


def test_a_file_that_fails_in_a_worker_fails_as_in_pelican(settings, tmp_path):
    bad = tmp_path / "latin1.md"
    bad.write_bytes("Title: Caf\xe9\n\nIsi.\n".encode("latin-1"))
    reader = fast.FastMarkdownReader(settings)
    reader.prefetch([str(bad)], {**fast.DEFAULTS, "FAST_MARKDOWN_MIN_FILES": 1})
    try:
        with pytest.raises(UnicodeDecodeError):
            reader.read(str(bad))
        with pytest.raises(UnicodeDecodeError):
            MarkdownReader(settings).read(str(bad))
    finally:
        reader.close()


def test_only_pelicans_markdown_reader_is_replaced():
    class Custom(MarkdownReader):
        pass

    class Readers:
        reader_classes = {"md": MarkdownReader, "markdown": Custom, "html": object}

    fast.use_fast_reader(Readers)
    assert Readers.reader_classes == {
        "md": fast.FastMarkdownReader,
        "markdown": Custom,
        "html": object,
    }


def text_outputs(folder):
    """Return {relative path: bytes} of the text files of a built site."""
    suffixes = {".html", ".xml", ".json", ".ics", ".txt", ".xsl"}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and p.suffix in suffixes
    }


@pytest.fixture(scope="module")
def bench_content(tmp_path_factory):
    return corpus.write_corpus(tmp_path_factory.mktemp("bench") / "content", 20)


@pytest.mark.slow
def test_the_site_is_byte_identical_without_the_speed_plugins(tmp_path, bench_content):
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert {"fast_markdown", "fast_urls"} <= set(plugins)
    ours = build(
        tmp_path / "ours",
        bench_content,
        CACHE_PATH=str(tmp_path / "c1"),
        FAST_MARKDOWN_MIN_FILES=1,
    )
    pelicans = build(
        tmp_path / "pelicans",
        bench_content,
        CACHE_PATH=str(tmp_path / "c2"),
        PLUGINS=[p for p in plugins if p not in ("fast_markdown", "fast_urls")],
    )
    assert text_outputs(ours) == text_outputs(pelicans)


def set_release(path, title, sentence):
    """Give a release a new title and first paragraph; move its mtime on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"Title: {title}" if ln.startswith("Title: ") else ln for ln in lines]
    body = lines.index("") + 1
    lines[body] = sentence
    stamp = path.stat().st_mtime if path.exists() else 0
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    os.utime(path, (stamp + 2, stamp + 2))


def cached(tmp_path):
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
        "FAST_MARKDOWN_MIN_FILES": 1,
    }


@pytest.mark.slow
def test_a_cached_rebuild_shows_an_edit_everywhere_and_nothing_stale(
    tmp_path, bench_content
):
    content = shutil.copytree(bench_content, tmp_path / "content")
    newest = content / "press-releases" / "rilis-00019.md"
    set_release(newest, "Judul Lama Zamrud", "Paragraf lama tentang zamrud.")
    output = tmp_path / "out"
    build(output, content, **cached(tmp_path))
    set_release(newest, "Judul Baru Safir", "Paragraf baru tentang safir.")
    build(output, content, **cached(tmp_path))

    outputs = text_outputs(output)
    stale = [name for name, data in outputs.items() if b"Zamrud" in data]
    assert stale == []
    agency = next(
        ln.split(": ", 1)[1].split(",")[0].strip()
        for ln in newest.read_text(encoding="utf-8").splitlines()
        if ln.startswith("OPD: ")
    )
    page = next(n for n in outputs if "/rilis-00019/" in n and n.endswith(".html"))
    for name in [page, "berita/index.html", "index.html", f"opd/{agency}/index.html"]:
        assert b"Judul Baru Safir" in outputs[name], name
    assert b"Paragraf baru tentang safir." in outputs[page]
    # The feeds of the feed contract (docs/contracts.md), where the feeds plugin is on.
    feeds = ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]
    feeds = [n for n in [*feeds, f"feeds/opd/{agency}.xml"] if n in outputs]
    for name in feeds:
        assert b"Judul Baru Safir" in outputs[name], name

    # And the cached rebuild equals a build from scratch of the same content.
    fresh = build(tmp_path / "fresh", content, CACHE_PATH=str(tmp_path / "c3"))
    assert text_outputs(output) == text_outputs(fresh)


@pytest.mark.slow
def test_a_touched_but_unchanged_file_is_not_rendered_again(
    tmp_path, bench_content, monkeypatch
):
    output = tmp_path / "out"
    build(output, bench_content, **cached(tmp_path))
    release = bench_content / "press-releases" / "rilis-00003.md"
    stamp = release.stat().st_mtime
    os.utime(release, (stamp + 5, stamp + 5))

    def render(self, text):
        raise AssertionError("rendered again")

    monkeypatch.setattr(fast.Engine, "render", render)
    # Forced: with nothing changed, safe_build would skip the build entirely.
    build(output, bench_content, force=True, **cached(tmp_path))
    assert (output / "berita").is_dir()


def test_frozen_urls_are_the_urls_pelican_computed():
    class Item:
        @property
        def url(self):
            return getattr(self, "override_url", "berita/2020/03/a/")

        @property
        def save_as(self):
            return getattr(self, "override_save_as", "berita/2020/03/a/index.html")

    item = Item()
    freeze_urls([item])
    assert (item.override_url, item.override_save_as) == (
        "berita/2020/03/a/",
        "berita/2020/03/a/index.html",
    )
    # An override already set (URL: metadata, remarks) is left as it is.
    other = Item()
    other.override_url = "sambutan/b/"
    freeze_urls([other])
    assert (other.override_url, other.override_save_as) == (
        "sambutan/b/",
        "berita/2020/03/a/index.html",
    )


@pytest.mark.parametrize(
    "value",
    [
        "2020-03-13",
        "2020-03-13 08:00",
        "2020-03-13 08:00:59",
        "2020-02-29 23:59",
        "1999-12-31 00:00",
        # Not plain: Pelican (dateutil) reads these itself.
        "2020-03-13T08:00",
        "2020-03-13 08:00+08:00",
        "2020-03-13  08:00",
    ],
)
@pytest.mark.parametrize("key", ["date", "modified"])
def test_dates_read_like_pelican(settings, key, value):
    from pelican.readers import METADATA_PROCESSORS

    expected = METADATA_PROCESSORS[key](value, settings)
    found = fast.FastMarkdownReader(settings).process_metadata(key, value)
    assert (type(found), found, found.tzinfo) == (
        type(expected),
        expected,
        expected.tzinfo,
    )


@pytest.mark.parametrize("key", ["title", "summary", "location"])
def test_other_keys_that_look_like_dates_stay_text(settings, key):
    # Pelican processes no other key: a title "2020-03-13 08:00" is text.
    found = fast.FastMarkdownReader(settings).process_metadata(key, "2020-03-13 08:00")
    assert found == "2020-03-13 08:00" and type(found) is str


@pytest.mark.parametrize(
    "value", ["2019-02-29", "2020-13-01", "2020-03-13 24:00", "13 Maret 2020"]
)
def test_impossible_plain_dates_fail_as_in_pelican(settings, value):
    with pytest.raises(ValueError):
        fast.FastMarkdownReader(settings).process_metadata("date", value)
