"""Share cards are drawn only when one of their inputs changed.

A card's cache key covers everything that decides its pixels: the spec
(title, labels, texts, size, colours, font path), the font file's bytes, the
drawing code and Pillow. A rebuild with the image cache draws no card whose
inputs are unchanged, and its files are the bytes a build without cache writes.
"""

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build
from images import cards

FONTS = Path("/usr/share/fonts/truetype/dejavu")
RELEASE = "press-releases/bontang-smart-festival-2020.md"


def spec(**changes):
    base = cards.CardSpec(
        title="Judul",
        footer_left="Situs",
        footer_right="13 Maret 2020",
        labels=(("Siaran pers", "label"),),
    )
    return dataclasses.replace(base, **changes)


def test_a_card_key_changes_with_every_input_of_the_card():
    variants = [
        spec(),
        spec(title="Judul lain"),
        spec(footer_left="Situs lain"),
        spec(footer_right="14 Maret 2020"),
        spec(subtitle="Sub"),
        spec(labels=(("Siaran pers", "label"), ("Advertorial", "warning"))),
        spec(size=(600, 315)),
        spec(colours=cards.CardColours(background="#000000")),
    ]
    keys = [v.key() for v in variants]
    assert len(set(keys)) == len(keys)
    assert spec().key() == spec().key()


def test_a_font_replaced_at_the_same_path_gives_another_key(tmp_path):
    regular, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        pytest.skip("DejaVu fonts are not installed")
    font = tmp_path / "kartu.ttf"
    shutil.copyfile(regular, font)
    first = spec(font=str(font)).key()
    assert spec(font=str(font)).key() == first
    shutil.copyfile(bold, font)
    os.utime(font, ns=(1, 1))
    assert spec(font=str(font)).key() != first


def test_the_drawing_code_is_part_of_the_key(monkeypatch):
    before = spec().key()
    monkeypatch.setattr(cards, "CODE_VERSION", "another version of the code")
    assert spec().key() != before


def share_files(output):
    folder = output / "images" / "share"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.jpg"))}


def test_a_rebuild_draws_only_the_cards_that_changed(tmp_path, monkeypatch):
    drawn = []
    real = cards.draw_card

    def counting(card_spec):
        drawn.append(card_spec.title)
        return real(card_spec)

    monkeypatch.setattr(cards, "draw_card", counting)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cached = {
        "IMAGES_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
        # Cards are drawn in this process, where they are counted.
        "PARALLEL_WRITE_PROCESSES": 1,
    }
    first = build(tmp_path / "first", content, force=True, **cached)
    assert len(drawn) >= 2  # the site's card and the release's
    drawn.clear()
    again = build(tmp_path / "again", content, force=True, **cached)
    assert drawn == []
    assert share_files(again) == share_files(first)

    release = content / RELEASE
    text = release.read_text(encoding="utf-8")
    release.write_text(
        text.replace("Title: Bontang", "Title: Bontang Berubah", 1), encoding="utf-8"
    )
    changed = build(tmp_path / "changed", content, force=True, **cached)
    assert drawn == [
        "Bontang Berubah Smart Festival 2020 Jadi Wadah Sosialisasi Smart City"
    ]
    fresh = build(tmp_path / "fresh", content, force=True, PARALLEL_WRITE_PROCESSES=1)
    assert share_files(changed) == share_files(fresh)
