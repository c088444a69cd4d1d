import json
import random
from pathlib import Path
from dataclasses import replace

import pytest

try:
    from seed_utterances import AP, BLOOMBERG, EPOCH, FOX, NYPOST, seed_refs
except ImportError:  # tests run as a package
    from tests.seed_utterances import AP, BLOOMBERG, EPOCH, FOX, NYPOST, seed_refs

import quotes.corpus.grouping as variants
from quotes.corpus.grouping import QuoteRef, group_labels, group_utterances

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def seeds():
    refs, label_of = seed_refs()
    return refs, label_of, group_utterances(refs)


def groups_by_label(index, label_of):
    out = {}
    for u in index.utterances:
        if u.n_quotes > 1:
            out[u.id] = {label_of[q] for q in u.quote_ids}
    return out


# --- the seeds' utterances -----------------------------------------------------------------

EXPECTED = {
    # Bloomberg's second part (“... Europe,” Austin said. “It will also impact things in the
    # Indo-Pacific as well.”) is AP's "but also in things in the Indo-Pacific": one utterance
    "austin-serious": {
        f"{BLOOMBERG}/austin-serious", f"{BLOOMBERG}/austin-serious-2", f"{BLOOMBERG}/austin-serious-lead",
        f"{FOX}/austin-serious",
        f"{EPOCH}/austin-serious", f"{EPOCH}/austin-serious-subhead",
        f"{NYPOST}/austin-serious", f"{NYPOST}/austin-serious-headline", f"{AP}/austin-serious"},
    "austin-seen": {f"{BLOOMBERG}/austin-seen", f"{FOX}/austin-seen", f"{EPOCH}/austin-seen",
                    f"{AP}/austin-seen"},
    "kirby-weakness": {f"{FOX}/kirby-weakness", f"{EPOCH}/kirby-weakness"},
    "kirby-training": {f"{FOX}/kirby-training", f"{AP}/kirby-training", f"{AP}/kirby-training-2"},
    "rutte": {f"{FOX}/rutte", f"{AP}/rutte"},
    "austin-evidence": {f"{BLOOMBERG}/austin-evidence", f"{EPOCH}/austin-evidence"},
}


def test_seed_utterances_are_exactly_the_expected_ones(seeds):
    refs, label_of, index = seeds
    found = sorted(map(sorted, groups_by_label(index, label_of).values()))
    assert found == sorted(map(sorted, EXPECTED.values()))


def test_very_serious_issue_is_quoted_by_all_five_outlets(seeds):
    refs, label_of, index = seeds
    u = next(u for u in index.utterances if f"{AP}/austin-serious" in {label_of[q] for q in u.quote_ids})
    assert (u.n_outlets, u.n_articles, u.n_quotes) == (5, 5, 9)
    assert label_of[u.reference_quote_id] == f"{BLOOMBERG}/austin-serious"
    assert u.text.startswith("If their intention is to participate")
    relations = {label_of[v.quote_id]: v.relation for v in index.variants if v.utterance_id == u.id}
    assert relations == {
        f"{BLOOMBERG}/austin-serious": "reference",
        f"{BLOOMBERG}/austin-serious-lead": "truncation",
        f"{FOX}/austin-serious": "truncation",
        f"{EPOCH}/austin-serious-subhead": "truncation",
        f"{NYPOST}/austin-serious": "truncation",
        f"{NYPOST}/austin-serious-headline": "truncation",
        f"{EPOCH}/austin-serious": "omission",  # adds "they’re co-belligerents, if"
        f"{AP}/austin-serious": "paraphrase",
        # the split part shares no words with the reference: compared with AP's quote, whose
        # "but also in things in the Indo-Pacific" it rewords
        f"{BLOOMBERG}/austin-serious-2": "paraphrase",
    }


def test_left_to_be_seen_is_one_utterance_of_four_outlets(seeds):
    refs, label_of, index = seeds
    u = next(u for u in index.utterances if f"{AP}/austin-seen" in {label_of[q] for q in u.quote_ids})
    assert u.n_outlets == 4
    v = next(v for v in index.variants if label_of[v.quote_id] == f"{AP}/austin-seen")
    assert v.relation == "substitution"  # "remains" for "left"
    assert ["insert", "remains"] in v.diff


def test_split_quote_parts_join_one_utterance(seeds):
    # AP: “These soldiers … training,” Kirby said. “We don’t yet know …”
    refs, label_of, index = seeds
    by_label = {label_of[q]: u for q, u in index.utterance_of.items()}
    assert by_label[f"{AP}/kirby-training"] == by_label[f"{AP}/kirby-training-2"] == by_label[f"{FOX}/kirby-training"]
    # ... while Fox's first Kirby sentence (another part of the statement) stays apart
    assert by_label[f"{FOX}/kirby-assess"] != by_label[f"{FOX}/kirby-training"]


def test_every_quote_has_one_variant_and_an_utterance(seeds):
    refs, label_of, index = seeds
    assert {v.quote_id for v in index.variants} == set(index.utterance_of) == {r.quote_id for r in refs}
    assert len(index.variants) == len(refs)
    for u in index.utterances:
        ref = [v for v in index.variants if v.quote_id == u.reference_quote_id][0]
        assert ref.relation == "reference" and ref.similarity == 1.0
    json.dumps([v.__dict__ for v in index.variants])
    assert all(0.0 <= v.similarity <= 1.0 for v in index.variants)


def test_group_labels_only_for_quotes_in_several_articles(seeds):
    refs, label_of, index = seeds
    labels = group_labels(refs)
    labelled = {label_of[q] for q in labels}
    assert labelled == set().union(*EXPECTED.values())
    assert labels[next(q for q, l in label_of.items() if l == f"{FOX}/rutte")] == \
        labels[next(q for q, l in label_of.items() if l == f"{AP}/rutte")]


def test_input_order_does_not_matter(seeds):
    refs, label_of, index = seeds
    shuffled = refs[:]
    random.Random(7).shuffle(shuffled)
    assert group_utterances(shuffled) == index


# --- what must stay apart ---------------------------------------------------------------------

LINE = "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue"


def Q(qid, article, speaker, text, date="2024-10-23", outlet=None):
    return QuoteRef(qid, article, outlet or f"outlet-{article}", speaker, text, date)


def test_a_line_repeated_on_two_occasions_is_two_utterances():
    idx = group_utterances([Q("a", "a1", "s", LINE, "2016-03-01"), Q("b", "a2", "s", LINE, "2016-03-01"),
                            Q("c", "a3", "s", LINE, "2016-04-15"), Q("d", "a4", "s", LINE[:60], "2016-04-16")])
    u = idx.utterance_of
    assert u["a"] == u["b"] and u["c"] == u["d"] and u["a"] != u["c"]


def test_the_same_words_from_another_speaker_are_another_utterance():
    idx = group_utterances([Q("a", "a1", "austin", LINE), Q("b", "a2", "kirby", LINE)])
    assert idx.utterance_of["a"] != idx.utterance_of["b"]


def test_two_sentences_of_one_interview_stay_apart():
    idx = group_utterances([
        Q("a", "a1", "austin", "What exactly they are doing is left to be seen."),
        Q("b", "a2", "austin", "These are things that we need to sort out,"),
        Q("c", "a3", "austin", "We are seeing evidence that there are North Korean troops in Russia."),
    ])
    assert len(set(idx.utterance_of.values())) == 3


def test_two_overlapping_quotes_of_one_article_are_not_merged_with_each_other():
    idx = group_utterances([
        Q("ref", "a1", "s", LINE + ", and it will have impacts, not only in Europe,"),
        Q("x", "a2", "s", "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue"),
        Q("y", "a2", "s", "if their intention is to engage in this war on behalf of Russia that is a very serious problem"),
    ])
    u = idx.utterance_of
    assert u["x"] == u["ref"]
    assert u["y"] != u["x"]


def test_an_echo_of_the_same_words_in_one_article_joins():
    # NY Post: headline ‘Very, very serious issue’ and the body's “very, very serious issue,”
    idx = group_utterances([Q("h", "nyp", "austin", "Very, very serious issue"),
                            Q("b", "nyp", "austin", "very, very serious issue,"),
                            Q("f", "fox", "austin", "a very, very serious issue")])
    assert len(set(idx.utterance_of.values())) == 1


def test_short_fragments_join_only_an_unambiguous_utterance():
    idx = group_utterances([
        Q("a", "a1", "s", "we will make this a very big success for the whole country"),
        Q("b", "a2", "s", "they said the new plan is a very big success already"),
        Q("c", "a3", "s", "very big success"),
        Q("d", "a4", "s", "the whole country", ),
    ])
    u = idx.utterance_of
    assert u["c"] not in (u["a"], u["b"])  # in both: ambiguous
    assert u["d"] == u["a"]


def test_a_quote_without_speaker_joins_only_a_certain_group():
    kirby = ("If Russia is indeed forced to turn to North Korea for manpower, this would be a sign "
             "of weakness, not strength, on the part of the Kremlin,")
    idx = group_utterances([Q("a", "a1", "kirby", kirby), Q("b", "a2", None, kirby[:80]),
                            Q("c", "a3", None, "this would be a sign of weakness for everyone involved here")])
    u = idx.utterance_of
    assert u["b"] == u["a"]
    assert u["c"] != u["a"]
    assert [x.speaker_id for x in idx.utterances if x.id == u["a"]] == ["kirby"]


def test_a_longer_quote_without_speaker_joins_the_named_cut_it_holds():
    # issue 13 class (a): a group noun ("the group", "officials") the speaker index leaves
    # without speaker; that quote is the longer one, so few of its words are in the named cut
    named = Q("n", "a1", "harris", "keeps faith with working families", "2024-03-12")
    group = Q("g", "a2", None, "This budget keeps faith with working families, and we will fight for every line of it.",
              "2024-03-12")
    idx = group_utterances([named, group])
    assert idx.utterance_of["n"] == idx.utterance_of["g"]
    assert [x.speaker_id for x in idx.utterances if x.id == idx.utterance_of["n"]] == ["harris"]
    # ... or a long run of it (8+ words) without holding all of it
    named = Q("n", "a1", "ortiz", "The port will reopen to commercial traffic on Monday once the divers finish their survey",
              "2024-03-12")
    group = Q("g", "a2", None, "Officials said the port will reopen to commercial traffic on Monday once the divers "
                               "are done, and ferries will follow later in the week.", "2024-03-13")
    u = group_utterances([named, group]).utterance_of
    assert u["n"] == u["g"]


def test_a_longer_quote_without_speaker_holding_a_named_cut_stays_apart_when_uncertain():
    base = "This budget keeps faith with working families, and we will fight for every line of it."
    cases = [
        # a cut of three words, or a cut printed weeks apart (the date rules)
        [Q("n", "a1", "harris", "working families first", "2024-03-12"),
         Q("g", "a2", None, "We put working families first in every budget we write.", "2024-03-12")],
        [Q("n", "a1", "harris", "keeps faith with working families", "2024-03-12"), Q("g", "a2", None, base, "2024-04-02")],
        # two speakers' utterances hold it
        [Q("n", "a1", "harris", "keeps faith with working families", "2024-03-12"),
         Q("m", "a3", "walz", "keeps faith with working families", "2024-03-12"), Q("g", "a2", None, base, "2024-03-12")],
        # the speaker's catchphrase (quoted more than a month apart) inside someone's sentence
        [Q("n", "a1", "trump", "Make America Great Again", "2016-01-10"),
         Q("o", "a3", "trump", "Make America Great Again", "2016-03-01"),
         Q("g", "a2", None, "He keeps telling crowds he will make America great again, but the plant still closed.",
           "2016-03-01")],
    ]
    for quotes in cases:
        u = group_utterances(quotes).utterance_of
        assert u["g"] != u["n"], [q.text for q in quotes]


def test_null_speaker_matching_two_speakers_stays_apart():
    idx = group_utterances([Q("a", "a1", "austin", LINE), Q("b", "a2", "kirby", LINE + " indeed"),
                            Q("c", "a3", None, LINE[:70])])
    u = idx.utterance_of
    assert u["c"] not in (u["a"], u["b"])


def test_cost_grows_linearly_never_all_pairs(monkeypatch):
    calls = {"n": 0}
    real = variants._blocks

    def counting(a, b):
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(variants, "_blocks", counting)
    rng = random.Random(0)
    vocab = [f"w{i}" for i in range(3000)]
    common = "we are going to make this country great again".split()
    n = 3000
    quotes = []
    for i in range(n):
        words = rng.sample(vocab, 8) + common  # every quote shares a long run of common words
        rng.shuffle(words)
        quotes.append(Q(f"q{i}", f"a{i}", "trump", " ".join(words)))
    idx = group_utterances(quotes, with_diffs=False)
    assert calls["n"] < 5 * n  # all pairs would be 4.5 million
    assert len(idx.utterances) > 0.9 * n


@pytest.mark.polnear
def test_polnear_gold_quotes_group_without_crossing_speakers():
    path = SHARED / "eval" / "polnear" / "dev.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR not available")
    refs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for i, q in enumerate(d["quotes"]):
            spk = None if q.get("speaker_is_pronoun") else q.get("speaker")
            refs.append(QuoteRef(f"{d['doc_id']}:{i}", d["doc_id"], d.get("outlet"), spk, q["text"],
                                 (d.get("date") or "")[:10] or None))
    idx = group_utterances(refs)
    assert len(idx.variants) == len(refs)
    speakers = {r.quote_id: r.speaker_id for r in refs}
    for u in idx.utterances:
        named = {speakers[q] for q in u.quote_ids if speakers[q] is not None}
        assert len(named) <= 1


# --- classes found by reading PolNeAR's cross-outlet groups (benchmarks/polnear_groups.py) ----

STATEMENT = ("The fact that the senator's calendar was full of meetings with donors is further "
             "evidence of the pay-to-play politics at her department. No one is above the law.")


def test_a_lone_late_requote_of_an_old_statement_joins_it():
    # one article re-quotes a statement weeks later: not a new occasion (nobody else prints it)
    idx = group_utterances([
        Q("a", "a1", "pence", STATEMENT, "2016-08-23"),
        Q("b", "a1", "pence", "It would be a dereliction of duty if they fail to act on these facts.", "2016-08-23"),
        Q("c", "a3", "pence", STATEMENT, "2016-10-31"),
        Q("d", "a3", "pence", "a dereliction of duty", "2016-10-31"),  # the late article's other quote
        Q("e", "a2", "pence", "It would be a dereliction of duty if they fail to act on these facts.", "2016-08-23"),
    ])
    u = idx.utterance_of
    assert u["c"] == u["a"]
    assert u["d"] == u["b"]


def test_a_line_printed_again_by_several_articles_weeks_later_stays_apart():
    idx = group_utterances([Q("a", "a1", "s", STATEMENT, "2016-08-23"),
                            Q("b", "a2", "s", STATEMENT, "2016-10-02"),
                            Q("c", "a3", "s", STATEMENT[:70], "2016-10-03")])
    u = idx.utterance_of
    assert u["b"] == u["c"] != u["a"]


def test_a_few_late_words_point_back_to_one_remark_only_when_specific():
    long_ = "Although the Second Amendment people, maybe there is, I don't know. That will be a horrible day."
    idx = group_utterances([
        Q("a", "a1", "trump", long_, "2016-08-10"),
        Q("b", "a2", "trump", "Second Amendment people", "2016-08-16"),  # "his 'Second Amendment people' remark"
        Q("c", "a3", "trump", "We will quickly bomb the hell out of them, believe me.", "2015-11-19"),
        Q("d", "a4", "trump", "bomb the hell", "2015-11-27"),  # two content words: a stock pledge
    ])
    u = idx.utterance_of
    assert u["b"] == u["a"]
    assert u["d"] != u["c"]


def test_an_alias_of_the_speaker_joins_on_a_certain_match():
    line = "Until you have sat at that desk, you do not know what it is like to manage a global crisis"

    def A(qid, article, sid, name, text):
        return QuoteRef(qid, article, f"o-{article}", sid, text, "2016-07-28", name)

    idx = group_utterances([
        A("a", "a1", "barack", "Barack Obama", "You can read about it, you can study it, but " + line.lower()),
        A("b", "a2", "obama", "Obama", line),
        A("d", "a4", "obama-2", "Obama", "a global crisis"),  # three words: not certain enough
    ])
    u = idx.utterance_of
    assert u["a"] == u["b"]
    assert u["d"] != u["a"]
    # another person with that surname saying the same words: a re-quote, not an alias; and
    # "Obama" alone, whose words both hold, could be either: joins neither
    idx = group_utterances([A("a", "a1", "barack", "Barack Obama", line),
                            A("c", "a3", "michelle", "Michelle Obama", line),
                            A("b", "a2", "obama", "Obama", line[:60])])
    u = idx.utterance_of
    assert len({u["a"], u["b"], u["c"]}) == 3


def test_a_speakerless_slogan_does_not_join_a_named_quote():
    idx = group_utterances([Q("a", "a1", "silverman", "Bernie or Bust people, you're being ridiculous,"),
                            Q("b", "a2", None, "Bernie or Bust")])
    assert idx.utterance_of["a"] != idx.utterance_of["b"]


def test_a_speakerless_slogan_printed_months_apart_points_to_no_occasion():
    # a slogan on a protester's shirt (Mar 15) and in a writer's sentence (Mar 12), no speaker:
    # the same four words without speaker in June and August make it a slogan of many months
    shirts = [Q("a", "a1", None, "Keep America Strong Forever.", "2016-03-12"),
              Q("b", "a2", None, "keep America strong forever", "2016-03-15")]
    later = [Q("c", "a3", None, "Keep America Strong Forever", "2016-06-20"),
             Q("d", "a4", None, "Keep America Strong Forever", "2016-08-31")]
    u = group_utterances(shirts + later).utterance_of
    assert u["a"] != u["b"]
    # printed only that week, the two copies are one
    u = group_utterances(shirts).utterance_of
    assert u["a"] == u["b"]


def test_a_stock_phrase_said_again_a_week_later_is_another_utterance():
    idx = group_utterances([Q("a", "a1", "sanders", "Of course", "2016-04-08"),
                            Q("b", "a2", "sanders", "of course", "2016-04-15"),
                            Q("c", "a3", "clinton", "artful smear", "2016-02-04"),
                            Q("d", "a4", "clinton", "artful smear", "2016-02-11")])
    u = idx.utterance_of
    assert u["a"] != u["b"]
    assert u["c"] == u["d"]  # two content words: a remark others keep quoting


def test_a_repeated_word_does_not_cut_the_shared_run():
    # an LCS may pair the first "I" with "I meant" and cut "I do he was the most valuable player"
    idx = group_utterances([
        Q("a", "a1", "trump", "No, I meant he's the founder of it. I do. He was the most valuable player. "
                              "I give him the most valuable player award,"),
        Q("b", "a2", "trump", "I do. He was the most valuable player. He was the founder."),
    ])
    assert idx.utterance_of["a"] == idx.utterance_of["b"]


# --- when it was said (quotes.extract.dating) ----------------------------------------------------

def S(qid, article, text, date, said=None):
    """A quote of speaker "s" whose attribution dates it to ``said`` (first, last day)."""
    lo, hi = said or (None, None)
    return QuoteRef(qid, article, f"outlet-{article}", "s", text, date, None, lo, hi)


NINE = "We have come a long way in the last nine months"


def test_a_line_said_after_an_article_printed_it_is_another_occasion():
    # a stump line: printed on Feb 4 (a town hall), said again "on Monday" Feb 8 at a rally
    idx = group_utterances([S("a", "a1", NINE, "2016-02-04"), S("b", "a2", NINE, "2016-02-08", ("2016-02-08", "2016-02-08"))])
    assert idx.utterance_of["a"] != idx.utterance_of["b"]
    # without the attribution's day, four days apart is one occasion
    idx = group_utterances([S("a", "a1", NINE, "2016-02-04"), S("b", "a2", NINE, "2016-02-08")])
    assert idx.utterance_of["a"] == idx.utterance_of["b"]


def test_two_quotes_dated_to_different_days_are_two_occasions():
    idx = group_utterances([S("a", "a1", NINE, "2016-02-09", ("2016-02-06", "2016-02-06")),
                            S("b", "a2", NINE + ", he said", "2016-02-09", ("2016-02-08", "2016-02-08")),
                            S("c", "a3", NINE, "2016-02-10", ("2016-02-08", "2016-02-08"))])
    u = idx.utterance_of
    assert u["b"] == u["c"] and u["a"] != u["b"]


def test_a_late_article_that_says_last_week_joins_the_occasion():
    # "Not paying taxes 'makes me smart,' Trump said last week": a week after the debate
    debate = S("a", "a1", "That makes me smart.", "2016-09-27")
    late = S("b", "a2", "makes me smart,", "2016-10-04", ("2016-09-24", "2016-10-02"))
    assert group_utterances([debate, late]).utterance_of["a"] == group_utterances([debate, late]).utterance_of["b"]
    # without the time words, a few words a week later point back to nothing
    late_undated = S("b", "a2", "makes me smart,", "2016-10-04")
    idx = group_utterances([debate, late_undated])
    assert idx.utterance_of["a"] != idx.utterance_of["b"]


def test_a_late_requote_dated_recently_is_not_an_old_statement():
    old = "There's no way of vetting them. You have no idea who they are. This could be the great Trojan horse of all time."
    line = "This could be the great Trojan horse of all time."
    # printed once in August; a September article quotes it "in Everett, Wash., recently"
    idx = group_utterances([S("a", "a1", old, "2016-08-10"), S("b", "a2", line, "2016-09-12", ("2016-08-13", "2016-09-12"))])
    assert idx.utterance_of["a"] != idx.utterance_of["b"]
    # an undated late re-quote of the same words is taken for the old statement (tier 6)
    idx = group_utterances([S("a", "a1", old, "2016-08-10"), S("b", "a2", line, "2016-09-12")])
    assert idx.utterance_of["a"] == idx.utterance_of["b"]


def test_a_late_two_word_requote_dated_back_joins_the_occasion_it_names():
    # the director's statement of July 5, its two words printed alone by two articles that week;
    # in August one article: "Last month, the director called her conduct 'deeply reckless'"
    week = [S("a", "a1", "deeply reckless", "2016-07-06", ("2016-07-05", "2016-07-05")),
            S("b", "a2", "deeply reckless,", "2016-07-07")]
    late = S("c", "a3", "deeply reckless.", "2016-08-10", ("2016-07-01", "2016-07-31"))
    u = group_utterances(week + [late]).utterance_of
    assert u["a"] == u["b"] == u["c"]
    # a later article quoting a longer passage holding the words does not make it ambiguous
    passage = S("d", "a4", "They were deeply reckless in how they handled the most sensitive files.", "2016-07-28")
    u = group_utterances(week + [late, passage]).utterance_of
    assert u["a"] == u["c"]
    # undated, two words a month later point back to nothing
    u = group_utterances(week + [S("c", "a3", "deeply reckless.", "2016-08-10")]).utterance_of
    assert u["a"] != u["c"]
    # two late articles re-quoting it so both point back to it, not to each other
    later = S("f", "a6", "deeply reckless", "2016-09-01", ("2016-07-01", "2016-07-31"))
    u = group_utterances(week + [late, later]).utterance_of
    assert u["a"] == u["c"] == u["f"]
    # two earlier occasions printing the two words alone: none of them
    other = S("e", "a5", "deeply reckless", "2016-07-20", ("2016-07-19", "2016-07-19"))
    u = group_utterances(week + [late, other]).utterance_of
    assert u["c"] not in (u["a"], u["e"])


def test_a_requote_dated_back_by_its_attribution_makes_no_slogan():
    # the two words alone on Feb 9, inside the speech of Feb 10; a June article re-quotes the
    # February line ("in February he promised ...") and says so: one month's line still
    quotes = [S("a", "a1", "grassroots uprising.", "2016-02-09"),
              S("b", "a2", "What we started in the cold of the caucuses is nothing less than the start of a "
                           "grassroots uprising,", "2016-02-10"),
              S("c", "a3", "Join our grassroots uprising today", "2016-01-20")]
    dated = S("d", "a4", "this grassroots uprising is not over", "2016-06-14", ("2016-02-01", "2016-02-29"))
    u = group_utterances(quotes + [dated]).utterance_of
    assert u["a"] == u["b"]
    # printed in June without a date of its own, it is a new occasion: a slogan of many months
    u = group_utterances(quotes + [S("d", "a4", "this grassroots uprising is not over", "2016-06-14")]).utterance_of
    assert u["a"] != u["b"]


def test_a_statement_cut_at_different_places_is_one_utterance():
    a, b, c = ("The fact her official schedule was full of meetings with donors is further evidence of pay-to-play "
               "politics at her State Department, and the campaign has still not explained a single one of them.",
               "No one is above the law. The Foundation must be immediately shut down and a special prosecutor appointed.",
               "It would be a dereliction of duty by the President and his Justice Department if they fail to act "
               "on these startling new facts right now. The American people deserve answers, and they deserve "
               "them before they vote. We will keep asking until the whole truth about these meetings comes out.")
    idx = group_utterances([S("1", "x", f"{a} {b}", "2016-08-23"), S("2", "x", c, "2016-08-23"),
                            S("3", "y", a, "2016-08-24"), S("4", "y", f"{b} {c}", "2016-08-24")])
    assert len({idx.utterance_of[q] for q in "1234"}) == 1


def test_a_recurring_phrase_is_a_cut_of_no_quote():
    speech = ("I have a message to every last person threatening the peace on our streets: when I take "
              "the oath of office next year, I will restore law and order to our country.")
    earlier = "The police in this country have done an unbelievable job of keeping law and order."
    quotes = [S("a", "a1", speech, "2016-07-22"), S("b", "a2", "law and order", "2016-07-22"),
              S("c", "a3", "law and order candidate,", "2016-07-23")]
    u = group_utterances(quotes).utterance_of
    assert u["a"] == u["b"] == u["c"]  # said in one speech only: a cut of it
    # the same words in a February quote: a phrase of many occasions, it points to none
    u = group_utterances(quotes + [S("d", "a4", earlier, "2016-02-07")]).utterance_of
    assert len({u["a"], u["b"], u["c"], u["d"]}) == 4
    # ... nor does an idiom count for an alignment: "the hell out of"
    idx = group_utterances([S("e", "a5", "quickly and decisively bomb the hell out of ISIS.", "2015-11-19"),
                            S("f", "a6", "Get him the hell out of here!", "2015-11-21"),
                            S("g", "a7", "we will knock the hell out of them", "2016-10-10")])
    assert idx.utterance_of["e"] != idx.utterance_of["f"]


def test_a_two_word_slogan_is_a_cut_of_no_quote():
    # a candidate's two-word slogan (printed alone the night before) inside his victory speech
    speech = ("What we started in the cold of the caucuses and the voters confirmed tonight is "
              "nothing less than the start of a grassroots uprising,")
    quotes = [S("a", "a1", "grassroots uprising.", "2016-02-09"), S("b", "a2", speech, "2016-02-10")]
    u = group_utterances(quotes).utterance_of
    assert u["a"] == u["b"]  # nothing says it is said often: a cut of the speech
    # the same two words in his quotes of January and of June: a slogan of many occasions
    u = group_utterances(quotes + [S("c", "a3", "Join our grassroots uprising today", "2016-01-05"),
                                   S("d", "a4", "this grassroots uprising is not over", "2016-06-14")]).utterance_of
    assert u["a"] != u["b"]
    # ... but not when they were all said within a month (one campaign week's line)
    u = group_utterances(quotes + [S("c", "a3", "Join our grassroots uprising today", "2016-02-01")]).utterance_of
    assert u["a"] == u["b"]


def test_identical_copies_of_a_catchphrase_days_apart_are_two_occasions():
    # a slogan printed alone on June 23 (the hats) and June 27 (his promise), and inside longer
    # quotes of February and April: a phrase he says on many occasions (benchmarks/pair_sources.py)
    maga = [S("a", "a1", "Make America Great Again", "2016-06-23"),
            S("b", "a2", "Make America Great Again.", "2016-06-27")]
    u = group_utterances(maga).utterance_of
    assert u["a"] == u["b"]  # nothing says it is said often: identical words within the date rule
    said_often = [S("c", "a3", "We're going to make America great again, folks.", "2016-02-02"),
                  S("d", "a4", "And let's make America great again.", "2016-04-17")]
    u = group_utterances(maga + said_often).utterance_of
    assert u["a"] != u["b"]
    # ... still one when printed within two days (one occasion possible, as for a stock phrase)
    close = [maga[0], S("b", "a2", "Make America Great Again.", "2016-06-24")]
    u = group_utterances(close + said_often).utterance_of
    assert u["a"] == u["b"]


def test_a_few_shared_words_far_apart_are_no_alignment():
    # an idiom shared by a rally heckle and a radio ad four days apart: "the hell out of"
    # holds half of each quote's words, but a few words days apart point to no one occasion
    heckle = S("a", "a1", "Get him the hell out of here!", "2015-11-23")
    ad = S("b", "a2", "quickly and decisively bomb the hell out of ISIS.", "2015-11-19")
    u = group_utterances([heckle, ad]).utterance_of
    assert u["a"] != u["b"]
    # a longer shared passage as far apart is one statement re-quoted (the date rule's week)
    a = S("c", "a3", "We will bring our jobs back from China and from Mexico, believe me.", "2016-03-01")
    b = S("d", "a4", "bring our jobs back from China and from Mexico, and we will win again", "2016-03-05")
    u = group_utterances([a, b]).utterance_of
    assert u["c"] == u["d"]


def test_reordered_and_substituted_words_in_long_quotes_are_one_utterance():
    # issue 13's missed classes: "farmers and ranchers" / "ranchers and farmers", "many" / "a lot of"
    texts = {
        "a": "We are going to take care of our farmers and ranchers, and we are going to bring back the jobs.",
        "b": "We are going to take care of our ranchers and farmers, and we are going to bring back the jobs.",
        "c": "There are many people in this state who lost their jobs to Mexico and we will never forget them.",
        "d": "There are a lot of people in this state who lost their jobs to Mexico and we will never forget them.",
    }
    u = group_utterances([S(k, f"art-{k}", t, "2016-03-01") for k, t in texts.items()]).utterance_of
    assert u["a"] == u["b"] and u["c"] == u["d"] and u["a"] != u["c"]


def test_a_quote_its_attribution_dates_months_back_joins_the_remark_of_that_time():
    october = ("2015-10-01", "2015-10-31")
    # "he told CNN's Chris Cuomo in October" (Nov 10) / "As recently as an October CNN interview, Trump
    # said he believes Afghanistan was 'a terrible mistake'" (Nov 27)
    interview = S("a", "a1", "We made a terrible mistake getting involved in the first place", "2015-11-10", october)
    late = S("b", "a2", "a terrible mistake,", "2015-11-27", october)
    u = group_utterances([interview, late]).utterance_of
    assert u["a"] == u["b"]
    # an undated re-quote printed months after the occasion is not known to be of that time
    undated = S("a", "a1", "We made a terrible mistake getting involved in the first place", "2016-01-10")
    late = S("b", "a2", "We made a terrible mistake getting involved,", "2016-03-27", october)
    u = group_utterances([undated, late]).utterance_of
    assert u["a"] != u["b"]
    # and without its time words, three words weeks later point back to nothing
    u = group_utterances([interview, S("b", "a2", "a terrible mistake,", "2015-11-27")]).utterance_of
    assert u["a"] != u["b"]


def test_the_writers_echo_of_a_quote_joins_it_whatever_the_dates():
    # Ryan on CNN Thursday; an article four days later prints the quote and, above it, "not ready"
    cnn = S("a", "a1", "Well, to be perfectly candid with you, I'm just not ready to do that at this point", "2016-05-05")
    late = S("b", "a2", "I'm just not ready to do that at this point. I'm not there right now,", "2016-05-09",
             ("2016-04-30", "2016-05-08"))
    echo = S("c", "a2", "not ready", "2016-05-09")
    u = group_utterances([cnn, late, echo]).utterance_of
    assert u["a"] == u["b"] == u["c"]


def test_a_quote_dated_last_week_joins_the_day_it_names():
    # "On Tuesday, Comey said ... 'extremely careless'" (Jul 6) / "Last week, ... he called her
    # actions 'extremely careless'" (Jul 15)
    a = S("a", "a1", "extremely careless", "2016-07-06", ("2016-07-05", "2016-07-05"))
    b = S("b", "a2", "extremely careless.", "2016-07-15", ("2016-07-02", "2016-07-10"))
    assert group_utterances([a, b]).utterance_of["a"] == group_utterances([a, b]).utterance_of["b"]
    c = S("c", "a3", "extremely careless.", "2016-07-15")  # undated, nine days later: another occasion
    u = group_utterances([a, c]).utterance_of
    assert u["a"] != u["c"]


def test_a_late_requote_missing_only_a_repeated_phrase_counts_as_contained():
    hearing = S("a", "a1", "What difference - at this point, what difference does it make?", "2015-11-16")
    late = S("b", "a2", "What difference at this point does it make?", "2016-05-02")
    u = group_utterances([hearing, late]).utterance_of
    assert u["a"] == u["b"]


def test_a_mentioned_term_in_two_articles_is_no_one_utterance():
    # "would not use the words “radical Islam”" (one article) and "the loaded term, “radical
    # Islam”" (the next day's): the term she avoids, mentioned twice, is no act of speaking
    def M(qid, article, date, said=None):
        return replace(Q(qid, article, "clinton", "radical Islam,", date), mention=True, said_from=said, said_to=said)
    u = group_utterances([M("a", "a1", "2015-11-15"), M("b", "a2", "2015-11-16"),
                          M("h", "a2", "2015-11-16")]).utterance_of
    assert u["a"] != u["b"]
    assert u["b"] == u["h"]  # the same article repeating it (a headline) is one
    # the same words said (no mention) in two articles a day apart: one utterance
    u = group_utterances([Q("a", "a1", "clinton", "radical Islam,", "2015-11-15"),
                          Q("b", "a2", "clinton", "radical Islam,", "2015-11-16")]).utterance_of
    assert u["a"] == u["b"]
    # both attributions name the same day (one occasion): one utterance
    u = group_utterances([M("a", "a1", "2015-11-15", "2015-11-14"), M("b", "a2", "2015-11-16", "2015-11-14")]).utterance_of
    assert u["a"] == u["b"]
    # a mentioned term never joins a longer quote that holds it, nor the other way round
    long_ = Q("l", "a3", "clinton", "I will not use the words radical Islam, because it helps nobody", "2015-11-15")
    u = group_utterances([M("a", "a1", "2015-11-15"), long_]).utterance_of
    assert u["a"] != u["l"]
    # ... nor a two-word quote the mentioned term holds
    term = replace(Q("t", "a1", "clinton", "radical Islamic terrorism,", "2015-11-15"), mention=True)
    u = group_utterances([term, Q("p", "a4", "clinton", "Islamic terrorism", "2015-11-15")]).utterance_of
    assert u["t"] != u["p"]


def test_possessive_spellings_are_one_utterance():
    # issue 13: outlets print NATO's, NATO’ and NATO'
    texts = ["NATO's allies must spend more on their own defence", "NATO’ allies must spend more on their own defence",
             "NATO' allies must spend more on their own defence"]
    u = group_utterances([S(str(k), f"a{k}", t, "2024-02-14") for k, t in enumerate(texts)]).utterance_of
    assert u["0"] == u["1"] == u["2"]


def test_a_quote_printed_merged_with_the_next_sentence_joins_each_sentence():
    # issue 13: one outlet prints A, another A and the sentence after it as one quote
    a = "We must stand with Ukraine for as long as it takes,"
    b = "because Russia cannot be allowed to win this war."
    merged = S("m", "a1", f"{a} {b}", "2024-02-14")
    for part, day in ((a, "2024-02-14"), (b, "2024-02-17")):
        u = group_utterances([merged, S("p", "a2", part, day)]).utterance_of
        assert u["m"] == u["p"]
    # with one word changed by the outlet too
    u = group_utterances([S("p", "a2", a, "2024-02-14"),
                          S("m", "a1", f"We have to stand with Ukraine for as long as it takes, {b}", "2024-02-15")]).utterance_of
    assert u["m"] == u["p"]


def test_a_flipped_coordination_in_a_short_quote_is_one_utterance():
    # issue 13 class (e): one outlet prints the pair the other way round (an LCS counts a
    # lost word: half the words in runs, a short quote needs three quarters)
    for x, y in (("We will protect farmers and ranchers.", "We will protect ranchers and farmers."),
                 ("Our teachers and nurses deserve a raise.", "Our nurses and teachers deserve a raise."),
                 ("Do you want war or peace?", "Do you want peace or war?")):
        u = group_utterances([S("a", "a1", x, "2016-03-01"), S("b", "a2", y, "2016-03-01")]).utterance_of
        assert u["a"] == u["b"], (x, y)
    # a word changed next to "and" stays a one-word change (grp13's sorted key made it a
    # reorder and lost such pairs) ...
    u = group_utterances([S("a", "a1", "We will stop the violence and start the healing.", "2016-03-01"),
                          S("b", "a2", "We will stop the violence and begin the healing.", "2016-03-01")]).utterance_of
    assert u["a"] == u["b"]
    # sides of two words, in a lone late re-quote of the same remark three weeks on (tier 6)
    u = group_utterances([S("a", "a1", "going to put a lot of coal miners and coal companies out of business,", "2016-05-18"),
                          S("b", "a2", "We're going to put a lot of coal companies and coal miners out of business.",
                            "2016-06-10")]).utterance_of
    assert u["a"] == u["b"]
    # ... and the date rules still hold for a short flipped quote
    u = group_utterances([S("a", "a1", "We will protect farmers and ranchers.", "2016-03-01"),
                          S("b", "a2", "We will protect ranchers and farmers.", "2016-03-20")]).utterance_of
    assert u["a"] != u["b"]
