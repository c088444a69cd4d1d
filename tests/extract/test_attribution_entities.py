"""The article's people: registry, salience, title runs, fullest names."""
from quotes.extract.attribution.entities import ensure_full, entity_for, role_from_text, title_runs


def test_first_last_names_are_registered_from_the_whole_text(parse):
    ctx, _ = parse("Bernie Sanders won Michigan.\n\nHe said the night was his.")
    assert any(e.name == "Bernie Sanders" for e in ctx.registry.entities)


def test_title_runs_and_a_title_resolved_to_its_person(parse):
    ctx, doc = parse("Defense Secretary Lloyd Austin flew to Rome. The defense secretary said little.")
    assert (["Defense", "Secretary"], ["Lloyd", "Austin"], 0) in title_runs(ctx)
    np = [t for t in doc if t.i >= 8 and t.text in ("defense", "secretary")]
    ent = role_from_text(ctx, np, doc[-3].idx)
    assert ent is not None and ent.name == "Lloyd Austin"


def test_a_one_word_name_gets_the_fullest_run(parse):
    ctx, _ = parse("Army Capt. Daniel Reyes led the patrol. Reyes said it was quiet.")
    ent = ctx.registry.lookup("Reyes")
    assert ensure_full(ctx, ent).name == "Daniel Reyes"


def test_a_pronoun_is_resolved_once_per_offset(parse):
    ctx, doc = parse("Hillary Clinton spoke in Iowa. She said the race was close.")
    she = next(t for t in doc if t.text == "She")
    ent = entity_for(ctx, she, she.idx)
    assert ent.name == "Hillary Clinton" and ctx.resolved[she.idx] is ent


def test_a_known_name_opening_an_unparsed_sentence_is_its_subject():
    """Only the first and last paragraphs are parsed (as extraction parses only what quotes
    need): the middle one still makes Anna Kowalski who the article is talking about."""
    from quotes.extract.attribution.entities import article_context
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import disabled_pipes, ensure_pos

    text = ("Tom Reid chaired the meeting on Monday.\n\nAnna Kowalski says the budget is too small. "
            "Health Minister Reid disagrees.\n\nThe councillor said it was “a disgrace.”")
    nlp = load_nlp()
    last = text.rindex("\n") + 1
    docs = []
    for start, end in ((0, text.index("\n")), (last, len(text))):
        doc = nlp(text[start:end], disable=disabled_pipes(nlp))
        ensure_pos(doc)
        docs.append((start, doc))
    ctx = article_context(text, find_marks(text), docs)
    anna = ctx.registry.lookup("Anna Kowalski")
    assert text.index("Anna") in anna.subject_pos
    assert ctx.registry.salient_person(last).name == "Anna Kowalski"
    # a sentence opener the article does not know as a person is not made one
    assert ctx.registry.lookup("Health") is None


def test_a_caption_in_title_case_is_no_titled_name(parse):
    ctx, _ = parse("Video: President Obama Speech at the Black Caucus Foundation dinner.")
    assert not any(rest[-1] == "Speech" for _, rest, _ in title_runs(ctx))


def test_a_person_introduced_as_an_object_when_no_person_is_the_subject_is_talked_about(parse):
    text = ("Tom Reid said the plan would pass. It has not worked for the city, which is something that "
            "worries Henry Dole, president of the Riverside Tenants Union. ")
    ctx, _ = parse(text)
    assert ctx.registry.salient_person(len(text), gender="m").name == "Henry Dole"
    # a person as the subject keeps the talk about them ("he" after it is Reid)
    text = "Tom Reid said the plan would pass. Reid attacked Henry Dole, president of the Riverside Tenants Union. "
    ctx, _ = parse(text)
    assert ctx.registry.salient_person(len(text), gender="m").name == "Tom Reid"


def test_a_name_in_apposition_to_a_subject_is_that_subject_for_they():
    from quotes.extract.pipeline import extract_quotes

    text = ("The firm that runs the awards, Harbour Lane Productions, denies that anything is settled.\n\n"
            "“Any final agreement needs to be made with the singer's team. We have no further "
            "comment,” they said.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Harbour Lane Productions"
    # the parse hangs the name on the relative clause's object ("the AMAs, Dick Clark Productions")
    text = ("The company that runs the AMAs, Harbour Lane Productions, denies that anything has been "
            "definitely sorted, though.\n\n“Any final agreement on this matter needs to be made directly "
            "with the singer's team. We have no further comment,” they said.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Harbour Lane Productions"


def test_a_full_name_owning_the_subject_is_who_the_next_she_is_about():
    from quotes.extract.pipeline import extract_quotes

    text = ("Dana Whitcombe's first six albums were released through a small label.\n"
            "In a post at the time she described this as the “worst case scenario”.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Dana Whitcombe"


def test_he_is_never_a_place_the_sentence_has_as_subject():
    from quotes.extract.pipeline import extract_quotes

    text = ("Dan Tripp, state director of the group, was unsure why the fight kept stopping.\n\n"
            "\"Maybe we are just letting the bully learn his lesson,\" Tripp said. \"We are showing some "
            "mercy.\" South Carolina, he said, was \"where we have a chance.\"\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Dan Tripp"] * 3


def test_a_name_opening_its_sentence_as_a_compound_of_the_verb_is_its_subject():
    # the parser reads "bristles" as a noun and hangs "Scott" on it: Scott is still the
    # subject the next "he said" is about, not the man quoted before him
    from quotes.extract.pipeline import extract_quotes

    text = ("Representative Bobby Scott has served in Congress since 1993.\n\n"
            "\"He has never had, until recently, an ambition for higher office,\" said Quentin Kidd, a political "
            "scientist at Christopher Newport University. \"There's an uncertainty whether he can raise money.\"\n\n"
            "Scott bristles at the suggestion he won't be ready. \"I've fundraised all I've needed to do to get "
            "70 percent of the vote,\" he said, cutting off a reporter who asked about finances.\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Quentin Kidd", "Quentin Kidd", "Bobby Scott"]


def test_a_person_he_resolved_to_is_no_she_of_the_next_answer():
    # an interview: the interviewer's first name tells no gender, but "he asked" did, so the
    # next "she said" is the senator, not the interviewer quoted last
    from quotes.extract.pipeline import extract_quotes

    text = ("In an interview with CNN's Jake Tapper on Sunday, Senator Ann Wells defended the bill.\n\n"
            "\"We have the votes,\" Wells told Tapper. \"We will pass it this week.\"\n\n"
            "Tapper pressed her on the timing. \"Are you sure about that?\" he asked.\n\n"
            "\"Absolutely,\" she said.\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Ann Wells", "Ann Wells", "Jake Tapper", "Ann Wells"]


def test_an_adverb_or_a_numeral_glued_before_a_surname_is_no_first_name():
    from quotes.extract.pipeline import extract_quotes

    # "Maybe Trump", "Six Trump": the fullest run of the surname never opens with such a word
    for text in ("Maybe Trump said the race was “rigged from the start.”",
                 "Six Trump supporters spoke to reporters. Trump said the race was “rigged from the start.”"):
        assert [q.speaker for q in extract_quotes(text)] == ["Trump"], text
    assert [q.speaker for q in extract_quotes("Will Smith said the film was “a joy.”")] == ["Will Smith"]
