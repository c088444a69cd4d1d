"""The corpus step's units: speaker families, speakerless quotes, tasks (corpus.families)."""
import random

import sqlite_utils

from quotes.corpus.families import (FREE, MANY, cut_links, cut_of_holders, family_key, group_by_units, plan_tasks,
                                    quote_grams, signature_line, sorted_signature, speakerless_links, unit_signature,
                                    units_of)
from quotes.model import text_hash
from quotes.corpus.grouping import QuoteRef

BUDGET = "We will not back down on the budget for the schools this year"
BRIDGE = "The bridge opens in spring and not before the council votes"


def ref(qid, speaker, text, article=None, day="2024-05-01"):
    return QuoteRef(qid, article or f"art-{qid}", f"Outlet {qid}", speaker and speaker.lower().replace(" ", "-"),
                    text, day, speaker)


def unit_ids(cut):
    return {q.quote_id: u for u, refs in cut.items() for q in refs}


def test_namesakes_share_a_unit_and_other_families_do_not():
    refs = [ref("o1", "Barack Obama", BUDGET), ref("o2", "Obama", BUDGET), ref("o3", "Michelle Obama", BRIDGE),
            ref("c1", "Hillary Clinton", BUDGET)]
    units = unit_ids(units_of(refs))
    assert units["o1"] == units["o2"] == units["o3"] == family_key("obama", "Obama")
    assert units["c1"] != units["o1"]


def test_a_speakerless_quote_joins_the_one_family_whose_words_it_shares():
    refs = [ref("a1", "Jane Alvarez", BUDGET), ref("r1", "Tom Reyes", BRIDGE),
            ref("n1", None, "not back down on the budget"),  # Alvarez's words only
            ref("n2", None, "back down on the budget for the schools"),  # ties to n1: one component
            ref("n3", None, "The rain will stop by noon, forecasters expect"),  # nobody's words
            ref("n4", None, "the schools this year and the bridge opens in spring")]  # both families
    units = unit_ids(units_of(refs))
    assert units["n1"] == units["n2"] == units["a1"]
    assert units["n3"].startswith(FREE) and units["n4"].startswith(FREE) and units["n3"] != units["n4"]
    # the grouping then joins them where it would: Alvarez's utterance holds her cut
    idx = group_by_units(refs)
    assert idx.utterance_of["n1"] == idx.utterance_of["a1"]


def test_a_stock_phrase_ties_no_speakerless_quotes():
    phrase = "at the end of the day"
    refs = [ref(f"n{k:02d}", None, f"{phrase} word{k} other{k} thing{k}") for k in range(45)]
    links = speakerless_links((r.quote_id, r.text) for r in refs)
    assert len(set(links.component_of.values())) == 45  # in more than 40 quotes: ties none
    links = speakerless_links((r.quote_id, r.text) for r in refs[:5])
    assert len(set(links.component_of.values())) == 1


def test_a_familys_grouping_never_reads_another_familys_quotes(seeds_db):
    """Whatever the other families say, one family's utterances and variants are the same."""
    db = sqlite_utils.Database(seeds_db)
    rows = db.execute("select q.id, q.article_id, a.outlet_id, s.id, q.text, a.published, s.name"
                      " from quotes q join articles a on a.id = q.article_id"
                      " left join speakers s on s.id = q.speaker_id").fetchall()
    refs = [QuoteRef(*r) for r in rows]
    cut = units_of(refs)
    largest = max(cut, key=lambda u: (len(cut[u]), u))
    assert not largest.startswith(FREE) and len(cut[largest]) >= 10
    mine = {q.quote_id for q in cut[largest]}
    # the other families' quotes: their words shuffled and other ones added
    others = [QuoteRef(r.quote_id, r.article_id, r.outlet, r.speaker_id, " ".join(reversed(r.text.split())),
                       r.published, r.speaker_name) for r in refs if r.quote_id not in mine]
    others += [QuoteRef(f"extra{k}", "extra", "x", "s-extra", q.text, q.published, "Someone Else")
               for k, q in enumerate(cut[largest])]
    before, after = group_by_units(refs), group_by_units(cut[largest] + others)

    def part(idx):
        return (sorted(repr(u) for u in idx.utterances if set(u.quote_ids) <= mine),
                sorted(repr(v) for v in idx.variants if v.quote_id in mine))

    assert part(before) == part(after) and part(before)[0]


def test_the_database_step_gives_each_task_its_own_families_quotes_only(tmp_path, seeds_db, monkeypatch):
    import shutil

    import quotes.run.corpus as runner
    from quotes.build import update_corpus_index
    from quotes.store.db import open_db

    seen = []

    def recording(units_refs, options=None, with_diffs=True):
        for refs in units_refs:
            seen.append({family_key(r.speaker_id, r.speaker_name) for r in refs if r.speaker_id})
        return real(units_refs, options, with_diffs)

    real = runner.group_units
    monkeypatch.setattr(runner, "group_units", recording)
    shutil.copy(seeds_db, tmp_path / "q.db")
    update_corpus_index(open_db(str(tmp_path / "q.db")), full=True)
    assert seen and all(len(families) <= 1 for families in seen)


def test_tasks_are_of_similar_size_and_a_giant_family_is_alone():
    sizes = {"family:giant": 50_000, **{f"family:f{k:03d}": 100 + k for k in range(300)}}
    tasks = plan_tasks(sizes, workers=2, floor=1_000)
    assert tasks[0] == ["family:giant"]
    assert sorted(u for t in tasks for u in t) == sorted(sizes)
    rest = [sum(sizes[u] for u in t) for t in tasks[1:]]
    assert max(rest[:-1]) < 2 * min(rest[:-1])
    assert plan_tasks(dict(reversed(list(sizes.items()))), workers=2, floor=1_000) == tasks


def test_tasks_are_capped_whatever_the_corpus_size():
    sizes = {f"family:f{k:04d}": 900 + k % 200 for k in range(2_000)}  # ~2M quotes
    tasks = plan_tasks(sizes, workers=2, cap=20_000)
    filled = [sum(sizes[u] for u in t) for t in tasks]
    assert sorted(u for t in tasks for u in t) == sorted(sizes)
    assert max(filled) < 20_000 + 1_100  # a task closes at the first unit that reaches the cap
    assert len(tasks) > 2 * 4  # more tasks than workers x per_worker
    giant = plan_tasks({"family:giant": 90_000, **sizes}, workers=2, cap=20_000)
    assert giant[0] == ["family:giant"]  # a unit larger than the cap is still one task


def test_a_units_signature_follows_its_speakers_and_names():
    base = [("q1", "s1", "Jane Alvarez"), ("q2", "s1", "Jane Alvarez")]
    assert unit_signature(base) == unit_signature(list(reversed(base)))
    assert unit_signature(base) != unit_signature([("q1", "s1", "Jane Alvarez")])
    assert unit_signature(base) != unit_signature([("q1", "s1", "Jane Alvarez"), ("q2", "s2", "J. Alvarez")])
    assert unit_signature(base) != unit_signature([("q1", "s1", "Janet Alvarez"), ("q2", "s1", "Janet Alvarez")])


def test_a_moved_quotes_line_holds_its_own_speaker_apart():
    assert signature_line("q1", "s1", "Jane Alvarez", False) == ("q1", "s1", "Jane Alvarez")
    assert signature_line("q2", None, None, False) == ("q2", None, None)
    moved = [signature_line("q1", sid, "Jane Alvarez", True) for sid in ("s1", "s2")]
    assert moved[0] != moved[1] and moved[0][1] is None  # (grouped without it; its lone utterance keeps it)
    assert unit_signature([moved[0]]) not in {unit_signature([("q1", None, None)]),
                                             unit_signature([("q1", "s1", "")]), unit_signature([moved[1]])}


def test_a_streamed_signature_is_the_hash_of_the_units_lines():
    """The corpus step streams each unit's signature (``sorted_signature``); it must stay the
    hash of the unit's lines, or every stored unit would look changed after an upgrade."""
    refs = [("q1", "s1", "Jane Alvarez"), ("q2", None, None), ("q3", "s2", "Ñuño Pérez")]
    text = "\n".join(f"{q}\t{s or ''}\t{n or ''}" for q, s, n in refs)
    assert sorted_signature(iter(refs)) == (text_hash(text), 3)
    assert unit_signature(reversed(refs)) == text_hash(text)
    assert sorted_signature([]) == (text_hash(""), 0)


def holders_of_named(named):
    """``cut_of_holders``' look-up made by brute force from the named quotes (quote id,
    family, text, unsure): per 4-gram, each family's count of quotes holding it (up to 2) and
    whether a sure one does; one ``MANY`` row once sure quotes of two families hold it."""
    table: dict[str, dict[str, list]] = {}
    for _, family, text, unsure in named:
        for gram in quote_grams(text):
            held = table.setdefault(gram, {}).setdefault(family, [0, False])
            held[0] += 1
            held[1] |= not unsure

    def look_up(grams):
        for gram in grams & table.keys():
            fams = table[gram]
            if sum(sure for _, sure in fams.values()) >= 2:
                yield gram, [(MANY, 2, True)]
            else:
                yield gram, [(f, min(2, n), sure) for f, (n, sure) in fams.items()]

    return look_up


def test_the_cut_from_kept_holders_equals_the_pass_over_named_quotes():
    rng = random.Random(7)
    words = ["budget", "the", "vote", "of", "taxes", "we", "will", "bridge", "not", "harbour", "in", "rates",
             "ferry", "levy", "pier", "toll", "dock", "fare", "wharf", "quay"]  # (the last ones rarer)
    named, speakerless = [], []
    texts = []
    for k in range(600):  # (few words: grams held by one family, by several, and by sure quotes of two)
        text = " ".join(rng.choice(words[:rng.randint(4, len(words))]) for _ in range(rng.randint(3, 9)))
        if texts and rng.random() < 0.2:  # a re-quote: a run of an earlier quote's words and some of its own
            earlier = rng.choice(texts).split()
            at = rng.randint(0, max(0, len(earlier) - 5))
            text = " ".join(earlier[at:at + rng.randint(5, 8)]) + " " + text
        texts.append(text)
        if rng.random() < 0.15:
            speakerless.append((f"q{k:04d}", text))
        else:
            named.append((f"q{k:04d}", f"family:f{rng.randint(0, 12)}", text, rng.random() < 0.3))
    unsure = [(q, f, t) for q, f, t, u in named if u]
    by_pass = cut_links(speakerless, unsure, named)
    kept = cut_of_holders(speakerless, unsure, holders_of_named(named))
    moved = [by_pass.unit_of_named(q, f, True) for q, f, _ in unsure]
    assert moved == [kept.unit_of_named(q, f, True) for q, f, _ in unsure]
    assert 5 < sum(m for _, m in moved) < len(unsure)  # some move, some stay
    units = [by_pass.unit_of_speakerless(q) for q, _ in speakerless]
    assert units == [kept.unit_of_speakerless(q) for q, _ in speakerless]
    assert 0 < sum(not u.startswith(FREE) for u in units) < len(units)
