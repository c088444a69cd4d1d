"""Which token names the speaker of a cue."""
from quotes.extract.attribution.subjects import group_antecedent, previous_paragraph_colon, subject_of


def tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_subject_inverted_and_according(parse):
    _, doc = parse("Austin said the troops were there. “Fine,” said Kirby. It failed, according to Ryder.")
    assert (subject_of(tok(doc, "said")).token.text, subject_of(tok(doc, "said")).rule) == ("Austin", "subject")
    inverted = [t for t in doc if t.text == "said"][1]
    assert (subject_of(inverted).token.text, subject_of(inverted).rule) == ("Kirby", "inverted")
    according = subject_of(tok(doc, "according"))
    assert (according.token.text, according.rule) == ("Ryder", "according_to")


def test_a_name_in_a_prepositional_phrase_is_no_nearby_speaker():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs "Jane Park" on "Tom Bell" and gives "wrote" no subject: the name next to the
    # verb is taken, but never the recipient inside "to ..."
    (q,) = extract_quotes("In an email to Tom Bell, Jane Park wrote that the budget had to be “cut in half.”")
    assert q.speaker == "Jane Park"


def test_a_name_that_qualifies_the_noun_after_it_is_no_nearby_speaker():
    from quotes.extract.pipeline import extract_quotes

    # the parse makes "study" the object of "noted" and gives "concluded" no subject: the noun
    # phrase next to the verb is the study (its issuer speaks), not "March", which qualifies it
    (q,) = extract_quotes("As we’ve noted, a March 2019 study by the Centre for Economic Policy Research, a "
                          "London-based think tank, concluded that, using standard economic methods, “the full "
                          "incidence of the tariff falls on domestic consumers.”")
    assert q.speaker == "Centre for Economic Policy Research"


def test_quoted_as_saying_goes_to_the_quoted_person(parse):
    _, doc = parse("The agency quoted Cho as saying the talks had failed.")
    found = subject_of(tok(doc, "saying"))
    assert (found.token.text, found.rule) == ("Cho", "quoted_as_saying")


def test_group_pronoun_takes_the_main_clause_subject(parse):
    ctx, doc = parse("The Pentagon issued a statement. They said the troops were ready.")
    assert group_antecedent(ctx, tok(doc, "They")).text == "Pentagon"


def test_previous_paragraph_colon(parse):
    text = "Caddell continued:\n\n“The party is over.”"
    ctx, _ = parse(text)
    assert previous_paragraph_colon(ctx, ctx.index.marks[0]) == (0, len("Caddell continued:"))
    ctx, _ = parse("Caddell continued.\n\n“The party is over.”")
    assert previous_paragraph_colon(ctx, ctx.index.marks[0]) is None


def test_a_run_of_titles_after_the_quote_ends_in_the_name_that_speaks():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs the first title on the quote and gives "said" no subject
    text = ("The grocer reported earnings that topped estimates.\n\n“Our third quarter results reflected broad-based growth "
            "across our business, yet sales were below our expectations,” chairman, CEO and president Peter "
            "Holt said in the release.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Peter Holt"
    # a name that only qualifies the noun is not the speaker: nobody is named here
    (q,) = extract_quotes("“We will win the vote,” a Whitcombe spokesman said on Monday.\n")
    assert q.speaker != "Whitcombe"


def test_a_passive_speech_verb_credits_its_by_phrase_not_its_subject():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs "by ..." on the quoted words: the subject is what was called so
    text = ("This feature of the network has been called \"strategic ambiguity\" by Joshua Hendrick, "
            "a professor at Loyola University.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Joshua Hendrick"
    (q,) = extract_quotes("The plan was described as \"a disaster\" by Senator Ann Ross on Tuesday.\n")
    assert q.speaker == "Ann Ross"


def test_a_partial_quote_in_a_reported_clause_is_said_by_the_inverted_subject():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs both the reported clause's subject and the speaker on "said"
    text = ("The rejection of the treaty signals \"the beginning of the end\" for the union, said Carl Verhoeven, "
            "founder of a small party.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Carl Verhoeven"
    (q,) = extract_quotes("Couple global exposure with a \"candidate who is a lightning rod\" and residents get "
                          "nervous, said Christine Lark, director of a civil liberties group in Ohio.\n")
    assert q.speaker == "Christine Lark"
    # a place in apposition before the subject is parsed as a second subject of the verb
    text = ("Republican candidate Carl Verhoeven spent the day attacking a rival: the governor, Ann Ross.\n\n"
            "Speaking at a town hall event in Salem, New Hampshire, Verhoeven went after Ross, calling her "
            "“a total stiff.”\n")
    assert extract_quotes(text)[-1].speaker == "Carl Verhoeven"


def test_an_unnamed_speaker_of_the_strongest_cue_is_not_replaced_by_a_weaker_cues_name():
    from quotes.extract.pipeline import extract_quotes

    # 'saying' introduces the quote; 'Ryan's comments' are what the operative talks about
    (q,) = extract_quotes("One operative inside the tower tried to downplay Ryan’s comments, saying they were "
                          "“not a big deal around here.”\n")
    assert q.speaker != "Ryan"


def test_it_after_a_quote_refers_back_across_the_paragraph_break():
    from quotes.extract.pipeline import extract_quotes

    # the parse hangs the quote's first name on 'added' too; 'it' is the article of the paragraph before
    text = ("Twenty-two years ago, a Times article hailed Gordon Hale as “The Comeback Kid.”\n\n"
            "“Though there are still four years to go, business leaders honored Gordon Hale yesterday,” "
            "the article read.\n\n"
            "“Mr. Hale, the developer who came to epitomize opulent wealth during the 80’s, has managed to "
            "erase much of his debt,” it added.\n")
    quotes = extract_quotes(text)
    assert quotes[-1].speaker == quotes[-2].speaker and quotes[-1].speaker


def test_a_participle_hung_on_a_where_clause_is_not_that_clauses_subjects():
    # the parse hangs "while chanting" on "played": the team playing at the stadium does not chant
    from quotes.extract.pipeline import extract_quotes

    text = ("The protests went on for a fourth night.\n\n"
            "Small groups of protesters continued to call for more information about the fatal shooting of Keith "
            "Lamont Scott, looping the streets around Bank of America Stadium - where the National Football "
            "League's Charlotte Panthers played the Minnesota Vikings - while chanting, \"Hands up, don't shoot.\"\n")
    (q,) = extract_quotes(text)
    assert q.speaker != "Charlotte Panthers"
