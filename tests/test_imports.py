"""No import cycles in plugins/: the graph of imports between our modules.

Every `import` and `from ... import` statement counts, including those inside
functions: an import deferred to run time to dodge a cycle is still one. So
does the package around a module: `from content_model.kinds import X` runs
content_model/__init__.py, and everything that imports.
"""

import ast
from pathlib import Path

import pytest

from common.context_keys import KINDS_KEY, MODEL_KEY

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"


def module_name(path):
    """Return the dotted name of a file under plugins/ (a package: its name)."""
    parts = list(path.relative_to(PLUGINS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree, name, is_package, modules):
    """Yield the modules of `modules` that the parsed module `name` imports."""
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                base = ".".join([*base, node.module] if node.module else base)
            else:
                base = node.module
            # `from pkg import sub` imports the submodule pkg.sub when it is
            # one; `from . import sub` names only the submodule.
            subs = [f"{base}.{alias.name}" for alias in node.names]
            targets = subs if node.module is None else [base, *subs]
        else:
            continue
        for target in targets:
            if target in modules and target != name:
                yield target
            # Importing `a.b.c` runs `a/__init__.py` (and `a/b/__init__.py`)
            # first, unless the importer is inside that package already.
            for parent in ancestors(target):
                if parent in modules and not inside(name, parent):
                    yield parent


def ancestors(module):
    """Return the packages that hold `module`, outermost first."""
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def inside(name, package):
    """Return whether the module `name` is `package` or one of its modules."""
    return name == package or name.startswith(package + ".")


def import_graph():
    """Return {module: set of our modules it imports} over plugins/."""
    files = {module_name(path): path for path in sorted(PLUGINS.rglob("*.py"))}
    graph = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        graph[name] = set(imported(tree, name, is_package, files))
    return graph


def find_cycle(graph):
    """Return one import cycle as a list of modules, or [] if there is none."""
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = "done"
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_the_graph_sees_our_imports():
    graph = import_graph()
    assert "content_model.kinds" in graph["content_model.model"]
    assert "content_model.validate" in graph["content_model.reader"]
    assert "content_model.kinds" in graph["feeds.items"]
    # ...which runs content_model/__init__.py first.
    assert "content_model" in graph["feeds.items"]
    # `from ..model import Problem` in a module of the validate package.
    assert "content_model.model" in graph["content_model.validate.header"]
    assert "content_model.validate" not in graph["content_model.model"]
    # `from . import sitemaps` in seo/plugin.py names a submodule.
    assert "seo.sitemaps" in graph["seo.plugin"]


def edges(source, name, modules):
    tree = ast.parse(source)
    return set(imported(tree, name, False, set(modules) | {name}))


def test_importing_a_module_imports_its_package():
    modules = {"content_model", "content_model.kinds"}
    found = edges("from content_model.kinds import X", "sanitise.plugin", modules)
    assert found == {"content_model", "content_model.kinds"}
    # Inside the package, its __init__ is already running: no edge to it.
    found = edges("from .kinds import X", "content_model.reader", modules)
    assert found == {"content_model.kinds"}
    found = edges("import content_model.kinds", "seo.head", modules)
    assert found == {"content_model", "content_model.kinds"}


def test_no_module_spells_a_shared_context_key():
    """Context keys are named in common/context_keys.py and imported from there."""
    keys = {MODEL_KEY, KINDS_KEY}
    spelt = []
    for path in sorted(PLUGINS.rglob("*.py")):
        if path == PLUGINS / "common" / "context_keys.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript):
                key = node.slice
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("get", "setdefault", "pop")
                and node.args
            ):
                key = node.args[0]
            else:
                continue
            if isinstance(key, ast.Constant) and key.value in keys:
                spelt.append(f"{path.relative_to(PLUGINS)}:{node.lineno}")
    assert spelt == []


def test_plugins_have_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize(
    ("graph", "has_cycle"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, False),
        ({"a": {"b"}, "b": {"a"}}, True),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, True),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, False),
    ],
)
def test_find_cycle_finds_cycles(graph, has_cycle):
    assert bool(find_cycle(graph)) == has_cycle
