"""Shared templates: one compile per template and build, the same pages."""

import collections
import filecmp
import pickle
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, build, build_overrides
from pelican.settings import read_settings
from shared_templates.plugin import CompiledTemplates, compiler_options


def tree(folder):
    return sorted(p.relative_to(folder) for p in Path(folder).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """Build the repository's content; count the compiles of each template."""
    counts = collections.Counter()
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        counts[name] += 1
        return real(self, source, name, filename, *args, **kwargs)

    output = tmp_path_factory.mktemp("shared") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", counting)
        # Pages are rendered in this process, where compiles are counted.
        build(output, ROOT / "content", PARALLEL_WRITE_PROCESSES=1)
    return output, counts


def test_each_template_is_compiled_once_per_build(compiled):
    _, counts = compiled
    assert counts["base.html"] == 1
    assert counts["partials/macros.html"] == 1
    assert max(counts.values()) == 1, counts.most_common(3)


def test_the_pages_are_the_bytes_each_generator_compiling_its_own_would_write(
    compiled, tmp_path
):
    output, _ = compiled
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    alone = tmp_path / "alone"
    build(
        alone,
        ROOT / "content",
        PARALLEL_WRITE_PROCESSES=1,
        PLUGINS=[p for p in plugins if p != "shared_templates"],
    )
    files = tree(output)
    assert files == tree(alone)
    _, mismatch, errors = filecmp.cmpfiles(output, alone, files, shallow=False)
    assert mismatch == [] and errors == []


def test_other_compiler_options_never_share_code():
    plain = jinja2.Environment(autoescape=True)
    trimmed = jinja2.Environment(autoescape=True, trim_blocks=True)
    assert compiler_options(plain) != compiler_options(trimmed)
    assert compiler_options(plain) == compiler_options(
        jinja2.Environment(autoescape=True)
    )
    store = CompiledTemplates()
    loader = jinja2.DictLoader({"t.html": "{% if x %}\nA{% endif %}"})
    for environment in (plain, trimmed):
        environment.loader = loader
        environment.bytecode_cache = store
    assert plain.get_template("t.html").render(x=True) == "\nA"
    assert trimmed.get_template("t.html").render(x=True) == "A"


def test_a_pickled_store_comes_back_empty():
    store = CompiledTemplates()
    store.code["key"] = compile("1", "<test>", "eval")
    assert pickle.loads(pickle.dumps(store)).code == {}


def test_the_settings_load_the_plugin():
    overrides = build_overrides(ROOT / "content", "out")
    assert (
        "shared_templates"
        in read_settings(str(ROOT / "pelicanconf.py"), overrides)["PLUGINS"]
    )
