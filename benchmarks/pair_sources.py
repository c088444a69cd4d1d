"""False merges and misses of the grouping, measured against primary sources (issue 13).

    python benchmarks/pair_sources.py [--db /tmp/polnear_sources.db]      # the counts
    python benchmarks/pair_sources.py --regroup /tmp/after.db              # the checked-out grouping
    python benchmarks/pair_sources.py --sheet recurring --part tune --out /tmp/recurring.md
    python benchmarks/pair_sources.py --labels benchmarks/pair_sources_labels.jsonl

The 74 dated Trump transcripts of ``../shared/eval/transcripts`` say which of his lines he
said on several occasions. ``--db`` is the database ``benchmarks/sources_polnear.py`` builds
(PolNeAR train+dev and the transcripts, with the real ``quotes build``; built here when
absent). Every pair of quotes of the transcripts' speaker from two different articles is
looked at two ways, neither of which the grouping reads:

1. **The source alignment** (``corpus/sources.py``, issue 16): both quotes found in a
   transcript on their own (not "in the utterance's passage", which the grouping decides).
   Joined by the grouping but found in *different* transcripts (occasions): likely false
   merges. Found in overlapping passages of one transcript but left apart: likely misses.
   The alignment looks only in the transcripts of the days before each article (a week), so
   it sees few pairs.
2. **Recurrence in the transcripts, whatever the dates**: the words that join a pair (the
   shorter quote when the longer holds it, else their longest shared run, 2+ words with a
   content word) looked up in every transcript. A pair joined on words the speaker said on
   two or more transcribed days is joined on a *recurring line*: a suspect false merge (two
   articles may still report one of those occasions: read them). ``occasions`` tells, for
   each side, the latest transcribed occasion on or before its article that holds the words;
   different ones for the two sides make a false merge likely.

``--part`` splits the pairs by a hash of their quotes' ids and offsets (fixed before reading):
``tune`` (read while changing the grouping) and ``heldout`` (read only to score). ``--sheet``
writes a reading sheet OUTSIDE the repository (it holds PolNeAR text); the labels written
from it (``--labels``) hold doc ids, offsets and verdicts only, and are scored against the
grouping in ``--db``: of the pairs read as two occasions, how many it still joins; of those
read as one, how many it joins.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sqlite3
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes.corpus.grouping import match_keys  # noqa: E402
from quotes.corpus.sources import located_units  # noqa: E402
from quotes.corpus.textnorm import STOPWORDS, units  # noqa: E402
from quotes.corpus.worddiff import equal_runs  # noqa: E402
from sources_polnear import build, ensure_db  # noqa: E402

IN_PASSAGE = "in the utterance's passage"  # ``how`` of a quote the grouping tied to its passage
MAX_POSTING = 40  # a 3-gram in more quotes of the speaker than this pairs none (as the grouping)
PARTS = ("tune", "heldout")


def part_of(key: tuple) -> str:
    """tune for half of the pairs, by a hash of the pair key (fixed before any reading)."""
    return PARTS[int(hashlib.sha1(json.dumps(key).encode()).hexdigest(), 16) % 2]


def load(conn: sqlite3.Connection) -> tuple[list[dict], list[dict]]:
    """The quotes of the transcripts' speaker(s) and the transcripts, with their word keys."""
    speakers = set()
    for (ids,) in conn.execute("select distinct speaker_ids from source_turns where speaker_ids is not null"):
        speakers.update(json.loads(ids))
    quotes = []
    for qid, doc_id, start, end, published, uid, text, sid, src, s0, s1, how in conn.execute("""
            select q.id, a.doc_id, q.start, q."end", a.published, q.utterance_id, q.text, q.speaker_id,
                   sq.source_id, sq.start, sq."end", sq.how
            from quotes q join articles a on a.id = q.article_id left join source_quotes sq on sq.quote_id = q.id
            order by q.id"""):
        if sid not in speakers or not published:
            continue
        quotes.append({"id": qid, "speaker": sid, "doc_id": doc_id, "start": start, "end": end,
                       "day": dt.date.fromisoformat(published[:10]), "utterance": uid, "text": text,
                       "keys": match_keys(units(text)),
                       "source": src if src and how != IN_PASSAGE else None, "s0": s0, "s1": s1})
    sources = []
    for sid, date, title, text in conn.execute("select id, date, title, text from sources order by id"):
        us, _ = located_units(text)
        sources.append({"id": sid, "day": dt.date.fromisoformat(date[:10]) if date else None, "title": title,
                        "keys": tuple(u.key for u in us)})
    return quotes, sources


class Said:
    """Where a run of words stands in the transcripts (contiguous, by the word keys)."""

    def __init__(self, sources: list[dict]):
        self.sources = sources
        self.text = [" " + " ".join(s["keys"]) + " " for s in sources]
        self.bigrams: dict[tuple[str, str], set[int]] = defaultdict(set)
        for si, s in enumerate(sources):
            k = s["keys"]
            for j in range(len(k) - 1):
                self.bigrams[k[j:j + 2]].add(si)

    def sources_with(self, run: tuple[str, ...]) -> list[int]:
        if len(run) < 2:
            return []
        cand = None
        for j in range(len(run) - 1):
            got = self.bigrams.get(run[j:j + 2], set())
            cand = got if cand is None else cand & got
            if not cand:
                return []
        needle = " " + " ".join(run) + " "
        return sorted(si for si in cand if needle in self.text[si])


def joining_words(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The words that tie two quotes: the shorter when the longer holds it, else their longest
    shared run; empty when that holds no content word or is a single word."""
    short, long_ = sorted((a, b), key=len)
    if f" {' '.join(short)} " in f" {' '.join(long_)} ":
        run = short
    else:
        blocks = equal_runs(a, b)
        s, _, n = max(blocks, key=lambda x: (x[2], -x[0]), default=(0, 0, 0))
        run = a[s:s + n]
    return run if len(run) >= 2 and any(k not in STOPWORDS for k in run) else ()


def candidate_pairs(quotes: list[dict]) -> set[tuple[int, int]]:
    """Pairs from two articles that are joined, found in overlapping passages of one
    transcript, or share a content 3-gram (not a too common one)."""
    pairs = set()
    by_source = defaultdict(list)
    for i, q in enumerate(quotes):
        if q["source"]:
            by_source[q["source"]].append(i)
    for members in by_source.values():
        pairs.update((a, b) for a, b in combinations(sorted(members), 2) if overlap(quotes[a], quotes[b]))
    by_utt = defaultdict(list)
    for i, q in enumerate(quotes):
        by_utt[q["utterance"]].append(i)
    for members in by_utt.values():
        pairs.update((a, b) for a, b in combinations(sorted(members), 2))
    post = defaultdict(set)
    for i, q in enumerate(quotes):
        k = q["keys"]
        for j in range(len(k) - 2):
            if any(w not in STOPWORDS for w in k[j:j + 3]):
                post[k[j:j + 3]].add(i)
    for members in post.values():
        if len(members) <= MAX_POSTING:
            pairs.update(combinations(sorted(members), 2))
    return {(a, b) for a, b in pairs if quotes[a]["doc_id"] != quotes[b]["doc_id"]}


def latest_holding(q: dict, holders: list[int], sources: list[dict]) -> int | None:
    """The latest transcribed occasion on or before the quote's article that holds the words."""
    before = [si for si in holders if sources[si]["day"] and sources[si]["day"] <= q["day"]]
    return max(before, key=lambda si: (sources[si]["day"], sources[si]["id"])) if before else None


def overlap(a: dict, b: dict) -> bool:
    return a["source"] == b["source"] and a["s0"] < b["s1"] and b["s0"] < a["s1"]


def classify(quotes: list[dict], sources: list[dict]) -> list[dict]:
    said = Said(sources)
    rows = []
    for a, b in sorted(candidate_pairs(quotes)):
        qa, qb = quotes[a], quotes[b]
        joined = qa["utterance"] == qb["utterance"]
        if qa["source"] and qb["source"]:
            aligned = ("one passage" if overlap(qa, qb) else "one source, other passages"
                       if qa["source"] == qb["source"] else "different sources")
        else:
            aligned = None
        run = joining_words(qa["keys"], qb["keys"])
        holders = said.sources_with(run) if run else []
        days = len({sources[si]["day"] for si in holders})
        la, lb = latest_holding(qa, holders, sources), latest_holding(qb, holders, sources)
        key = tuple(sorted(((qa["doc_id"], qa["start"], qa["end"]), (qb["doc_id"], qb["start"], qb["end"]))))
        rows.append({"a": a, "b": b, "joined": joined, "aligned": aligned, "run": run, "days": days,
                     "occasions": "differ" if la is not None and lb is not None and la != lb else
                     "one" if la is not None and la == lb else "unknown",
                     "gap": abs((qa["day"] - qb["day"]).days), "key": key, "part": part_of(key)})
    return rows


def suspects(rows: list[dict], kind: str) -> list[dict]:
    """``merges``: joined pairs found in different transcripts; ``recurring``: joined pairs
    whose joining words the speaker said on 2+ transcribed days; ``misses``: pairs left apart
    found in one passage."""
    if kind == "merges":
        return [r for r in rows if r["joined"] and r["aligned"] == "different sources"]
    if kind == "recurring":
        return [r for r in rows if r["joined"] and r["days"] >= 2]
    return [r for r in rows if not r["joined"] and r["aligned"] == "one passage"]


def report(quotes: list[dict], rows: list[dict]) -> None:
    joined = [r for r in rows if r["joined"]]
    utts = {quotes[r["a"]]["utterance"] for r in joined}
    print(f"quotes of the transcripts' speaker: {len(quotes)}, found in a transcript on their own:"
          f" {sum(bool(q['source']) for q in quotes)}")
    print(f"pairs from two articles: {len(rows)}; joined by the grouping: {len(joined)} (in {len(utts)} utterances)")
    print("\n1. the source alignment (both quotes found on their own)\n")
    print("| both found | joined | left apart |\n| --- | ---: | ---: |")
    for a in ("one passage", "one source, other passages", "different sources"):
        print(f"| {a} | {sum(r['joined'] for r in rows if r['aligned'] == a)}"
              f" | {sum(not r['joined'] for r in rows if r['aligned'] == a)} |")
    print("\n2. the words that join a pair, in how many transcribed days (whatever the dates)\n")
    print("| said on | joined | joined, latest occasions differ | left apart |\n| --- | ---: | ---: | ---: |")
    for label, test in (("no transcript (or too short)", lambda d: d == 0), ("1 day", lambda d: d == 1),
                        ("2-4 days", lambda d: 2 <= d <= 4), ("5+ days", lambda d: d >= 5)):
        sel = [r for r in rows if test(r["days"])]
        print(f"| {label} | {sum(r['joined'] for r in sel)} | "
              f"{sum(r['joined'] and r['occasions'] == 'differ' for r in sel)} | {sum(not r['joined'] for r in sel)} |")
    for kind in ("merges", "recurring", "misses"):
        sel = suspects(rows, kind)
        c = Counter(r["part"] for r in sel)
        print(f"\nsuspect {kind}: {len(sel)} pairs (tune {c['tune']}, heldout {c['heldout']}),"
              f" {len({quotes[r['a']]['utterance'] for r in sel})} utterances")


def catchphrases(conn: sqlite3.Connection, quotes: list[dict], sources: list[dict]) -> None:
    """How well the corpus alone tells a catchphrase: the speaker's quotes of 3-4 words (the
    phrases ``grouping._recurring`` judges) by the transcribed days that hold their words, and
    how many of them the grouping's per-family spread calls recurring."""
    from quotes.corpus.grouping import GroupingOptions, QuoteRef, _Grouper

    refs = [QuoteRef(qid, aid, None, sid, text, published, name)
            for qid, aid, sid, text, published, name in conn.execute(
                "select q.id, q.article_id, q.speaker_id, q.text, a.published, q.speaker_name"
                " from quotes q join articles a on a.id = q.article_id where q.speaker_id is not null")]
    g = _Grouper(refs, GroupingOptions())
    g.index_phrases()
    said = Said(sources)
    cells: Counter = Counter()
    for q in {(q["speaker"], q["keys"]): q for q in quotes}.values():
        k = q["keys"]
        if not 3 <= len(k) <= g.o.recurring_len or all(w in STOPWORDS for w in k):
            continue
        days = len({sources[si]["day"] for si in said.sources_with(k)})
        band = "0" if days == 0 else "1" if days == 1 else "2-4" if days <= 4 else "5+"
        cells[(band, g._recurring(q["speaker"], k))] += 1
    print("\n3. the speaker's distinct quotes of 3-4 words: transcribed days holding them, and the"
          " corpus's catchphrase test (quoted more than 30 days apart)\n")
    print("| said on (transcribed days) | quotes | called a catchphrase |\n| --- | ---: | ---: |")
    for band in ("0", "1", "2-4", "5+"):
        print(f"| {band} | {cells[(band, True)] + cells[(band, False)]} | {cells[(band, True)]} |")


def sheet(conn: sqlite3.Connection, quotes: list[dict], sources: list[dict], rows: list[dict], kind: str,
          part: str, n: int, seed: int, out: Path) -> None:
    """A reading sheet (OUTSIDE the repository: it holds PolNeAR text)."""
    pick = [r for r in suspects(rows, kind) if r["part"] == part]
    random.Random(seed).shuffle(pick)
    said = Said(sources)
    lines = [f"# {kind}, {part}: {min(n, len(pick))} of {len(pick)} (seed {seed})\n"]
    for k, r in enumerate(pick[:n], 1):
        lines.append(f"## {k}. gap {r['gap']}d, words said on {r['days']} transcribed days,"
                     f" latest occasions {r['occasions']}, alignment {r['aligned']}\n")
        lines.append(f"KEY: {json.dumps(r['key'])}\nJOINING WORDS: {' '.join(r['run'])}\n")
        for side in (r["a"], r["b"]):
            q = quotes[side]
            text = conn.execute("select text from articles where doc_id = ?", [q["doc_id"]]).fetchone()[0]
            lo, hi = max(0, q["start"] - 400), min(len(text), q["end"] + 300)
            lines.append(f"### {q['doc_id']} [{q['start']}:{q['end']}] {q['day']}\n"
                         f"QUOTE: “{q['text']}”\nCONTEXT: …{text[lo:hi]}…\n")
        holders = said.sources_with(r["run"]) if r["run"] else []
        lines.append("SAID IN: " + "; ".join(f"{sources[si]['day']} {sources[si]['title']}" for si in holders) + "\n")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


def score(quotes: list[dict], labels: Path) -> None:
    """Of the pairs read as two occasions, how many the grouping joins; of those read as one, how many."""
    at = {(q["doc_id"], q["start"], q["end"]): q for q in quotes}
    rows = [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]
    print("\n| part | suspect | read as | pairs | joined now | left apart now |\n| --- | --- | --- | ---: | ---: | ---: |")
    for part in PARTS:
        for kind in ("merges", "recurring", "misses"):
            for verdict in ("two occasions", "one occasion", "unsure"):
                sel = [r for r in rows if r["part"] == part and r["kind"] == kind and r["verdict"] == verdict]
                got = [(at.get(tuple(r["key"][0])), at.get(tuple(r["key"][1]))) for r in sel]
                got = [(x, y) for x, y in got if x and y]
                j = sum(x["utterance"] == y["utterance"] for x, y in got)
                if sel:
                    print(f"| {part} | {kind} | {verdict} | {len(got)} | {j} | {len(got) - j} |")


def regroup(src: Path, dst: Path) -> None:
    """A copy of ``src`` regrouped and aligned again by the checked-out code (no extraction)."""
    shutil.copy(src, dst)
    build(dst, ["train", "dev"], "--reindex")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/polnear_sources.db"))
    ap.add_argument("--regroup", type=Path, metavar="NEW_DB", help="regroup a copy of --db, then report on it")
    ap.add_argument("--sheet", choices=["merges", "recurring", "misses"])
    ap.add_argument("--part", choices=PARTS, default="tune")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--labels", type=Path)
    args = ap.parse_args()
    ensure_db(args.db, ["train", "dev"])
    db = args.db
    if args.regroup:
        regroup(args.db, args.regroup)
        db = args.regroup
    conn = sqlite3.connect(db)
    quotes, sources = load(conn)
    rows = classify(quotes, sources)
    report(quotes, rows)
    catchphrases(conn, quotes, sources)
    if args.sheet:
        sheet(conn, quotes, sources, rows, args.sheet, args.part, args.sample, args.seed,
              args.out or Path(f"/tmp/pair_sources_{args.sheet}_{args.part}.md"))
    if args.labels:
        score(quotes, args.labels)


if __name__ == "__main__":
    main()
