"""What a quoted span looks like: full or partial, a title, a nickname, a scare quote."""
import pytest

from quotes.extract.attribution.shape import is_single_mark, is_title_or_nickname, looks_unquoted, quote_kind
from quotes.extract.marks import find_marks


def mark(text):
    return find_marks(text)[0]


def test_full_and_partial():
    full = "Austin said, “We are seeing evidence of troops.”"
    partial = "Austin called it “a very serious issue” on Wednesday."
    assert quote_kind(full, mark(full)) == "full" and quote_kind(partial, mark(partial)) == "partial"


@pytest.mark.parametrize("text", [
    "He appeared on CNN's “State of the Union” on Sunday.",
    "State Rep. Marcia “Cia” Price voted no.",
    "the film “Stranger Things” was a hit",
])
def test_titles_and_nicknames(text):
    m = mark(text)
    assert is_title_or_nickname(text, m, text[m.start:m.end])


def test_a_sentence_of_speech_is_not_a_title():
    text = "Kirby said, “We are watching this very closely.”"
    m = mark(text)
    assert not is_title_or_nickname(text, m, text[m.start:m.end])
    assert not looks_unquoted(text, m, text[m.start:m.end])


def test_short_unattributed_words_look_unquoted_unless_a_person_is_the_subject():
    text = "The plan was “dead” by then."
    m = mark(text)
    assert looks_unquoted(text, m, "dead") and not looks_unquoted(text, m, "dead", person_subject=True)


def test_single_marks():
    assert is_single_mark("He called it ‘fake news’ again.", mark("He called it ‘fake news’ again."))
    assert not is_single_mark("“Yes,” he said.", mark("“Yes,” he said."))


# qprec (issue 18, class 5): how a quote sits in the writer's sentence, read off a real parse

def _view(text, k=0):
    from tests.extract.parsed import attributor

    att = attributor(text, k)
    return att.ctx, att.ctx.index.marks[k]


@pytest.mark.parametrize("text", [
    "The new thermostat has a glass face and a “vivid” touch display.",
    "The group showed the new “Arrangements” collection of chandeliers in Milan.",
])
def test_a_quoted_word_before_its_noun_modifies_it(text):
    from quotes.extract.attribution.shape import modifies_noun

    assert modifies_noun(*_view(text))


@pytest.mark.parametrize("text", [
    "He called the plan “reckless and cruel” on Monday.",
    "“We will not back down,” the mayor said.",
    "She said the talks were “very productive.”",
])
def test_speech_modifies_no_noun_after_it(text):
    from quotes.extract.attribution.shape import modifies_noun

    assert not modifies_noun(*_view(text))


def test_the_same_words_quoted_twice_are_quoted_again():
    from quotes.extract.attribution.shape import quoted_again

    text = "Putin would give “space” to Obama. With “Space” defined loosely, the deal held. He said “no.”"
    ctx, _ = _view(text)
    marks = ctx.index.marks
    assert quoted_again(ctx, marks[0]) and quoted_again(ctx, marks[1]) and not quoted_again(ctx, marks[2])


def test_speech_hangs_on_its_verb_and_a_term_deep_below_it():
    from quotes.extract.attribution.shape import NO_PATH, cue_hops

    said = "The senator said the bill was “a disaster for working families.”"
    ctx, m = _view(said)
    assert cue_hops(ctx, m, said.index("said")) in (1, 2)
    deep = "The embassy reported that the index reached 408 on Wednesday, earning a rating of “hazardous.”"
    ctx, m = _view(deep)
    assert cue_hops(ctx, m, deep.index("reported")) >= 4
    assert cue_hops(ctx, m, None) == NO_PATH


# term30 (issue 18, class 5): is the speaker found the one whose speech or naming verb governs
# the quoted words? Probe sentences written for the purpose, news style.

def _link(text, speaker):
    from quotes.extract.attribution.shape import speaker_link

    ctx, m = _view(text)
    start = text.index(speaker)
    return speaker_link(ctx, m, start, start + len(speaker))


@pytest.mark.parametrize("text, speaker", [
    ("Senator Mark Evans called the budget plan “reckless and cruel” on Tuesday.", "Senator Mark Evans"),
    ("The governor said the new tax was “a disaster for working families.”", "The governor"),
    ("Sen. Joan Park dismissed the report as “fake news” at a rally.", "Sen. Joan Park"),
    ("John Smith, who once dubbed the tax a “job killer,” now supports it.", "John Smith"),
    ("Trump said he thought the deal was “very bad.”", "Trump"),
])
def test_the_subject_of_a_speech_or_naming_verb_above_the_words_speaks_them(text, speaker):
    assert _link(text, speaker) == "speaks"


@pytest.mark.parametrize("text, speaker", [
    ("The embassy reported Wednesday that the index reached 408, earning a rating of “hazardous.”", "The embassy"),
    ("Would Adam Reed have pleaded to keep the “whistleblower’s” identity secret?", "Adam Reed"),
    ("The experts cannot explain why they were silent when the “reset” proved to be appeasement.", "The experts"),
])
def test_words_inside_the_writers_noun_phrase_or_modifier_clause_below_his_speech_are_nested(text, speaker):
    assert _link(text, speaker) == "nested"


@pytest.mark.parametrize("text, speaker", [
    ("Adam Reed has already lied about his aides' contacts with the “whistleblower” this year.", "Adam Reed"),
    ("The company redesigned its thermostat, which now has a glass face and a “vivid” touch display.",
     "The company"),
    ("The party was accused of changing the name of its press account to “factcheckUK” during the debate.",
     "The party"),
])
def test_the_subject_of_another_verb_above_the_words_only_acts(text, speaker):
    assert _link(text, speaker) == "acts"


@pytest.mark.parametrize("text, speaker", [
    ("The banks promise relief, and easing the “pain” people feel about money matters most, as Tom Hale told me.",
     "Tom Hale"),
    ("In films from Alien to Passengers, astronauts are put into “suspended animation” to cross space.", "Alien"),
])
def test_a_mention_that_governs_nothing_of_the_words_stands_apart(text, speaker):
    assert _link(text, speaker) == "apart"


def test_no_speaker_mention_no_link():
    from quotes.extract.attribution.shape import speaker_link

    ctx, m = _view("The plan was “dead” by then.")
    assert speaker_link(ctx, m, None, None) == ""
