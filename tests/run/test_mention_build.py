"""Issue 13: a term the writer mentions ("would not use the words “forever war”") goes
from the extractor through the database to the corpus step's grouping, which keeps two
articles' mentions of it apart while the same speaker's quoted sentence groups."""
import json
import sqlite3

from click.testing import CliRunner

from quotes.cli import cli

DOCS = [
    {"doc_id": "debate-1", "outlet": "Daily Ledger", "published": "2015-11-15",
     "text": "Senator Ann Ruiz spoke at the debate in Des Moines on Saturday.\n\nRuiz would not use the words "
             "“forever war,” a moment her rivals noticed.\n\n“We will win Iowa,” Ruiz said."},
    {"doc_id": "debate-2", "outlet": "Harbour News", "published": "2015-11-16",
     "text": "The debate was heated.\n\nSenator Ann Ruiz also avoided the loaded term, “forever "
             "war,” which her rivals want leaders to use.\n\n“We will win Iowa,” Ruiz said."},
]


def test_two_articles_mentioning_a_term_make_no_utterance_of_it(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    db = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["build", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    rows = conn.execute("select text, mention, utterance_id from quotes order by article_id, start").fetchall()
    terms = [r for r in rows if r[0].startswith("forever")]
    said = [r for r in rows if r[0].startswith("We will")]
    assert [r[1] for r in terms] == [1, 1] and [r[1] for r in said] == [0, 0]
    assert terms[0][2] != terms[1][2]  # two mentions, no one act of speaking
    assert said[0][2] == said[1][2]  # the sentence she said is one utterance of two articles
