"""Aligning quotes with primary sources: speakers, candidates, each relation, states, dates."""
import pytest

from conftest import SHARED
from quotes.corpus.sources import (QuoteToCheck, Segment, SourceOptions, align_sources, relation_to_source,
                                   resolve_speaker)
from quotes.corpus.textnorm import units

TRANSCRIPTS = SHARED / "eval" / "transcripts"

BRIEFING = ("Good afternoon. Our analysts, they continue to look at this, and we are seeing evidence that "
            "there are North Korean troops that have gone to Russia. What exactly they are doing is left to be "
            "seen. These are things that we need to sort out. If they're co-belligerents, if their intention is "
            "to participate in this war on Russia's behalf, that is a very, very serious issue, and it will have "
            "impacts, not only in Europe, it will also impact things in the Indo-Pacific as well. (APPLAUSE) "
            "We will keep supporting Ukraine for as long as it takes.")
AUSTIN = frozenset({"austin"})


def seg(text=BRIEFING, day="2024-10-23", source="s1", speakers=AUSTIN, turn=0, offset=0):
    return Segment(source, turn, speakers, day, text, offset)


def q(qid, text, uid=None, speaker="austin", published="2024-10-24", said_from=None, said_to=None, article=None):
    return QuoteToCheck(qid, uid or "u-" + qid, speaker, text, published, said_from, said_to, article)


def relation(passage: str, printed: str) -> str:
    return relation_to_source(units(passage), units(printed))[0]


# --- each relation against a source -----------------------------------------------------

@pytest.mark.parametrize("passage, printed, expected", [
    ("that is a very, very serious issue,", "that is a very, very serious issue", "verbatim"),
    ("they're fair game.", "They’re fair game,", "verbatim"),  # curly marks, edges
    ("Believe me, believe me.", "Believe me. Believe me", "punctuation"),
    ("the carefully-crafted lies, and the media", "the carefully crafted lies and the media", "punctuation"),
    ("I will fight for you, and I will win for you.", "I will fight for you, I will win for you.", "truncation"),
    ("We don't win. But to do that we must break free. America is a nation of believers.",
     "We don't win. ... America is a nation of believers.", "truncation"),
    ("there are North Korean troops", "there are North Korean troops [in Russia]", "words inserted"),
    ("I have never heard of this.", "I have never heard of this one.", "words inserted"),
    ("the terrorism in our cities", "the terrorism of our cities", "words changed"),
    ("a knife-wielding Palestinian.", "knife-wielding Palestinians", "words changed"),  # an inflection: kept, changed
    ("it's oppression of women", "its oppression of women", "punctuation"),  # one spoken word, two spellings
    ("their plan", "there plan", "punctuation"),
    ("I was a million votes higher than Marco, 1 million votes.", "I was a million votes higher than Marco, one million votes.",
     "punctuation"),  # a number in figures or in words
    ("I hold in the highest esteem Senator John McCain", "I hold in the highest esteem Sen. John McCain", "punctuation"),
    ("I hold in the highest esteem Senator John McCain", "I hold in the highest esteem Mr. John McCain", "words changed"),
    ("That's the biggest problem", "is the biggest problem", "punctuation"),  # cut inside a pair the transcript folds
    ("we don't win anymore, we don't", "we don't win anymore, we do", "punctuation"),
    ("That's the biggest problem", "was the biggest problem", "words changed"),  # not a half of "that's"
    # a prepared text quoted as delivered: every word kept, the speaker's ad-libs between (however many)
    ("We will rebuild our military. We will take care of our veterans.",
     "We will rebuild our military, which is so depleted, so depleted, folks. We will take care of our veterans, "
     "believe me, believe me.", "words inserted"),
    ("We will rebuild our military. We will take care of our veterans.",
     "We will rebuild our military, which is so depleted, so depleted, folks. We will look after our veterans, "
     "believe me, believe me.", "paraphrase"),  # a word changed too: under 75 % of the printed words kept
    ("If their intention is to participate in this war on Russia's behalf, that is a very, very serious issue",
     "If they are belligerents, their intention is to engage in this war on behalf of Russia, that is a very "
     "serious problem", "paraphrase"),
])
def test_relations(passage, printed, expected):
    assert relation(passage, printed) == expected


def test_bracketed_words_are_flagged():
    rel, sim, bracketed = relation_to_source(units("we are seeing evidence"), units("we are seeing evidence [of troops]"))
    assert (rel, bracketed) == ("words inserted", True) and sim == 1.0


# --- alignment ---------------------------------------------------------------------------

def test_passage_offsets_and_relations():
    idx = align_sources([seg(offset=100)], [
        q("a", "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue,"),
        q("b", "we are seeing evidence that there are North Korean troops [in Russia]."),
    ])
    m = {x.quote_id: x for x in idx.matches}
    assert m["a"].relation == "punctuation" and m["b"].relation == "words inserted" and m["b"].bracketed
    for x in idx.matches:  # offsets point into the source's text (the turn starts at 100)
        assert BRIEFING[x.start - 100:x.end - 100] == x.passage
    assert m["a"].passage.startswith("if their intention") and m["a"].passage.endswith("serious issue,")
    assert {c.utterance_id: c.state for c in idx.utterances} == {"u-a": "confirmed", "u-b": "confirmed"}


def test_states_no_source_and_not_found():
    idx = align_sources([seg()], [
        q("found", "What exactly they are doing is left to be seen."),
        q("absent", "We will build a great wall along the southern border and Mexico will pay."),
        q("too-late", "What exactly they are doing is left to be seen.", published="2024-11-20"),
        q("other", "What exactly they are doing is left to be seen.", speaker="kirby"),
    ])
    states = {c.utterance_id: (c.state, c.n_sources) for c in idx.utterances}
    assert states["u-found"] == ("confirmed", 1)
    assert states["u-absent"] == ("not found", 1)  # the speaker's source of those days does not hold it
    assert states["u-other"] == ("no source", 0)  # another speaker's words are never checked against it
    # printed four weeks later, with 10 words: a re-quote of the one source that holds it
    assert states["u-too-late"][0] == "confirmed"
    assert {m.quote_id: m.how for m in idx.matches}["too-late"] == "re-quote"


def test_date_window():
    quote = "Our analysts, they continue to look at this"
    before = align_sources([seg(day="2024-10-10")], [q("a", quote[:20] + " and more words")])
    assert before.utterances[0].state == "no source"  # 14 days before the article: outside the window
    after = align_sources([seg(day="2024-10-30")], [q("a", quote)])
    assert not after.matches  # a source from after the article cannot be what it reports
    dated = align_sources([seg(day="2024-10-10"), seg(day="2024-10-23", source="s2")],
                          [q("a", quote, said_from="2024-10-10", said_to="2024-10-10")])
    assert [m.source_id for m in dated.matches] == ["s1"]  # "he said on Oct. 10": that day's source


def test_short_quotes_only_in_one_place():
    stump = "We will win. A very serious issue for all. Then we will win again."
    one = align_sources([seg()], [q("a", "very serious issue")])
    assert [m.relation for m in one.matches] == ["verbatim"]
    two = align_sources([seg(), seg(text=stump, source="s2")], [q("a", "very serious issue")])
    assert not two.matches and two.utterances[0].state == "not found"
    few = align_sources([seg()], [q("a", "to be seen")])  # one content word: points nowhere
    assert not few.matches


def test_a_stump_line_printed_weeks_later_points_to_no_occasion():
    line = "They are sending people that have lots of problems and they are bringing those problems"
    speech = f"Thank you. {line} with us. Thank you."
    late = [q("a", line, published="2025-03-01")]
    assert [m.how for m in align_sources([seg(text=speech)], late).matches] == ["re-quote"]
    twice = align_sources([seg(text=speech), seg(text=speech, source="s2", day="2024-12-01")], late)
    assert not twice.matches


def test_a_short_quote_of_a_found_utterance_is_found_in_its_passage():
    idx = align_sources([seg()], [
        q("long", "If their intention is to participate in this war on Russia's behalf that is a very, very serious issue",
          uid="u"),
        q("short", "very, very serious", uid="u"),  # three words, two content words: alone it is too common
        q("late-fragment", "very, very serious", uid="u", published="2024-12-24"),
    ])
    how = {m.quote_id: m.how for m in idx.matches}
    assert how == {"long": "aligned", "short": "in the utterance's passage"}  # not the one printed 2 months on
    (check,) = idx.utterances
    assert (check.state, check.n_quotes, check.n_found) == ("confirmed", 3, 2)


def test_a_short_member_said_twice_near_its_utterances_passage_is_the_place_inside_it():
    text = ("Give it a shot, I said. " + "Many other words were said here. " * 4
            + "We have to try. So I said to them, give it a shot, and they did it.")
    idx = align_sources([seg(text=text)], [q("long", "We have to try. So I said to them, give it a shot", uid="u"),
                                           q("short", "give it a shot", uid="u")])
    m = {x.quote_id: x for x in idx.matches}
    assert m["short"].start == text.index("give it a shot") and m["short"].places == 2
    assert m["short"].how == "in the utterance's passage"


def test_a_few_words_are_found_where_the_articles_other_quotes_were():
    article = [q("long", "Our analysts, they continue to look at this, and we are seeing evidence", article="art"),
               q("phrase", "North Korean troops", article="art"),  # alone: found in two sources
               q("plural", "serious issues", article="art"),  # one content word, a plural for a singular
               q("elsewhere", "serious issue", article="other")]  # another article: no occasion to look in
    other = seg(text="We saw no North Korean troops. Nothing serious.", source="s2")
    how = {m.quote_id: (m.how, m.relation) for m in align_sources([seg(), other], article).matches}
    assert how == {"long": ("aligned", "verbatim"), "phrase": ("with the article's other quotes", "verbatim"),
                   "plural": ("with the article's other quotes", "words changed")}


def test_a_phrase_said_again_in_one_breath_is_one_place():
    text = "Embrace the big tent within the party, big, big tent. Then we move on to other things now."
    article = [q("a", "Then we move on to other things now", article="art"), q("b", "big tent", article="art")]
    m = {x.quote_id: x for x in align_sources([seg(text=text)], article).matches}
    assert m["b"].passage == "big tent" and text.index("big tent") == m["b"].start
    # said twice far apart in the one source that holds them: the first place, said twice there
    far = text.replace("Then", "Then " + "many words here " * 10 + "big tent again.", 1)
    m = {x.quote_id: x for x in align_sources([seg(text=far)], article).matches}
    assert (m["b"].start, m["b"].places) == (far.index("big tent"), 2) and m["a"].places == 1
    # ... and in an earlier speech too: a stump phrase, which place of which occasion is not known
    earlier = seg(text="We are the big tent party.", source="s0", day="2024-09-01")
    assert "b" not in {x.quote_id for x in align_sources([seg(text=far), earlier], article).matches}
    # a word said again and again is a slogan: not looked for beside the article's quotes
    slogan = [q("a", "Then we move on to other things now", article="art"), q("b", "jobs, jobs, jobs", article="art")]
    assert {x.quote_id for x in align_sources([seg(text=text + " Jobs, jobs, jobs!")], slogan).matches} == {"a"}


def test_a_quote_reworded_around_a_long_exact_run():
    text = ("As to North Korea. They are sucking trillions of dollars out of our country — they're rebuilding China "
            "with the money they take out of our country.")
    printed = "They are sucking trillions of dollars out of our country and they are using it to rebuild China,"
    (m,) = align_sources([seg(text=text)], [q("a", printed)]).matches
    assert m.passage.startswith("They are sucking") and m.relation == "paraphrase"
    # a run of 7 words is not enough when the rest differs
    assert not align_sources([seg(text=text)], [q("a", "They are sucking trillions of dollars out, and "
                                                       "nobody here wants any more of that at all")]).matches


def test_a_restart_the_outlet_left_out_is_a_truncation():
    text = "Jeb wants to be — he wants to be a tough guy tonight. Let me talk."
    idx = align_sources([seg(text=text)], [q("a", "Jeb wants to be a tough guy tonight,")])
    (m,) = idx.matches
    assert m.passage.startswith("Jeb wants") and m.relation == "truncation"


def test_a_repeated_phrase_does_not_stretch_the_passage():
    text = ("We are going to repeal Obamacare. We're going to repeal Obamacare. We are going to replace Obamacare "
            "with something so much better.")
    (m,) = align_sources([seg(text=text)], [q("a", "We are going to replace Obamacare with something so much better,")]).matches
    assert m.passage == "We are going to replace Obamacare with something so much better." and m.relation == "verbatim"


def test_a_compound_written_in_two_words():
    text = "Her only experience in cyber security is a criminal scheme."
    (m,) = align_sources([seg(text=text)], [q("a", "only experience in cybersecurity")]).matches
    assert m.passage == "only experience in cyber security" and m.relation == "punctuation"


def test_stage_directions_are_not_words():
    (m,) = align_sources([seg()], [q("a", "it will also impact things in the Indo-Pacific as well. We will keep supporting Ukraine")]).matches
    assert m.relation == "verbatim" and "(APPLAUSE)" in m.passage


def test_resolve_speaker():
    speakers = [("la", "Lloyd Austin", ["Defense Secretary"], 12), ("ad", "Austin Dillon", [], 1),
                ("ja", "Jane Austin", ["Senator"], 3), ("a", "Austin", [], 2),
                ("jk", "John Kirby", ["National Security Council spokesman"], 8)]
    assert resolve_speaker("SECRETARY AUSTIN", speakers) == {"la", "a"}
    assert resolve_speaker("SENATOR AUSTIN", speakers) == {"ja", "a"}
    assert resolve_speaker("MR. KIRBY", speakers) == {"jk"}
    assert resolve_speaker("Lloyd Austin", speakers) == {"la", "a"}
    assert resolve_speaker("L. AUSTIN", speakers) == {"la", "a"}
    assert resolve_speaker("MODERATOR", speakers) == frozenset()
    assert resolve_speaker(None, speakers) == frozenset()
    assert resolve_speaker("COLUMNIST KIRBY", speakers) == {"jk"}  # any role word is a title


def test_resolve_speaker_prefers_the_surname_as_printed_to_a_spelling_variant():
    speakers = [("tg", "Timothy Gill", [], 1), ("ag", "Arianna Gil", [], 5)]
    assert resolve_speaker("MR. GILL", speakers) == {"tg"}
    assert resolve_speaker("MR. GIL", speakers) == {"ag"}


def test_linear_candidates_never_all_pairs():
    """Quotes of other speakers are never compared; a source turn nobody quoted is not read."""
    options = SourceOptions()
    idx = align_sources([seg(), seg(text="Unrelated words of someone else entirely.", source="s2",
                                    speakers=frozenset({"nobody"}))],
                        [q(str(i), f"What exactly they are doing is left to be seen number {i}") for i in range(50)],
                        options)
    assert all(m.source_id == "s1" for m in idx.matches)


@pytest.mark.skipif(not TRANSCRIPTS.exists(), reason="../shared/eval/transcripts not available")
def test_real_transcripts():
    from quotes.ingest.sources import iter_sources

    sources = {s.doc_id: s for s in iter_sources([TRANSCRIPTS], default_speaker="Donald Trump")}
    segments = [Segment(s.id, 0, frozenset({"trump"}), s.date, s.text[s.turns[0].start:s.turns[0].end],
                        s.turns[0].start) for s in sources.values()]
    idx = align_sources(segments, [
        # the announcement speech, printed eight months later
        q("mexico", "When Mexico sends its people, they’re not sending their best,", speaker="trump", published="2016-02-08"),
        # the first debate, the day after
        q("smart", "That makes me smart.", speaker="trump", published="2016-09-27"),
        # the acceptance speech, with "of" for "in"
        q("rnc", "The attacks on our police, and the terrorism of our cities, threaten our very way of life.",
          speaker="trump", published="2016-07-22"),
        # the first debate: "She's going to raise taxes", "It's going to destabilize the Middle East", cut inside
        # the contraction (and a word inserted)
        q("taxes", "is going to raise taxes", speaker="trump", published="2016-09-27"),
        q("mideast", "is going to totally destabilize the Middle East", speaker="trump", published="2016-09-27"),
    ])
    by = {m.quote_id: m for m in idx.matches}
    names = {s.id: name for name, s in sources.items()}
    assert names[by["mexico"].source_id] == "speech_2015-06-16" and by["mexico"].relation == "verbatim"
    assert names[by["smart"].source_id] == "general_debate_2016-09-26" and by["smart"].relation == "verbatim"
    assert names[by["rnc"].source_id] == "speech_2016-07-21" and by["rnc"].relation == "words changed"
    assert (by["taxes"].passage, by["taxes"].relation) == ("She's going to raise taxes", "punctuation")
    assert (by["mideast"].passage, by["mideast"].relation) == ("It's going to destabilize the Middle East.",
                                                               "words inserted")
    for m in idx.matches:
        s = next(x for x in sources.values() if x.id == m.source_id)
        assert s.text[m.start:m.end] == m.passage


def test_two_words_in_the_one_source_of_their_days():
    text = "Some of them were bad dudes, believe me. Very serious issue."
    found = {m.quote_id: m.how for m in align_sources([seg(text=text)], [q("a", "bad dudes")]).matches}
    assert found == {"a": "aligned"}
    other = seg(text="They are bad dudes too.", source="s2", day="2024-10-22")
    assert align_sources([seg(text=text), other], [q("a", "bad dudes")]).matches == []  # two sources of its days
    assert align_sources([seg(text=text)], [q("a", "very serious")]).matches == []  # one content word
    assert align_sources([seg(text=text, day="2024-10-01")], [q("a", "bad dudes")]).matches == []  # not its days
    assert align_sources([seg(text=text, day=None)], [q("a", "bad dudes")]).matches == []  # undated: any day's


def test_one_word_inserted_or_changed_in_a_quote_of_five_words_or_more():
    text = "Hillary is weak. She's trigger-happy, very unstable, and we cannot have that. Believe me, folks."
    found = {m.quote_id: (m.relation, m.passage) for m in align_sources([seg(text=text)], [
        q("ins", "She's trigger-happy and very unstable"),  # a word inserted in the middle: no 3-gram of its own is said
        q("chg", "Hillary looks weak. She's trigger-happy, very unstable"),  # one word changed: 5 of 7 words in runs
        q("two", "She's trigger-happy and very, very unstable"),  # two words more: not one word off
    ]).matches}
    assert found == {"ins": ("words inserted", "She's trigger-happy, very unstable,"),
                     "chg": ("words changed", "Hillary is weak. She's trigger-happy, very unstable,")}
    # one word off in two places of the one source that holds them: the first, said twice there
    twice = seg(text=text + " " + "And so on and so forth, many words here. " * 4 + "She's trigger-happy, very unstable.")
    (m,) = align_sources([twice], [q("ins", "She's trigger-happy and very unstable")]).matches
    assert (m.start, m.places, m.relation) == (text.index("She's"), 2, "words inserted")
    # in two sources of its days: neither
    other = seg(text="She's trigger-happy, very unstable.", source="s2", day="2024-10-22")
    assert align_sources([seg(text=text), other], [q("ins", "She's trigger-happy and very unstable")]).matches == []


def test_a_phrase_said_in_several_places_of_the_one_source_of_its_days():
    """The occasion is certain (one source of its days holds the words, and no earlier one),
    the place is not: the first, and how many places hold the words."""
    filler = "And so on and so forth, many words here today. " * 4
    text = f"The Iran deal is a total disaster. {filler}I said it before, a total disaster. {filler}Thank you."
    (m,) = align_sources([seg(text=text)], [q("a", "a total disaster")]).matches
    assert (m.start, m.places, m.how, m.relation) == (text.index("a total disaster"), 2, "aligned", "verbatim")
    check = align_sources([seg(text=text)], [q("a", "a total disaster")]).utterances[0]
    assert (check.state, check.start) == ("confirmed", m.start)
    # in a second source of its days: which occasion is not known
    other = seg(text="Obamacare is a total disaster.", source="s2", day="2024-10-22")
    assert align_sources([seg(text=text), other], [q("a", "a total disaster")]).matches == []
    # in an earlier source too, outside its days: a stump phrase, said at untranscribed rallies as well
    earlier = seg(text="Obamacare is a total disaster.", source="s0", day="2024-08-01")
    assert align_sources([seg(text=text), earlier], [q("a", "a total disaster")]).matches == []
    # a source from after the article does not count
    later = seg(text="Obamacare is a total disaster.", source="s3", day="2024-12-01")
    assert [m.places for m in align_sources([seg(text=text), later], [q("a", "a total disaster")]).matches] == [2]


def test_a_pair_the_transcript_folds_across_the_quotes_edge():
    text = ("Look at Iran. That's the biggest problem in the world, folks. And we don't win anymore, we don't win "
            "at all. We are going to make America so great again.")
    found = {m.quote_id: (m.relation, m.passage) for m in align_sources([seg(text=text)], [
        q("first", "is the biggest problem"),  # "That's": the quote starts inside it
        q("last", "we don't win anymore, we do"),  # "we don't": ends inside it
        q("changed", "is the worst problem in the world"),  # and one word changed
        q("inserted", "is the biggest problem in the whole world"),  # and one word inserted
        q("not-a-half", "was the biggest problem"),  # "was" is no half of "that's"
    ]).matches}
    assert found == {"first": ("punctuation", "That's the biggest problem"),
                     "last": ("punctuation", "we don't win anymore, we don't"),
                     "changed": ("words changed", "That's the biggest problem in the world,"),
                     "inserted": ("words inserted", "That's the biggest problem in the world,")}
    # a pair written in two words ("I will", "it has": one unit to compare): the passage is the quote's half
    two = ("Look at Iran. I will do more for African-Americans than she can ever do. The Iran deal is a total disaster "
           "and it has been for years.")
    found = {m.quote_id: (m.relation, m.passage) for m in align_sources([seg(text=two)], [
        q("start", "will do more for African-Americans than she can ever"),
        q("end", "The Iran deal is a total disaster and it")]).matches}
    assert found == {"start": ("verbatim", "will do more for African-Americans than she can ever"),
                     "end": ("verbatim", "The Iran deal is a total disaster and it")}
    # a place its 3-grams point to but whose words are not its ("you're" has no "is") is no place of it
    twice = "You're going to raise taxes big league. " + "Other words here. " * 10 + "She's going to raise taxes a lot."
    (m,) = align_sources([seg(text=twice)], [q("a", "is going to raise taxes")]).matches
    assert (m.passage, m.places) == ("She's going to raise taxes", 1)


def test_one_word_left_out_of_a_quote_of_five_words():
    text = "Look at Iran. We are going to make America so great again. Thank you."
    (m,) = align_sources([seg(text=text)], [q("a", "going to make America great")]).matches
    assert (m.relation, m.passage) == ("truncation", "going to make America so great")  # not "so" changed to "great"


def test_a_word_printed_beside_a_found_quote_is_the_place_nearest_its_passage():
    text = ("Organized criminal groups attack us every day, and nobody in Washington does a thing about it, believe me. "
            + "We will fix it. " * 12
            + "Her only experience in cyber security involves her criminal scheme to violate federal law. Terrible.")

    def printed(qid, quote, context):
        at = context.index(quote)
        return QuoteToCheck(qid, "u-" + qid, "austin", quote, "2024-10-24", None, None, "art", context, at, at + len(quote))

    para = "He said her only experience in cyber security was her criminal attempt to hide her emails."
    article = [printed("long", "only experience in cyber security", para), printed("word", "criminal", para)]
    m = {x.quote_id: x for x in align_sources([seg(text=text)], article).matches}
    assert m["word"].start == text.index("criminal scheme") and m["word"].how == "with the article's other quotes"
    # printed in another paragraph: not beside it
    apart = para.replace(" was her", ".\n\nIn another matter, her")
    article = [printed("long", "only experience in cyber security", apart), printed("word", "criminal", apart)]
    assert {x.quote_id for x in align_sources([seg(text=text)], article).matches} == {"long"}


# --- a quote given to nobody or to a speaker without sources ---------------------------------

def test_a_long_quote_given_to_nobody_or_another_is_found_in_the_sources_of_a_speaker_its_article_quotes():
    quotes = [
        q("a1", "We will keep supporting Ukraine for as long as it takes.", article="art"),  # Austin's, found
        # "he said of Kirby", given to Kirby (no sources), and a quote the extractor gave nobody
        q("a2", "What exactly they are doing is left to be seen. These are things that we need to sort out,",
          speaker="kirby", article="art"),
        q("a3", "if their intention is to participate in this war on Russia's behalf, that is a very serious issue",
          speaker=None, uid=None, article="art"),
        q("a4", "there are North Korean troops that have gone to Russia", speaker=None, article="other"),  # no Austin quote there
        q("a5", "they are doing is left to be seen", speaker=None, article="art"),  # 7 words: too short
    ]
    index = align_sources([seg()], quotes)
    by_id = {m.quote_id: m for m in index.matches}
    assert set(by_id) == {"a1", "a2", "a3"}
    assert by_id["a2"].how == by_id["a3"].how == "in the sources of a speaker its article quotes"
    assert by_id["a2"].relation == "verbatim" and by_id["a3"].relation == "truncation"
    assert by_id["a2"].utterance_id is None  # its utterance (Kirby's) is not confirmed by it
    # the utterances are checked as before: Kirby's has no source, the quotes of nobody none
    assert {c.utterance_id: c.state for c in index.utterances} == {"u-a1": "confirmed", "u-a2": "no source"}


def test_a_quote_given_to_a_speaker_with_sources_or_said_by_two_is_not_given_to_another():
    clinton = frozenset({"clinton"})
    both = "These are things that we need to sort out. If they're co-belligerents, that is a very serious issue"
    quotes = [
        q("b1", "We will keep supporting Ukraine for as long as it takes.", article="art"),
        q("b2", "there are North Korean troops that have gone to Russia. What exactly they are doing",
          speaker="clinton", article="art"),  # her own sources do not hold it: not found, not Austin's
        q("b3", "I have said it before and I will say it again to everyone here today", speaker="clinton", article="art"),
        q("b4", both, speaker=None, article="art"),  # in both speakers' sources: whose is not known
    ]
    segments = [seg(), seg(both + " and I have said it before and I will say it again to everyone here today",
                           source="s2", speakers=clinton)]
    by_id = {m.quote_id: m for m in align_sources(segments, quotes).matches}
    assert set(by_id) == {"b1", "b3"}


def test_a_quote_given_to_nobody_is_found_in_its_speakers_turns_whatever_other_speakers_have_sources():
    # another speaker's turns come first: the turns of the speaker looked for keep their numbers
    clinton = frozenset({"clinton"})
    segments = [seg("We will build an economy that works for everyone, not just those at the top.", source="s0",
                    speakers=clinton), seg()]
    quotes = [q("d1", "We will keep supporting Ukraine for as long as it takes.", article="art"),
              q("d2", "I have said this many times, build an economy that works", speaker="clinton", article="x"),
              q("d3", "if their intention is to participate in this war on Russia's behalf, that is a very serious issue",
                speaker=None, uid=None, article="art")]
    by_id = {m.quote_id: m for m in align_sources(segments, quotes).matches}
    assert by_id["d3"].source_id == "s1" and by_id["d3"].how == "in the sources of a speaker its article quotes"


def test_a_short_quote_given_to_another_printed_beside_the_speakers_found_words_is_found_where_they_were_said():
    # "as Austin went on about 'North Korean troops' and 'a very, very serious issue', Kirby nodded":
    # the extractor gave the second phrase to Kirby (no sources)
    para = ("As Austin went on about troops that have gone to Russia and a very, very serious issue, "
            "Kirby nodded, and said it was nothing new.")

    def printed(qid, quote, speaker, context=para, article="art"):
        at = context.index(quote)
        return QuoteToCheck(qid, "u-" + qid, speaker, quote, "2024-10-24", None, None, article, context, at,
                            at + len(quote))

    other = seg(text="A very serious issue for the troops, I said in Paris.", source="s2")
    quotes = [printed("c1", "troops that have gone to Russia", "austin"),  # Austin's, found in s1
              printed("c2", "a very, very serious issue", "kirby"),  # in s1 and s2 alone: beside c1, s1
              printed("c3", "nothing new", "kirby")]  # not in Austin's words there: not found
    by_id = {m.quote_id: m for m in align_sources([seg(), other], quotes).matches}
    assert set(by_id) == {"c1", "c2"}
    assert by_id["c2"].how == "in the sources of a speaker its article quotes" and by_id["c2"].source_id == "s1"
    assert by_id["c2"].utterance_id is None and by_id["c2"].relation == "verbatim"
    # printed in another paragraph than the speaker's found words: anybody's
    apart = para.replace(" and a very", ".\n\nThen came a very")
    quotes = [printed("c1", "troops that have gone to Russia", "austin", apart),
              printed("c2", "a very, very serious issue", "kirby", apart)]
    assert {m.quote_id for m in align_sources([seg(), other], quotes).matches} == {"c1"}
    # a quote of the speaker of its own (a rival's words, given to the rival): never another's
    quotes = [printed("c1", "troops that have gone to Russia", "austin"),
              printed("c2", "a very, very serious issue", "clinton")]
    clinton = seg(text="Nothing of the kind.", source="s3", speakers=frozenset({"clinton"}))
    assert {m.quote_id for m in align_sources([seg(), other, clinton], quotes).matches} == {"c1"}


# --- a prepared text quoted as delivered ------------------------------------------------------

PREPARED = ("Thank you. It is great to be back in Ohio. We will bring back our jobs. We will rebuild our military. "
            "We will take care of our veterans. And we will secure our borders. Thank you, and God bless.")


def test_a_prepared_text_quoted_as_delivered_is_found_with_the_ad_libs_as_inserted_words():
    delivered = ("We will bring back our jobs — they're all leaving, folks, they're all leaving. We will rebuild our "
                 "military, which is so depleted, so depleted. We will take care of our veterans, believe me.")
    (m,) = align_sources([seg(PREPARED, "2016-08-01")], [q("p1", delivered, published="2016-08-02")]).matches
    # the prepared words from the first phrase to the last, the ad-libs around them left out
    assert m.passage == "We will bring back our jobs. We will rebuild our military. We will take care of our veterans."
    assert m.relation == "words inserted" and m.how == "aligned"


@pytest.mark.parametrize("delivered", [
    # 10 words of the prepared text: too few to tell its phrases from anybody's
    "We will rebuild our military, it's so depleted, nobody has seen anything like it. We will take care of our veterans.",
    # a prepared phrase left out between the others: the passage is not whole in the quote
    "We will bring back our jobs, they're all leaving, folks, they're leaving so fast, nobody has seen it. "
    "We will take care of our veterans, believe me, believe me. And we will secure our borders, folks, so strong.",
])
def test_a_quote_holding_too_little_of_the_prepared_text_or_not_all_of_it_is_not_found_so(delivered):
    assert not align_sources([seg(PREPARED, "2016-08-01")], [q("p2", delivered, published="2016-08-02")]).matches


def test_a_phrase_the_outlet_printed_twice_does_not_widen_the_passage():
    said = ("First of all, I think I'm going to have the delegates. OK? I think. Let's see what happens. "
            "But if somebody doesn't have the delegates, then we will see.")
    idx = align_sources([seg(said)], [q("a", "First of all, I think I'm going to have the delegates, OK? I think. "
                                             "Let's see what happens. Let's see what happens,")])
    m = idx.matches[0]
    assert m.passage.endswith("Let's see what happens.") and m.relation == "words inserted"
    # a last word of the quote that is no repeat still widens it (a word changed at the edge)
    idx = align_sources([seg(said)], [q("a", "First of all, I think I'm going to have the delegates, OK? I think. "
                                             "Let's see what happens. And if")])
    assert idx.matches[0].passage.endswith("But if") and idx.matches[0].relation == "words changed"
