"""Prove that a change of code changes no output: snapshot, then compare.

    python benchmarks/behaviour_check.py snapshot /tmp/before      # on the old code
    python benchmarks/behaviour_check.py snapshot /tmp/after       # on the new code
    python benchmarks/behaviour_check.py compare /tmp/before /tmp/after

A snapshot holds:
- `polnear.jsonl`: `quotes extract --jsonl` of the 924 PolNeAR train and dev articles in one
  run, so the corpus-wide speaker names and utterance groups are in it too (never test: the
  project develops on train and dev only);
- `seeds/<table>.jsonl`: every row of every table of a `quotes.db` built from `seeds/`,
  sorted, one JSON object a line (the FTS shadow tables included);
- `seeds/schema.sql`: the database's schema.
Snapshots stay outside the repository (PolNeAR text must never be committed).
`compare` prints, per file, identical or the first differing line, and exits 1 on any
difference.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"


def quotes_command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotes", *args], check=True, cwd=ROOT, **kwargs)


def dump_database(db_path: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    schema = [row[0] for row in conn.execute(
        "select sql from sqlite_master where sql is not null order by type, name")]
    (out / "schema.sql").write_text(";\n".join(schema) + ";\n")
    tables = [row[0] for row in conn.execute(
        "select name from sqlite_master where type = 'table' order by name")]
    for table in tables:
        rows = [json.dumps(list(row), ensure_ascii=False, default=repr)
                for row in conn.execute(f'select * from "{table}"')]
        rows.sort()
        (out / f"{table}.jsonl").write_text("".join(line + "\n" for line in rows))
    for pragma in ("user_version", "application_id"):
        value = conn.execute(f"pragma {pragma}").fetchone()[0]
        (out / f"pragma_{pragma}.txt").write_text(f"{value}\n")
    conn.close()


def snapshot(out: Path, skip_polnear: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    splits = [POLNEAR / f"{name}.jsonl" for name in ("train", "dev")]
    if not skip_polnear and all(path.exists() for path in splits):
        with open(out / "polnear.jsonl", "w") as handle:
            quotes_command("extract", *map(str, splits), "--jsonl", stdout=handle)
    else:
        print("PolNeAR not snapshotted (absent or --skip-polnear)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        quotes_command("build", "seeds", "--db", str(db), stdout=subprocess.DEVNULL)
        dump_database(db, out / "seeds")
    print(f"snapshot written to {out}")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.relative_to(before) for p in before.rglob("*") if p.is_file()}
                   | {p.relative_to(after) for p in after.rglob("*") if p.is_file()})
    differences = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            differences += 1
            continue
        left, right = a.read_text().splitlines(), b.read_text().splitlines()
        if left == right:
            print(f"{name}: identical ({len(left)} lines)")
            continue
        differences += 1
        for i, (x, y) in enumerate(zip(left, right)):
            if x != y:
                print(f"{name}: line {i + 1} differs\n  before: {x[:300]}\n  after:  {y[:300]}")
                break
        else:
            print(f"{name}: {len(left)} lines before, {len(right)} after")
    print("IDENTICAL" if not differences else f"{differences} file(s) differ")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out", type=Path)
    snap.add_argument("--skip-polnear", action="store_true")
    comp = sub.add_parser("compare")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.skip_polnear)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
