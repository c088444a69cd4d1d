"""Attribution through its public function (`extract_quotes`): each pattern on a real or news-style sentence."""
import pytest

from quotes.extract.pipeline import extract_quotes
from quotes.lexicon.words import PRONOUNS

INTRO = "US Defense Secretary Lloyd Austin spoke in Rome on Wednesday.\n\n"


def one(text, startswith):
    qs = extract_quotes(text)
    for q in qs:
        if q.text.startswith(startswith):
            return q
    raise AssertionError(f"no quote starting {startswith!r} in {[q.text for q in qs]}")


def check_evidence(text, q):
    assert q.speaker is None or q.speaker.lower() not in PRONOUNS
    if q.speaker_start is not None:
        assert text[q.speaker_start:q.speaker_end] == q.speaker_mention
    if q.cue_start is not None and q.cue not in (":",):
        assert text[q.cue_start:q.cue_end].lower() == q.cue
    assert 0.0 <= q.confidence <= 1.0
    assert q.method


def test_speaker_before_with_comma():
    text = INTRO + "Austin said, “We are seeing evidence that there are North Korean troops in Russia.”"
    q = one(text, "We are seeing")
    assert q.speaker == "Lloyd Austin"
    assert "Austin" in q.speaker_aliases
    assert "Defense Secretary" in (q.speaker_role or "")
    assert q.cue == "said" and q.kind == "full"
    check_evidence(text, q)


def test_speaker_after():
    text = ("“What exactly they’re doing, well, that’s to be seen,” Lloyd Austin told reporters "
            "while on a trip to Europe.")
    q = one(text, "What exactly")
    assert q.speaker == "Lloyd Austin" and q.cue == "told"
    assert q.speaker_kind == "person"
    check_evidence(text, q)


def test_inverted_said():
    text = "“It is too soon to say what effect this will have,” said John Kirby, the White House spokesman."
    q = one(text, "It is too soon")
    assert q.speaker == "John Kirby" and q.cue == "said"


def test_colon_introduction_with_pronoun():
    text = (INTRO + "Exactly what North Korean troops are doing in Russia “remains to be seen,” Austin told "
            "reporters in Rome.\n\nHe added: “If they are belligerents, that is a very, very serious "
            "problem.”")
    q = one(text, "If they are belligerents")
    assert q.speaker == "Lloyd Austin"
    assert q.speaker_mention == "He"
    assert q.cue == "added"
    check_evidence(text, q)


def test_appositive():
    text = ("Andriy Kovalenko, the head of Ukraine’s Center for Countering Disinformation, said "
            "“there is a language barrier” among the troops.")
    q = one(text, "there is a language barrier")
    assert q.speaker == "Andriy Kovalenko"
    assert "Center for Countering Disinformation" in (q.speaker_role or "")


def test_appositive_name_after_role():
    text = ("The head of Ukraine’s military intelligence, Kyrylo Budanov, said, “The troops will arrive "
            "in Kursk on Wednesday.”")
    q = one(text, "The troops will arrive")
    assert q.speaker == "Kyrylo Budanov"


def test_according_to():
    text = ("North Korean soldiers are being prepared for “a long and bloody war,” according to "
            "Andriy Kovalenko.")
    q = one(text, "a long and bloody war")
    assert q.speaker == "Andriy Kovalenko"
    assert q.cue == "according to"
    assert q.kind == "partial"


def test_pronoun_resolves_to_who_is_talked_about():
    # the caption names Macron last, but DiMino is the subject of the paragraph before the quote
    text = ("French President Emmanuel Macron reviews troops as he meets Ukrainian soldiers.\n\n"
            "Michael DiMino, public policy manager at Defense Priorities, urged against deploying "
            "NATO troops.\n\n"
            "“There’s a separate discussion to be had on what should we do with Ukraine,” he said.")
    q = one(text, "There’s a separate")
    assert q.speaker == "Michael DiMino"
    assert q.speaker_mention == "he"
    assert q.method.endswith("pronoun")


def test_role_noun_resolves_to_person():
    text = ("The U.S. defense secretary said it would be a ’very serious issue' if North Korean troops "
            "join the war.\n\nU.S. Secretary of Defense Lloyd Austin announced the evidence on Oct. 23.\n\n"
            "U.S. Treasury Secretary Janet Yellen announced new sanctions.")
    q = one(text, "very serious issue")
    assert q.speaker == "Lloyd Austin"
    assert "defense secretary" in q.speaker_role.lower()


def test_continuation_paragraph_keeps_speaker():
    text = ("“There’s a separate discussion to be had on Ukraine,” Michael DiMino said.\n\n"
            "“But right now, they’re not. And I think sending NATO troops is a dangerous step.”")
    q = one(text, "But right now")
    assert q.speaker == "Michael DiMino"
    assert q.method == "continuation"


def test_quote_split_by_attribution():
    text = ("“If Russia is forced to turn to North Korea for manpower, this would be a sign of weakness,” "
            "Kirby said. “It would also demonstrate an unprecedented level of cooperation.”")
    qs = extract_quotes(text)
    assert [q.speaker for q in qs] == ["Kirby", "Kirby"]
    assert len(qs) == 2


def test_partial_quote_inside_writers_sentence():
    text = ("Defense Secretary Lloyd Austin called it the “next step” after the North provided Russia "
            "with weapons.")
    q = one(text, "next step")
    assert q.speaker == "Lloyd Austin"
    assert q.kind == "partial"
    assert q.cue == "called"


def test_warned_that():
    text = "However, Kirby warned that “I can tell you one thing, if they deploy to fight Ukraine, they’re fair game.”"
    q = one(text, "I can tell you")
    assert q.speaker == "Kirby" and q.cue == "warned"


def test_headline_quote():
    text = ("US defense chief Austin says there’s evidence North Korea has sent troops to Russia: "
            "‘Very, very serious issue’\nUS Defense Secretary Lloyd Austin confirmed Wednesday that "
            "there is evidence of North Korean troops arriving in Russia.")
    q = one(text, "Very, very serious issue")
    assert q.speaker == "Lloyd Austin"
    assert q.mark_style == "single"


def test_organisation_speaker():
    text = "The Pentagon said in a statement that the deployment was “dangerous and highly concerning.”"
    q = one(text, "dangerous and highly")
    assert q.speaker in ("Pentagon", "The Pentagon", "the Pentagon")
    assert q.speaker_kind == "organisation"


def test_quoted_as_saying():
    text = "Park quoted Cho as saying, “The soldiers are spread across multiple military bases.”"
    q = one(text, "The soldiers are spread")
    assert q.speaker == "Cho"


def test_dash_attribution():
    text = "“Maybe we can build a wall around the stadium.” ― Steve Quinlan\n"
    q = one(text, "Maybe we can build")
    assert q.speaker == "Steve Quinlan"


def test_previous_paragraph_colon():
    text = "Lee Seong Kweun continued:\n\n“Russia is recruiting a large number of interpreters for the soldiers.”"
    q = one(text, "Russia is recruiting")
    assert q.speaker == "Lee Seong Kweun"


@pytest.mark.parametrize("text", [
    "Winona Ryder returns in the series “Stranger Things” next year.",
    "The United States was giving weapons to the so-called “rebels” in the north.",
    'State Del. Marcia "Cia" Price spoke at the rally on Sunday.',
    "Pence appeared on CNN’s “State of the Union” on Sunday to defend the plan.",
])
def test_scare_quotes_titles_and_nicknames_are_not_quotes(text):
    assert extract_quotes(text) == []


def test_speaker_never_pronoun_or_bare_title():
    text = "“We will respond,” the spokesman said.\n\n“It is a serious issue,” she said."
    for q in extract_quotes(text):
        assert q.speaker is None or q.speaker.lower() not in PRONOUNS | {"spokesman", "the spokesman"}


@pytest.mark.parametrize("text, name", [
    ("“We have seen enough of this,” said Army Capt. Daniel Reyes, who served in Iraq.", "Daniel Reyes"),
    ("“That was a close call,” said Air Force 1st Lt. Mark Olsen.", "Mark Olsen"),
    ("“Imagine the two of them on one stage,” mused radio co-host Pete Vargas.", "Pete Vargas"),
])
def test_military_ranks_ordinals_and_hyphenated_titles_before_a_name(text, name):
    # the parser and NER cut these runs ("Army Capt" as an organisation, "Force 1st")
    q = extract_quotes(text)[0]
    assert q.speaker == name
    check_evidence(text, q)


@pytest.mark.parametrize("text, name", [
    ("A spokesman for Bridgewater Holdings said in a statement that \"the company complied with every rule.\"",
     "Bridgewater Holdings"),
    ("Officials at the Federal Aviation Administration said they were \"deeply concerned\" about the delays.",
     "Federal Aviation Administration"),
])
def test_unnamed_spokesman_or_officials_speak_for_their_organisation(text, name):
    q = extract_quotes(text)[0]
    assert q.speaker == name and q.speaker_kind == "organisation"
    assert q.method.endswith(":affiliation")


def test_place_after_a_title_is_not_an_organisation():
    text = ("Sen. Bernie Sanders spoke in Burlington on Monday.\n\n"
            "The senator from Vermont said the bank's conduct was \"simply outrageous.\"")
    q = one(text, "simply outrageous")
    assert q.speaker == "Bernie Sanders"


@pytest.mark.parametrize("text, name", [
    ("Mayor Linda Park released a video that says \"our city is open for business.\"", "Linda Park"),
    ("Senator Paul Green is airing a new ad that urges voters to \"stand up for farmers.\"", "Paul Green"),
])
def test_document_words_belong_to_whoever_released_it(text, name):
    q = extract_quotes(text)[0]
    assert q.speaker == name and q.method.endswith(":document")


@pytest.mark.parametrize("text, name", [
    ("Governor Tom Hale spoke on Monday.\n\nHale said Obama’s words and actions “amount to a kind of "
     "intimidation.”", "Tom Hale"),
    ("Judicial Watch President Tom Fitton called Clinton's claim \"significant and disturbing.\"", "Tom Fitton"),
])
def test_possessed_speech_noun_inside_a_reported_clause_is_the_topic(text, name):
    # the quote is the reporter's description of someone's words, not those words
    q = extract_quotes(text)[0]
    assert q.speaker == name


def test_as_someone_put_it():
    text = ("Senator Tom Hale spoke first. Critics were loud.\n\n"
            "As the newspaper's Anne Kowalski put it, \"Nobody in the room believed the numbers.\"")
    q = one(text, "Nobody in the room")
    assert q.speaker == "Anne Kowalski" and q.cue == "put"
    check_evidence(text, q)


def test_dash_signature_on_the_line_below_the_quote():
    text = ("Senator Ellen Ward spoke about taxes.\n\n\"Taxes on the rich are too low.\"\n\n- Ward.\n\n"
            "Ward is right about that.\n\n\"We will win this state.\"\n\n– Ready for the fall –.\n\nMore later.")
    q = one(text, "Taxes on the rich")
    assert q.speaker == "Ellen Ward" and q.method == "dash" and q.speaker_mention == "Ward"
    check_evidence(text, q)
    assert one(text, "We will win").speaker != "Ready"  # a subheading, not a signature


def test_summary_signed_before_a_colon():
    text = ("Senator Ellen Ward spoke on Monday.\n\n"
            "Pollsters agree - Mark Ellis: “Keep contacting voters as late as possible.”")
    q = one(text, "Keep contacting")
    assert q.speaker == "Mark Ellis" and q.method == "colon"
    check_evidence(text, q)


def test_phrasal_speech_verbs_shot_back_went_on():
    text = ("\"Look at all these supporters here,\" Ward said with a smirk.\n\n"
            "\"They are all here because he is promising free stuff,\" Hale fired back with a grin.\n\n"
            "\"You know, it happens, right?\" Hale went on, as if he did not hear her.")
    assert one(text, "They are all here").speaker == "Hale"
    q = one(text, "You know")
    assert q.speaker == "Hale" and q.cue == "went"


def test_a_reply_after_a_finished_quote_is_not_its_attribution():
    text = ("Early on, Tom Hale attacked Ellen Ward, calling her “a failed candidate.” Ward fired back "
            "in March.")
    assert one(text, "a failed candidate").speaker == "Tom Hale"


def test_passive_speech_verb_with_agent_goes_to_the_agent():
    text = ("Senator Tom Hale was asked by moderator Ellen Ward whether his plan would risk "
            "\"adding another expensive program to the budget.\"")
    q = one(text, "adding another")
    assert q.speaker == "Ellen Ward" and q.method.startswith("passive_agent")


def test_footage_of_a_person_saying():
    text = "The ad uses footage of Ellen Ward asking, “Why aren’t I 50 points ahead, you might ask?”"
    q = one(text, "Why aren’t I")
    assert q.speaker == "Ellen Ward" and q.method.startswith("participle")


def test_pronoun_never_resolves_to_a_name_after_an_article():
    text = ("Director Ana Moreno spoke on Monday.\n\n"
            "Moreno said she felt the 19th Amendment was worth examining because “most people do not know "
            "about that loophole,” she said.")
    assert one(text, "most people").speaker == "Ana Moreno"


def test_organisation_gets_its_fullest_name():
    text = ("The Wall Street Journal published an editorial on Friday.\n\n"
            "The Journal said the plan was “simply unworkable” for most employers.")
    assert one(text, "simply unworkable").speaker == "Wall Street Journal"


def test_more_speech_verbs_pressed_barked():
    text = ("“Would it be negotiable?” Ellen Ward pressed. “Maybe let some people stay.”\n\n"
            "“Go back to your network,” Tom Hale barked as guards escorted the reporter out.")
    assert one(text, "Would it be").speaker == "Ellen Ward"
    assert one(text, "Go back").speaker == "Tom Hale"


def test_nearby_subject_skips_time_and_place_phrases():
    text = ("For months, Senator Tom Hale had praised the governor, stating there was a benefit to having "
            "him in the race and chiding the media for \"the little game\" of pitting rivals against each other.")
    q = one(text, "the little game")
    assert q.speaker == "Tom Hale"


def test_colon_after_a_long_title_and_a_glued_mark():
    text = ("Rep. Tom Hale (R-S.C.):\"Who told you that?\"\n\n"
            "Former secretary of state Ellen Mary Ward:\"We learned that from the department and its analysis.\"")
    q = one(text, "We learned")
    assert q.speaker == "Ellen Mary Ward" and q.method == "colon"


def test_surname_tagged_as_a_verb_still_names_the_person():
    text = ("Jon Husted, Ohio Secretary of State, appealed the ruling.\n\n"
            "“Judges legislating from the bench has to stop,” Husted said.\n\n"
            "Husted continued by saying, “We will appeal this decision.”")
    assert one(text, "We will appeal").speaker == "Jon Husted"


def test_first_name_alone_resolves_to_the_full_name():
    text = ("Former Governor Jerry Brown criticized Bill Clinton during a debate in 1992, and Hillary Clinton "
            "answered him.\n\nHillary shot back, “I suppose I could have stayed home and baked cookies.”")
    q = one(text, "I suppose")
    assert q.speaker == "Hillary Clinton" and q.speaker_mention == "Hillary"


def test_dash_parsed_as_subject_gives_way_to_the_name_before_the_verb():
    # the small parser sometimes makes a '―' the subject of the verb after it
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from quotes.extract.attribution.subjects import subject_of
    words = ["public", "―", "Hale", "boasted", ",", "“", "Fine", ".", "”"]
    doc = Doc(Vocab(), words=words, spaces=[True, True, True, False, True, False, False, False, False],
              heads=[1, 3, 3, 3, 3, 6, 3, 3, 3],
              deps=["amod", "nsubj", "npadvmod", "ROOT", "punct", "punct", "ccomp", "punct", "punct"],
              pos=["ADJ", "NOUN", "PROPN", "VERB", "PUNCT", "PUNCT", "ADJ", "PUNCT", "PUNCT"],
              tags=["JJ", "NN", "NNP", "VBD", ",", "``", "JJ", ".", "''"])
    found = subject_of(doc[3])
    assert found.token.text == "Hale" and found.rule == "subject"


@pytest.mark.parametrize("text, start, name", [
    ("In the 1990s he ran a nursing home chain. His former business partner at Lenox, Lawrence P. Moody, "
     "called him a genius at deals. \"He could close any deal.\"", "He could close", "Lawrence P. Moody"),
    ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “She believes that "
     "cooperation is essential.”", "She believes", "Jake Sullivan"),
])
def test_appositive_name_of_a_title_wins(text, start, name):
    q = one(text, start)
    assert q.speaker == name and q.method.endswith(":appositive")


def test_nearby_fallback_never_takes_the_object_of_a_verb_before_the_quote():
    from quotes.extract.attribution.entities import article_context
    from quotes.extract.attribution.subjects import nearby_subject
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import ensure_pos
    text = "Hale described Ward as a “caricature of a candidate” last week."
    doc = load_nlp()(text)
    ensure_pos(doc)
    ctx = article_context(text, find_marks(text), [(0, doc)])
    cue = next(t for t in doc if t.lower_ == "described")
    found = nearby_subject(ctx, cue, (0, text.index("“")), (text.index("”") + 1, len(text)))
    assert found is None or found.token.text != "Ward"
    assert one(text, "caricature").speaker == "Hale"


def test_object_of_the_verb_above_an_infinitive_speaks():
    text = ("At one point, Senator Tom Hale coached Ward to \"breathe, breathe, breathe.\" That prompted "
            "Governor Ellen Ward to make a joke about yoga and call Hale \"very flexible,\" a nod to his changes.")
    assert one(text, "very flexible").speaker == "Ellen Ward"
    assert one(text, "breathe").speaker == "Tom Hale"  # a weak cue in the next sentence is not its attribution


@pytest.mark.parametrize("text, start, name", [
    ("Senator Ellen Ward defended the law.\n\nTom Hale delivered a snappy retort: \"No one is tearing this up. "
     "We're going forward.\"", "No one", "Tom Hale"),
    ("Aides say Governor Tom Hale plans to support Cruz. From Hale's Facebook post: \"For the sake of our "
     "party, we must move on.\"", "For the sake", "Tom Hale"),
])
def test_colon_introduction_names_the_clause_subject_or_the_owner(text, start, name):
    q = one(text, start)
    assert q.speaker == name and q.method == "colon"


@pytest.mark.parametrize("text, start, name", [
    # the article is about the first one named: a bare surname is hers, not her husband's
    ("Hillary Rodham Clinton spent Monday in Des Moines courting union voters.\n\n"
     "She was joined at a rally by former president Bill Clinton, who spoke briefly.\n\n"
     "Later, Clinton said, \"We will raise wages for every working family in this state.\"",
     "We will raise", "Hillary Rodham Clinton"),
    # an honorific decides when first names tell gender
    ("Donald Trump toured a steel plant in Ohio with his daughter Ivanka Trump on Tuesday.\n\n"
     "\"Our workers deserve a fair deal,\" Ms. Trump told the crowd.",
     "Our workers", "Ivanka Trump"),
    # a full mention in the previous sentence beats the article's main person
    ("Jeb Bush campaigned in New Hampshire on Friday.\n\n"
     "The crowd cheered when George W. Bush walked on stage. "
     "\"My brother will keep this country safe,\" Bush said.",
     "My brother", "George W. Bush"),
    # otherwise the main person: the later bare surname is Jeb's again
    ("Jeb Bush campaigned in New Hampshire on Friday.\n\n"
     "The crowd cheered when George W. Bush walked on stage and spoke for ten minutes.\n\n"
     "Voters asked about taxes and schools for most of the afternoon.\n\n"
     "\"I am running on my own record,\" Bush said.",
     "I am running", "Jeb Bush"),
])
def test_a_surname_two_people_share_resolves_by_context(text, start, name):
    assert one(text, start).speaker == name


def test_hyphenated_surname_keeps_the_full_name():
    text = ("Voters at the diner were unimpressed by the debate.\n\n"
            "\"It did not change my mind at all,\" said Sue Seedorff-Keninger, 62, a retired teacher.\n\n"
            "Keninger said, \"I will decide the week before the caucus.\"")
    assert one(text, "It did not change").speaker == "Sue Seedorff-Keninger"
    assert one(text, "I will decide").speaker == "Sue Seedorff-Keninger"


def test_a_full_name_after_a_sentence_opening_word_is_found():
    text = ("For Hillary Clinton, the vote in Britain was a warning.\n\n"
            "Former president Bill Clinton spoke in Ohio on Monday.\n\n"
            "On the trail, Mrs. Clinton keeps saying she wants \"an economy that works for everyone.\"")
    assert one(text, "an economy").speaker == "Hillary Clinton"


def test_mr_surname_is_not_the_woman_the_article_names_in_full():
    text = ("The president spoke at a gala on Saturday night.\n\n"
            "\"I will consider it a personal insult,\" Mr. Obama said.\n\n"
            "Michelle Obama had made the same case at the convention in July.")
    assert one(text, "I will consider").speaker == "Obama"


def test_format_characters_at_a_words_edge_are_blanked_for_the_parser_only():
    from quotes.extract.pipeline import parse_text

    text = "\u2066“We will re\u00adbuild,”\u200b Lee\u200e said\u202c.\u2069 \u0645\u06cc\u200c\u062e"
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert parsed == " “We will re\u00adbuild,”  Lee  said .  \u0645\u06cc\u200c\u062e"  # inside a word: kept
    clean = "Mayor Ann Lee spoke on Monday.\n\n“We will rebuild the bridge by the spring,” Lee said.\n"
    glued = "Mayor Ann Lee spoke on Monday.\n\n\u2066“We will rebuild the bridge by the spring,”\u200b Lee said\u202c.\n"
    assert [(q.speaker, q.method) for q in extract_quotes(glued)] == [(q.speaker, q.method) for q in extract_quotes(clean)]


BLOG = ("You know the feeling. You want your business to grow, but your calendar is full and you are "
        "tired. Here is what you can do about it this week, and why it works for you.\n\n")


def test_an_unattributed_question_on_a_page_that_talks_to_its_reader_is_no_quote():
    """Issue 18, class 5 (qprec): the writer's imagined words on a blog, credited to nobody."""
    text = BLOG + "“Why are we talking about leadership at all?”\n\nBecause your business needs it."
    assert extract_quotes(text) == []


def test_speech_a_verb_credits_is_kept_on_a_page_that_talks_to_its_reader():
    text = BLOG + "“Leadership is a habit you build every single day,” coach Maria Lopez said."
    q = one(text, "Leadership is a habit")
    assert q.speaker == "Maria Lopez"


def test_an_unattributed_quoted_sentence_in_a_news_report_is_still_a_quote():
    text = (INTRO + "The ministers met for three hours and agreed on a statement.\n\n"
            "“We will defend every inch of our territory.”\n\nThe talks resume on Friday.")
    assert [q.text for q in extract_quotes(text)] == ["We will defend every inch of our territory."]


@pytest.mark.parametrize("line", [
    "But you will always wonder, “What would have happened if I had tried?”",
    "When I made that investment, I was telling myself, “This dream matters.”",
])
def test_the_writers_or_readers_imagined_words_on_a_page_that_talks_to_its_reader_are_no_quote(line):
    assert extract_quotes(BLOG + line + "\n\nThat is the point.") == []


def test_we_of_an_outlet_quoting_itself_is_kept_on_a_page_that_talks_to_its_reader():
    text = BLOG + "In our review, we called it “a very compelling option for many households.”\n\nIt is."
    assert [q.text for q in extract_quotes(text)] == ["a very compelling option for many households."]


def test_i_said_in_a_news_report_is_still_a_quote():
    text = (INTRO + "The minister called me on Friday.\n\n"
            "I told her, “The bridge has to close before winter.”\n\nShe agreed.")
    assert [q.text for q in extract_quotes(text)] == ["The bridge has to close before winter."]


# Issue 18, classes 3 and 4 and pronouns: probe sentences written for the purpose, in the style of
# the owners' held-out sets (each failed on extractor 13 unless marked).
NAMES = [  # class 4: titles glued to names are roles; abbreviated titles are the office
    ("Coach Dave Harmon watched from the sideline as his team lost 21-14.\n\n“We didn’t tackle,” Harmon said.\n\n"
     "“It was a bad day,” said Coach Dave Harmon.\n", ["Dave Harmon", "Dave Harmon"]),
    ("“This was a targeted attack,” said Supt. Brian O’Neill.\n\n“We will find those responsible,” O’Neill said.\n",
     ["Brian O’Neill", "Brian O’Neill"]),
    ("“We are stretched,” Supt Gary Walsh told the meeting.\n", ["Gary Walsh"]),
    ("“We will not accept a hard border,” Taoiseach Leo Varadkar said in Dublin.\n", ["Leo Varadkar"]),
    ("“The bins have not been collected for weeks,” said Councillor Mary Byrne.\n", ["Mary Byrne"]),
    ("“It is a disgrace,” Cllr Mary Byrne said.\n", ["Mary Byrne"]),
    ("“Officers acted properly,” Chief Constable Andy Marsh said.\n", ["Andy Marsh"]),
    ("“This is a betrayal,” said Labour MP Jess Phillips.\n", ["Jess Phillips"]),
    ("“We are following several leads,” Det. Sgt. Amy Collins said.\n", ["Amy Collins"]),
    ("“We are following several leads,” said Insp. Amy Collins.\n", ["Amy Collins"]),
    ("“We have to be better,” Coach Nick Saban said after the game.\n", ["Nick Saban"]),
    ("Sen. Tammy Baldwin introduced the measure in March.\n\n“Families cannot wait,” the senator said.\n",
     ["Tammy Baldwin"]),
    ("Gov. Kathy Hochul toured the damage on Tuesday.\n\n“This is heartbreaking,” the governor said.\n",
     ["Kathy Hochul"]),
    ("Rep. Ilhan Omar spoke at the rally.\n\n“We are not afraid,” the congresswoman said.\n\n"
     "“This is our country,” the representative added.\n", ["Ilhan Omar", "Ilhan Omar"]),
    # (passed before: kept as guards)
    ("“The force is not in crisis,” Commissioner Drew Harris said.\n", ["Drew Harris"]),
    ("“Our buildings are safe,” said Superintendent Karen Mills.\n", ["Karen Mills"]),
    ("“This neighborhood deserves better,” Alderman Raymond Lopez said.\n", ["Raymond Lopez"]),
    ("“We are overwhelmed,” said Sue Seedorff-Keninger, director of the food bank.\n\n"
     "“The need has doubled,” Seedorff-Keninger said.\n", ["Sue Seedorff-Keninger", "Sue Seedorff-Keninger"]),
    ("“Nothing has changed,” Jean-Pierre Dubois-Martin told reporters.\n", ["Jean-Pierre Dubois-Martin"]),
]
NEAREST = [  # class 3: the nearest name is not the one who speaks
    ("CNN’s Jake Tapper interviewed Bernie Sanders on Sunday.\n\n“Are you going to run again?” Tapper asked him.\n\n"
     "“I haven’t decided yet. We will see.”\n", ["Jake Tapper", "Bernie Sanders"]),
    ("Jake Tapper asked Mike Pence about the tapes.\n\n“I was offended,” he said.\n", ["Mike Pence"]),
    # (passed before: kept as guards)
    ("Students gathered outside the gym on Friday.\n\n“It feels like they never asked us,” said Jenna Ruiz, a junior."
     "\n\nAnother student said she had not decided where to go. “I might just move to my aunt’s place,” she said.\n",
     ["Jenna Ruiz", None]),
    ("“It’s robbery,” said Karen Wells, 61.\n\n“I won’t come back,” said another shopper, Mark Tate, 34.\n",
     ["Karen Wells", "Mark Tate"]),
    ("Tom Brokaw asked Amy Klobuchar whether the bill would pass.\n\n“Absolutely,” she said. “We have the votes.”\n",
     ["Amy Klobuchar", "Amy Klobuchar"]),
    ("“We will appeal,” Smith told NPR’s Steve Inskeep on Monday.\n", ["Smith"]),
    ("“He was the best teacher I ever had,” Laura Chen said of Robert Fine, who died on Sunday.\n", ["Laura Chen"]),
    # a quote reported inside another's clause stays the outer speaker's (PolNeAR's gold: "Law
    # enforcement sources have said he said", "he said he often thinks of what his parents told him:")
    ("Mayor Lisa Grant defended the budget on Monday.\n\nCouncil member Paul Ortiz said Grant had told him that "
     "“the cuts are final,” but he did not believe it.\n", ["Paul Ortiz"]),
]
PRONOUNS_AND_DESCRIPTIONS = [
    ("Arnold Schwarzenegger, a Republican, criticized the president on Tuesday.\n\n"
     "“This is not leadership,” the former California governor said.\n", ["Arnold Schwarzenegger"]),
    # (passed before: kept as guards)
    ("Gov. Phil Murphy met with Senate President Steve Sweeney and Assembly Speaker Craig Coughlin on Monday. "
     "Murphy said the talks went well.\n\n“We are close,” he said.\n", ["Phil Murphy"]),
    ("Donald Trump attacked Ted Cruz at a rally in Indiana on Monday.\n\n“He is a liar,” he said.\n",
     ["Donald Trump"]),
    ("Former Gov. Jerry Brown spoke at the climate summit.\n\n“We are running out of time,” the former governor said.\n",
     ["Jerry Brown"]),
    ("Elizabeth Warren and Amy Klobuchar joined Joe Biden on stage. Warren spoke first.\n\n"
     "“We are united,” she said.\n", ["Elizabeth Warren"]),
]


@pytest.mark.parametrize("text, speakers", NAMES + NEAREST + PRONOUNS_AND_DESCRIPTIONS)
def test_issue_18_probe(text, speakers):
    qs = extract_quotes(text)
    assert [q.speaker for q in qs] == speakers
    for q in qs:
        check_evidence(text, q)
