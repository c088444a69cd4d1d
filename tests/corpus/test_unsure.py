"""Quotes whose speaker is unsure (corpus.unsure): the second pass across speaker families."""
from dataclasses import replace

from quotes.corpus.families import family_key, group_by_units, units_of
from quotes.corpus.grouping import QuoteRef
from quotes.corpus.unsure import is_unsure

# the closing line of a (made-up) convention speech, printed whole by one outlet and cut by
# another that gave it to a name guessed from the article
SPEECH = ("To every farmer who plants in the spring, and every worker who builds the bridges of this state, "
          "I say these words tonight: I will stand with you, I will build for you, and I will win for you!")
CUT = "I will build for you, and I will win for you!"
OTHER = "The convention floor was louder than any night of the primaries"


def ref(qid, speaker, text, day="2016-07-22", unsure=False):
    sid = speaker and speaker.lower().replace(" ", "-")
    return QuoteRef(qid, f"art-{qid}", f"Outlet {qid}", sid, text, day, speaker, unsure=unsure)


def test_unsure_is_read_from_the_attribution_method():
    assert is_unsure("salience_guess")  # no attribution found: a guessed name
    assert is_unsure("subject:group") and is_unsure("according_to:group")  # "the spot", "officials"
    for method in ("subject:name", "split_quote", "subject:pronoun", "salience", None, ""):
        assert not is_unsure(method)


def test_a_guessed_speakers_cut_joins_the_one_family_that_said_it():
    refs = [ref("t1", "Donald Trump", SPEECH), ref("h1", "Christopher Harvey", CUT, "2016-07-21", unsure=True),
            ref("h2", "Christopher Harvey", OTHER, "2016-07-21")]
    cut = units_of(refs)
    trump = family_key("donald-trump", "Donald Trump")
    assert {r.quote_id for r in cut[trump]} == {"t1", "h1"}
    moved = next(r for r in cut[trump] if r.quote_id == "h1")
    assert moved.speaker_id is None and moved.home_speaker == "christopher-harvey"
    idx = group_by_units(refs)
    assert idx.utterance_of["h1"] == idx.utterance_of["t1"]
    utt = next(u for u in idx.utterances if u.id == idx.utterance_of["t1"])
    assert utt.speaker_id == "donald-trump"


def test_the_same_quote_with_a_sure_speaker_stays_apart():
    refs = [ref("t1", "Donald Trump", SPEECH), ref("h1", "Christopher Harvey", CUT, "2016-07-21")]
    idx = group_by_units(refs)
    assert idx.utterance_of["h1"] != idx.utterance_of["t1"]


def test_an_unsure_quote_matched_in_its_own_family_stays_there():
    # (on words of its own: a gram Trump's speech holds too is stock, evidence of neither)
    refs = [ref("t1", "Donald Trump", SPEECH),
            ref("h1", "Christopher Harvey", CUT + " Thank you, Tampa", "2016-07-21", unsure=True),
            ref("h2", "Christopher Harvey", "for you! Thank you, Tampa, good night", "2016-07-21")]
    cut = units_of(refs)
    harvey = family_key("christopher-harvey", "Christopher Harvey")
    assert {r.quote_id for r in cut[harvey]} == {"h1", "h2"}
    assert all(r.speaker_id for r in cut[harvey])


def test_an_unsure_quote_found_in_two_families_stays_in_its_own():
    # its words are half the speech's, half a remark of another family's
    refs = [ref("t1", "Donald Trump", SPEECH), ref("p1", "Mike Pence", "He told them: and I will win for you, every day"),
            ref("h1", "Christopher Harvey", "I will build for you, and I will win for you, every day", "2016-07-21",
                unsure=True)]
    cut = units_of(refs)
    assert [r.speaker_id for r in cut[family_key("christopher-harvey", "Christopher Harvey")]] == ["christopher-harvey"]


def test_two_unsure_quotes_of_two_families_do_not_swap():
    refs = [ref("a1", "the spot", CUT, unsure=True), ref("b1", "Florida", CUT + " Thank you.", unsure=True)]
    cut = units_of(refs)
    assert {u: [r.quote_id for r in rs] for u, rs in cut.items()} == {
        family_key("the-spot", "the spot"): ["a1"], family_key("florida", "Florida"): ["b1"]}


def test_a_moved_quote_left_alone_keeps_its_own_speaker():
    # months after the speech: no date rule lets it join, so it is an utterance of its own
    refs = [ref("t1", "Donald Trump", SPEECH), ref("h1", "the spot", CUT, "2016-11-02", unsure=True)]
    cut = units_of(refs)
    assert "h1" in {r.quote_id for r in cut[family_key("donald-trump", "Donald Trump")]}
    idx = group_by_units(refs)
    assert idx.utterance_of["h1"] != idx.utterance_of["t1"]
    alone = next(u for u in idx.utterances if u.id == idx.utterance_of["h1"])
    assert alone.speaker_id == "the-spot"
    # and without the second pass it is the same utterance, speaker and all
    plain = group_by_units([refs[0], replace(refs[1], unsure=False)])
    assert [u for u in plain.utterances if "h1" in u.quote_ids][0].speaker_id == "the-spot"


def test_a_settled_decision_holds_whatever_quotes_are_added():
    """``UnsureLinks.settled``: a quote settled on some named quotes stays home, and settled,
    on any superset of them (the kept cut skips it: ``store.cut_state``); a quote not settled
    may still move either way."""
    import random

    from quotes.corpus.families import cut_links

    rng = random.Random(11)
    words = ["budget", "the", "vote", "of", "taxes", "we", "will", "bridge", "not", "harbour", "in", "rates"]
    named = []
    for k in range(500):  # (few words: grams held by one family, by several, and by sure quotes of two)
        text = " ".join(rng.choice(words[:rng.randint(4, len(words))]) for _ in range(rng.randint(3, 9)))
        named.append((f"q{k:04d}", f"family:f{rng.randint(0, 12)}", text, rng.random() < 0.3))
    settled_once: set[str] = set()
    changed = 0
    before: dict[str, str | None] = {}
    for end in range(50, 501, 50):  # the quotes added in 10 steps
        some = named[:end]
        unsure = [(q, f, t) for q, f, t, u in some if u]
        links = cut_links([], unsure, some).unsure
        settled = {q for q, _, _ in unsure if links.settled(q)}
        assert settled_once <= settled and all(links.moved_to(q) is None for q in settled_once)
        settled_once |= settled
        now = {q: links.moved_to(q) for q, _, _ in unsure}
        changed += sum(1 for q, to in before.items() if now[q] != to)
        before = now
    assert 0 < len(settled_once) < sum(u for *_, u in named) and changed > 0


# A debate (made up): the candidate's closing line; one outlet credits it to her rival, whose
# name it guessed from the article (a salience guess). Its last words are a stock phrase both
# candidates say: evidence of neither.
CLOSING = ("No one on this stage has stood with the nurses of Ohio longer than I have, and that is why "
           "I will be the next president of the United States")
RIVAL = "I will be the next president of the United States, and I will start on the first day"


def debate(*more):
    return [ref("d1", "Maria Delgado", CLOSING, "2016-10-10"), ref("r1", "Tom Reyes", RIVAL, "2016-10-09"), *more]


def test_a_debate_line_credited_to_the_rival_joins_the_speakers_utterance():
    """Cross-family join (issue 13): the guessed credit shares with the rival's own quotes only
    stock 4-grams (held by the sure quotes of both candidates), which are passed over both ways;
    the rest of the line is found in one other family's sure quotes, so it is grouped there."""
    cut_line = "No one on this stage has stood with the nurses of Ohio longer than I have"
    refs = debate(ref("g1", "Tom Reyes", cut_line + ", and that is why I will be the next president of the "
                      "United States", "2016-10-11", unsure=True))
    idx = group_by_units(refs)
    assert idx.utterance_of["g1"] == idx.utterance_of["d1"] != idx.utterance_of["r1"]
    utt = next(u for u in idx.utterances if u.id == idx.utterance_of["d1"])
    assert utt.speaker_id == "maria-delgado"  # the sure side's speaker


def test_a_line_of_stock_phrases_only_stays_with_its_own_speaker():
    """A stump line both candidates say, printed on other days: every 4-gram of the guessed
    credit is stock, so it stays home, and no addition can move it (settled)."""
    from quotes.corpus.families import cut_links

    stump = "We are going to bring our jobs back to this country"
    refs = [ref("d1", "Maria Delgado", stump + ", believe me", "2016-07-01"),
            ref("r1", "Tom Reyes", "And I say: we are going to bring our jobs back to this country", "2016-07-20"),
            ref("g1", "the crowd", stump, "2016-07-21", unsure=True)]
    idx = group_by_units(refs)
    assert len({idx.utterance_of[q] for q in ("d1", "r1", "g1")}) == 3
    named = [(r.quote_id, family_key(r.speaker_id, r.speaker_name), r.text, r.unsure) for r in refs]
    links = cut_links([], [(q, f, t) for q, f, t, u in named if u], named).unsure
    assert links.moved_to("g1") is None and links.settled("g1")


def test_a_common_phrase_said_by_two_people_never_joins():
    refs = [ref("a1", "Ann Cole", "That was a big mistake, and we will win", "2016-05-02"),
            ref("b1", "Tom Reyes", "a big mistake", "2016-05-02"),
            ref("c1", "Maria Delgado", "We will win", "2016-05-03"),
            ref("g1", "the campaign", "It was a big mistake", "2016-05-02", unsure=True)]
    idx = group_by_units(refs)
    assert len({idx.utterance_of[q] for q in ("a1", "b1", "c1", "g1")}) == 4


def test_a_rivals_own_distinctive_words_keep_the_credit_home():
    """A home match on a gram that is not stock still keeps an unsure quote home."""
    refs = debate(ref("r2", "Tom Reyes", "the nurses of Ohio longer than anyone", "2016-10-08"),
                  ref("g1", "Tom Reyes", "with the nurses of Ohio longer than anyone", "2016-10-11", unsure=True))
    cut = units_of(refs)
    assert {r.quote_id for r in cut[family_key("tom-reyes", "Tom Reyes")]} == {"r1", "r2", "g1"}
