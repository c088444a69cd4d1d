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
