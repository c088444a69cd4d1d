"""Speech cues: verb forms from lemmas, and the token tests on a real parse."""
from quotes.extract.cues import FORMS, is_according, is_cue_token, lemma_of


def test_regular_and_irregular_forms_map_to_their_lemma():
    assert FORMS["says"] == "say" and FORMS["said"] == "say" and FORMS["saying"] == "say"
    assert FORMS["quipped"] == "quip" and FORMS["replied"] == "reply" and FORMS["argues"] == "argue"


def test_speech_verbs_are_cues_and_other_verbs_are_not(parse):
    _, doc = parse("Kirby told reporters the troops arrived, and Austin walked out.")
    by = {t.text: t for t in doc}
    assert lemma_of(by["told"]) == "tell" and is_cue_token(by["told"])
    assert not is_cue_token(by["arrived"]) and not is_cue_token(by["walked"])
    assert not is_cue_token(by["reporters"])  # not a verb


def test_put_it_and_phrasal_verbs(parse):
    _, doc = parse("As Cornyn put it, the bill is dead. Mr. Trump shot back.")
    by = {t.text: t for t in doc}
    assert is_cue_token(by["put"])
    assert is_cue_token(by["shot"])  # "shot" alone is no speech verb; "shot back" is


def test_according_to(parse):
    _, doc = parse("The plan failed, according to Kirby.")
    assert [t.text for t in doc if is_according(t)] == ["according"]


def test_continuing_to_do_something_is_no_cue(parse):
    _, doc = parse("The company continued to sign up subscribers. “We are fine,” Mayer continued.")
    conts = [t for t in doc if t.lower_ == "continued"]
    assert not is_cue_token(conts[0]) and is_cue_token(conts[1])


def test_a_parenthetical_said_credits_the_quote_and_not_the_subject_going_on_after_it():
    from quotes.extract.pipeline import extract_quotes

    text = ("Disney said its streaming service had signed up ten million customers.\n\n"
            "Disney's tech teams isolated the problem, Mayer said, and \"patched\" the software as the company "
            "continued to sign up additional subscribers throughout the week.\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Mayer"]
