"""Regenerate the parts of README.md that are derived from code: the schema and the CLI help.

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
    from quotes.db import open_db

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


def replace_block(text: str, name: str, content: str) -> str:
    pattern = re.compile(rf"(<!-- {name} -->\n)(?:.*?\n)?(<!-- /{name} -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README has no <!-- {name} --> block")
    return pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)


def updated_readme() -> str:
    text = README.read_text(encoding="utf-8")
    text = replace_block(text, "schema", schema_markdown())
    return replace_block(text, "cli", cli_markdown())


if __name__ == "__main__":
    new = updated_readme()
    if "--check" in sys.argv:
        sys.exit(0 if new == README.read_text(encoding="utf-8") else 1)
    README.write_text(new, encoding="utf-8")
