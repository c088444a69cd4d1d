"""Module sizes and the longest functions of `quotes/`, now or at a git revision.

    python benchmarks/code_size.py                  # the working tree
    python benchmarks/code_size.py --rev 323d875    # as committed at a revision
    python benchmarks/code_size.py --under quotes/extract --top 10

Lines are physical lines (docstrings and comments included), as a reader sees them.
"""
from __future__ import annotations

import argparse
import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources(rev: str | None, under: str) -> dict[str, str]:
    """{path: source} of the .py files below `under`."""
    if rev is None:
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
                for p in sorted((ROOT / under).rglob("*.py"))}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, under], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{rev}:{n}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout for n in names if n.endswith(".py")}


def functions(path: str, source: str):
    """(lines, qualified name) of every function and method, nested ones included."""
    out = []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    out.append((child.end_lineno - child.lineno + 1, f"{path}:{name}"))
                walk(child, name + ".")

    walk(ast.parse(source), "")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", help="a git revision (default: the working tree)")
    ap.add_argument("--under", default="quotes")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--modules", type=int, default=10, help="how many of the largest modules to list")
    args = ap.parse_args()
    src = sources(args.rev, args.under)
    sizes = sorted(((len(s.splitlines()), p) for p in src for s in [src[p]]), reverse=True)
    print(f"{len(src)} modules, {sum(n for n, _ in sizes)} lines; the largest:")
    for n, p in sizes[:args.modules]:
        print(f"  {n:5d}  {p}")
    funcs = sorted((f for p, s in src.items() for f in functions(p, s)), reverse=True)
    print(f"{len(funcs)} functions, {sum(1 for n, _ in funcs if n > 60)} over 60 lines; the longest:")
    for n, name in funcs[:args.top]:
        print(f"  {n:5d}  {name}")


if __name__ == "__main__":
    main()
