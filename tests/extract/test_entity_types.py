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
