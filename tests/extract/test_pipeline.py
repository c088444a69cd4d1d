"""The public API: extract_articles, extract_quotes, the spaCy component, and the seeds."""
from pathlib import Path

import pytest

from quotes.extract.pipeline import extract_articles, extract_quotes, segments_for
from quotes.extract.marks import find_marks
from quotes.model import Article, Quote
from quotes.extract.nlp import load_nlp

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix):
    path = next(SEEDS.glob(prefix + "*.txt"))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_quotes():
    arts = [Article(doc_id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    return {a.doc_id[:3]: (a.text, qs) for a, qs in extract_articles(arts, batch_size=4)}


def speaker_of(seed_quotes, prefix, startswith):
    text, qs = seed_quotes[prefix]
    for q in qs:
        if q.text.startswith(startswith):
            return q
    raise AssertionError(f"{startswith!r} not found in seed {prefix}")


def test_extract_articles_keeps_order_and_types(seed_quotes):
    assert list(seed_quotes) == ["000", "001", "002", "003", "004"]
    for text, qs in seed_quotes.values():
        for q in qs:
            assert isinstance(q, Quote)
            assert text[q.start:q.end] == q.text


def test_every_seed_quote_is_found(seed_quotes):
    """Every double-quoted span in the seeds is a quote (the seeds have no scare quotes)."""
    for text, qs in seed_quotes.values():
        found = {(q.start, q.end) for q in qs}
        for m in find_marks(text):
            if text[m.open_mark] in "“\"":
                assert (m.start, m.end) in found, text[m.start:m.end]


@pytest.mark.parametrize("prefix,startswith,speaker", [
    ("000", "There is a language barrier", "Andriy Kovalenko"),
    ("000", "Our analysts, they continue", "Lloyd Austin"),
    ("000", "What exactly they’re doing", "Lloyd Austin"),
    ("000", "dangerous and highly concerning", "Pat Ryder"),
    ("000", "If their intention is", "Lloyd Austin"),
    ("000", "went tin-cupping", "Lloyd Austin"),
    ("000", "for the money", "Volodymyr Zelenskiy"),
    ("001", "We assess that", "John Kirby"),
    ("001", "These soldiers then traveled onward", "John Kirby"),
    ("001", "We have briefed", "John Kirby"),
    ("001", "if North Korean soldiers do enter", "John Kirby"),
    ("001", "It would also demonstrate", "John Kirby"),
    ("001", "What exactly are they doing?", "Lloyd Austin"),
    ("001", "a very, very serious issue", "Lloyd Austin"),
    ("001", "significant escalation", "Mark Rutte"),
    ("002", "very serious issue", "Lloyd Austin"),
    ("002", "We are seeing evidence", "Lloyd Austin"),
    ("002", "Probably some of the Eastern", "Paul Davis"),
    ("002", "There’s a separate discussion", "Michael DiMino"),
    ("002", "But right now, they’re not", "Michael DiMino"),
    ("002", "[It’s] important not to overreact", "Michael DiMino"),
    ("002", "It’s when they cross the border", "Paul Davis"),
    ("002", "because we just don’t know", "John Kirby"),
    ("002", "strong new sanctions", "Janet Yellen"),
    ("003", "Very, very serious issue", "Lloyd Austin"),
    ("003", "very, very serious issue,", "Lloyd Austin"),
    ("004", "These soldiers then traveled", "John Kirby"),
    ("004", "remains to be seen", "Lloyd Austin"),
    ("004", "If they are belligerents", "Lloyd Austin"),
    ("004", "I can tell you one thing", "John Kirby"),
    ("004", "next step", "Lloyd Austin"),
    ("004", "significant escalation", "Mark Rutte"),
])
def test_seed_speakers(seed_quotes, prefix, startswith, speaker):
    assert speaker_of(seed_quotes, prefix, startswith).speaker == speaker


def test_seed_multi_paragraph_quote(seed_quotes):
    q = speaker_of(seed_quotes, "001", "These soldiers then traveled onward")
    assert q.multi_paragraph
    assert "\n“After completing training" in q.text
    assert q.text.endswith("against the Ukrainian military,")


def test_seed_002_he_said_is_a_pronoun_resolution(seed_quotes):
    q = speaker_of(seed_quotes, "002", "There’s a separate discussion")
    assert q.speaker_mention == "he" and q.cue == "said" and q.method.endswith(":pronoun")
    assert 0.5 < q.confidence < 1.0  # right, and the calibrated confidence says so (issue 18)


def test_article_without_marks_is_not_parsed():
    text = "No quotation marks here.\n\nJust reporting."
    assert segments_for(text, find_marks(text)) == []
    assert extract_quotes(text) == []


def test_extract_quotes_uses_given_nlp():
    nlp = load_nlp()
    qs = extract_quotes("“We are ready,” Kirby said.", nlp=nlp)
    assert [q.speaker for q in qs] == ["Kirby"]


def test_spacy_component_sets_doc_extension():
    import spacy

    import quotes.extract.pipeline  # noqa: F401  registers the factory

    nlp = spacy.load(_model_name())
    nlp.add_pipe("quotes")
    doc = nlp(seed("004"))
    assert any(q.speaker == "John Kirby" for q in doc._.quotes)


def _model_name():
    from quotes.extract.nlp import MODEL_NAMES
    import importlib.util

    return next(n for n in MODEL_NAMES if importlib.util.find_spec(n))


def test_empty_and_broken_articles_never_raise():
    arts = [Article(doc_id="a", text=""), Article(doc_id="b", text="“"), Article(doc_id="c", text="” x “ y")]
    out = list(extract_articles(arts))
    assert [a.doc_id for a, _ in out] == ["a", "b", "c"]


def test_whole_article_on_one_line_is_parsed_in_windows():
    filler = "The committee met again on Tuesday to discuss the budget. " * 600
    text = filler + "“We will not back down,” Kirby said. " + filler
    assert len(text) > 60000
    segs = segments_for(text, find_marks(text))
    assert sum(e - s for s, e in segs) < 6000
    qs = extract_quotes(text)
    assert [(q.text, q.speaker) for q in qs] == [("We will not back down,", "Kirby")]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = list(" .,\n“”\"‘’'—:") + ["Kirby ", "Word ", "said ", "He ", "the spokesman ", "Lloyd Austin ",
                                   "told reporters"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=50).map("".join))
def test_property_extract_never_raises_and_never_names_a_pronoun(text):
    for q in extract_quotes(text):
        assert text[q.start:q.end] == q.text
        assert q.speaker is None or q.speaker.lower() not in ("he", "she", "spokesman", "the spokesman")


def test_spacy_component_sees_what_the_build_sees_with_or_without_ner():
    # NER is off on the build path; the component must not read it either, so a pipeline
    # with `ner` and one without give the same quotes.
    import spacy

    import quotes.extract.pipeline  # noqa: F401  registers the factory

    with_ner = spacy.load(_model_name())
    without = spacy.load(_model_name(), exclude=["ner"])
    for nlp in (with_ner, without):
        nlp.add_pipe("quotes")
    text = seed("004")
    got = [[(q.start, q.end, q.speaker, q.method) for q in nlp(text)._.quotes] for nlp in (with_ner, without)]
    assert got[0] == got[1] and got[0]
    meta = with_ner.get_pipe_meta("quotes")
    assert "token.dep" in meta.requires and "doc._.quotes" in meta.assigns


def test_a_context_paragraph_opening_with_a_pronoun_brings_the_one_that_names_her():
    text = ("Then, last week, Dana Whitcombe posted a long message accusing the label.\n"
            "She claimed the label thought the show would be a re-recording.\n"
            "“I just want to be able to play my own songs,” she said.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Dana Whitcombe"
    marks = find_marks(text)
    assert segments_for(text, marks)[0][0] == 0  # the first paragraph is parsed


def test_a_definite_description_has_the_paragraph_before_parsed():
    # "the former California governor" refers back like a pronoun: the paragraph that names
    # him (with a first name no list knows) is parsed, so the description resolves to him
    text = ("Arnold Schwarzenegger, a Republican, criticized the president on Tuesday.\n\n"
            "“This is not leadership,” the former California governor said.\n")
    assert segments_for(text, find_marks(text))[0][0] == 0
    assert [q.speaker for q in extract_quotes(text)] == ["Arnold Schwarzenegger"]


def test_an_occupation_described_has_the_paragraph_before_parsed():
    # "the actress" refers back like "the senator": the paragraph that names her (a first name
    # no list knows) is parsed, so the description resolves to her
    text = "Mara Quinn plays a detective in the new series.\n\n“I wrote most of it myself,” the actress said.\n"
    assert segments_for(text, find_marks(text))[0][0] == 0
    assert [q.speaker for q in extract_quotes(text)] == ["Mara Quinn"]


def test_the_dot_of_a_title_abbreviation_the_tokenizer_splits_is_blanked_for_the_parser():
    # "Det." "Sgt." split off their dots, which the parser took for sentence ends
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import SPLIT_TITLE_ABBREVIATIONS, parse_text
    assert parse_text("Det. Sgt. Amy Collins and Sen. Bob Lee met Col. Kim. End Col.") == \
        "Det  Sgt  Amy Collins and Sen. Bob Lee met Col  Kim. End Col."
    tokenizer = load_nlp().tokenizer
    for abbr in SPLIT_TITLE_ABBREVIATIONS:  # the list is the tokenizer's: every one of them is split
        assert [t.text for t in tokenizer(abbr.capitalize() + ". Kim")][:2] == [abbr.capitalize(), "."]
    text = "“We are following several leads,” Det. Sgt. Amy Collins said.\n"
    assert [q.speaker for q in extract_quotes(text)] == ["Amy Collins"]


def test_a_definite_document_brings_the_paragraphs_that_may_name_its_issuer():
    text = ("The appeals court ruled on Friday against the state.\n"
            "The dispute centers on the removal of voters.\n"
            "Thousands were taken off the rolls.\n"
            "“A state cannot purge its voters,” the ruling said.\n")
    assert segments_for(text, find_marks(text))[0][0] == 0  # three paragraphs back
    plain = text.replace("the ruling said", "Judge Ann Reyes wrote")
    assert segments_for(plain, find_marks(plain))[0][0] == plain.index("“")  # nothing refers back


def test_a_heading_between_a_pronoun_and_its_name_is_passed_over():
    text = ("Mayor Ann Reyes announced the closure on Tuesday.\n\nREAD MORE: City to close shelter\n\n"
            "“We had no other choice,” she said.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Ann Reyes"
    assert segments_for(text, find_marks(text))[0][0] == 0


def test_the_paragraph_after_a_quote_standing_alone_is_parsed_when_it_points_back():
    # "“…”" alone, then "That was the reply of X": the next paragraph names the speaker
    text = ("The hearing lasted six hours.\n\n“I had no idea the money was missing.”\n\n"
            "That was the reply of chief executive Ann Reyes, who has led the company since 2015.\n")
    spans = segments_for(text, find_marks(text))
    assert any(s == text.index("That was") for s, _ in spans)
    assert [q.speaker for q in extract_quotes(text)] == ["Ann Reyes"]
    # not for a paragraph with the writer's words around the quote, nor a next one that does not point back
    text = "“I had no idea,” she said.\n\nThat was the reply of Ann Reyes.\n"
    assert all(s != text.index("That was") for s, _ in segments_for(text, find_marks(text)))
    text = "“I had no idea.”\n\nAnn Reyes has led the company since 2015.\n"
    assert all(s != text.index("Ann Reyes") for s, _ in segments_for(text, find_marks(text)))
