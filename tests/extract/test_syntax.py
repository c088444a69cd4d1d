"""Readings of a parse: noun phrases, name spans, roles, participles."""
from quotes.extract.syntax import (after_article, doc_text, is_name_token, is_possessed_speech_noun, name_span,
                                   named_participle, np_tokens, role_left)


def tok(doc, text):
    return next(t for t in doc if t.text == text)


def test_name_span_and_role_left(parse):
    _, doc = parse("Defense Secretary Lloyd Austin said the troops were there.")
    span = name_span(tok(doc, "Austin"))
    assert doc_text(span) == "Secretary Lloyd Austin"  # the title is split off later (lexicon)
    assert role_left(span) == "Defense"
    _, doc = parse("Kirby met US defense secretary Lloyd Austin on Monday.")
    span = name_span(tok(doc, "Austin"))
    assert doc_text(span) == "Lloyd Austin" and role_left(span) == "US defense secretary"


def test_name_span_joins_a_hyphenated_surname(parse):
    _, doc = parse("Sue Seedorff-Keninger said the vote was close.")
    assert doc_text(name_span(tok(doc, "Keninger"))) == "Sue Seedorff-Keninger"


def test_np_tokens_drops_relative_clauses(parse):
    _, doc = parse("The spokesman who spoke first said nothing.")
    assert [t.text for t in np_tokens(tok(doc, "spokesman"))] == ["The", "spokesman"]


def test_possessed_speech_noun_and_participle(parse):
    _, doc = parse("Trump's claim about the troops was false. The ad shows footage of Clinton saying it.")
    assert is_possessed_speech_noun(tok(doc, "claim"))
    assert named_participle(tok(doc, "saying")).text == "Clinton"


def test_names_after_an_article_are_things(parse):
    _, doc = parse("The 13th Amendment passed, and Sanders won.")
    assert after_article(tok(doc, "Amendment"))
    assert not after_article(tok(doc, "Sanders"))
    assert is_name_token(tok(doc, "Sanders"))


def test_a_name_span_takes_compounds_of_compounds(parse):
    # "New" hangs on "York", "York" on "Times": the name is not cut to "York Times"
    _, doc = parse("The New York Times said the report was wrong.")
    assert doc_text(name_span(tok(doc, "Times"))) == "New York Times"
    _, doc = parse("The United Nations Security Council said the decision was wrong.")
    assert doc_text(name_span(tok(doc, "Council"))) == "United Nations Security Council"
    # a person's titles stay apart from the name (the lexicon splits the direct ones off)
    _, doc = parse("House Intelligence Republican Mike Pompeo agreed with that point.")
    assert doc_text(name_span(tok(doc, "Pompeo"))) == "Republican Mike Pompeo"


def test_name_span_reads_an_institutions_of_for_and_tail(parse):
    # "of"/"for" (and "the") before a capitalised run, "and" joining another run: the whole name
    for text, head, want in (
            ("The Department of Health and Human Services said so.", "Department",
             "Department of Health and Human Services"),
            ("The Office for National Statistics said so.", "Office", "Office for National Statistics"),
            ("The Royal Society for the Protection of Birds said so.", "Society",
             "Royal Society for the Protection of Birds"),
            ("The United Nations High Commissioner for Refugees said so.", "Commissioner",
             "United Nations High Commissioner for Refugees")):
        _, doc = parse(text)
        assert doc_text(name_span(tok(doc, head))) == want, text
    # a title after "and" is another speaker; an office's "of" belongs to its title
    _, doc = parse("The Department of Justice and Attorney General Bill Barr said so.")
    assert doc_text(name_span(tok(doc, "Department"))) == "Department of Justice"
    _, doc = parse("The Secretary of State said so.")
    assert doc_text(name_span(tok(doc, "Secretary"))) == "Secretary"
