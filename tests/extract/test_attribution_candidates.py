"""Regions around a quote and the speech cues there, scored and ordered."""
from quotes.extract.attribution import confidence as C
from quotes.extract.attribution.candidates import close_end_of, cue_candidates, outermost_cue, regions


def test_regions_stop_at_the_sentence_and_the_next_quote(parse):
    text = "The war went on. Austin said, “We are ready.” Kirby agreed."
    ctx, _ = parse(text)
    m = ctx.index.marks[0]
    before, after = regions(ctx, m)
    assert text[slice(*before)] == "Austin said, "
    assert close_end_of(m) == after[0] and text[slice(*after)].strip() == "Kirby agreed."


def test_the_adjacent_governing_verb_ranks_first(parse):
    text = "“We are ready,” Austin said, and Kirby later told reporters the same."
    ctx, _ = parse(text)
    m = ctx.index.marks[0]
    cands = cue_candidates(ctx, m, *regions(ctx, m))
    assert cands[0].token.text == "said" and cands[0].score == C.CUE_ADJACENT_AND_GOVERNING
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)


def test_according_to_is_a_cue(parse):
    text = "According to Kirby, “the troops are there.”"
    ctx, _ = parse(text)
    m = ctx.index.marks[0]
    cands = cue_candidates(ctx, m, *regions(ctx, m))
    assert cands and cands[0].kind == "according" and cands[0].score == C.ACCORDING_ADJACENT


def test_a_reported_clause_goes_to_the_outer_speaker(parse):
    text = "Trump said Fox executives were calling “every 15 minutes.”"
    ctx, doc = parse(text)
    calling = next(t for t in doc if t.text == "calling")
    assert outermost_cue(ctx, calling).text == "said"


def test_a_speech_verb_in_a_when_clause_introduces_the_quote_not_the_main_verb():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs the quote on "laughed"; "when he urged voters," introduces it
    text = ("Harlow is under fire for failing to deliver on his vow.\n\n"
            "Audience members laughed when he urged voters, “Look what I have said I am going to do "
            "as a politician and look what I have delivered.”\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Harlow"
    # the main clause's own speaker keeps the quote her verb introduces
    text = ("When Harlow was revealed as a delegate, a columnist for the local paper said he was "
            "“utterly ashamed” of him.\n")
    (q,) = extract_quotes(text)
    assert q.speaker != "Harlow"


def test_a_when_or_as_clause_set_off_by_commas_is_an_aside_and_leaves_the_quote_to_the_main_verb():
    from quotes.extract.pipeline import extract_quotes

    def speaker(sentence):
        (q,) = extract_quotes("Donald Trump spoke for an hour in Ohio on Monday.\n\n" + sentence + "\n")
        return q.speaker
    assert speaker("Trump said, as aides urged him to wrap up, “We are going to win this state.”") == "Donald Trump"
    assert speaker("Trump told the crowd, while protesters chanted outside, “We are going to win this state.”") \
        == "Donald Trump"
    assert speaker("Trump told the crowd (while protesters chanted outside) “We are going to win this state.”") \
        == "Donald Trump"
    # not set off: the clause's verb introduces the quote (as in the test above)
    assert speaker("Audience members laughed when he urged voters, “Go out and vote, we are going to win.”") \
        == "Donald Trump"


def test_a_coordinated_clause_with_its_own_subject_keeps_its_quote():
    from quotes.extract.pipeline import extract_quotes

    # "and X said/vowed/says ...": a sibling clause, not speech the first clause reports
    text = ("The town hall ran late. At one point, a woman asked for a photo and Ellen Park said, "
            "“We can do that after the vote.”\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Ellen Park"
    text = "Gordon Hale asked the board for patience, and Rita Vance said, “We have been patient for ten years.”\n"
    (q,) = extract_quotes(text)
    assert q.speaker == "Rita Vance"
    text = ("Gordon Hale said he would cut the budget “to the bone,” and Rita Vance vowed to "
            "“fight every cut” in the council.\n")
    first, second = extract_quotes(text)
    assert (first.speaker, second.speaker) == ("Gordon Hale", "Rita Vance")
    text = ("Gordon Hale praises the plan as “bold” and Rita Vance says it is “a costly mistake,” "
            "the latest clash between them.\n")
    first, second = extract_quotes(text)
    assert (first.speaker, second.speaker) == ("Gordon Hale", "Rita Vance")
    # the sibling is the clause of a speech verb reached on the way up ('said' <- 'responded')
    text = ("Gordon Hale took the stage. His wife had warned him not to get too nasty, but Hale said he "
            "responded: “When you have incoming, you can't be too polite.”\n")
    assert extract_quotes(text)[-1].speaker == "Gordon Hale"
