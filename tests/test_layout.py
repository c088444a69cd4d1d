"""The layout rules of docs/architecture.md, checked on the source of `quotes/`.

- no function or method over MAX_LINES lines, except the ones listed in LONG_FUNCTIONS with
  the reason (an entry that is no longer long fails too, so the list only shrinks);
- no module imports another module's private (_underscore) name;
- data flows one way: a package imports only the packages listed for it in MAY_IMPORT.
"""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "quotes"
MAX_LINES = 60

# "path:qualified name" -> why it stays long (none today: add one only with its reason)
LONG_FUNCTIONS: dict[str, str] = {}

# Stage order (ingest -> extract -> corpus -> store -> site; run/, build, cli orchestrate).
# A top-level package or module -> the top-level names of `quotes` it may import.
BASE = {"model", "lexicon"}
MAY_IMPORT = {
    "model": set(),
    "lexicon": set(),
    "ingest": BASE,
    "extract": BASE | {"ingest"},
    "corpus": BASE | {"ingest", "extract"},
    "store": BASE | {"ingest", "extract", "corpus"},
    "site": BASE | {"ingest", "extract", "corpus", "store"},
    # run/ orchestrates: extraction and the corpus step at scale, and the site in several
    # processes (run/serving.py builds the Datasette the site package configures)
    "run": BASE | {"ingest", "extract", "corpus", "store", "site"},
    "evaluate": BASE | {"ingest", "extract"},
    "build": BASE | {"ingest", "extract", "corpus", "store", "run"},
    "cli": BASE | {"ingest", "extract", "corpus", "store", "run", "site", "build", "evaluate"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _code_size():
    spec = importlib.util.spec_from_file_location("code_size", ROOT / "benchmarks" / "code_size.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _modules(root: Path = ROOT):
    """(path relative to root, dotted module name, source, parsed tree) of every module of `quotes`."""
    for path in sorted((root / "quotes").rglob("*.py")):
        rel = path.relative_to(root)
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        source = path.read_text(encoding="utf-8")
        yield str(rel), ".".join(parts), source, ast.parse(source)


def _imports(path: str, dotted: str, tree: ast.AST):
    """(line, imported module, imported names) of every import of a module, relative ones
    made absolute; a plain `import a.b` gives names ()."""
    here = dotted.split(".") if path.endswith("__init__.py") else dotted.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield node.lineno, module, tuple(a.name for a in node.names)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def long_functions(root: Path = ROOT) -> dict[str, int]:
    """"path:qualified name" -> lines, of every function over MAX_LINES lines."""
    functions = _code_size().functions
    return {name: lines for path, _, source, _ in _modules(root)
            for lines, name in functions(path, source) if lines > MAX_LINES}


def private_imports(root: Path = ROOT) -> list[str]:
    """Every use of another module's private name: imported by name, or as `module._name`."""
    found = []
    for path, dotted, _, tree in _modules(root):
        modules = set()
        for line, module, names in _imports(path, dotted, tree):
            if module == "quotes" or module.startswith("quotes."):
                found += [f"{path}:{line} {module}.{n}" for n in names if _private(n)]
                modules.update(names or [module.split(".")[0]])
        found += [f"{path}:{node.lineno} {node.value.id}.{node.attr}" for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id in modules and _private(node.attr)]
    return found


def flow_violations(root: Path = ROOT) -> list[str]:
    """Every import of a `quotes` package that MAY_IMPORT does not allow the importer."""
    wrong = []
    for path, dotted, _, tree in _modules(root):
        parts = dotted.split(".")
        top = parts[1] if len(parts) > 1 else "__init__"
        allowed = MAY_IMPORT[top] | {top}
        for line, module, names in _imports(path, dotted, tree):
            if module == "quotes":  # from quotes import x
                targets = set(names)
            elif module.startswith("quotes."):
                targets = {module.split(".")[1]}
            else:
                continue
            wrong += [f"{path}:{line} imports quotes.{t}" for t in sorted(targets - allowed)]
    return wrong


def test_no_long_functions_but_the_listed_ones():
    long = long_functions()
    unlisted = {name: n for name, n in long.items() if name not in LONG_FUNCTIONS}
    assert not unlisted, f"functions over {MAX_LINES} lines (split them): {unlisted}"
    shrunk = sorted(set(LONG_FUNCTIONS) - set(long))
    assert not shrunk, f"no longer over {MAX_LINES} lines, remove from LONG_FUNCTIONS: {shrunk}"


def redefined_names(root: Path = ROOT) -> list[str]:
    """"path:line name" of every top-level function or class defined twice in one module: the
    later one silently replaces the first (two branches merged with the same helper name)."""
    found = []
    for path, _, _, tree in _modules(root):
        seen: set[str] = set()
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name in seen:
                    found.append(f"{path}:{node.lineno} {node.name}")
                seen.add(node.name)
    return found


def test_no_module_defines_a_name_twice():
    found = redefined_names()
    assert not found, f"defined twice (the second replaces the first): {found}"


def test_redefinition_check_sees_it(tmp_path):
    (tmp_path / "quotes").mkdir()
    (tmp_path / "quotes" / "m.py").write_text("def a():\n    pass\n\n\ndef b():\n    pass\n\n\ndef a():\n    pass\n")
    assert redefined_names(tmp_path) == ["quotes/m.py:9 a"]


def test_no_import_of_another_modules_private_names():
    found = private_imports()
    assert not found, f"imports of another module's private names: {found}"


def test_data_flows_one_way():
    wrong = flow_violations()
    assert not wrong, f"imports against the flow (see MAY_IMPORT): {wrong}"


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("source, expected", [
    ("from quotes.corpus.grouping import _Grouper\n", ["quotes.corpus.grouping._Grouper"]),
    ("from .grouping import _alias\n", ["quotes.store.grouping._alias"]),
    ("from quotes.corpus import grouping\ngrouping._alias('a', 'b')\n", ["grouping._alias"]),
    ("from quotes.corpus.grouping import Grouping\nimport os\nos._exit(0)\n", []),
])
def test_private_name_check_sees_every_form(tmp_path, source, expected):
    root = _tree(tmp_path, {"quotes/store/probe.py": source})
    assert [f.split(" ", 1)[1] for f in private_imports(root)] == expected


@pytest.mark.parametrize("path, source, wrong", [
    ("quotes/store/probe.py", "from quotes.run.batch import extract_safely\n", ["quotes.run"]),
    ("quotes/extract/probe.py", "from quotes.corpus import grouping\n", ["quotes.corpus"]),
    ("quotes/extract/probe.py", "import quotes.site.plugin\n", ["quotes.site"]),
    ("quotes/extract/sub/probe.py", "from ...store import db\n", ["quotes.store"]),
    ("quotes/site/probe.py", "from quotes.corpus.relations import RELATIONS\n", []),
])
def test_flow_check_sees_every_form(tmp_path, path, source, wrong):
    root = _tree(tmp_path, {path: source})
    assert [f.split(" imports ")[1] for f in flow_violations(root)] == wrong


def test_long_function_check_counts_lines(tmp_path):
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_LINES))
    root = _tree(tmp_path, {"quotes/store/probe.py": f"def short():\n    return 1\n\n\nclass A:\n    def long(self):\n{body}"})
    assert long_functions(root) == {"quotes/store/probe.py:A.long": MAX_LINES + 1}
