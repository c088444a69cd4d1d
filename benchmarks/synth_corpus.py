"""A synthetic corpus for the corpus step: perturbed replicas of real quotes, realistic skew.

    python benchmarks/synth_corpus.py --quotes 1000000 --db /tmp/quotes-bench/synth-1m.db

Every *event* is one utterance: a real quote's words (PolNeAR gold quotes of train and dev, read
from ../shared and never copied here; the head of one quote spliced to the tail of another,
so the texts do not simply repeat) said by one speaker on one day, printed by 1 to 6 outlets
within two days, each copy perturbed as outlets do (cut at either end, a word or two
changed, punctuation and case, an editor's [bracket]). Speakers follow a Zipf law (s = 1.05)
over ``quotes / 60`` people whose names mix a few thousand surnames, so families (speakers
sharing a surname) form and the top speaker holds about a tenth of the quotes: 100,000 at
1M, a million at 10M (a president). 2.35 % of the events have no speaker (``--speakerless``;
222 of the 9,448 quotes of a PolNeAR train+dev build; 3 % before). *Unsure* quotes
(``corpus.unsure``: the speaker a guess or a group noun, looked up across families when the
corpus is cut) are drawn per printed copy of a named event at ``--unsure`` (7.44 %: in that
build 686 of the 9,226 named quotes, 7.26 % of all; ``--unsure 0`` gives the corpora before
it): a fifth of them ``salience_guess`` (143 of 686; another speaker of the Zipf law, as the
article's most salient person is), the rest ``subject:group`` ("the officials", a group noun
of quotes.lexicon). They are drawn from a random stream of their own, so the events,
speakers, words and outlets are the same at any rate. Articles are one
outlet's quotes of one day, about eight per article, dated over eight years. The quotes
are written in bulk (``write_bulk``; tests use ``write_corpus``: ``save_article``), with no
corpus step: time that separately (bench_scale_corpus.py).
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes.lexicon.words import GROUP_NOUNS  # noqa: E402
from quotes.model import Article, Quote  # noqa: E402

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
FIRST = ("John Mary James Linda Robert Susan Michael Karen David Nancy Joseph Lisa Thomas Betty "
         "Charles Sandra Daniel Ashley Mark Donna Paul Emily Steven Carol Andrew Amanda Kevin "
         "Melissa Brian Deborah George Laura Edward Sharon Ronald Cynthia Timothy Kathleen").split()
SYLLABLES = "ka to ren mi sol var den bro lin gar ther mon al ves cor pe han ste wil ri ford son".split()
SWAPS = {"very": "really", "really": "very", "big": "large", "people": "folks", "think": "believe",
         "country": "nation", "great": "tremendous", "want": "wish", "help": "assist", "bad": "terrible"}
BRACKETS = ("[the president]", "[in Russia]", "[sic]", "[the plan]", "[they]")
OUTLETS = [f"Outlet {k:02d}" for k in range(30)]
# Measured on `quotes build train.jsonl dev.jsonl` of PolNeAR, extractor 10 (module doc):
UNSURE = 0.0744  # named quotes whose speaker is unsure: 686 of 9,226
GUESSED = 0.21  # of those, the share guessed (salience_guess: 143 of 686); the rest are group nouns
SPEAKERLESS = 0.0235  # quotes without speaker: 222 of 9,448


def polnear_quotes() -> list[str]:
    """The gold quote texts of PolNeAR's train and dev splits (never test; empty when
    ../shared is absent)."""
    out = []
    for split in ("train", "dev"):
        path = POLNEAR / f"{split}.jsonl"
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                out += [q["text"] for line in handle if line.strip() for q in json.loads(line)["quotes"]
                        if len(q["text"].split()) >= 3]
    return out


def speaker_names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct person names over about sqrt(n) * 8 surnames (families of namesakes),
    or more when first names x surnames would not leave 1.5 x ``n`` names to draw from
    (above about 2M quotes: without it the draw below never ends)."""
    drawn = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
             for _ in range(max(50, int(n ** 0.5 * 8)))}
    while len(drawn) * len(FIRST) < 1.5 * n:  # 4 syllables: room for 10M quotes and more
        drawn.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    surnames = sorted(drawn)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(surnames)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def copy_of(text: str, rng: random.Random) -> str:
    """One outlet's version of the words: a cut, a changed word, case, a bracket."""
    words = text.split()
    if rng.random() < 0.3 and len(words) >= 8:
        keep = rng.randint(max(4, len(words) // 2), len(words) - 1)
        words = words[:keep] if rng.random() < 0.5 else words[len(words) - keep:]
    if rng.random() < 0.25 and len(words) >= 5:
        i = rng.randrange(len(words))
        core = re.sub(r"\W+$", "", words[i])
        words[i] = SWAPS.get(core.lower(), core) + words[i][len(core):]
    if rng.random() < 0.05 and len(words) >= 4:
        words.insert(rng.randrange(1, len(words)), rng.choice(BRACKETS))
    out = " ".join(words)
    return out.lower() if rng.random() < 0.03 else out


class Unsure:
    """Turns a share of the printed copies' speakers unsure (module doc), from a random
    stream of its own: the rest of the corpus does not depend on ``rate``."""

    def __init__(self, rate: float, seed: int, names: list[str], cumulative: list[float]):
        self.rate, self.rng, self.names, self.cumulative = rate, random.Random(f"unsure-{seed}"), names, cumulative
        self.groups = [f"the {noun}" for noun in sorted(GROUP_NOUNS) if noun.endswith("s")]

    def speaker(self, speaker: str | None) -> tuple[str | None, str]:
        """(speaker, method) of one copy of a quote ``speaker`` said."""
        if speaker is None or self.rng.random() >= self.rate:
            return speaker, "synthetic"
        if self.rng.random() < GUESSED:
            return self.rng.choices(self.names, cum_weights=self.cumulative)[0], "salience_guess"
        return self.rng.choice(self.groups), "subject:group"


def synthetic_articles(texts: list[str], n_quotes: int, seed: int = 0, per_article: int = 8,
                       top_share: float | None = None, unsure: float = UNSURE,
                       speakerless: float = SPEAKERLESS) -> Iterator[tuple[Article, list[Quote]]]:
    """Articles holding ``n_quotes`` quotes in all (see module doc). ``top_share``: give the
    first speaker this share of the events (a giant family), the rest Zipf as usual;
    ``unsure``, ``speakerless``: the shares of unsure quotes and of events without speaker."""
    rng = random.Random(seed)
    names = speaker_names(max(20, n_quotes // 60), rng)
    cumulative = list(itertools.accumulate(1 / (k + 1) ** 1.05 for k in range(len(names))))
    unsure_of = Unsure(unsure, seed, names, cumulative)
    start = date(2016, 1, 1)
    open_articles: dict[tuple[int, str], list[tuple[str | None, str, str]]] = {}
    made = serial = 0

    def flush(key):
        nonlocal serial
        day, outlet = key
        serial += 1
        published = (start + timedelta(days=day)).isoformat()
        head = f"{outlet}, {published}, report {serial}."
        parts, quotes, offset = [head], [], len(head) + 2
        for speaker, method, words in open_articles.pop(key):
            lead = f"{speaker or 'A source'} said: \u201c"
            text = lead + words + "\u201d"
            quotes.append(Quote(offset + len(lead), offset + len(lead) + len(words), words,
                                speaker=speaker, speaker_kind="person" if speaker else None,
                                speaker_mention=speaker, method=method,
                                confidence=0.9 if method == "synthetic" else 0.2))
            parts.append(text)
            offset += len(text) + 2
        return Article(doc_id=f"synth-{serial}", text="\n\n".join(parts), outlet=outlet, published=published,
                       language="en"), quotes

    while made < n_quotes:
        if top_share and rng.random() < top_share:
            speaker = names[0]
        else:
            speaker = None if rng.random() < speakerless else rng.choices(names, cum_weights=cumulative)[0]
        a, b = rng.choice(texts).split(), rng.choice(texts).split()
        words = " ".join(a[: max(2, len(a) // 2)] + b[len(b) // 2:])
        day = rng.randrange(8 * 365)
        for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 2, 2, 3, 4, 6))):
            key = (day + rng.choice((0, 0, 1, 2)), outlet)
            open_articles.setdefault(key, []).append((*unsure_of.speaker(speaker), copy_of(words, rng)))
            made += 1
            if len(open_articles[key]) >= per_article:
                yield flush(key)
    for key in sorted(open_articles):
        yield flush(key)


def write_corpus(db, articles, block: int = 2000) -> dict:
    """Store the articles (``save_article``, one atomic block per ``block`` articles)."""
    from quotes.run.parallel import chunked
    from quotes.store.db import save_article
    from quotes.store.transactions import atomic

    n_articles = n_quotes = 0
    for chunk in chunked(articles, block):
        with atomic(db) as tx:
            for article, quotes in chunk:
                save_article(tx, article, quotes)
                n_articles += 1
                n_quotes += len(quotes)
    return {"articles": n_articles, "quotes": n_quotes}


def write_bulk(path: Path, articles) -> dict:
    """A new database written fast: rows inserted without the browse indexes and the FTS
    table, which ``open_db`` then builds once over all of them (the rows ``save_article``
    writes, without its per-article deletes)."""
    import sqlite3

    from quotes.ingest.language import language_of
    from quotes.store.db import TABLES, insert_sql, open_db, quote_row, slug
    from quotes.store.freshness import EXTRACTOR_VERSION

    open_db(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    for (name,) in conn.execute("select name from sqlite_master where type = 'index' and sql is not null").fetchall():
        conn.execute(f'DROP INDEX "{name}"')
    for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DROP TABLE quotes_fts")
    article_cols, quote_cols = list(TABLES["articles"]), list(TABLES["quotes"])
    n_articles = n_quotes = 0
    outlets = set()
    with conn:
        for article, quotes in articles:
            if article.outlet not in outlets:
                outlets.add(article.outlet)
                conn.execute("INSERT INTO outlets VALUES (?, ?)", [slug(article.outlet), article.outlet])
            row = {"id": article.id, "doc_id": article.doc_id, "outlet_id": slug(article.outlet),
                   "title": None, "byline": None, "published": article.published, "url": None, "source": None,
                   "text": article.text, "n_quotes": len(quotes), "extractor_version": EXTRACTOR_VERSION,
                   "language": article.language or language_of(article.text)}
            conn.execute(insert_sql("articles", article_cols) + " ON CONFLICT DO NOTHING", [row[c] for c in article_cols])
            rows = [quote_row(article.id, q) for q in quotes]
            conn.executemany(insert_sql("quotes", quote_cols) + " ON CONFLICT DO NOTHING",
                             [[r[c] for c in quote_cols] for r in rows])
            n_articles += 1
            n_quotes += len(rows)
    conn.close()
    open_db(str(path)).close()  # indexes, FTS (filled from the rows) and triggers, once
    return {"articles": n_articles, "quotes": n_quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--unsure", type=float, default=UNSURE, help="share of quotes with an unsure speaker")
    parser.add_argument("--speakerless", type=float, default=SPEAKERLESS, help="share of events without speaker")
    args = parser.parse_args()
    from quotes.store.db import open_db

    texts = polnear_quotes()
    if not texts:
        sys.exit(f"needs PolNeAR at {POLNEAR}")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    args.db.unlink(missing_ok=True)
    began = time.perf_counter()
    info = write_bulk(args.db, synthetic_articles(texts, args.quotes, args.seed, unsure=args.unsure,
                                                        speakerless=args.speakerless))
    info["write_s"] = round(time.perf_counter() - began, 1)
    info["size_mb"] = round(args.db.stat().st_size / 2**20)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
