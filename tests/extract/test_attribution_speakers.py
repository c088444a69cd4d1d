"""From a mention token to a Speaker."""
from quotes.extract.attribution.speakers import name_from_text, speaker_of
from quotes.extract.pipeline import extract_quotes


def tok(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def test_a_name_gets_the_fullest_form_and_its_title(parse):
    ctx, doc = parse("US Defense Secretary Lloyd Austin spoke in Rome. Austin said the troops were there.")
    sp = speaker_of(ctx, tok(doc, "Austin", 1))
    assert (sp.name, sp.how, sp.kind) == ("Lloyd Austin", "name", "person")
    assert sp.entity is not None and "Secretary" in sp.role


def test_a_pronoun_resolves_to_who_is_talked_about(parse):
    ctx, doc = parse("Hillary Clinton spoke in Iowa on Monday. She said the race was close.")
    sp = speaker_of(ctx, tok(doc, "She"))
    assert (sp.name, sp.how) == ("Hillary Clinton", "pronoun")


def test_an_unnamed_spokesman_speaks_for_the_organisation(parse):
    ctx, doc = parse("A spokesman for the American Legion said the plant would close.")
    sp = speaker_of(ctx, tok(doc, "spokesman"))
    assert (sp.name, sp.kind, sp.how) == ("American Legion", "organisation", "affiliation")
    assert sp.role == "A spokesman"


def test_a_title_nobody_carries_stays_unresolved(parse):
    ctx, doc = parse("An official said the talks were over.")
    sp = speaker_of(ctx, tok(doc, "official"))
    assert sp.name is None and sp.how == "role_unresolved"


def test_a_capitalised_office_after_a_determiner_is_a_title_not_a_name(parse):
    # "the Foreign Affairs Minister": no person called "Affairs Minister"
    ctx, doc = parse("“It is the only way forward,” the Foreign Affairs Minister said.")
    sp = speaker_of(ctx, tok(doc, "Minister"))
    assert sp.name is None and sp.how == "role_unresolved"
    # ... the person the article gives that title, when it does
    ctx, doc = parse("Foreign Affairs Minister Simon Coveney met his counterpart on Monday. "
                     "“It is the only way forward,” the Foreign Affairs Minister said.")
    assert speaker_of(ctx, tok(doc, "Minister", 1)).name == "Simon Coveney"
    # a name with no determiner stays a name
    ctx, doc = parse("Foreign Affairs Minister Simon Coveney said it was the only way.")
    assert speaker_of(ctx, tok(doc, "Coveney")).name == "Simon Coveney"


def test_a_name_read_off_the_text(parse):
    text = "“We will win.” ― Veronica Cruz"
    ctx, _ = parse(text)
    ent, mention = name_from_text(ctx, "Veronica Cruz", text.index("Veronica"))
    assert ent.name == "Veronica Cruz" and mention == "Veronica Cruz"


def test_a_guessed_title_holder_has_the_gender_the_title_tells(parse):
    ctx, doc = parse("Tom Hale ran the company for years. Mary Jones questioned him on Monday. "
                     "The businessman said the deal was fair.")
    sp = speaker_of(ctx, tok(doc, "businessman"))
    assert (sp.name, sp.how) == ("Tom Hale", "role_guess")


def parse_paragraphs(text):
    """Each paragraph its own Doc, as extraction parses them: a sentence never reaches
    into the paragraph before."""
    from quotes.extract.attribution.entities import article_context
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import disabled_pipes, ensure_pos

    nlp, docs, start = load_nlp(), [], 0
    for part in text.split("\n\n"):
        doc = nlp(part, disable=disabled_pipes(nlp))
        ensure_pos(doc)
        docs.append((start, doc))
        start += len(part) + 2
    return article_context(text, find_marks(text), docs), [t for _, d in docs for t in d]


def test_it_with_no_antecedent_is_the_organisation_last_a_subject():
    ctx, toks = parse_paragraphs("The Daily Ledger wrote that the plan had failed.\n\n"
                                 "“The money is gone,” it further wrote.")
    sp = speaker_of(ctx, tok(toks, "it"))
    assert (sp.name, sp.how) == ("Daily Ledger", "pronoun")


def test_it_after_another_subject_is_not_the_earlier_organisation():
    # "the report says ... It also points out": "it" is the report, not the agency
    ctx, toks = parse_paragraphs("The Federal Trade Commission sets the rules. The report says the rules are weak."
                                 "\n\nIt also points out that “the fines are light.”")
    # (the report is the subject of the paragraph before: that sentence is looked at too)
    assert speaker_of(ctx, tok(toks, "It")).name == "The report"


def test_a_definite_person_noun_is_no_guess_for_the_salient_person(parse):
    # "the man", "the woman" in a vox pop are people the article does not name (PolNeAR
    # train's gold keeps them as descriptions): no guess of the person it is about
    ctx, doc = parse("Senator Mary Holt spoke after Tom Reid on Monday. Reid left early. "
                     "The woman said the plan was a mistake.")
    assert speaker_of(ctx, tok(doc, "woman")).how != "role_guess"


def test_who_after_an_appositive_title_is_the_named_person(parse):
    ctx, doc = parse("Obama has had a frosty relationship with Mitch McConnell. Obama met McConnell, "
                     "now the Senate majority leader, who in 2010 said the goal was to beat him.")
    sp = speaker_of(ctx, tok(doc, "who"))
    assert sp.name == "Mitch McConnell"


def test_titles_joined_by_and_end_in_the_name(parse):
    ctx, doc = parse("“That is wrong,” former senator and governor Bob Tillman said.")
    sp = speaker_of(ctx, tok(doc, "senator"))
    assert sp.name == "Bob Tillman"
    ctx, doc = parse("“No way,” the senator and Bob Tillman said.")  # two people: not the name
    assert speaker_of(ctx, tok(doc, "senator")).name != "Bob Tillman"


def test_an_indefinite_description_is_someone_new_not_the_title_holder():
    from quotes.extract.pipeline import extract_quotes

    # "said one district GOP leader" after "Craig Dunn, a district GOP leader": an unnamed
    # second leader, not Dunn; the quotation's second part has that same nobody
    text = ("The delegates met in Indianapolis on Friday. “We will be ready,” said Craig Dunn, a district "
            "GOP leader.\n\n“One of my criteria was whether or not they support the front-runner,” said one "
            "district GOP leader. “I didn’t care whether they supported anyone else.”\n")
    dunn, first, second = extract_quotes(text)
    assert dunn.speaker == "Craig Dunn" and (first.speaker, second.speaker) == (None, None)
    assert second.speaker_mention == first.speaker_mention == "one district GOP leader"
    # the definite description is still the title holder
    text = text.replace("said one district", "said the district")
    assert [q.speaker for q in extract_quotes(text)] == ["Craig Dunn"] * 3


def test_a_party_word_with_a_determiner_describes_someone_unnamed():
    from quotes.extract.pipeline import extract_quotes

    (q,) = extract_quotes("The group has been divided. “We are not ready,” said one Democrat familiar with the talks.\n")
    assert q.speaker != "Democrat" and q.speaker_mention.startswith("one Democrat")
    (q,) = extract_quotes("Several senior Republicans said the plan was \"dead on arrival.\"\n")
    assert q.speaker != "Republicans"
    (q,) = extract_quotes("Democrat Hillary Clinton said the plan was \"dead on arrival.\"\n")
    assert q.speaker.endswith("Hillary Clinton")


def test_he_or_she_after_an_unnamed_speaker_is_not_the_last_person_named():
    # a vox-pop run: the student the sentence before brought in without a name says it
    from quotes.extract.pipeline import extract_quotes

    text = ("Students at the rally in Ames were divided about the candidate.\n\n"
            "\"I like his energy,\" said Mary Lee, a junior studying biology. \"He's the real deal.\"\n\n"
            "Another student said she had not made up her mind. \"I'm not sure yet,\" she said.\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Mary Lee", "Mary Lee", None]


def test_he_or_she_after_an_unnamed_person_who_spoke_to_a_named_one_is_resolved_as_before(parse):
    # "a reporter asked Trump": the answer's "he" may be Trump, so the reporter is not taken
    ctx, doc = parse("Donald Trump spoke in Ohio. A reporter asked Trump about the wall. He said it would be built.")
    assert speaker_of(ctx, tok(doc, "He")).name == "Donald Trump"
    ctx, doc = parse("Donald Trump spoke in Ohio. A woman said she was scared. He said it would be fine.")
    assert speaker_of(ctx, tok(doc, "He")).name == "Donald Trump"  # "woman" is no "he"


def test_a_person_from_a_place_does_not_speak_for_it():
    # "from" a name no organisation word types: where the voter is from, not whom they speak for
    from quotes.extract.pipeline import extract_quotes

    text = ("Students at the rally in Ames were divided about the candidate.\n\n"
            "\"I'm not sure yet,\" another student said.\n\n"
            "\"It's all about jobs,\" said a voter from Des Moines.\n\n"
            "\"We are ready,\" said a spokeswoman from Acme Corp.\n")
    assert [q.speaker for q in extract_quotes(text)] == [None, None, "Acme Corp"]


def test_a_title_the_tagger_took_for_a_proper_noun_is_a_role():
    # "the senator" tagged NNP: no name "senator", the senator the article names
    ctx, toks = parse_paragraphs("Sen. Tammy Baldwin introduced the measure in March.\n\n"
                                 "“Families cannot wait,” the senator said.")
    sp = speaker_of(ctx, tok(toks, "senator"))
    assert sp.name == "Tammy Baldwin" and sp.how == "role_guess"  # (no name "senator")


def test_a_hyphen_cut_name_is_still_a_name():
    ctx, toks = parse_paragraphs("“It is spiraling out of control,” said South Korean President Park Geun-hye.")
    assert speaker_of(ctx, tok(toks, "hye")).how != "role"


def test_the_answer_after_one_person_asks_another_is_the_one_asked():
    # the interviewer is the sentence's subject (the salient "he"); the answer is the one asked
    ctx, toks = parse_paragraphs("Jake Tapper asked Mike Pence about the tapes.\n\n“I was offended,” he said.")
    assert (speaker_of(ctx, tok(toks, "he")).name, speaker_of(ctx, tok(toks, "he")).how) == ("Mike Pence", "pronoun")
    # a question after it is the asker's again
    ctx, toks = parse_paragraphs("Jake Tapper asked Mike Pence about the tapes.\n\n“Were you offended?” he said.")
    assert speaker_of(ctx, tok(toks, "he")).name == "Jake Tapper"
    # the sentence before is already hers: a question she tells about is no interview of hers
    ctx, toks = parse_paragraphs("Ann Wells spoke on Monday. What hurt her, she said, was a question last week, "
                                 "when a young man asked Hillary Clinton why she lied. “I was angry,” she said.")
    assert speaker_of(ctx, tok(toks, "she", 2)).name == "Ann Wells"


def test_a_name_the_parse_made_a_second_subject_is_the_descriptions_appositive():
    # "said Scott’s niece, state Del. Marcia Price.": "Price" a second nsubj of "said"
    from quotes.extract.pipeline import extract_quotes
    text = "“We will win,” said Scott’s niece, state Del. Marcia Price.\n"
    assert [(q.speaker, q.method) for q in extract_quotes(text)] == [("Marcia Price", "inverted:appositive")]
    # a name joined by "and" is someone else
    assert [q.speaker for q in extract_quotes("“We will win,” said the mayor, and Tom Baker agreed.\n")] == [None]


def test_an_office_or_institution_named_in_full_speaks_under_its_full_name(parse):
    ctx, doc = parse("The United Nations High Commissioner for Human Rights said the decision was unlawful.")
    sp = speaker_of(ctx, tok(doc, "Commissioner"))
    assert sp.name == "United Nations High Commissioner for Human Rights" and sp.kind == "organisation"
    ctx, doc = parse("According to the Office for National Statistics, prices rose.")
    assert speaker_of(ctx, tok(doc, "Office")).name == "Office for National Statistics"


def test_an_office_named_in_full_is_the_person_the_article_gives_it(parse):
    ctx, doc = parse("UN High Commissioner for Human Rights Michelle Bachelet visited Gaza.\n\n"
                     "The United Nations High Commissioner for Human Rights said the decision was unlawful.")
    sp = speaker_of(ctx, tok(doc, "Commissioner", 1))
    assert sp.name == "Michelle Bachelet" and sp.how == "role"


def test_a_title_somebody_owns_is_no_guess_for_the_salient_person(parse):
    # "the defendant's lawyer" is not the defendant the article is about
    ctx, doc = parse("Tom Bell was charged on Monday. The defendant's lawyer said he was innocent.")
    sp = speaker_of(ctx, tok(doc, "lawyer"))
    assert sp.name is None and sp.how == "role_unresolved"
    # a title owned by another person may be the article's man
    ctx, doc = parse("David Axelrod called on Howard Dean to apologize. Obama's former strategist said it was wrong.")
    assert speaker_of(ctx, tok(doc, "strategist")).name == "David Axelrod"


def test_a_subject_pronoun_is_never_a_name_its_own_clause_talks_of(parse):
    # binding: "he said of Cruz" is not Cruz, though Cruz is the person talked about
    ctx, doc = parse("Donald Trump spoke in Iowa. Ted Cruz won the caucuses, and Cruz thanked voters. "
                     "He said of Cruz that he was a liar.")
    assert speaker_of(ctx, tok(doc, "He")).name == "Donald Trump"
    ctx, doc = parse("Ted Cruz won the caucuses, and Cruz thanked voters. He said of Cruz that he was a liar.")
    assert speaker_of(ctx, tok(doc, "He")).name is None


def test_a_fronted_phrase_the_parser_took_for_the_subject_is_passed_over(parse):
    # "Of Carson, Levine ... said": the parse makes "Of" the subject and Levine its object
    ctx, doc = parse("Eric Levine spoke on Monday. Of Carson, Levine, who has given money to Marco Rubio, said, "
                     "“He’s flat-out scary.”")
    said = tok(doc, "said")
    subj = next(c for c in said.children if c.dep_ in ("nsubj", "nsubjpass"))
    sp = speaker_of(ctx, subj)
    assert sp.name == "Eric Levine"


def test_an_occupation_is_a_guess_for_the_person_the_article_is_about_unless_they_hold_another_title(parse):
    ctx, doc = parse("Sheldon Adelson met the candidates on Monday. “It was very nice,” the tycoon said.")
    sp = speaker_of(ctx, tok(doc, "tycoon"))
    assert (sp.name, sp.how) == ("Sheldon Adelson", "role_guess")
    ctx, doc = parse("Senator Mary Holt met the candidates on Monday. “It was very nice,” the tycoon said.")
    assert speaker_of(ctx, tok(doc, "tycoon")).entity is None


def test_an_agentive_ending_alone_is_no_guess(parse):
    ctx, doc = parse("Tom Bell scored twice on Saturday. “We deserved it,” the striker said.")
    assert speaker_of(ctx, tok(doc, "striker")).entity is None
    ctx, doc = parse("Striker Tom Bell scored twice on Saturday. “We deserved it,” the striker said.")
    assert speaker_of(ctx, tok(doc, "striker")).name == "Tom Bell"


# Vocatives (issue 18): the one a quote speaks to is evidence against them being its speaker.
MODERATOR = ("Donald Trump was asked about the police at Monday's debate.\n\n"
             "“There are many who argue that phones expose what has happened for years,” the {noun} said. "
             "“{words}”")


def test_a_title_is_no_guess_of_the_person_its_quote_speaks_to():
    quotes = extract_quotes(MODERATOR.format(noun="moderator", words="As you know, Mr. Trump, on the other "
                                             "side, the FBI director said there is a chill wind."))
    assert quotes[0].speaker != "Donald Trump" and quotes[1].speaker != "Donald Trump"


def test_a_title_is_still_guessed_when_its_quote_speaks_of_the_person():
    quotes = extract_quotes(MODERATOR.format(noun="candidate", words="Mr. Trump has always backed the police."))
    assert [q.speaker for q in quotes] == ["Donald Trump", "Donald Trump"]
    assert quotes[0].method == "subject:role_guess"


def test_he_is_not_the_man_his_quote_speaks_to():
    text = ("Mayor Tom Bell faced Jim Hart, a local builder, at the town hall on Thursday.\n\n"
            "“Mr. Bell, you promised us a new school,” he said.")
    assert extract_quotes(text)[0].speaker == "Jim Hart"
    text = text.replace("Mr. Bell, you promised us", "Mr. Hart, we will build")
    assert extract_quotes(text)[0].speaker == "Tom Bell"


def test_a_title_is_no_guess_of_the_person_its_quote_speaks_to_by_office():
    text = "Governor Ann Lee spoke at the debate on Tuesday.\n\n“{words},” the candidate said."
    assert extract_quotes(text.format(words="Governor, you raised taxes"))[0].speaker is None
    q = extract_quotes(text.format(words="The governor raised taxes"))[0]
    assert (q.speaker, q.method) == ("Ann Lee", "subject:role_guess")
