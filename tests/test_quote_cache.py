"""The newsroom's quote cache: quotes are re-extracted exactly when they may change.

The cache (CACHE_PATH/newsroom-quotes.pickle, on with CACHE_CONTENT) is keyed
by the text, the people's names and aliases, and the extractor's code.
"""

import types

import pytest

from conftest import ROOT, build, merged_content, soup_of
from newsroom import plugin as newsroom
from newsroom.quotes import Person

RELEASE = "press-releases/kutipan-uji.md"
RELEASE_URL = "berita/2020/03/kutipan-uji/index.html"
DASUKI = Person("dasuki", "Dasuki", ("Kadis Kominfo Dasuki",))
TEXT = "Pembuka.\n\n“Stand dibuka pagi,” ujar Dasuki.\n"


def release(quote, speaker="Dasuki"):
    return (
        "Title: Rilis kutipan uji\nDate: 2020-03-12\n\n"
        f"Paragraf pembuka.\n\n“{quote},” ujar {speaker}.\n"
    )


def settings(tmp_path, load=True):
    return {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": load,
    }


def quotes_box(output):
    """Return (quote text, speaker, speaker link or None) from the item's box."""
    page = soup_of(output / RELEASE_URL)
    found = []
    for figure in page.select(".bsf-quotes figure"):
        cite = figure.select_one("cite")
        link = cite.select_one("a")
        found.append(
            (
                figure.select_one("blockquote").get_text(strip=True),
                cite.get_text(strip=True),
                link["href"] if link else None,
            )
        )
    return found


def fail_if_extracting(monkeypatch):
    def extract(*args, **kwargs):
        raise AssertionError("quotes extracted again")

    monkeypatch.setattr(newsroom, "extract_quotes", extract)


def test_cached_quotes_are_reused_while_text_and_people_stay(tmp_path, monkeypatch):
    first = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    quotes = first.quotes(TEXT)
    assert [(q.text, q.speaker_id, q.line) for q in quotes] == [
        ("Stand dibuka pagi", "dasuki", 3)
    ]
    first.save()
    assert (tmp_path / "cache" / newsroom.QUOTES_CACHE_FILE).is_file()
    fail_if_extracting(monkeypatch)
    again = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    assert again.quotes(TEXT) == quotes


@pytest.mark.parametrize(
    "people",
    [
        [Person("dasuki", "Dasuki", ("Kadis Kominfo Dasuki", "Pak Kadis"))],
        [Person("dasuki", "Dasuki Hasan", ("Kadis Kominfo Dasuki",))],
        [Person("dasuki-baru", "Dasuki", ("Kadis Kominfo Dasuki",))],
        [DASUKI, Person("budi", "Budi", ())],
    ],
    ids=["alias", "name", "id", "person"],
)
def test_any_change_to_the_people_names_a_new_key(tmp_path, people):
    before = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    after = newsroom.QuoteCache(settings(tmp_path), people)
    assert before.key(TEXT) != after.key(TEXT)


def test_a_role_change_keeps_the_key(tmp_path):
    before = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    promoted = Person("dasuki", "Dasuki", ("Kadis Kominfo Dasuki",), "Sekda")
    assert newsroom.QuoteCache(settings(tmp_path), [promoted]).key(TEXT) == (
        before.key(TEXT)
    )


def test_the_extractor_version_is_part_of_the_key(tmp_path, monkeypatch):
    before = newsroom.QuoteCache(settings(tmp_path), [DASUKI]).key(TEXT)
    bumped = types.SimpleNamespace(
        __file__=newsroom.extractor.__file__,
        EXTRACTOR_VERSION=newsroom.extractor.EXTRACTOR_VERSION + 1,
    )
    monkeypatch.setattr(newsroom, "extractor", bumped)
    assert newsroom.QuoteCache(settings(tmp_path), [DASUKI]).key(TEXT) != before


def test_nothing_is_written_without_cache_content(tmp_path):
    off = {**settings(tmp_path), "CACHE_CONTENT": False}
    cache = newsroom.QuoteCache(off, [DASUKI])
    cache.quotes(TEXT)
    cache.save()
    assert not (tmp_path / "cache").exists()


def test_a_damaged_cache_file_is_ignored(tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / newsroom.QUOTES_CACHE_FILE).write_bytes(b"not a pickle")
    cache = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    assert [q.speaker_id for q in cache.quotes(TEXT)] == ["dasuki"]


def test_the_cache_keeps_only_the_texts_of_the_last_build(tmp_path):
    old = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    old.quotes("“Teks lama,” ujar Dasuki.")
    old.save()
    new = newsroom.QuoteCache(settings(tmp_path), [DASUKI])
    new.quotes(TEXT)
    new.save()
    assert list(newsroom.QuoteCache(settings(tmp_path), [DASUKI]).loaded) == [
        new.key(TEXT)
    ]


def test_cached_builds_follow_edits_to_a_quote_and_to_aliases(tmp_path):
    content = merged_content(tmp_path / "content", ROOT / "content")
    cache = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    source = content / RELEASE
    source.write_text(release("Stand dibuka pagi"), encoding="utf-8")
    output = build(tmp_path / "out", content, **cache)
    dasuki = "https://festival.example.org/tokoh/dasuki/"
    assert quotes_box(output) == [("Stand dibuka pagi", "Dasuki", dasuki)]
    assert (tmp_path / "cache" / newsroom.QUOTES_CACHE_FILE).is_file()

    # The quote is edited: the next cached build shows the new words only.
    source.write_text(release("Stand dibuka sore"), encoding="utf-8")
    output = build(tmp_path / "out", content, **cache)
    assert quotes_box(output) == [("Stand dibuka sore", "Dasuki", dasuki)]

    # Quoted under a name nobody has yet: unattributed...
    source.write_text(release("Stand dibuka sore", "Pak Kadis"), encoding="utf-8")
    output = build(tmp_path / "out", content, **cache)
    assert quotes_box(output) == [("Stand dibuka sore", "Pak Kadis", None)]

    # ...until that name becomes an alias: only people/ changed, yet the
    # quote is attributed on the next cached build.
    person = content / "people" / "dasuki.md"
    person.write_text(
        person.read_text(encoding="utf-8").replace(
            "Aliases: Kadis Kominfo Dasuki", "Aliases: Kadis Kominfo Dasuki, Pak Kadis"
        ),
        encoding="utf-8",
    )
    output = build(tmp_path / "out", content, **cache)
    assert quotes_box(output) == [("Stand dibuka sore", "Dasuki", dasuki)]
