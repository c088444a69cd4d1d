"""Speakers on real web pages: a labelled held-out set and its scorer (issue 18).

    python benchmarks/web_speakers.py extract --out /tmp/webspk-main.jsonl    # the pages, as `quotes extract` does
    python benchmarks/web_speakers.py sample --extraction /tmp/webspk-main.jsonl   # the sample (done once; committed)
    python benchmarks/web_speakers.py show --part tune [--page ID] [--unlabelled] # read quotes in context (terminal)
    python benchmarks/web_speakers.py marks PAGE                                  # every quotation mark of a page
    python benchmarks/web_speakers.py score --part tune                           # the current code on the labels
    python benchmarks/web_speakers.py sample2 --extraction X.jsonl                # round 2: more tune rows (done once)
    python benchmarks/web_speakers.py sample3 --extraction X.jsonl                # round 3: every tune quote left (done once)
    python benchmarks/web_speakers.py sample4 --extraction X.jsonl                # round 4: every page's quotes left, in order (done once)
    python benchmarks/web_speakers.py sample5 --extraction D.jsonl                # round 5: tune candidates the filter drops (done once)
    python benchmarks/web_speakers.py score --part tune --round all --half check   # rounds 1-3, check half of tune
    python benchmarks/web_speakers.py score --part heldout --base /tmp/main       # and another checkout, same run
    python benchmarks/web_speakers.py extract --textacy --out /tmp/webspk-textacy.jsonl     # the baseline
    python benchmarks/web_speakers.py score --part heldout --extraction /tmp/webspk-textacy.jsonl

Pages: ../shared/eval/html-pages (181 saved pages from 126 sites, MIT). Each page is read by
`quotes.ingest.files.read_file` and extracted by `quotes.build.extract_documents` (the path
`quotes build` and `quotes extract` take, corpus-wide speaker names included). The labels
(`web_speaker_labels.jsonl`, guide `web_speaker_guide.md`) hold page ids, offsets into the
extracted text and a hash of the normalised quote text: no page text enters the repository.
A label is matched to a prediction of the same page by that hash, else by character overlap
(intersection/union >= 0.5, as score.py), one to one.

The sample (`web_speaker_sample.json`): every quote main's code extracts, shuffled with a
fixed seed, taken in that order with at most CAP per page (SIZE None: until the frame is
used up, i.e. CAP random quotes of every page, all of a page with fewer; the first 240 were
labelled first, the other 83 after: the same draw, continued); pages split into
`tune` (1/3) and `heldout` by a hash of the page id, before any quote was read; EXHAUSTIVE
heldout pages (drawn with the same seed among pages with a quotation mark) have every
quotation labelled, missed ones included, for quote recall.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = os.environ.get("WEB_SPEAKERS_CODE", str(ROOT))  # the checkout whose code extracts
sys.path.insert(0, CODE)
sys.path.insert(1, str(Path(__file__).resolve().parent))
PAGES = ROOT.parent / "shared" / "eval" / "html-pages"
LABELS = ROOT / "benchmarks" / "web_speaker_labels.jsonl"
SAMPLE = ROOT / "benchmarks" / "web_speaker_sample.json"
SEED, CAP, SIZE, EXHAUSTIVE = 18, 3, None, 12
SEED2, CAP2 = 1818, 5  # round 2 (webq): more TUNE rows, drawn from the extraction of the code of the day
SEED3, EXHAUSTIVE3 = 181818, 10  # round 3 (term18): every TUNE quote left, and 10 tune pages read whole
SEED4, SIZE4 = 2031, 300  # round 4 (web31): every page's quotes beyond the labelled ones, both parts, in one order
# round 5 (web31): every candidate attribution drops on the TUNE pages (the filter's or the rules' rejections) that
# matches no label, in an order drawn with SEED4: fit data for the quote filter on the web's conventions
OPENING_MARKS = "“\"«„‘"


def part_of(page: str) -> str:
    """tune for a third of the pages, heldout for the rest: a fixed hash of the page id."""
    return "tune" if int(hashlib.sha1(f"webspk:{page}".encode()).hexdigest(), 16) % 3 == 0 else "heldout"


def half_of(page: str) -> str:
    """Round 2's split of the tune pages, fixed before reading: `fit` (features and weights may
    be fit on it) or `check` (thresholds are chosen and precision checked on it, never fit)."""
    return "fit" if int(hashlib.sha1(f"webq:{page}".encode()).hexdigest(), 16) % 2 == 0 else "check"


def norm_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"\w+", text))


def quote_key(text: str) -> str:
    return hashlib.sha1(norm_text(text).encode()).hexdigest()[:12]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def extract_pages(pages: Path) -> list[dict]:
    """{page, text, quotes} per readable page, by the code on sys.path first (`CODE`)."""
    from quotes.build import Tally, extract_documents, quote_json

    extracted = extract_documents([str(pages / "html")], Tally(), workers=1)
    return [{"page": a.doc_id, "text": a.text, "quotes": [quote_json(q) for q in quotes]}
            for a, quotes in extracted]


def dropped_pages(pages: Path, part: str = "tune") -> list[dict]:
    """{page, text, quotes} per readable English page of `part`, where quotes are the candidates
    attribution saw and did NOT keep (the quote filter's or the rules' rejections), parsed as
    `quotes.extract.pipeline.extract_articles` parses them. Heldout pages are never read here
    when `part` is tune."""
    from quotes.extract.attribution import attribute_candidates
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import (blank_quote_middles, disabled_pipes, ensure_pos, marks_inside, parse_text,
                                         segments_for)
    from quotes.extract.quotefilter import quote_probability
    from quotes.extract.ranking import apply_ranker
    from quotes.extract.textindex import ArticleIndex
    from quotes.ingest.files import read_file
    from quotes.ingest.language import ENGLISH, language_of
    from quotes.model import Skipped

    nlp, out = load_nlp(), []
    disable = disabled_pipes(nlp)
    for path in sorted((pages / "html").glob("*.html.gz")):
        page = path.name[: -len(".html.gz")]
        if part_of(page) != part:
            continue
        article = read_file(path)
        if isinstance(article, Skipped) or not article.text:
            continue
        text = article.text
        marks = find_marks(text)
        if not marks or (article.language or language_of(text)) != ENGLISH:
            continue
        segs = segments_for(text, marks)
        docs = list(nlp.pipe([blank_quote_middles(parse_text(text[s:e]), inside, s)
                              for (s, e), inside in zip(segs, marks_inside(marks, segs))], disable=disable))
        for d in docs:
            ensure_pos(d)
        index = ArticleIndex(text, marks, [(s, d) for (s, _), d in zip(segs, docs)])
        dropped = [dict(text=c.quote.text, start=c.quote.start, end=c.quote.end, speaker=c.quote.speaker,
                        confidence=round(quote_probability(c.features), 3), mark_style=c.quote.mark_style)
                   for c in attribute_candidates(text, marks, index, ranker=apply_ranker) if not c.kept]
        out.append({"page": page, "text": text, "quotes": dropped})
    return out


def textacy_pages(pages: Path) -> list[dict]:
    """{page, text, quotes} per readable page: the same article text (`read_file`), quotes by
    the textacy baseline (`benchmarks/textacy_baseline.py`; a page it raises on has none)."""
    from textacy_baseline import textacy_quotes

    from quotes.extract.nlp import load_nlp
    from quotes.ingest.files import read_file
    from quotes.model import Skipped

    nlp, out = load_nlp(), []
    for path in sorted((pages / "html").glob("*.html.gz")):
        article = read_file(path)
        if isinstance(article, Skipped):
            continue
        try:
            quotes = textacy_quotes(nlp, article.text)
        except Exception:  # textacy raises on some unbalanced quotation marks
            quotes = []
        out.append({"page": path.name[: -len(".html.gz")], "text": article.text, "quotes": quotes})
    return out


def extraction_of(checkout: str | None, cache: str | None) -> dict[str, dict]:
    """The pages extracted by `checkout`'s code (a subprocess) or read from `cache`."""
    if cache and Path(cache).exists():
        return {d["page"]: d for d in read_jsonl(Path(cache))}
    import subprocess
    import tempfile

    out = cache or tempfile.mkstemp(suffix=".jsonl", prefix="webspk-")[1]
    env = dict(os.environ, WEB_SPEAKERS_CODE=str(Path(checkout or ROOT).resolve()))
    subprocess.run([sys.executable, __file__, "extract", "--out", out], check=True, env=env)
    return {d["page"]: d for d in read_jsonl(Path(out))}


def match(labels: list[dict], quotes: list[dict]) -> dict[int, dict]:
    """label index -> the prediction it matches (same key at the same offsets, else same key, else
    overlap >= 0.5), one to one. The first pass keeps a word quoted twice on a page (“space” …
    “space”) from taking the other occurrence's label."""
    taken, found = set(), {}
    for pass_ in ("exact", "key", "overlap"):
        for i, lab in enumerate(labels):
            if i in found:
                continue
            for j, q in enumerate(quotes):
                if j not in taken and (quote_key(q["text"]) == lab["key"] if pass_ == "key"
                                       else (q["start"], q["end"]) == (lab["start"], lab["end"])
                                       and quote_key(q["text"]) == lab["key"] if pass_ == "exact"
                                       else overlap((lab["start"], lab["end"]), (q["start"], q["end"])) >= 0.5):
                    found[i] = q
                    taken.add(j)
                    break
    return found


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def draw_sample(pages: dict[str, dict]) -> tuple[list[dict], list[str]]:
    """Skeleton label rows for the random sample and the exhaustive pages' quotes, and the
    exhaustive pages (heldout, with a quotation mark), all drawn with SEED."""
    rng = random.Random(SEED)
    candidates = [(p, q) for p in sorted(pages) for q in pages[p]["quotes"]]
    rng.shuffle(candidates)
    per_page, chosen = {}, []
    for page, q in candidates:
        if (SIZE is None or len(chosen) < SIZE) and per_page.get(page, 0) < CAP:
            per_page[page] = per_page.get(page, 0) + 1
            chosen.append((page, q, True))
    marked = sorted(p for p, d in pages.items()
                    if part_of(p) == "heldout" and any(m in d["text"] for m in OPENING_MARKS))
    exhaustive = sorted(rng.sample(marked, EXHAUSTIVE))
    seen = {(p, q["start"], q["end"]) for p, q, _ in chosen}
    chosen += [(p, q, False) for p in exhaustive for q in pages[p]["quotes"] if (p, q["start"], q["end"]) not in seen]
    return [skeleton(page, q, sampled) for page, q, sampled in chosen], exhaustive


def skeleton(page: str, q: dict, sampled: bool) -> dict:
    return {"page": page, "start": q["start"], "end": q["end"], "key": quote_key(q["text"]),
            "part": part_of(page), "sampled": sampled, "is_quote": None, "span_ok": None,
            "speaker": None, "aliases": [], "description": None, "system_speaker": q.get("speaker"),
            "system_confidence": q.get("confidence"), "system_right": None, "error_class": None, "note": ""}


def unlabelled(pages: dict[str, dict], labels: list[dict], part: str | None = None) -> dict[str, list[dict]]:
    """page -> its quotes that match no label (`match`), for the pages of `part` (None: all), in
    page order (the pages of other parts are never looked at)."""
    by_page: dict[str, list[dict]] = {}
    for lab in labels:
        by_page.setdefault(lab["page"], []).append(lab)
    out = {}
    for page in sorted(p for p in pages if part is None or part_of(p) == part):
        quotes = pages[page]["quotes"]
        used = {id(q) for q in match(by_page.get(page, []), quotes).values()}
        out[page] = [q for q in quotes if id(q) not in used]
    return out


def draw_round2(pages: dict[str, dict], labels: list[dict], cap: int | None = CAP2, seed: int = SEED2) -> list[dict]:
    """Round 2: the extracted quotes of TUNE pages that match no label yet, shuffled with SEED2,
    at most CAP2 per page (heldout pages are never looked at; `cap` None: all of them)."""
    candidates = [(page, q) for page, quotes in unlabelled(pages, labels, "tune").items() for q in quotes]
    random.Random(seed).shuffle(candidates)
    per_page, chosen = {}, []
    for page, q in candidates:
        if cap is None or per_page.get(page, 0) < cap:
            per_page[page] = per_page.get(page, 0) + 1
            chosen.append(dict(skeleton(page, q, False), round=2))
    return chosen


def draw_round3(pages: dict[str, dict], labels: list[dict]) -> tuple[list[dict], list[str]]:
    """Round 3: every extracted quote of the TUNE pages that matches no label yet (no cap),
    shuffled with SEED3 (the order of labelling), and EXHAUSTIVE3 tune pages with a quotation
    mark drawn with the same seed, to be read whole (`marks PAGE`): the quotations the
    extractor misses on them are added by hand as `missed` rows. Heldout pages are never
    looked at."""
    rows = draw_round2(pages, labels, cap=None, seed=SEED3)
    rng = random.Random(SEED3)
    marked = sorted(p for p, d in pages.items()
                    if part_of(p) == "tune" and any(m in d["text"] for m in OPENING_MARKS))
    return [dict(r, round=3) for r in rows], sorted(rng.sample(marked, min(EXHAUSTIVE3, len(marked))))


def draw_round4(pages: dict[str, dict], labels: list[dict]) -> list[dict]:
    """Round 4: the extracted quotes of EVERY page (tune and heldout) that match no label yet, in
    one order drawn with SEED4 that takes the same share of each page at every prefix: a page's
    quotes are shuffled and quote i of n gets the position (i + u) / n, u drawn once per page,
    and the frame is sorted by position. Labelling the first k rows samples each page in
    proportion to its unlabelled quotes (pages never drawn before included)."""
    rng = random.Random(SEED4)
    placed = []
    for page, left in unlabelled(pages, labels).items():
        rng.shuffle(left)
        u = rng.random()
        placed += [((i + u) / len(left), page, q) for i, q in enumerate(left)]
    placed.sort(key=lambda t: (t[0], t[1]))
    return [dict(skeleton(page, q, False), round=4) for _, page, q in placed]


def cmd_sample4(args) -> int:
    """Record round 4's order (page, start, end, key; ids only) in the sample file, once. Label
    rows are appended to the label file as they are labelled, in this order."""
    meta = json.loads(SAMPLE.read_text())
    if "round4" in meta:
        print("round 4 already drawn")
        return 0
    rows = draw_round4(extraction_of(None, args.extraction), read_jsonl(LABELS))
    meta["round4"] = {
        "seed": SEED4, "size": SIZE4, "frame_rows": len(rows), "part": "tune and heldout",
        "frame": "every quote of every page extracted by main b18a208 (extractor 19) that matches no label "
                 "of rounds 1-3, ordered so that each prefix takes the same share of every page",
        "by_part": {part: sum(r["part"] == part for r in rows[:SIZE4]) for part in ("tune", "heldout")},
        "order": [[r["page"], r["start"], r["end"], r["key"]] for r in rows]}
    SAMPLE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta["round4"].items() if k != "order"}))
    return 0


def draw_round5(dropped: dict[str, dict], labels: list[dict]) -> list[dict]:
    """Round 5: the dropped candidates of the TUNE pages (`dropped_pages`) that match no label,
    shuffled with SEED4; rows carry `"dropped": true` and the filter's probability as
    `system_confidence`."""
    rows = [dict(skeleton(page, q, False), round=5, dropped=True)
            for page, quotes in unlabelled(dropped, labels, "tune").items() for q in quotes]
    random.Random(SEED4).shuffle(rows)
    return rows


def cmd_sample5(args) -> int:
    """Record round 5's order (ids only) in the sample file, once (`--extraction`: a cached
    `dropped_pages` output, made when missing)."""
    meta = json.loads(SAMPLE.read_text())
    if "round5" in meta:
        print("round 5 already drawn")
        return 0
    cache = Path(args.extraction) if args.extraction else None
    if cache is None or not cache.exists():
        docs = dropped_pages(PAGES)
        if cache is not None:
            cache.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    else:
        docs = read_jsonl(cache)
    rows = draw_round5({d["page"]: d for d in docs}, read_jsonl(LABELS))
    meta["round5"] = {
        "seed": SEED4, "rows": len(rows), "part": "tune",
        "frame": "every candidate that attribution of main b18a208 (extractor 19) sees on the English tune pages "
                 "and does not keep (quote filter or rules), matching no label of rounds 1-4",
        "candidates_dropped": sum(len(d["quotes"]) for d in docs),
        "order": [[r["page"], r["start"], r["end"], r["key"]] for r in rows]}
    SAMPLE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta["round5"].items() if k != "order"}))
    return 0


def append_round(n: int, draw, entry) -> int:
    """Append round `n`'s unlabelled rows (`draw(labels)` -> rows, extra) to the label file and
    its description (`entry(rows, extra)`) to the sample file, once: a second call adds nothing."""
    labels = read_jsonl(LABELS)
    if any(r.get("round") == n for r in labels):
        print(f"round {n} already drawn")
        return 0
    rows, extra = draw(labels)
    with open(LABELS, "a", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    meta = json.loads(SAMPLE.read_text())
    meta[f"round{n}"] = entry(rows, extra)
    SAMPLE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta[f"round{n}"]))
    return 0


def cmd_sample3(args) -> int:
    """Append round 3's unlabelled rows to the label file (once)."""
    return append_round(3, lambda labels: draw_round3(extraction_of(None, args.extraction), labels),
                        lambda rows, exhaustive: {
                            "seed": SEED3, "cap_per_page": None, "rows": len(rows), "part": "tune",
                            "frame": "every quote of the tune pages extracted by main a28baca (extractor 13) "
                                     "that matches no round-1 or round-2 label",
                            "exhaustive": exhaustive, "halves": "as round 2 (half_of)"})


def exhaustive_pages() -> list[str]:
    """The pages whose every quotation is labelled: round 1's heldout pages and round 3's tune pages."""
    meta = json.loads(SAMPLE.read_text())
    return meta["exhaustive"] + meta.get("round3", {}).get("exhaustive", [])


def cmd_sample2(args) -> int:
    """Append round 2's unlabelled rows to the label file (once)."""
    return append_round(2, lambda labels: (draw_round2(extraction_of(None, args.extraction), labels), None),
                        lambda rows, _: {
                            "seed": SEED2, "cap_per_page": CAP2, "rows": len(rows), "part": "tune",
                            "frame": "quotes of the tune pages extracted by main 37113d2 that match no round-1 label",
                            "halves": "fit when int(sha1('webq:' + page id), 16) % 2 == 0, else check"})


def cmd_sample(args) -> int:
    """Draw the sample; rows already in the label file keep their labels (the draw is fixed,
    so drawing again only adds the rows a larger SIZE takes, and marks them sampled)."""
    pages = extraction_of(None, args.extraction)
    rows, exhaustive = draw_sample(pages)
    old = {(r["page"], r["start"], r["end"]): r for r in read_jsonl(LABELS)} if LABELS.exists() else {}
    rows = [dict(old.get((r["page"], r["start"], r["end"]), r), sampled=r["sampled"]) for r in rows]
    with open(LABELS, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    meta = json.loads(SAMPLE.read_text()) if SAMPLE.exists() else {}
    meta.update({"seed": SEED, "cap_per_page": CAP, "size": SIZE, "pages": len(pages),
                 "candidates": sum(len(d["quotes"]) for d in pages.values()),
                 "split": "tune when int(sha1('webspk:' + page id), 16) % 3 == 0, else heldout",
                 "exhaustive": exhaustive, "rows": len(rows), "sampled_rows": sum(r["sampled"] for r in rows),
                 "candidates_per_page": {p: len(d["quotes"]) for p, d in sorted(pages.items()) if d["quotes"]}})
    SAMPLE.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("seed", "cap_per_page", "size", "rows", "sampled_rows")}))
    return 0


def context(text: str, start: int, end: int, width: int) -> str:
    before = text[max(0, start - width):start]
    after = text[end:end + width // 2]
    return f"{before}[[{text[start:end]}]]{after}".replace("\n", " ¶ ")


def cmd_show(args) -> int:
    pages = extraction_of(None, args.extraction)
    for n, row in enumerate(read_jsonl(LABELS)):
        if (args.part != "all" and row["part"] != args.part) or (args.page and row["page"] != args.page) \
                or (args.unlabelled and row["is_quote"] is not None) or not (args.first <= n < args.last):
            continue
        text = pages[row["page"]]["text"]
        print(f"#{n} {row['page']} {row['start']}-{row['end']} system: {row['system_speaker']!r} "
              f"({row['system_confidence']})\n{context(text, row['start'], row['end'], args.width)}\n")
    return 0


def cmd_marks(args) -> int:
    """Every opening quotation mark of a page, with whether an extracted quote covers it."""
    page = extraction_of(None, args.extraction)[args.page]
    text = page["text"]
    for i, c in enumerate(text):
        if c in OPENING_MARKS or c in "”":
            covered = [q for q in page["quotes"] if q["start"] - 2 <= i <= q["end"] + 1]
            tag = f"Q {covered[0]['start']}-{covered[0]['end']}" if covered else "-"
            print(f"{i:6} {tag:12} {text[max(0, i - 60):i + 80]!r}")
    return 0


@functools.cache
def scorer_rule():
    """`speaker_ok` and `norm_name` of ../shared/tools/score.py, the project's speaker rule."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", ROOT.parent / "shared" / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.speaker_ok, module.norm_name


def speaker_right(pred: str | None, lab: dict) -> bool:
    """score.py's rule; where it cannot see the names (it keeps Latin letters only, so any two
    Cyrillic or Hangul names would agree) the same rule on Unicode words: the gold name, an
    alias, or the same last word."""
    speaker_ok, norm_name = scorer_rule()
    names = [lab["speaker"], *lab.get("aliases", [])] if lab["speaker"] else []
    if pred and names and not (norm_name(pred) and all(norm_name(n) for n in names)):
        words = [norm_text(n) for n in names]
        return norm_text(pred) in words or norm_text(pred).split()[-1:] in [w.split()[-1:] for w in words]
    return speaker_ok(pred, {"speaker": lab["speaker"], "speaker_aliases": lab.get("aliases", [])})


def strict_name(pred: str | None, lab: dict, norm_name) -> bool:
    """The name form: only Mr/Mrs/Ms/Dr removed, the gold name, an alias or its surname alone."""
    if not pred or not lab["speaker"]:
        return not pred and not lab["speaker"]
    words = [w for w in norm_name(pred).split() if w not in {"mr", "mrs", "ms", "dr"}]
    names = {norm_name(n) for n in [lab["speaker"], *lab.get("aliases", [])]}
    return " ".join(words) in names | {n.split()[-1] for n in names if n}


def judged(labels: list[dict], pages: dict[str, dict]):
    """(label, prediction or None) for every label, and the unmatched predictions of each page."""
    by_page: dict[str, list[dict]] = {}
    for lab in labels:
        by_page.setdefault(lab["page"], []).append(lab)
    pairs, spare = [], {}
    for page, labs in by_page.items():
        quotes = pages.get(page, {"quotes": []})["quotes"]
        found = match(labs, quotes)
        pairs += [(lab, found.get(i)) for i, lab in enumerate(labs)]
        used = {id(q) for q in found.values()}
        spare[page] = [q for q in quotes if id(q) not in used]
    return pairs, spare


def ratio(k: int, n: int) -> str:
    return f"{k / n:.3f} ({k}/{n})" if n else "- (0/0)"


def figures(labels: list[dict], pages: dict[str, dict], exhaustive: list[str]) -> dict:
    _, norm_name = scorer_rule()
    pairs, spare = judged(labels, pages)
    kept = [(lab, q) for lab, q in pairs if lab["sampled"] and q is not None]
    true_kept = [(lab, q) for lab, q in kept if lab["is_quote"]]
    named = [(lab, q) for lab, q in true_kept if lab["speaker"]]
    null = [(lab, q) for lab, q in true_kept if not lab["speaker"]]
    ex_true = [(lab, q) for lab, q in pairs if lab["page"] in exhaustive and lab["is_quote"]]
    ex_preds = sum(len(pages.get(p, {"quotes": []})["quotes"]) for p in exhaustive if any(l["page"] == p for l in labels))
    right = [speaker_right(q["speaker"], lab) for lab, q in named]
    every = [(lab, q) for lab, q in pairs if q is not None and lab["is_quote"] and lab["speaker"]]
    out = {
        "sampled candidates still extracted": ratio(len(kept), sum(lab["sampled"] for lab in labels)),
        "labelled true quotes still extracted": ratio(sum(q is not None for lab, q in pairs if lab["is_quote"]),
                                                      sum(lab["is_quote"] for lab, _ in pairs)),
        "quote precision (sampled)": ratio(len(true_kept), len(kept)),
        "quote precision (sampled, page-weighted)": weighted_precision(kept, labels),
        "quote recall (exhaustive pages)": ratio(sum(q is not None for _, q in ex_true), len(ex_true)),
        "quote precision (exhaustive pages)": ratio(sum(q is not None for _, q in ex_true), ex_preds),
        "speaker accuracy, named gold": ratio(sum(right), len(named)),
        "name form (strict), named gold": ratio(sum(strict_name(q["speaker"], lab, norm_name) for lab, q in named), len(named)),
        "null gold given null": ratio(sum(not q["speaker"] for _, q in null), len(null)),
        "speaker accuracy, named, + exhaustive": ratio(sum(speaker_right(q["speaker"], lab) for lab, q in every),
                                                       len(every)),
    }
    out.update(calibration([(q.get("confidence") or 0.0, ok) for (_, q), ok in zip(named, right)]))
    wrong_null = [(lab, q) for lab, q in null if q["speaker"]]
    out["errors by class"] = error_classes(named + wrong_null, right + [False] * len(wrong_null),
                                           [(lab, q) for lab, q in kept if not lab["is_quote"]], norm_name)
    return out


def weighted_precision(kept: list[tuple[dict, dict]], labels: list[dict]) -> str:
    """Precision over all the frame's candidates, estimated: each sampled row weighs its page's
    candidates (in the extraction the sample was drawn from) over its sampled rows, undoing
    the cap per page that under-samples long pages. A page round 1's frame never held (its
    quotes all came later: round 4) weighs 1 per row, as every quote of it is labelled."""
    frame = json.loads(SAMPLE.read_text())["candidates_per_page"]
    drawn: dict[str, int] = {}
    for lab in labels:
        drawn[lab["page"]] = drawn.get(lab["page"], 0) + lab["sampled"]
    weights = [(frame.get(lab["page"], drawn[lab["page"]]) / drawn[lab["page"]], lab["is_quote"]) for lab, _ in kept]
    total = sum(w for w, _ in weights)
    return f"{sum(w for w, yes in weights if yes) / total:.3f}" if total else "-"


def calibration(scored: list[tuple[float, bool]]) -> dict:
    """Share of judged quotes at confidence >= 0.9 and how often right there; the share of
    the errors among the lowest-confidence 10%."""
    high = [ok for c, ok in scored if c >= 0.9]
    errors = sum(not ok for _, ok in scored)
    low = sorted(scored, key=lambda s: s[0])[:max(1, round(len(scored) / 10))] if scored else []
    return {"share at confidence >= 0.9": ratio(len(high), len(scored)),
            "right at confidence >= 0.9": ratio(sum(high), len(high)),
            "errors in the lowest 10%": ratio(sum(not ok for _, ok in low), errors)}


def error_classes(named, right, false_quotes, norm_name) -> dict:
    """Wrong speakers by the labelled class when the answer is the one labelled, else `new`."""
    counts: dict[str, int] = {}
    for (lab, q), ok in zip(named, right):
        if not ok:
            same = norm_name(q["speaker"]) == norm_name(lab["system_speaker"])
            cls = (lab["error_class"] or "unclassified") if same else "new answer (unlabelled)"
            cls = cls if lab["speaker"] else "null gold: " + cls
            counts[cls] = counts.get(cls, 0) + 1
    for lab, _ in false_quotes:
        counts["false quote: " + (lab["error_class"] or "term")] = counts.get("false quote: " + (lab["error_class"] or "term"), 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def both_found(labels: list[dict], runs: dict[str, dict]) -> dict[str, str]:
    """Each run's speaker accuracy over the sampled true quotes with a named gold speaker that
    every run found: the same quotes for all (textacy finds fewer)."""
    found = {name: {id(lab): q for lab, q in judged(labels, pages)[0] if q is not None}
             for name, pages in runs.items()}
    shared = [lab for lab in labels if lab["sampled"] and lab["is_quote"] and lab["speaker"]
              and all(id(lab) in f for f in found.values())]
    return {name: ratio(sum(speaker_right(f[id(lab)]["speaker"], lab) for lab in shared), len(shared))
            for name, f in found.items()}


def is_english(text: str) -> bool:
    """The product's language test (quotes.ingest.language), imported when first asked so that
    an older checkout's `extract` (WEB_SPEAKERS_CODE) never needs it."""
    from quotes.ingest.language import is_english as english

    return english(text)


def cmd_score(args) -> int:
    runs = {"current": extraction_of(None, args.extraction)}
    labels = [dict(lab, sampled=lab["sampled"] or (lab.get("round", 1) > 1 and not lab.get("missed")
                                                   and not lab.get("dropped")))
              for lab in read_jsonl(LABELS)
              if lab["is_quote"] is not None and (args.part == "all" or lab["part"] == args.part)
              and args.round in ("all", str(lab.get("round", 1))) and (not args.half or half_of(lab["page"]) == args.half)
              and (not args.english or is_english(runs["current"][lab["page"]]["text"]))]
    exhaustive = exhaustive_pages()
    if args.base or args.base_extraction:
        runs["base"] = extraction_of(args.base, args.base_extraction)
    results = {name: figures(labels, pages, exhaustive) for name, pages in runs.items()}
    if len(runs) == 2:
        for name, shared in both_found(labels, runs).items():
            results[name]["speaker accuracy, named, quotes both found"] = shared
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"part {args.part}{' (English pages)' if args.english else ''}, round {args.round}"
          f"{', half ' + args.half if args.half else ''}: {len(labels)} labelled rows, "
          f"{len({lab['page'] for lab in labels})} pages")
    for name in next(iter(results.values())):
        if name != "errors by class":
            print(f"{name:44} " + "  ".join(f"{r[name]:22}" for r in results.values()))
    for run, r in results.items():
        print(f"errors by class ({run}): " + ", ".join(f"{k} {v}" for k, v in r["errors by class"].items()))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract the pages with the code of WEB_SPEAKERS_CODE (default this checkout)")
    ex.add_argument("--out", required=True)
    ex.add_argument("--textacy", action="store_true", help="textacy's quotes instead of ours (the baseline)")
    for name in ("sample", "sample2", "sample3", "sample4", "sample5", "show", "marks", "score"):
        p = sub.add_parser(name)
        p.add_argument("--extraction", help="a cached `extract` output (made by this checkout when missing)")
        if name in ("show", "score"):
            p.add_argument("--part", choices=("tune", "heldout", "all"), default="tune")
    show = sub.choices["show"]
    show.add_argument("--page")
    show.add_argument("--unlabelled", action="store_true")
    show.add_argument("--first", type=int, default=0)
    show.add_argument("--last", type=int, default=10**9)
    show.add_argument("--width", type=int, default=600)
    sub.choices["marks"].add_argument("page")
    score = sub.choices["score"]
    score.add_argument("--base", help="another checkout, extracted and scored in the same run")
    score.add_argument("--base-extraction", help="a cached extraction of --base (alone: any cached extraction, "
                       "e.g. `extract --textacy`'s)")
    score.add_argument("--json", action="store_true")
    score.add_argument("--english", action="store_true", help="only the labels of pages in English (is_english)")
    score.add_argument("--round", choices=("1", "2", "3", "4", "5", "all"), default="1",
                       help="1: webspk's random sample (the figures so far); 2: webq's tune rows; "
                            "3: term18's (every tune quote left, 10 tune pages exhaustive); 4: web31's (both parts, "
                            "quotes beyond the labelled ones, seed 2031); 5: web31's tune candidates the filter drops "
                            "(not sampled: they are no extracted quotes); all: every round")
    score.add_argument("--half", choices=("fit", "check"), help="only the tune pages of this half (half_of)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        with open(args.out, "w", encoding="utf-8") as handle:
            for doc in (textacy_pages if args.textacy else extract_pages)(PAGES):
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    return {"sample": cmd_sample, "sample2": cmd_sample2, "sample3": cmd_sample3, "sample4": cmd_sample4, "sample5": cmd_sample5, "show": cmd_show, "marks": cmd_marks, "score": cmd_score}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
