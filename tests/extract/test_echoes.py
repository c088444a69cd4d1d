"""A lede crediting an institution with words a named person is quoted saying takes the person."""
from quotes.extract.echoes import credit_echoes
from quotes.extract.pipeline import extract_quotes
from quotes.model import Quote

LEDE = ("WASHINGTON — The United States said Wednesday that the troops would be “fair game” if they "
        "went into battle.\n\nWhite House spokesman John Kirby spoke to reporters.\n\n"
        "Kirby warned that “if they deploy to fight Ukraine, they’re fair game.”\n")


def test_lede_words_go_to_the_person_quoted_saying_them():
    quotes = extract_quotes(LEDE)
    lede = next(q for q in quotes if q.text == "fair game")
    assert lede.speaker == "John Kirby" and lede.method == "echo"
    # as sure as Kirby's own words, whatever the lede's credit was worth
    kirby = next(q for q in quotes if q.text.startswith("if they deploy"))
    assert lede.confidence == kirby.confidence and lede.confidence > 0.8


def test_an_echo_of_a_quote_credited_to_nobody_is_as_sure_as_the_person():
    lede = Quote(start=0, end=9, text="fair game", kind="partial", confidence=0.05)
    full = Quote(start=20, end=43, text="They are fair game now.", kind="full", speaker="John Kirby",
                 speaker_kind="person", confidence=0.97)
    credit_echoes([lede, full])
    assert (lede.speaker, lede.confidence) == ("John Kirby", 0.97)


def test_two_people_saying_the_words_leave_the_credit_alone():
    def quote(text, speaker, kind, sk):
        return Quote(start=0, end=len(text), text=text, kind=kind, speaker=speaker, speaker_kind=sk, confidence=0.9)
    lede = quote("fair game", "The United States", "partial", "organisation")
    a = quote("They are fair game now.", "John Kirby", "full", "person")
    b = quote("Troops there are fair game.", "Lloyd Austin", "full", "person")
    credit_echoes([lede, a, b])
    assert lede.speaker == "The United States"
    credit_echoes([lede, a])
    assert lede.speaker == "John Kirby"
