"""How much look-up state the unsure quotes take when a corpus is cut (``corpus.unsure``):
the cut's first steps redone with the corpus step's own functions on a copy of a database.

    python benchmarks/unsure_links.py /tmp/synthunsure/td.db /tmp/synthunsure/synth-200000.db

Per database: unsure quotes, distinct 4-grams per unsure quote, (4-gram, family) entries of
``UnsureLinks.held`` per unsure quote (since scale6 only the families owning an unsure quote
with the gram: before, every family holding it), the most families on one 4-gram, and how
many unsure quotes move to another family. Compares a real extraction with a synthetic corpus
(synth_corpus.py): do the synthetic unsure quotes cost what real ones do?
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes.corpus.families import cut_links, family_key  # noqa: E402
from quotes.run.corpus_step import speaker_index  # noqa: E402
from quotes.store.db import open_db, unsure_condition, unsure_methods  # noqa: E402
from quotes.store.stage import CorpusStage  # noqa: E402


def unsure_state(path: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(path, copy)
        db = open_db(str(copy))
        stage = CorpusStage(db.conn)
        speakers = speaker_index(db, set(), None, stage)
        family = {s.id: family_key(s.id, s.name) for s in speakers.speakers}
        stage.set_persons((i, sid, family[sid]) for i, sid in enumerate(speakers.person_speaker))
        where, params = unsure_condition()
        links = cut_links(stage.speakerless_texts(), stage.unsure_texts(unsure_methods(db), family),
                          stage.named_texts(where, params, family)).unsure
        stage.abandon()
        db.close()
    n = max(1, len(links.grams_of))
    entries = sum(len(v) // 2 for v in links.held.values())  # ([family, count, ...] pairs)
    moved = sum(1 for qid in links.grams_of if links.moved_to(qid))
    return (f"{path}: unsure {len(links.grams_of)}, 4-grams {len(links.held) / n:.1f} per quote, held entries "
            f"{entries / n:.1f} per quote, most families on a 4-gram {max((len(v) // 2 for v in links.held.values()), default=0)}, "
            f"moved {moved} ({moved / n:.1%})")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(unsure_state(Path(arg)))
