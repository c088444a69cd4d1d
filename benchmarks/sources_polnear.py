"""Checking PolNeAR's quotes of Donald Trump against the transcripts of his 2015-16 speeches.

    python benchmarks/sources_polnear.py [--db /tmp/polnear_sources.db] [--splits train dev]
    python benchmarks/sources_polnear.py --sheet aligned --sample 100 --out /tmp/aligned.md
    python benchmarks/sources_polnear.py --sheet unaligned --sample 100 --out /tmp/unaligned.md
    python benchmarks/sources_polnear.py --labels benchmarks/source_alignment_labels.jsonl

Builds (once) a database of the PolNeAR articles and the 74 transcripts of
``../shared/eval/transcripts`` with the real ``quotes build`` (``--source-speaker "Donald
Trump"``), then reports, for the quotes the extractor attributes to Trump whose article
appeared within ``--days`` days after one of the transcribed occasions (or on its day): how
many were found in a transcript, their relations to it, and the outlets' share of verbatim
quotes. ``--sheet`` writes a reading sheet (article sentence, passage, relation) of a random
sample, OUTSIDE the repository (it holds PolNeAR text); the labels written from reading it
hold ids, offsets and verdicts only, and ``--labels`` scores them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
if not SHARED.exists():
    SHARED = Path("/work/shared/eval")
TRANSCRIPTS = SHARED / "transcripts"
POLNEAR = SHARED / "polnear"
ALTERED = ("truncation", "words inserted", "words changed", "paraphrase")


def build(db: Path, splits: list[str], *options: str) -> None:
    inputs = [str(POLNEAR / f"{s}.jsonl") for s in splits] + [str(TRANSCRIPTS)]
    subprocess.run([sys.executable, "-m", "quotes.cli", "build", *inputs, "--source-speaker", "Donald Trump",
                    "--db", str(db), *options], check=False, cwd=ROOT)


def ensure_db(db: Path, splits: list[str]) -> None:
    """The database of ``splits`` and the transcripts, built when absent."""
    if not TRANSCRIPTS.exists() or not POLNEAR.exists():
        sys.exit("needs ../shared/eval/transcripts and ../shared/eval/polnear")
    if not db.exists():
        build(db, splits)


def day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def split_doc_ids(splits: list[str]) -> set[str]:
    ids = set()
    for split in splits:
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as handle:
            ids.update(json.loads(line)["doc_id"] for line in handle if line.strip())
    return ids


def population(conn: sqlite3.Connection, days: int, doc_ids: set[str] | None = None) -> list[dict]:
    """Quotes attributed to the transcripts' speaker, published 0..``days`` days after an
    occasion (of the articles ``doc_ids`` only, when given)."""
    trump = set()
    for (ids,) in conn.execute("select distinct speaker_ids from source_turns where speaker_ids is not null"):
        trump.update(json.loads(ids))
    occasions = sorted({day(d) for (d,) in conn.execute("select date from sources") if day(d)})
    # (a database built before source_quotes.places: found in one place each)
    places = "sq.places" if "places" in {r[1] for r in conn.execute("pragma table_info(source_quotes)")} else "1"
    rows = conn.execute(f"""
        select q.id, q.text, q.start, q."end", a.id, a.doc_id, a.published, coalesce(o.name, 'unknown'),
               coalesce(u.speaker_id, q.speaker_id), sq.source_id, sq.start, sq."end", sq.relation,
               sq.similarity, sq.how, sq.passage, s.date, s.title, su.state, {places}
        from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        left join utterances u on u.id = q.utterance_id
        left join source_quotes sq on sq.quote_id = q.id left join sources s on s.id = sq.source_id
        left join source_utterances su on su.utterance_id = q.utterance_id
        order by q.id""").fetchall()
    out = []
    for (qid, text, start, end, aid, doc_id, published, outlet, sid, src, s0, s1, rel, sim, how, passage,
         sdate, title, state, places) in rows:
        pub = day(published)
        if sid not in trump or pub is None or (doc_ids is not None and doc_id not in doc_ids):
            continue
        near = [o for o in occasions if 0 <= (pub - o).days <= days]
        if not near:
            continue
        out.append({"quote_id": qid, "text": text, "start": start, "end": end, "article_id": aid,
                    "published": published, "outlet": outlet, "source_id": src, "source_start": s0,
                    "source_end": s1, "relation": rel, "similarity": sim, "how": how, "passage": passage,
                    "source_date": sdate, "source_title": title, "state": state, "places": places,
                    "occasions": [o.isoformat() for o in near]})
    return out


def report(pop: list[dict]) -> None:
    found = [p for p in pop if p["relation"]]
    print(f"quotes attributed to Trump within the window after an occasion: {len(pop)}")
    print(f"found in a transcript: {len(found)} ({len(found) / max(1, len(pop)):.1%})"
          f"  [{Counter(p['how'] for p in found)}]")
    several = Counter(p["how"] for p in found if (p["places"] or 1) > 1)
    print(f"in several places of their source: {sum(several.values())} [{several}]")
    rel = Counter(p["relation"] for p in found)
    print("\n| relation to the transcript | quotes | share |\n| --- | --- | --- |")
    for r in ("verbatim", "punctuation", *ALTERED):
        print(f"| {r} | {rel[r]} | {rel[r] / max(1, len(found)):.0%} |")
    per = defaultdict(Counter)
    for p in found:
        per[p["outlet"]][p["relation"]] += 1
    print("\n| outlet | quotes found | verbatim | punctuation only | words altered (cut, inserted, changed, reworded) |")
    print("| --- | --- | --- | --- | --- |")
    for outlet, c in sorted(per.items(), key=lambda kv: -sum(kv[1][r] for r in ALTERED) / sum(kv[1].values())):
        n = sum(c.values())
        altered = sum(c[r] for r in ALTERED)
        print(f"| {outlet} | {n} | {c['verbatim'] / n:.0%} | {c['punctuation'] / n:.0%} | {altered / n:.0%} |")


def sheet(conn: sqlite3.Connection, pop: list[dict], which: str, n: int, seed: int, out: Path) -> None:
    """A reading sheet of a random sample (never inside the repository: it holds PolNeAR text)."""
    from rapidfuzz import fuzz

    pick = [p for p in pop if bool(p["relation"]) == (which == "aligned")]
    random.Random(seed).shuffle(pick)
    pick = pick[:n]
    lines = [f"# {which} sample of {len(pick)} (seed {seed})\n"]
    for k, p in enumerate(pick, 1):
        text = conn.execute("select text from articles where id = ?", [p["article_id"]]).fetchone()[0]
        a = max(0, text.rfind("\n", 0, p["start"]) + 1)
        b = text.find("\n", p["end"])
        para = text[a:b if b >= 0 else len(text)]
        lines.append(f"## {k}. {p['quote_id']} · {p['outlet']} · {p['published']}\n")
        lines.append(f"ARTICLE: {para}\n")
        lines.append(f"QUOTE: “{p['text']}”\n")
        if p["relation"]:
            lines.append(f"SOURCE {p['source_date']} {p['source_title']} [{p['source_start']}:{p['source_end']}]"
                         f" {p['relation']} {p['similarity']} ({p['how']})\nPASSAGE: {p['passage']}\n")
        else:
            best = []
            for sid, sdate, title, stext in conn.execute("select id, date, title, text from sources"):
                al = fuzz.partial_ratio_alignment(p["text"].lower(), stext.lower())
                if al is not None:
                    best.append((sdate in p["occasions"], al.score, sdate, title, stext[al.dest_start:al.dest_end]))
            in_window = sorted((b for b in best if b[0]), key=lambda b: -b[1])[:1]
            overall = sorted(best, key=lambda b: -b[1])[:1]
            for _, score, sdate, title, passage in in_window + overall:
                lines.append(f"NEAREST {score:.0f} {sdate} {title}: {passage}\n")
            lines.append(f"occasions in the window: {p['occasions']}\n")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


def score(pop: list[dict], labels: Path) -> None:
    """Precision of the sampled alignments and recall on the sampled quotes not found."""
    by_id = {p["quote_id"]: p for p in pop}
    rows = [json.loads(line) for line in labels.read_text().splitlines() if line.strip()]
    aligned = [r for r in rows if r["sample"] == "aligned" and r["quote_id"] in by_id]  # of the splits reported
    unaligned = [r for r in rows if r["sample"] == "unaligned" and r["quote_id"] in by_id]
    current = {(p["quote_id"], p["source_start"], p["relation"]) for p in pop if p["relation"]}
    read = [r for r in aligned if (r["quote_id"], r["start"], r["relation"]) in current]
    right = [r for r in read if r["verdict"] == "right"]
    print(f"aligned quotes read: {len(right)}/{len(read)} right ({len(right) / max(1, len(read)):.1%};"
          f" {Counter(r['verdict'] for r in read)}); {len(current) - len(read)} current alignments not read,"
          f" {len(aligned) - len(read)} labels no longer in the output")
    if unaligned:
        found_now = {p["quote_id"] for p in pop if p["relation"]}
        still = [r for r in unaligned if r["quote_id"] not in found_now]
        missed = [r for r in still if r["verdict"] == "from a transcribed occasion"]
        absent = [r for r in still if r["verdict"].startswith("said on a transcribed occasion")]
        print(f"unaligned sample: {len(unaligned)} read, {len(unaligned) - len(still)} of them found since;"
              f" of the {len(still)} still not found, {len(missed)} come from a transcribed occasion"
              f" (and {len(absent)} were said on one but are not in its transcript)")
        # The aligned quotes were all read, the unaligned ones sampled: the misses are
        # scaled up to all quotes not found.
        not_found = len(pop) - len(found_now)
        est_missed = len(missed) / max(1, len(still)) * not_found
        print(f"recall, quotes from a transcribed occasion found: {len(right)} right of"
              f" {len(right)} + ~{est_missed:.0f} missed (scaled from the sample to all {not_found}"
              f" not found) = {len(right) / max(1, len(right) + est_missed):.1%};"
              f" counting only the quotes read: {len(right)}/{len(right) + len(missed)}"
              f" = {len(right) / max(1, len(right) + len(missed)):.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/polnear_sources.db"))
    ap.add_argument("--splits", nargs="+", default=["train", "dev"], help="PolNeAR splits built into --db")
    ap.add_argument("--report-splits", nargs="+", help="report on these splits' articles only (default: all built)")
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--sheet", choices=["aligned", "unaligned"])
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--labels", type=Path)
    args = ap.parse_args()
    ensure_db(args.db, args.splits)
    conn = sqlite3.connect(args.db)
    pop = population(conn, args.days, split_doc_ids(args.report_splits) if args.report_splits else None)
    report(pop)
    if args.sheet:
        sheet(conn, pop, args.sheet, args.sample, args.seed, args.out or Path(f"/tmp/sources_{args.sheet}.md"))
    if args.labels:
        score(pop, args.labels)


if __name__ == "__main__":
    main()
