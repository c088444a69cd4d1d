"""find_marks: quotation spans by rules; offsets always slice the text."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.extract.marks import find_marks, text_outside


def spans(text):
    return [text[m.start:m.end] for m in find_marks(text)]


def test_curly_and_straight():
    text = 'He said, “We are ready.” She said, "So are we."'
    assert spans(text) == ["We are ready.", "So are we."]


def test_single_quotes_in_headline():
    text = "US defense chief Austin says North Korea has sent troops: ‘Very, very serious issue’"
    assert spans(text) == ["Very, very serious issue"]


def test_mixed_pair_opening_with_right_quote():
    text = "The secretary said it would be a ’very serious issue' if troops join the war."
    assert spans(text) == ["very serious issue"]


def test_apostrophes_are_not_marks():
    text = "They’re sure Russia’s army recruited in the ’90s and that Sanders’ aides knew."
    assert spans(text) == []


def test_apostrophes_inside_a_quote():
    text = "“They’re in Russia’s east,” Kirby said."
    assert spans(text) == ["They’re in Russia’s east,"]


def test_multi_paragraph_quote_is_one_mark():
    text = ("“These soldiers then traveled onward to training sites. We do not yet know more.\n"
            "“After completing training, they could travel west,” Kirby continued.")
    marks = find_marks(text)
    assert len(marks) == 1
    m = marks[0]
    assert m.multi_paragraph
    assert text[m.start:m.end].startswith("These soldiers")
    assert text[m.start:m.end].endswith("travel west,")


def test_unclosed_quote_stops_at_paragraph_end():
    text = "Kirby said “this is unclosed and runs on.\nThe next paragraph is the writer's own.\n"
    marks = find_marks(text)
    assert len(marks) == 1
    assert text[marks[0].start:marks[0].end] == "this is unclosed and runs on."
    assert marks[0].close_mark is None


def test_unbalanced_marks_keep_the_rest():
    text = "A stray ” mark.\n“Here is a real quote,” he said."
    assert spans(text) == ["Here is a real quote,"]


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "“He told me ‘never again’ and left,” she said."
    assert spans(text) == ["He told me ‘never again’ and left,"]


def test_nested_same_kind():
    text = "“I read “Stranger Things” reviews,” she said."
    assert spans(text) == ["I read “Stranger Things” reviews,"]


def test_quote_split_by_attribution_is_two_marks():
    text = "“If they deploy,” Kirby said, “they’re fair game.”"
    assert spans(text) == ["If they deploy,", "they’re fair game."]


def test_markup_attributes_are_not_quotes():
    text = '<tweet id="1" author="@x">Hello</tweet> and "a quote" here.'
    assert spans(text) == ["a quote"]


def test_very_long_paragraph_unclosed_is_bounded():
    text = "He said “" + "word. Another sentence here " * 2000
    marks = find_marks(text)
    assert len(marks) == 1
    assert marks[0].end - marks[0].start <= 700


def test_empty_and_odd_inputs():
    assert find_marks("") == []
    assert find_marks("“”") == []
    assert find_marks('"') == []
    assert find_marks("\n\n\n") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n“”\"‘’'—:") + ["x"]), max_size=400))
def test_property_never_raises_and_offsets_slice(text):
    for m in find_marks(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end].strip() == text[m.start:m.end]
        assert 0 <= m.open_mark < m.start
        assert m.close_mark is None or m.end <= m.close_mark < len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_property_any_unicode(text):
    marks = find_marks(text)
    prev_end = -1
    for m in marks:
        assert text[m.start:m.end]
        assert m.start > prev_end - 1
        prev_end = m.end


def test_terminates_fast_on_adversarial_input():
    import time

    text = ("“ " + "”x“" * 5000 + "\n" + "'a' ‘b’ " * 5000 + '"' * 3000 + "\n“") * 3
    t0 = time.perf_counter()
    marks = find_marks(text)
    assert time.perf_counter() - t0 < 2.0
    for m in marks:
        assert 0 <= m.start < m.end <= len(text)


def test_a_closing_mark_before_a_comma_closes_even_after_a_space():
    # French typography: « ... », with a space inside the guillemets; a mark followed by a
    # comma (or ; : ! ? and a full stop that is no ellipsis) never opens a quote
    text = ("Le ministre a déclaré lundi : « Nous sommes prêts à travailler avec tout le monde », "
            "a-t-il dit. « Oui », a répondu sa collègue. Il a ajouté « c'est la fin ».\n")
    assert [text[m.start:m.end].strip() for m in find_marks(text)] == [
        "Nous sommes prêts à travailler avec tout le monde", "Oui", "c'est la fin"]
    assert spans("He said “...we will win” today.") == ["...we will win"]


def test_paragraph_opened_with_a_closing_shaped_mark():
    # some outlets open a quoted paragraph with ” (often before an ellipsis)
    text = "The mayor spoke last week.\n\n” … the bridge will be rebuilt by spring,” she said."
    assert spans(text) == ["… the bridge will be rebuilt by spring,"]


def test_closing_shaped_mark_at_paragraph_start_that_never_closes_is_stray():
    text = "“We will rebuild the bridge.\n\n” she said, and left the room."
    assert "she said, and left the room." not in spans(text)


def test_closing_shaped_mark_then_a_real_quote():
    text = "The mayor spoke.\n\n” Then she said: “We rebuild.”"
    assert spans(text) == ["We rebuild."]


def test_format_characters_next_to_a_mark_are_invisible():
    # U+202A (left-to-right embedding) pasted before the mark of each reader comment
    text = "Readers answered.\n\n\u202a”Rebuild it now!” wrote one reader.\n\n\u202a”Not with my taxes,” wrote another."
    assert spans(text) == ["Rebuild it now!", "Not with my taxes,"]


def test_doubled_opening_mark_opens_at_the_inner_mark():
    text = 'Then the mayor was asked.\n\n"“We will rebuild,” she said before leaving."\n\nThe council met.'
    assert spans(text) == ["We will rebuild,"]
    text = "The plan reads: ““Every bridge shall be inspected each year.”\n\nThe council met."
    assert spans(text) == ["Every bridge shall be inspected each year."]


def test_unclosed_quote_does_not_end_with_a_nested_quotes_close():
    text = "She called it “a plan like any other, a return to “growth for all.”\n\nThe council met."
    assert spans(text) == ["a plan like any other, a return to “growth for all."]


def test_a_paragraph_broken_inside_a_quote_is_joined_to_its_close():
    text = ("“We have not had a budget like this since the crash of\n\n2008. Nobody wants that again,” "
            "the mayor said.\n\nThe council met.")
    marks = find_marks(text)
    assert [text[m.start:m.end] for m in marks] == [
        "We have not had a budget like this since the crash of\n\n2008. Nobody wants that again,"]
    assert marks[0].close_mark is not None
    text = "“Bridges need money and they need it\nnow,” the mayor said."
    assert spans(text) == ["Bridges need money and they need it\nnow,"]


def test_a_pull_quotes_speaker_line_is_not_joined():
    text = '"Bridges need money now.\nJane Roe, city engineer."\n\nThe council met.'
    assert spans(text) == ["Bridges need money now."]


def test_long_markup_attributes_are_not_quotes():
    body = "the bridge is safe and the council should say so before the vote next week " * 6
    text = f'<tweet tweet-author="{body}" tweet-date="{body}">The mayor said “we rebuild.”<tweet/>.'
    assert len(body) > 400
    assert spans(text) == ["we rebuild."]


def test_a_mark_between_a_word_and_a_bracket_closes():
    text = "Roundup: “The council voted to rebuild the bridge.“[Local News]\n\n“[It] will cost more,” she said."
    assert spans(text) == ["The council voted to rebuild the bridge.", "[It] will cost more,"]



@pytest.mark.parametrize("text", [
    "a” " * 600_000,  # stray closing marks in one long paragraph (each asked whether it opens the line)
    "a”" * 900_000,
    "    ” a" * 250_000,
    "“x " + "“y” " * 450_000,  # an open quote, then quoted words (each asked whether it doubles the opener)
    "“" + "\u200b" * 20_000 + "x" + " “y”" * 20_000,  # the same after a long run of invisible characters
    "\u200b" * 20_000 + "a” " * 20_000,
])
def test_a_long_paragraph_of_marks_costs_linear_time(text):
    # up to 2 M characters (ingest's limit) in one paragraph: a linear scan takes ~0.3 s
    import time

    started = time.process_time()
    find_marks(text)
    assert time.process_time() - started < 3.0


def test_text_outside_keeps_the_writers_words_only():
    text = 'The mayor said “we will rebuild,” and added: “soon.” Nothing else.'
    marks = find_marks(text)
    assert "".join(text_outside(text, marks)) == "The mayor said  and added:  Nothing else."
    start = text.index("and")
    assert "".join(text_outside(text, marks, start, text.index("Nothing"))) == "and added:  "


def test_two_single_closing_marks_close_a_double_quote():
    text = ("Campaigners cried foul.\n“It was an attempt to mislead voters,’’ Will Moy, chief executive of "
            "Full Fact, told the BBC. “And I think it is inappropriate.”\nThe party defended it.")
    assert spans(text) == ["It was an attempt to mislead voters,", "And I think it is inappropriate."]
    text = "The regulator warned that “voters are entitled to transparency.’’ It has no “role in content.’’"
    assert spans(text) == ["voters are entitled to transparency.", "role in content."]


def test_two_single_closing_marks_close_the_nested_quote_first():
    text = "“They asked a “question’’ that was an attack,” she said."
    assert spans(text) == ["They asked a “question’’ that was an attack,"]


def test_doubled_apostrophes_inside_a_double_quote_open_and_close_a_nested_quote():
    text = '"I said \'\'no\'\' to him twice," the mayor said.'
    assert spans(text) == ["I said ''no'' to him twice,"]


def test_doubled_apostrophes_quoting_alone_are_unchanged():
    text = "''We finally may be seeing it,'' the economist said. Rents rose ''a lot.''"
    assert spans(text) == ["We finally may be seeing it,", "a lot."]

