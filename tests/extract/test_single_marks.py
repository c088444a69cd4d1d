"""Quotes in single marks (‘…’) go through the quote filter's hard rejects (issue 18): a
named work or a term in the writer's own voice in single marks is dropped like one in double
marks; a quotation in single marks is still kept. The texts are invented for these tests."""
from quotes.extract.pipeline import extract_quotes

TEXT = ("Maria Lopez, the city’s housing minister, spoke in Leeds on Monday.\n\n"
        "She listened to ‘the sound of the city at night’ podcast every week.\n\n"
        "You might feel like you want to ‘give up on the whole thing’ after a long day.\n\n"
        "Lopez said the plan was a ‘game changer for renters’ in the city.\n\n"
        "‘We will build ten thousand homes before the next election,’ Lopez told reporters.")


def texts(text):
    return {q.text: q for q in extract_quotes(text)}


def test_single_marked_quotations_are_kept_with_their_speaker():
    found = texts(TEXT)
    q = found["We will build ten thousand homes before the next election,"]
    assert q.mark_style == "single" and q.speaker == "Maria Lopez"
    assert found["game changer for renters"].speaker == "Maria Lopez"


def test_single_marked_work_title_is_dropped():
    assert "the sound of the city at night" not in texts(TEXT)


def test_single_marked_term_in_the_writers_voice_is_dropped():
    assert "give up on the whole thing" not in texts(TEXT)


def test_double_and_single_marks_are_filtered_alike():
    single = texts(TEXT)
    double = texts(TEXT.replace("‘", "“").replace("’ ", "” ").replace(",’", ",”"))
    assert set(single) == set(double)


def test_headline_quotation_in_single_marks_is_kept():
    text = ("Mayor Lopez: Plan Is ‘Trying To Build A Fairer City,’ Not A Tax\n\n"
            "Maria Lopez, the city’s mayor, defended the housing plan on Monday in Leeds.")
    assert "Trying To Build A Fairer City," in texts(text)
