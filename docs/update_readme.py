"""Regenerate the parts of README.md that are derived from code: the schema, the CLI help and
the seeds' utterances (a real build of seeds/).

Run `python docs/update_readme.py` after changing tables or commands; tests/test_readme.py
fails when the README is stale.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def schema_markdown() -> str:
    """The CREATE statements of a fresh database, as the code makes it."""
    from quotes.store.db import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "schema.db"))
        statements = [
            row[0].strip()
            for row in db.execute(
                "select sql from sqlite_master where sql is not null and name not like 'quotes_fts_%' "
                "and type in ('table', 'view') order by type desc, name"
            )
        ]
        db.close()
    return "```sql\n" + ";\n\n".join(statements) + ";\n```"


def cli_markdown() -> str:
    """`quotes COMMAND --help` for every command."""
    from click.testing import CliRunner

    from quotes.cli import cli

    runner = CliRunner()
    parts = []
    for name in sorted(cli.commands):
        result = runner.invoke(cli, [name, "--help"], prog_name="quotes", terminal_width=88)
        parts.append(f"```\n$ quotes {name} --help\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts)


def utterances_markdown() -> str:
    """The utterances quoted by several seed articles, each outlet's version with its
    relation and word diff (~~left out~~, **added or changed**), from a real build."""
    import json

    import sqlite_utils
    from click.testing import CliRunner

    from quotes.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "seeds.db")
        result = CliRunner().invoke(cli, ["build", str(README.parent / "seeds"), "--db", path])
        if result.exit_code != 0:
            raise SystemExit(result.output)
        db = sqlite_utils.Database(path)
        utterances = list(db.query(
            "select u.id, s.name, u.n_quotes, u.n_outlets, u.text from utterances u"
            " left join speakers s on s.id = u.speaker_id where u.n_articles > 1"
            " order by u.n_outlets desc, u.n_quotes desc, u.text"))
        parts = []
        for u in utterances:
            rows = db.query(
                "select o.name as outlet, v.relation, v.similarity, v.diff from quotes q"
                " join variants v on v.quote_id = q.id join articles a on a.id = q.article_id"
                " join outlets o on o.id = a.outlet_id where q.utterance_id = ?"
                " order by v.relation != 'reference', o.name, q.start", [u["id"]])
            lines = [f"**{u['name']}**, {u['n_quotes']} quotes in {u['n_outlets']} outlets",
                     "", "| outlet | relation | similarity | words |", "| --- | --- | --- | --- |"]
            for r in rows:
                words = " ".join(text if op == "equal" else f"~~{text}~~" if op == "delete" else f"**{text}**"
                                 for op, text in json.loads(r["diff"]))
                lines.append(f"| {r['outlet']} | {r['relation']} | {r['similarity']:.2f} | "
                             f"{words.replace('|', '/')} |")
            parts.append("\n".join(lines))
        db.close()
    return "\n\n".join(parts)


def replace_block(text: str, name: str, content: str) -> str:
    pattern = re.compile(rf"(<!-- {name} -->\n)(?:.*?\n)?(<!-- /{name} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README has no <!-- {name} --> block")
    return pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)


def updated_readme() -> str:
    text = README.read_text(encoding="utf-8")
    text = replace_block(text, "schema", schema_markdown())
    text = replace_block(text, "utterances", utterances_markdown())
    return replace_block(text, "cli", cli_markdown())


if __name__ == "__main__":
    new = updated_readme()
    if "--check" in sys.argv:
        sys.exit(0 if new == README.read_text(encoding="utf-8") else 1)
    README.write_text(new, encoding="utf-8")
