"""Aligning quotes with primary sources at scale: 100,000 quotes against 1,000 sources.

    python benchmarks/bench_sources.py [--scales 0.125 0.25 0.5 1] [--quotes 100000] [--sources 1000]
    python benchmarks/bench_sources.py --against main --scales 0.125 [--repeats 3]

Sources are made of the real sentences of the 74 Trump transcripts (``../shared/eval/
transcripts``), reshuffled into ``--sources`` speeches of about 2,000 words, 20 per speaker,
dated over two years. Quotes: 60 % are printed versions of a stretch of one of them (one or
two sentences, cut at the edges, now and then a word changed, dropped or [bracketed]),
dated up to three days after it and attributed to its speaker (one article per source and
day; a tenth of them are phrases of 2-3 words); 40 % are sentences of the
pool given to a random speaker and day (mostly not in that speaker's sources). Each quote
has a few words of article around it, some naming an occasion ("At the debate,", "At a rally
on Monday", "He told reporters:"); a tenth of the sources are debates, a tenth are named events
("Remarks at the Bcf Policy Conference"), half of which the articles printing them name by their
proper name (``QuoteToCheck.article_names``); one in twenty quotes made from a source has a few words
of the same speech printed in its paragraph and given to nobody. Both grow
together, so near-linear cost means the seconds per scale unit stay flat. Each scale runs
in its own process (peak memory: inputs and alignment, before the baseline runs). The
baseline, measured next in the same process, is ``textnorm.units`` over every quote and
source: the words the alignment must read at least once. ``--against REV`` instead times the
alignment of git revision REV (its ``quotes/corpus/sources.py``) and this one on the same
data, interleaved, best of ``--repeats``, with the share of each one's matches in the source
their quote was made from.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRANSCRIPTS = ROOT.parent / "shared" / "eval" / "transcripts"
if not TRANSCRIPTS.exists():
    TRANSCRIPTS = Path("/work/shared/eval/transcripts")


def sentence_pool() -> list[str]:
    from quotes.ingest.sources import iter_sources

    pool = []
    for s in iter_sources([TRANSCRIPTS], default_speaker="x"):
        pool += [x.strip() for x in re.split(r"(?<=[.?!])\s+", s.text) if len(x.split()) >= 4]
    return pool


CONTEXTS = ("Later,", "At a rally on Monday, he spoke.", "At the debate,", "He told reporters:",
            "In the speech he gave in September,", "Trump, whose views have hardened since last year, added:")


def make_data(n_quotes: int, n_sources: int, seed: int = 16):
    from quotes.corpus.sources import QuoteToCheck, Segment

    rng = random.Random(seed)
    pool = sentence_pool()
    start = dt.date(2015, 6, 1)
    segments, texts = [], []
    for k in range(n_sources):
        sentences = [rng.choice(pool) for _ in range(100)]
        day = (start + dt.timedelta(days=rng.randrange(730))).isoformat()
        speaker = f"speaker{k // 20}"
        text = " ".join(sentences)
        title = (f"Republican Candidates Debate {k}" if k % 10 == 0 else
                 f"Remarks at the {_event_word(k)} Policy Conference" if k % 10 == 5 else f"Remarks at Arena {k}")
        segments.append(Segment(f"s{k}", 0, frozenset({speaker}), day, text, 0, title))
        texts.append(sentences)
    quotes = []
    for i in range(n_quotes):
        if rng.random() < 0.6:
            k = rng.randrange(n_sources)
            sentences = texts[k]
            j = rng.randrange(len(sentences) - 1)
            words = " ".join(sentences[j:j + rng.choice((1, 1, 2))]).split()
            a = rng.randrange(0, max(1, len(words) // 3))
            b = len(words) - rng.randrange(0, max(1, len(words) // 3))
            words = words[a:b]
            r = rng.random()
            if r < 0.1 and len(words) > 4:  # a phrase of 2-3 words (looked for beside its article's quotes)
                at = rng.randrange(len(words) - 3)
                words = words[at:at + rng.choice((2, 3))]
            elif r < 0.15 and len(words) > 4:
                words[rng.randrange(len(words))] = rng.choice(["great", "tremendous", "bad", "really"])
            elif r < 0.25 and len(words) > 4:
                del words[rng.randrange(len(words))]
            elif r < 0.3:
                words.insert(rng.randrange(len(words) + 1), "[Clinton]")
            day = dt.date.fromisoformat(segments[k].day) + dt.timedelta(days=rng.randrange(4))
            speaker = next(iter(segments[k].speaker_ids))
            article = f"a{k}-{day}"  # the quotes of one source printed the same day: one article
            # an article about a named event names it by its proper name, once (``corpus.occasions``)
            names = ((_event_word(k).lower(), "policy", "conference"),) if k % 10 == 5 and k % 20 < 10 else ()
        else:
            words = rng.choice(pool).split()
            day = start + dt.timedelta(days=rng.randrange(730))
            speaker = f"speaker{rng.randrange(max(1, n_sources // 20))}"
            article = f"x{i}"
            names = ()
        text = " ".join(words)
        # the article's words around it, naming its occasion now and then (``corpus.occasions``)
        context = f'{rng.choice(CONTEXTS)} "{text}" he said.'
        at = context.index(text)
        quotes.append(QuoteToCheck(f"q{i}", f"u{i}", speaker, text, day.isoformat(), article_id=article,
                                   context=context, context_at=at, context_end=at + len(text), **(
                                       {"article_names": names} if names else {})))
        if article.startswith("a") and rng.random() < 0.05:
            # a few words of the same speech printed in the quote's paragraph and given to nobody
            # (``corpus.sources._found_beside_for_article_speaker``)
            phrase = " ".join(sentences[j + 1].split()[:rng.choice((2, 3, 4))])
            context = f'He said "{text}" and then "{phrase}," she said.'
            at = context.index(phrase)
            quotes.append(QuoteToCheck(f"q{i}n", None, None, phrase, day.isoformat(), article_id=article,
                                       context=context, context_at=at, context_end=at + len(phrase)))
    return segments, quotes


def _event_word(k: int) -> str:
    """A proper name for source ``k``'s event, in letters ("Bcf" for 125)."""
    return "".join(chr(ord("a") + int(d)) for d in str(k)).capitalize()


def run(scale: float, n_quotes: int, n_sources: int, out) -> None:
    from quotes.corpus.sources import align_sources
    from quotes.corpus.textnorm import units

    segments, quotes = make_data(int(n_quotes * scale), max(20, int(n_sources * scale)))
    t0 = time.perf_counter()
    index = align_sources(segments, quotes)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # inputs and alignment
    t0 = time.perf_counter()
    for s in segments:
        units(s.text)
    for q in quotes:
        units(q.text)
    baseline = time.perf_counter() - t0
    out.put({"scale": scale, "quotes": len(quotes), "sources": len(segments),
             "words": sum(len(s.text.split()) for s in segments), "seconds": seconds, "baseline": baseline,
             "found": len(index.matches), "rss_mb": rss})


def right_source(matches, quotes) -> float:
    """The share of the matches in the source their quote was made from (its article is
    ``a{k}-{day}`` for source ``s{k}``; the other quotes were made from no source of theirs)."""
    article = {q.quote_id: q.article_id for q in quotes}
    right = sum(article[m.quote_id].startswith("a") and article[m.quote_id].split("-")[0][1:] == m.source_id[1:]
                for m in matches)
    return right / max(1, len(matches))


def against(rev: str, scale: float, n_quotes: int, n_sources: int, repeats: int) -> None:
    """This alignment against revision ``rev``'s on the same data, interleaved, best of ``repeats``."""
    import dataclasses

    from common import module_at
    from quotes.corpus import sources as this

    old = module_at(rev, "quotes/corpus/sources.py", "sources_at_rev")
    segments, quotes = make_data(int(n_quotes * scale), max(20, int(n_sources * scale)))
    names = [f.name for f in dataclasses.fields(old.QuoteToCheck)]
    old_quotes = [old.QuoteToCheck(**{n: getattr(q, n) for n in names}) for q in quotes]
    seg_names = [f.name for f in dataclasses.fields(old.Segment)]
    old_segments = [old.Segment(**{n: getattr(s, n) for n in seg_names}) for s in segments]
    best = {rev: float("inf"), "this": float("inf")}
    for _ in range(repeats):
        t0 = time.perf_counter()
        found_old = old.align_sources(old_segments, old_quotes).matches
        best[rev] = min(best[rev], time.perf_counter() - t0)
        t0 = time.perf_counter()
        found = this.align_sources(segments, quotes).matches
        best["this"] = min(best["this"], time.perf_counter() - t0)
    print(f"| {len(quotes):,} | {best[rev]:.2f} ({len(found_old):,} found, {right_source(found_old, quotes):.1%} in"
          f" their source) | {best['this']:.2f} ({len(found):,} found, {right_source(found, quotes):.1%}) |"
          f" {best['this'] / best[rev]:.2f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", type=float, nargs="+", default=[0.125, 0.25, 0.5, 1.0])
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=1_000)
    ap.add_argument("--against", metavar="REV", help="time this alignment against git revision REV's")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    if not TRANSCRIPTS.exists():
        sys.exit("needs ../shared/eval/transcripts")
    if args.against:
        print(f"| quotes | {args.against} (s) | this (s) | this / {args.against} |\n| --- | --- | --- | --- |")
        for scale in args.scales:
            against(args.against, scale, args.quotes, args.sources, args.repeats)
        return
    print("| quotes | sources | source words | align (s) | s per 10,000 quotes | units() baseline (s) | align / baseline | found | peak RSS (MB) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ctx = mp.get_context("spawn")
    for scale in args.scales:
        out = ctx.Queue()
        proc = ctx.Process(target=run, args=(scale, args.quotes, args.sources, out))
        proc.start()
        r = out.get()
        proc.join()
        print(f"| {r['quotes']:,} | {r['sources']:,} | {r['words']:,} | {r['seconds']:.1f} |"
              f" {r['seconds'] / r['quotes'] * 10_000:.2f} | {r['baseline']:.1f} | {r['seconds'] / r['baseline']:.1f} |"
              f" {r['found']:,} | {r['rss_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
