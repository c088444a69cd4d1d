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
    refs = [ref("t1", "Donald Trump", SPEECH), ref("h1", "Christopher Harvey", CUT, "2016-07-21", unsure=True),
            ref("h2", "Christopher Harvey", "and I will win for you, believe me", "2016-07-21")]
    cut = units_of(refs)
    harvey = family_key("christopher-harvey", "Christopher Harvey")
    assert {r.quote_id for r in cut[harvey]} == {"h1", "h2"}
    assert all(r.speaker_id for r in cut[harvey])


def test_an_unsure_quote_found_in_two_families_stays_in_its_own():
    refs = [ref("t1", "Donald Trump", SPEECH), ref("p1", "Mike Pence", "He told them: I will build for you, every day"),
            ref("h1", "Christopher Harvey", CUT, "2016-07-21", unsure=True)]
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
