"""Recall and precision of the source alignment on quotes of Trump labelled by reading.

    python benchmarks/source_recall.py --db /tmp/polnear_sources.db --sheet [--out /tmp/recall.md]
    python benchmarks/source_recall.py --db /tmp/polnear_sources.db --labels benchmarks/source_recall_labels.jsonl
    python benchmarks/source_recall.py --db ... --sheet --labels benchmarks/source_recall_labels.jsonl --seed 17
        (a further round: a sheet of quotes not labelled yet)
    python benchmarks/source_recall.py --db ... --sheet --labels ... --seed 18 --split held-out
        (held-out quotes only: more weight for the held-out figure)
    python benchmarks/source_recall.py --db ... --sheet --labels ... --seed 19 --split held-out --days 45 --unread --sample 1000
        (round 4: a wider window, and the tune articles nobody has read moved to held-out)
    python benchmarks/source_recall.py --db ... --labels ... --days 45
        (scores every round; held-out per round too)
    python benchmarks/source_recall.py --db ... --labels ... --days 45 --alignment-labels benchmarks/source_alignment_labels.jsonl
        (precision on every alignment of the population that either file labels)
    python benchmarks/source_recall.py --db ... --frame gold --days 45 --sheet --seed 21 --sample 150
    python benchmarks/source_recall.py --db ... --frame gold --days 45 --labels benchmarks/source_recall_gold_labels.jsonl
        (round 6: the quotes the gold gives Trump and the extractor does not; recall as stored and
        with the gold speaker)
    python benchmarks/source_recall.py --db ... --frame layer --days 45 --sheet --seed 23 --sample 150
    python benchmarks/source_recall.py --db ... --frame layer --days 45 --labels benchmarks/source_recall_gold_labels.jsonl
        (round 8: the train quotes whose pronoun or description speaker train's resolved-speaker
        layer names Trump, not read in rounds 1-7)
    python benchmarks/source_recall.py --db ... --frame unknown --days 45 --sheet --seed 24 --sample 80
    python benchmarks/source_recall.py --db ... --frame unknown --days 45 --labels benchmarks/source_recall_gold_labels.jsonl
        (round 9: the quotes given nobody whose speaker neither the gold nor a layer names)

The database is the one ``benchmarks/sources_polnear.py`` builds (PolNeAR train+dev and the 74
transcripts; it builds it when missing). ``--sheet`` draws ``--sample`` quotes at random from
its population (quotes attributed to Trump, published 0-7 days after a transcribed occasion),
splits them into tune and held-out by a hash of the article id, and writes a reading sheet
OUTSIDE the repository (it holds PolNeAR text): each quote in its paragraph, the current
alignment and the nearest passages of the transcripts dated on or before the article. How to
label it: ``benchmarks/source_recall_guide.md``. ``--labels`` scores the current alignments
against the labels, per split.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sources_polnear import POLNEAR, TRANSCRIPTS, build, day, population, split_doc_ids  # noqa: E402

LAYER = Path(__file__).resolve().parent / "polnear_dev_speaker_layer.jsonl"
# train's resolved-speaker layer (stop 30: the pronoun and description speakers of train articles
# that mention Trump, see speaker_layer_guide.md)
TRAIN_LAYER = Path(__file__).resolve().parent / "polnear_train_speaker_layer.jsonl"
GOLD_LABELS = Path(__file__).resolve().parent / "source_recall_gold_labels.jsonl"
EARLIER = [Path(__file__).resolve().parent / name for name in
           ("source_recall_labels.jsonl", "source_recall_gold_labels.jsonl", "source_alignment_labels.jsonl")]
# the words a gold speaker part may have just before "Trump" and still name Donald Trump
# ("Eric Trump", "an adviser to Trump", "who supports Trump" do not)
_BEFORE_TRUMP = {"", "Donald", "J.", "Mr."}

SPLITS = ["train", "dev"]  # never test


def split_of(doc_id: str) -> str:
    """tune or held-out, by the article: the quotes of one article stay on one side."""
    return "held-out" if int(hashlib.sha1(doc_id.encode()).hexdigest()[0], 16) % 2 == 0 else "tune"


def read_labels(labels: Path | None) -> list[dict]:
    if not labels or not labels.exists():
        return []
    return [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]


def with_doc_ids(conn: sqlite3.Connection, pop: list[dict], rows: list[dict] = ()) -> list[dict]:
    """The population with each quote's article and split: by the hash of its article, or
    held-out when a label moved its article there (a tune article nobody had read, round 4)."""
    doc = dict(conn.execute("select id, doc_id from articles"))
    moved = {r["doc_id"] for r in rows if r["split"] == "held-out"}
    for p in pop:
        p["doc_id"] = doc[p["article_id"]]
        p["split"] = "held-out" if p["doc_id"] in moved else split_of(p["doc_id"])
    return pop


def unread(pop: list[dict], rows: list[dict]) -> list[dict]:
    """The population with the tune quotes of articles none of whose quotes was labelled
    (nobody read them while fixing) moved to held-out."""
    read = {r["doc_id"] for r in rows}
    for p in pop:
        if p["split"] == "tune" and p["doc_id"] not in read:
            p["split"] = "held-out"
    return pop


def sample(pop: list[dict], n: int, seed: int, exclude: set[str] = frozenset(), split: str | None = None) -> list[dict]:
    """``n`` quotes at random, none of ``exclude`` (the quotes of an earlier round), of one
    ``split`` when given."""
    pick = sorted((p for p in pop if p["quote_id"] not in exclude and split in (None, p["split"])),
                  key=lambda p: p["quote_id"])
    return random.Random(seed).sample(pick, min(n, len(pick)))


def nearest(text: str, sources: list[tuple], published: str, k: int = 3) -> list[tuple]:
    """The ``k`` passages of the sources dated on or before ``published`` nearest the quote."""
    from rapidfuzz import fuzz

    pub = day(published)
    best = []
    for path, sdate, stext in sources:
        if pub is not None and day(sdate) is not None and day(sdate) > pub:
            continue
        al = fuzz.partial_ratio_alignment(text.lower(), stext.lower(), score_cutoff=50)
        if al is not None:
            best.append((round(al.score), sdate, path, al.dest_start, al.dest_end, stext[al.dest_start:al.dest_end]))
    return sorted(best, key=lambda b: (-b[0], b[1]))[:k]


def write_sheet(conn: sqlite3.Connection, picked: list[dict], out: Path) -> None:
    sources = [(Path(p).name, d, t) for p, d, t in conn.execute("select path, date, text from sources")]
    paths = dict(conn.execute("select id, path from sources"))
    lines = [f"# {len(picked)} quotes of Trump (reading sheet: PolNeAR text, do not commit)\n"]
    for k, p in enumerate(picked, 1):
        text = conn.execute("select text from articles where id = ?", [p["article_id"]]).fetchone()[0]
        a = text.rfind("\n", 0, p["start"]) + 1
        b = text.find("\n", p["end"])
        lines.append(f"## {k}. {p['quote_id']} · {p['split']} · {p['outlet']} · {p['published']}\n")
        lines.append(f"PARAGRAPH: {text[a:b if b >= 0 else len(text)]}\n\nQUOTE: “{p['text']}”\n")
        if "stored" in p:  # round 6: the gold speaker's frame
            lines.append(f"STORED SPEAKER: {p['stored']} ({p['stored_speaker']}) · GOLD: {p['gold']}"
                         f" “{text[p['gold_start']:p['gold_end']]}” · stored alignment: {p['stored_found']}\n")
        if p["relation"]:
            lines.append(f"SYSTEM: {Path(paths[p['source_id']]).name} {p['source_date']} "
                         f"[{p['source_start']}:{p['source_end']}] {p['relation']} ({p['how']}): {p['passage']}\n")
        for score, sdate, path, s0, s1, passage in nearest(p["text"], sources, p["published"]):
            lines.append(f"NEAR {score} {path} {sdate} [{s0}:{s1}]: {passage}\n")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


def _overlaps(p: dict, lab: dict, paths: dict) -> bool:
    return (Path(paths.get(p["source_id"], "")).name == lab["source"]
            and p["source_start"] < lab["end"] and lab["start"] < p["source_end"])


def score(conn: sqlite3.Connection, pop: list[dict], labels: Path) -> None:
    """Recall and precision per split (see the guide)."""
    by_id = {p["quote_id"]: p for p in pop}
    paths = dict(conn.execute("select id, path from sources"))
    rows = read_labels(labels)
    for split in ("tune", "held-out"):
        mine = [r for r in rows if r["split"] == split]
        gone = [r for r in mine if r["quote_id"] not in by_id]
        mine = [r for r in mine if r["quote_id"] in by_id and r["verdict"] != "not trump"]
        found = [r for r in mine if by_id[r["quote_id"]]["relation"]]
        said = [r for r in mine if r["verdict"] == "in transcript"]
        right = [r for r in found if r["verdict"] == "in transcript" and _overlaps(by_id[r["quote_id"]], r, paths)]
        rel = [r for r in right if by_id[r["quote_id"]]["relation"] == r["relation"]]
        long_said = [r for r in said if len(by_id[r["quote_id"]]["text"].split()) >= 3]
        long_right = [r for r in right if len(by_id[r["quote_id"]]["text"].split()) >= 3]
        print(f"{split}: {len(mine)} labelled quotes ({Counter(r['verdict'] for r in mine)}; {len(gone)} gone or outside --days)")
        print(f"  recall {len(right)}/{len(said)} = {len(right) / max(1, len(said)):.0%}"
              f" (quotes of 3+ words: {len(long_right)}/{len(long_said)})")
        print(f"  precision {len(right)}/{len(found)} = {len(right) / max(1, len(found)):.0%};"
              f" relation right too: {len(rel)}/{len(found)}")
        if split != "tune":
            for rnd in sorted({r["round"] for r in said}):
                n_said = [r for r in said if r["round"] == rnd]
                n_right = [r for r in right if r["round"] == rnd]
                n_found = [r for r in found if r["round"] == rnd]
                print(f"  round {rnd}: recall {len(n_right)}/{len(n_said)}, precision {len(n_right)}/{len(n_found)}")
            continue  # held-out: the figures only (fixes are made from reading tune quotes)
        for r in said:
            if r not in right:
                print(f"  missed {r['quote_id']} ({len(by_id[r['quote_id']]['text'].split())} words) {r.get('note', '')}")
        for r in found:
            if r not in right:
                print(f"  wrong {r['quote_id']} {r['verdict']} {r.get('note', '')}")
            elif r not in rel:
                print(f"  relation {r['quote_id']}: {by_id[r['quote_id']]['relation']}, labelled {r['relation']}")


def every_alignment(conn: sqlite3.Connection, pop: list[dict], labels: Path, alignment_labels: Path) -> None:
    """Precision on every current alignment of the population that a label reads: this file's
    (the source and an overlapping passage) or else ``sources_polnear.py``'s (the same passage
    start; a wrong relation is the right passage). Both splits; quotes not Trump's left out."""
    paths = dict(conn.execute("select id, path from sources"))
    recall = {r["quote_id"]: r for r in read_labels(labels)}
    read = {}
    for r in read_labels(alignment_labels):
        if r["sample"] == "aligned":
            read[(r["quote_id"], r["start"])] = r
    right, wrong, unread = [], [], []
    outside = Counter()
    for p in pop:
        if not p["relation"]:
            continue
        r = recall.get(p["quote_id"])
        if r is not None and r["verdict"] == "not trump":
            continue
        if r is not None:
            ok = r["verdict"] == "in transcript" and _overlaps(p, r, paths)
        elif (p["quote_id"], p["source_start"]) in read:
            ok = read[(p["quote_id"], p["source_start"])]["verdict"] in ("right", "wrong relation")
        else:
            unread.append(p["quote_id"])
            continue
        (right if ok else wrong).append(p)
    # the alignments of quotes the extractor gives another speaker or nobody (stop 29:
    # ``corpus.sources._found_for_article_speaker``; stop 31: ``_found_beside_for_article_speaker``):
    # labelled in ``alignment_labels``, or read in rounds 6, 8 and 9 (``GOLD_LABELS``: the source
    # and an overlapping passage)
    ids = {p["quote_id"] for p in pop}
    gold = {r["quote_id"]: r for r in read_labels(GOLD_LABELS)}
    for qid, start, how, words in conn.execute(
            "select sq.quote_id, sq.start, sq.how, length(q.text) - length(replace(q.text, ' ', '')) + 1"
            " from source_quotes sq join quotes q on q.id = sq.quote_id order by sq.quote_id"):
        if qid in ids:
            continue
        p = {"quote_id": qid, "how": how, "text": "w " * words}
        if (qid, start) not in read and qid in gold:
            sid, end = conn.execute('select source_id, "end" from source_quotes where quote_id = ?', [qid]).fetchone()
            ok = gold[qid]["verdict"] == "in transcript" and _overlaps(
                {"source_id": sid, "source_start": start, "source_end": end}, gold[qid], paths)
            (right if ok else wrong).append(p)
            outside[ok] += 1
        elif (qid, start) not in read:
            unread.append(qid)
        else:
            (right if read[(qid, start)]["verdict"] in ("right", "wrong relation") else wrong).append(p)
            outside[read[(qid, start)]["verdict"] in ("right", "wrong relation")] += 1
    print(f"every alignment labelled: {len(right)}/{len(right) + len(wrong)} right"
          f" ({len(right) / max(1, len(right) + len(wrong)):.1%}); {len(unread)} not labelled {unread};"
          f" of them, quotes the extractor gives another speaker or nobody: {outside[True]}/{sum(outside.values())}")
    for p in wrong:
        print(f"  wrong {p['quote_id']} ({p['how']}, {len(p['text'].split())} words)")


# --- round 6: the gold speaker's frame (see the guide) ---------------------------------------

def names_trump(speaker: str | None) -> bool:
    """Whether a gold speaker string names Donald Trump (the guide's test)."""
    for part in (speaker or "").split(","):
        words = part.split()
        if not words or words[-1] != "Trump":
            continue
        if (words[-2] if len(words) > 1 else "") in _BEFORE_TRUMP:
            return True
    return False


def read_layer(path: Path) -> dict[tuple, list | None]:
    """(doc_id, start, end) -> the name span of a resolved-speaker layer."""
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip():
                r = json.loads(line)
                out[(r["doc_id"], r["start"], r["end"])] = r["name_span"]
    return out


def gold_trump(splits: list[str]) -> list[dict]:
    """The train/dev gold quotes whose gold speaker (or its resolved name in the split's
    speaker layer) is Donald Trump: {doc_id, start, end, text, gold, via_layer} (``via_layer``:
    only the layer names him, the gold speaker is a pronoun or a description)."""
    out = []
    for split in splits:
        layer = read_layer({"dev": LAYER, "train": TRAIN_LAYER}.get(split, Path("/nonexistent")))
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                doc = json.loads(line)
                for q in doc["quotes"]:
                    span = layer.get((doc["doc_id"], q["start"], q["end"]))
                    named = doc["text"][span[0]:span[1]] if span else None
                    if names_trump(q["speaker"]) or names_trump(named):
                        out.append({"doc_id": doc["doc_id"], "start": q["start"], "end": q["end"],
                                    "text": doc["text"][q["start"]:q["end"]], "gold": named or q["speaker"],
                                    "via_layer": split == "train" and not names_trump(q["speaker"])})
    return out


def gold_id(doc_id: str, start: int, end: int) -> str:
    return "g" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:15]


def gold_frame(conn: sqlite3.Connection, days: int, trump: set[str]) -> list[dict]:
    """The gold Trump quotes of articles 0..``days`` after an occasion that no overlapping
    extracted quote gives Trump, each as the extracted quote overlapping it most (``stored``:
    other, unresolved or nobody) or as the gold span (``missed``)."""
    occasions = sorted({day(d) for (d,) in conn.execute("select date from sources") if day(d)})
    arts = {doc: (aid, pub, outlet) for aid, doc, pub, outlet in conn.execute(
        "select a.id, a.doc_id, a.published, coalesce(o.name, 'unknown') from articles a"
        " left join outlets o on o.id = a.outlet_id")}
    out = []
    for g in gold_trump(SPLITS):
        if g["doc_id"] not in arts:
            continue
        aid, published, outlet = arts[g["doc_id"]]
        pub = day(published)
        if pub is None or not any(0 <= (pub - o).days <= days for o in occasions):
            continue
        over = conn.execute(
            "select q.id, q.text, q.start, q.\"end\", coalesce(u.speaker_id, q.speaker_id), q.speaker_name"
            " from quotes q left join utterances u on u.id = q.utterance_id"
            " where q.article_id = ? and q.start < ? and ? < q.\"end\"", [aid, g["end"], g["start"]]).fetchall()
        if any(sid in trump for *_, sid, _ in over):
            continue  # rounds 1-5's population
        item = {"doc_id": g["doc_id"], "article_id": aid, "published": published, "outlet": outlet,
                "gold": g["gold"], "gold_start": g["start"], "gold_end": g["end"], "via_layer": g["via_layer"]}
        if over:
            qid, text, start, end, sid, name = max(over, key=lambda r: min(r[3], g["end"]) - max(r[2], g["start"]))
            stored = "other" if sid else ("unresolved" if name else "nobody")
            item.update(quote_id=qid, text=text, start=start, end=end, stored=stored, stored_speaker=name)
        else:
            item.update(quote_id=gold_id(g["doc_id"], g["start"], g["end"]), text=g["text"], start=g["start"],
                        end=g["end"], stored="missed", stored_speaker=None)
        out.append(item)
    # one item per extracted quote (two gold spans may overlap one quote)
    return list({p["quote_id"]: p for p in out}.values())


def with_gold_speaker(conn: sqlite3.Connection, frame: list[dict], trump_id: str) -> dict[str, object]:
    """Each frame quote's alignment by the real rules when its speaker is Trump (the guide's
    figure 2): the database's quotes, the frame's given ``trump_id`` as lone quotes, the missed
    gold spans added as lone quotes of Trump. quote id -> SourceMatch."""
    from quotes.build import quotes_to_check, source_segments
    from quotes.corpus.occasions import event_names
    from quotes.corpus.sources import QuoteToCheck, align_sources
    from quotes.store.sources import CONTEXT_AFTER, CONTEXT_BEFORE

    mine = {p["quote_id"]: p for p in frame}
    quotes = []
    for q in quotes_to_check(conn):
        if q.quote_id in mine:
            q.speaker_id, q.utterance_id = trump_id, None
        if q.speaker_id is not None:
            quotes.append(q)
    for p in frame:
        if p["stored"] == "missed":
            text, published = conn.execute("select text, published from articles where id = ?",
                                           [p["article_id"]]).fetchone()
            a = max(p["start"] - CONTEXT_BEFORE, 0)
            quotes.append(QuoteToCheck(p["quote_id"], None, trump_id, p["text"], published, None, None,
                                       p["article_id"], text[a:p["end"] + CONTEXT_AFTER], p["start"] - a, p["end"] - a,
                                       event_names(text)))
    segments, _ = source_segments(conn)
    return {m.quote_id: m for m in align_sources(segments, quotes).matches if m.quote_id in mine}


_PRONOUNS = {"he", "him", "his", "who", "i", "me"}


def unknown_frame(conn: sqlite3.Connection, days: int) -> list[dict]:
    """Round 9 (the guide): the quotes the extractor gives nobody or an unresolved pronoun or
    description, in an article mentioning Trump 0..``days`` after an occasion, whose speaker
    neither the gold nor a resolved-speaker layer names (no gold quote overlaps it, or those
    that do have a pronoun or description speaker and no layer row), not read before."""
    occasions = sorted({day(d) for (d,) in conn.execute("select date from sources") if day(d)})
    gold: dict[str, list[tuple]] = {}
    for split in SPLITS:
        layer = read_layer({"dev": LAYER, "train": TRAIN_LAYER}[split])
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    doc = json.loads(line)
                    gold[doc["doc_id"]] = [(q["start"], q["end"], q["speaker"] or "",
                                            (doc["doc_id"], q["start"], q["end"]) in layer) for q in doc["quotes"]]
    read = {r["quote_id"] for path in EARLIER for r in read_labels(path) if r.get("frame") != "unknown"}
    out = []
    for qid, text, start, end, aid, doc_id, published, outlet, name, atext in conn.execute(
            "select q.id, q.text, q.start, q.\"end\", a.id, a.doc_id, a.published, coalesce(o.name, 'unknown'),"
            " q.speaker_name, a.text from quotes q join articles a on a.id = q.article_id"
            " left join outlets o on o.id = a.outlet_id left join utterances u on u.id = q.utterance_id"
            " where coalesce(u.speaker_id, q.speaker_id) is null order by q.id"):
        pub = day(published)
        if doc_id not in gold or "Trump" not in atext or qid in read:
            continue
        if pub is None or not any(0 <= (pub - o).days <= days for o in occasions):
            continue
        over = [g for g in gold[doc_id] if g[0] < end and start < g[1]]
        if any(g[3] or (g[2].lower() not in _PRONOUNS and any(w[:1].isupper() for w in g[2].split()))
               for g in over):
            continue  # the gold or a layer names its speaker
        out.append({"doc_id": doc_id, "article_id": aid, "published": published, "outlet": outlet,
                    "gold": "(nobody named)", "gold_start": start, "gold_end": end, "via_layer": False,
                    "quote_id": qid, "text": text, "start": start, "end": end,
                    "stored": "unresolved" if name else "nobody", "stored_speaker": name})
    return out


def trump_ids(conn: sqlite3.Connection) -> set[str]:
    ids = set()
    for (row,) in conn.execute("select distinct speaker_ids from source_turns where speaker_ids is not null"):
        ids.update(json.loads(row))
    return ids


def gold_population(conn: sqlite3.Connection, days: int, which: str = "gold") -> list[dict]:
    """The frame with each quote's split, its stored alignment (figure 1) and the one made with
    the gold speaker (figure 2), in the fields ``write_sheet`` and ``score`` read. ``which``:
    ``gold``, round 6's frame (the gold speaker names Trump, or on dev the dev layer does);
    ``layer``, round 8's (only train's layer names him, and no earlier round read the quote);
    ``unknown``, round 9's (quotes given nobody whose speaker neither the gold nor a layer names)."""
    trump = trump_ids(conn)
    frame = unknown_frame(conn, days) if which == "unknown" else gold_frame(conn, days, trump)
    if which == "unknown":
        pass
    elif which == "layer":
        read = {r["quote_id"] for path in EARLIER for r in read_labels(path) if r.get("frame") != "layer"}
        frame = [p for p in frame if p["via_layer"] and p["quote_id"] not in read]
    else:
        frame = [p for p in frame if not p["via_layer"]]
    made = with_gold_speaker(conn, frame, max(trump, key=lambda t: conn.execute(
        "select count(*) from quotes where speaker_id = ?", [t]).fetchone()[0]))
    stored = {r[0]: r[1:] for r in conn.execute(
        "select quote_id, source_id, start, \"end\", relation, how, passage from source_quotes")}
    dates = dict(conn.execute("select id, date from sources"))
    for p in frame:
        p["split"] = split_of(p["doc_id"])
        st = stored.get(p["quote_id"])
        p["stored_found"] = (st[0], st[1], st[2]) if st else None
        m = made.get(p["quote_id"])
        p.update(source_id=m and m.source_id, source_start=m and m.start, source_end=m and m.end,
                 relation=m and m.relation, how=m and m.how, passage=m and m.passage,
                 source_date=m and dates.get(m.source_id))
    return frame


def score_gold(conn: sqlite3.Connection, pop: list[dict], labels: Path, frame: str = "gold") -> None:
    """Rounds 6 and 8 (the guide): recall as stored and with the gold speaker, per split, and the
    quotes in a transcript that the wrong stored speaker leaves unaligned, by how it is stored."""
    by_id = {p["quote_id"]: p for p in pop}
    paths = dict(conn.execute("select id, path from sources"))
    rows = [r for r in read_labels(labels) if r.get("frame") == frame]
    for split in ("tune", "held-out"):
        mine = [r for r in rows if r["split"] == split and r["quote_id"] in by_id]
        said = [r for r in mine if r["verdict"] == "in transcript"]
        made = [r for r in said if by_id[r["quote_id"]]["relation"] and _overlaps(by_id[r["quote_id"]], r, paths)]
        stored = [r for r in said if by_id[r["quote_id"]]["stored_found"]
                  and _overlaps(dict(zip(("source_id", "source_start", "source_end"),
                                         by_id[r["quote_id"]]["stored_found"])), r, paths)]
        found = [r for r in mine if by_id[r["quote_id"]]["relation"] and r["verdict"] != "not trump"]
        print(f"{split}: {len(mine)} labelled ({Counter(r['verdict'] for r in mine)})")
        print(f"  in a transcript: {len(said)} ({Counter(r['stored'] for r in said)})")
        print(f"  recall as stored: {len(stored)}/{len(said)}; with the gold speaker: {len(made)}/{len(said)}"
              f" = {len(made) / max(1, len(said)):.0%}")
        print(f"  precision with the gold speaker: {len(made)}/{len(found)}")
        if split == "tune":
            for r in said:
                if r not in made:
                    print(f"  missed {r['quote_id']} ({r['stored']}, {len(by_id[r['quote_id']]['text'].split())} words)"
                          f" {r.get('note', '')}")
            for r in found:
                if r not in made:
                    print(f"  wrong {r['quote_id']} {r['verdict']} {r.get('note', '')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/polnear_sources.db"))
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--sheet", action="store_true")
    ap.add_argument("--out", type=Path, default=Path("/tmp/source_recall_sheet.md"))
    ap.add_argument("--labels", type=Path)
    ap.add_argument("--alignment-labels", type=Path,
                    help="with --labels: precision on every alignment either file labels")
    ap.add_argument("--split", choices=["tune", "held-out"], help="--sheet: quotes of this split only")
    ap.add_argument("--frame", choices=["trump", "gold", "layer", "unknown"], default="trump",
                    help="trump: the quotes the extractor gives Trump (rounds 1-5); gold: the gold Trump"
                         " quotes it does not (round 6, see the guide); layer: the train quotes only"
                         " train's resolved-speaker layer gives Trump, not read before (round 8); unknown: the"
                         " quotes given nobody whose speaker neither gold nor a layer names (round 9)")
    ap.add_argument("--unread", action="store_true",
                    help="--sheet: the tune articles none of whose quotes was labelled count as held-out")
    args = ap.parse_args()
    if not TRANSCRIPTS.exists() or not POLNEAR.exists():
        sys.exit("needs ../shared/eval/transcripts and ../shared/eval/polnear")
    if not args.db.exists():
        build(args.db, SPLITS)
    conn = sqlite3.connect(args.db)
    rows = read_labels(args.labels)
    if args.frame in ("gold", "layer", "unknown"):
        pop = gold_population(conn, args.days, args.frame)
        print(f"{args.frame} frame ({args.days} days): {len(pop)} quotes {Counter(p['stored'] for p in pop)}"
              f" {Counter(p['split'] for p in pop)}")
        if args.sheet:
            done = {r["quote_id"] for r in rows}
            write_sheet(conn, sample(pop, args.sample, args.seed, done, args.split), args.out)
        elif args.labels:
            score_gold(conn, pop, args.labels, args.frame)
        return
    pop = with_doc_ids(conn, population(conn, args.days, split_doc_ids(SPLITS)), rows)
    if args.sheet:
        if args.unread:
            pop = unread(pop, rows)
        done = {r["quote_id"] for r in rows}  # a further round: quotes not labelled yet
        write_sheet(conn, sample(pop, args.sample, args.seed, done, args.split), args.out)
        return
    if args.labels:
        score(conn, pop, args.labels)
        if args.alignment_labels:
            every_alignment(conn, pop, args.labels, args.alignment_labels)


if __name__ == "__main__":
    main()
