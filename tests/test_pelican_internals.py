"""Pelican internals: pinned, so that upgrading Pelican is a deliberate step.

plugins/pelican_internals holds every piece of Pelican this project copies,
patches or reaches into. Each Pelican function those pieces mirror is pinned
here by the sha256 of its installed source. When this test fails, Pelican has
changed one of them: read the new source (the message shows the name and
what of ours mirrors it, see RELIED_ON), bring our copy in line, rebuild and
compare the output, then put the new hash here. docs/decisions.md, "Pelican
internals", describes the whole upgrade.
"""

import hashlib
import tokenize
from pathlib import Path

import pytest

import pelican
from pelican_internals import RELIED_ON, pelican_source

PELICAN_VERSION = "4.12.0"
PINNED = {
    "pelican.writers:Writer.write_file": (
        "6a604ad67bbeec997e58ef69a393930c22cf3178a760fdc21d2c42f1871da373"
    ),
    "pelican.writers:Writer._open_w": (
        "69700ea0b4668663b0886011eee71e8b4ea9debd376fe2a2fe322c90ec5aee6d"
    ),
    "pelican.utils:pelican_open": (
        "90c6fb4495ecd379b4a0f2047fb3ba67ea66b3ff282093d528801612fc8e9f41"
    ),
    "pelican.utils:get_date": (
        "db6fb2df13e63d62692a0da80983e4dc096afe052f4ccc1f78ae0469ed5a9ac7"
    ),
    "pelican.readers:BaseReader.process_metadata": (
        "f39f56eb2f21b4c9f201ac98c0092d83c71ff2ac606103d625ee296c47038a6e"
    ),
    "pelican.readers:MarkdownReader._parse_metadata": (
        "3f01f071bbc3672d341454c22fed793740b7a1014344f6db540c2b0bb3537a21"
    ),
    "pelican.readers:MarkdownReader.read": (
        "1c8cfd04d8822d5708f08f3ad16acd33b34ebe9981c932d49688be7733de5985"
    ),
    "pelican.utils:memoized": (
        "e17e76fd986fe4f481f4e754761101ab0bd892b4fbabd390d16c03349c7dce6c"
    ),
    "pelican.contents:Content.get_content": (
        "5b963ce7e6237a1bc08c29c1fcf173b29ca51e86d42a4e88b42cccf0242315a4"
    ),
    "pelican.contents:Content.get_summary": (
        "4a3c3104bdebd41dce041371c8c8cb442e82503e4205a3746b6a3a8178490593"
    ),
    "pelican.contents:Content.get_url_setting": (
        "e0eb063bf0a5ae24d6f0c1e7b7ffa31ecc673a3f672136e694e2005b702e1113"
    ),
    "pelican.log:LimitFilter": (
        "816408124a48f8da13fdd16dd2c3633ee7c6bfc508e6f6f12f362b1d8ab539aa"
    ),
    "pelican.log:FatalLogger": (
        "8a56bbca605bc6b17121554f2761f92f5930aa5aff52d99e024db034044ce9bc"
    ),
    "pelican.contents:Content._update_content": (
        "b446bacdf3e46a3a0b19137ac6c416e520429e33312f1932d4ed23b3929f3549"
    ),
    "pelican.urlwrappers:URLWrapper": (
        "aeb597f9549e71c1e397a8c461dabe6f52363b96004bbe087bb0e39480866fb7"
    ),
    "pelican.generators:ArticlesGenerator.__init__": (
        "6ca134fbc10de5cc6cd8070caf15e5a4925c4d2e5f694f35dfd3dd041a87ace5"
    ),
    "pelican.generators:PagesGenerator.__init__": (
        "e5e9c5af32598ed6d98f49131f77fd893bd97cb496c021bf261057a1c531fb2b"
    ),
}
PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def test_every_relied_on_function_is_pinned():
    assert sorted(PINNED) == sorted(RELIED_ON)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pelican_source_unchanged(name):
    found = hashlib.sha256(pelican_source(name).encode()).hexdigest()
    assert found == PINNED[name], (
        f"Pelican {pelican.__version__} changed {name} (pinned from Pelican "
        f"{PELICAN_VERSION}). Our copy to re-check: {RELIED_ON[name]} in "
        "plugins/pelican_internals. Compare the new source with it, bring it "
        "in line, rebuild the site and diff the output against the old "
        "build, then pin the new hash "
        f"{found} here (docs/decisions.md, 'Pelican internals')."
    )


# Pelican internals that only pelican_internals may name in code.
PRIVATE_NAMES = {
    "LimitFilter",
    "_open_w",
    "_parse_metadata",
    "_written_files",
    "_overridden_files",
    "override_url",
    "override_save_as",
    "memoized",
    "FilteredMessage",
}
# Functions of pelican_internals that no plugin may define again.
OWN_FUNCTIONS = {"forget_rendered", "freeze_urls", "claim_output", "page_contexts"}


def names_in(path):
    """Yield (line, name) of each identifier in the code of `path`."""
    with open(path, "rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.NAME:
                yield token.start[0], token.string


def test_no_plugin_reaches_into_pelican_outside_the_module():
    found = [
        f"{path.relative_to(PLUGINS)}:{line}: {name}"
        for path in sorted(PLUGINS.rglob("*.py"))
        if "pelican_internals" not in path.parts
        for line, name in names_in(path)
        if name in PRIVATE_NAMES
    ]
    found += [
        f"{path.relative_to(PLUGINS)}: def {name}"
        for path in sorted(PLUGINS.rglob("*.py"))
        if "pelican_internals" not in path.parts
        for name in OWN_FUNCTIONS
        if f"def {name}(" in path.read_text("utf-8")
    ]
    assert found == [], "move these into plugins/pelican_internals"
