"""Entity typing of candidate speakers: people, organisations, groups, documents, and the
things, times, places and headings that never speak."""
import pytest

from parsed import attributor, token
from quotes.extract.candidates import speaker_of
from quotes.extract.entity_types import entity_type


def type_of(text: str, word: str) -> str:
    att = attributor(text)
    tok = token(att, word)
    ent, name, kind, role, mtoks, how = speaker_of(att, tok)
    typ, evidence = entity_type(mtoks or [tok], how, kind, ent, text, att.a.pos((mtoks or [tok])[0]))
    assert all(isinstance(v, float) for v in evidence.values())
    return typ


@pytest.mark.parametrize("text, word, expected", [
    ("US Defense Secretary Lloyd Austin said on Tuesday that the troops would stay.", "Austin", "person"),
    ("The Pentagon said on Tuesday that the troops would stay.", "Pentagon", "organisation"),
    ("Officials said on Tuesday that the troops would stay.", "Officials", "group"),
    ("The man said on Tuesday that the troops would stay.", "man", "person"),
    ("The statement said on Tuesday that the troops would stay.", "statement", "document"),
])
def test_who_can_speak(text, word, expected):
    assert type_of(text, word) == expected


@pytest.mark.parametrize("text, word", [
    ("The figures showed on Tuesday that prices rose.", "figures"),  # a thing
    ("Friday morning brought news that the troops would stay.", "morning"),  # a time
    ("READ MORE: the troops would stay, officials said.", "READ"),  # a heading in capitals
    ("His eyes said that he would stay.", "eyes"),  # a body part
    ("In Texas, the plan said nothing about troops.", "Texas"),  # a place
])
def test_things_times_places_and_headings_never_speak(text, word):
    assert type_of(text, word) == "not_speaker"


def test_a_surname_that_is_also_a_title_word_after_an_honorific_is_a_person():
    assert type_of("“It is about enthusiasm,” Mr. King added.", "King") == "person"


@pytest.mark.parametrize("name, text, expected", [
    ("Friday morning", "", "time"),
    ("recent weeks", "", "time"),
    ("America", "", "place"),
    ("GENEVA", "GENEVA — The talks ended.", "place"),  # a dateline
    ("NEWPORT NEWS", "NEWPORT NEWS, Va. - The cookout began.", "place"),
    ("READ MORE", "READ MORE: the story", "heading"),
    ("the figures", "", "thing"),
    ("rising prices", "", "thing"),
    ("Donald Trump", "", None),
    ("the Clinton campaign", "", None),  # an organisation, though "campaign" is also an event
    ("the Times", "", None),
    ("63 percent", "", None),  # a share of people
    ("Sara Walker, 44, a home-care aide from Nashua", "", None),
    ("a Mexican official who was not authorized to discuss the meeting", "", None),
    ("CREW", "CREW said the rules were broken.", None),  # an acronym in a sentence
    ("J. J. Price", "", None),  # a surname that is also a thing noun
    ("Latinos Share", "", "thing"),  # a headline's words
    ("WALLACE", "WALLACE: First question.\nPENCE: Yes.\nWALLACE: Second.", None),  # transcript turns
])
def test_a_stored_name_that_is_no_speaker(name, text, expected):
    from quotes.extract.entity_types import stored_name_type
    assert stored_name_type(name, text) == expected


def test_a_capitalised_time_word_in_a_name_is_no_time():
    from quotes.extract.entity_types import is_time_word
    from quotes.extract.pipeline import extract_quotes

    assert is_time_word("Friday") and is_time_word("morning") and is_time_word("weeks")
    assert not is_time_word("Time") and not is_time_word("Times") and not is_time_word("Today")
    text = ("Cruz was favored to win most of the delegates.\n\n"
            "\"In the case of Wyoming, the Cruz train has already left the station,\" wrote Time magazine.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Time magazine"


@pytest.mark.parametrize("text, word, expected", [
    # person nouns in no hand list, typed from PolNeAR train's gold speakers (quotes.lexicon.speaker_nouns)
    ("The retired neurosurgeon said on Tuesday that the race was far from over.", "neurosurgeon", "person"),
    ("The tycoon said on Tuesday that the tower would be sold.", "tycoon", "person"),
    ("Two tycoons said on Tuesday that rates would stay low.", "tycoons", "group"),  # the plural of one
    # a head whose "of" object is people: the people speak
    ("A group of rabbis urged the council on Tuesday to redirect the funds.", "group", "group"),
    ("Half of voters said on Tuesday that the country was on the wrong track.", "Half", "group"),
])
def test_person_nouns_no_hand_list_holds(text, word, expected):
    assert type_of(text, word) == expected


@pytest.mark.parametrize("text, word", [
    ("The tone of the speech suggested that the troops would stay.", "tone"),
    ("The situation was described as dire by the time the troops arrived.", "situation"),
])
def test_nouns_train_never_saw_speak_are_no_speakers(text, word):
    assert type_of(text, word) == "not_speaker"


@pytest.mark.parametrize("text, word, expected", [
    ("“We deserved it,” the striker said.", "striker", "suffix"),  # an agentive ending, subject of a speech verb
    ("“It is preventable,” the cardiologist told reporters.", "cardiologist", "suffix"),
    ("“It changed my life,” the actor told Variety.", "actor", "work"),  # one of the people of a work
    ("“Tell me,” the tycoon said.", "tycoon", "learned"),  # a person noun train's gold speakers teach
    ("“Nobody eats like this,” said the chef, who trained in Lyon.", "chef", "who"),  # the article's "who"
    ("The major danger is the debt.", "danger", None),  # an agentive ending, but no speech: no animate context
    ("“Pay up,” the letter said.", "letter", None),  # a document
    ("“Pay up,” the mother said.", "mother", None),  # a person, but kin, no occupation
    ("“Pay up,” the manager said.", "manager", None),  # a title the role rules already read
    ("“Pay up,” the tone said.", "tone", None),  # a thing train's lists learned
])
def test_an_occupation_no_list_holds_is_read_from_evidence_that_generalises(text, word, expected):
    from quotes.extract.entity_types import occupation_noun

    att = attributor(text)
    assert occupation_noun(token(att, word), text) == expected


def test_no_thing_noun_is_an_occupation():
    # the "a thing noun must stay a thing": none of the hand or learned thing nouns,
    # documents or speech nouns is ever read as an occupation, whatever the article says of it
    from quotes.extract.entity_types import occupation_evidence
    from quotes.lexicon.speaker_nouns import THING_NOUNS_LEARNED
    from quotes.lexicon.words import DOCUMENT_NOUNS, SPEECH_NOUNS, THING_NOUNS

    things = THING_NOUNS | THING_NOUNS_LEARNED | DOCUMENT_NOUNS | SPEECH_NOUNS
    assert not [w for w in things if occupation_evidence(w, f"the {w}, who said so")]


def test_the_learned_lists_hold_no_word_of_the_hand_lists():
    # words are defined once: what the hand lists type is never learned again
    from quotes.lexicon.speaker_nouns import PARTITIVE_HEADS, SPEAKER_NOUN_TYPES, THING_NOUNS_LEARNED
    from quotes.lexicon.words import DOCUMENT_NOUNS, GROUP_NOUNS, PERSON_NOUNS, ROLE_NOUNS, THING_NOUNS

    hand = DOCUMENT_NOUNS | GROUP_NOUNS | PERSON_NOUNS | ROLE_NOUNS | THING_NOUNS
    assert not (set(SPEAKER_NOUN_TYPES) | THING_NOUNS_LEARNED) & hand
    assert not set(SPEAKER_NOUN_TYPES) & THING_NOUNS_LEARNED
    assert set(SPEAKER_NOUN_TYPES.values()) <= {"person", "organisation", "document"} and PARTITIVE_HEADS


def test_the_type_of_a_stored_speakers_words():
    # what the quote filter's term rule reads (quotefilter.term_without_speaker)
    from quotes.extract.attribution import article_context, attribute_candidates
    from quotes.extract.entity_types import speaker_mention_type
    from quotes.extract.pipeline import parse_for_attribution
    from quotes.extract.ranking import apply_ranker

    def typed(text):
        marks, docs = parse_for_attribution(text)
        ctx = article_context(text, marks, docs)
        return [(c.quote.speaker, *speaker_mention_type(ctx.index, text, c.quote))
                for c in attribute_candidates(text, marks, docs, use_filter=False, ranker=apply_ranker)]
    assert typed("The mayor called the plan “reckless and cruel” on Monday.")[0][1:] == ("person", False, False)
    assert typed("The retired neurosurgeon called the plan “reckless” on Monday.")[0][1:] == ("person", False, False)
    assert typed("A thick cloud of smoke and dust is set to settle over the capital this week, with forecasters "
                 "warning that the air is likely to reach “emergency” levels.") == [
        ("A thick cloud of smoke and dust", "description", False, False)]
    assert typed("Scott's relatives said they came away with “more questions than answers.”") == [
        ("Scott's relatives", "description", True, True)]
