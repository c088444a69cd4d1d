"""Articles not in English (issue 18): tested by quotes.ingest.language, not parsed, only
quoted sentences kept, with no speaker (quotes.extract.foreign). The fixture is a short
Italian news text written for this test: a quotation with "ha detto", a question, a film
title and a scare quote."""
from pathlib import Path

import sqlite_utils

from quotes.extract.foreign import METHOD, is_quoted_sentence
from quotes.extract.pipeline import extract_articles, extract_quotes
from quotes.ingest.files import read_file
from quotes.ingest.language import ENGLISH, NOT_ENGLISH_NOTE, OTHER, is_english, language_of
from quotes.model import Article
from quotes.store.db import open_db, save_article

ITALIAN = Path(__file__).resolve().parents[1] / "fixtures" / "languages" / "italiano.txt"
ENGLISH_TEXT = ("The mayor said on Tuesday that the new bridge would open in March, after three years of "
                "work and a long fight in the council. “We are ready to work with everyone, even those who "
                "criticised us,” Mayor Mark Ross told reporters. The opposition calls it a waste and wants to "
                "know what it will really cost, and the council is to vote on it in the spring.")


def test_the_language_test_tells_english_from_other_languages():
    assert is_english(ENGLISH_TEXT) and language_of(ENGLISH_TEXT) == ENGLISH
    assert language_of(ITALIAN.read_text(encoding="utf-8")) == OTHER
    assert is_english("“Fine,” she said.")  # too short to tell: English, as before


def test_a_sentence_is_kept_a_term_or_title_is_not():
    assert is_quoted_sentence("Siamo pronti a lavorare con tutti")
    assert is_quoted_sentence("Chi pagherà?")
    assert not is_quoted_sentence("inutile") and not is_quoted_sentence("Il Signore degli Anelli")


def test_an_italian_article_keeps_its_quoted_sentences_without_speakers():
    article = read_file(ITALIAN)
    assert article.language == OTHER and NOT_ENGLISH_NOTE in article.notes
    [(_, quotes)] = list(extract_articles([article]))
    assert [q.text[:12] for q in quotes] == ["Siamo pronti", "Chi pagherà "]
    assert all(q.speaker is None and q.method == METHOD and q.confidence == 0.0 for q in quotes)
    assert all(article.text[q.start:q.end] == q.text for q in quotes)
    assert [q.text for q in extract_quotes(article.text)] == [q.text for q in quotes]


def test_an_english_article_is_attributed_as_before():
    [(_, quotes)] = list(extract_articles([english_article(ENGLISH_TEXT)]))
    assert [q.speaker for q in quotes] == ["Mark Ross"]


def english_article(text):
    return Article(doc_id="en", text=text)


def test_the_store_keeps_the_article_language(tmp_path):
    db = open_db(str(tmp_path / "x.db"))
    article = read_file(ITALIAN)
    save_article(db, article, [])
    save_article(db, english_article(ENGLISH_TEXT), [])
    rows = sqlite_utils.Database(tmp_path / "x.db").execute("select doc_id, language from articles").fetchall()
    assert sorted(rows) == [("en", ENGLISH), ("italiano", OTHER)]


def test_the_spacy_component_keeps_the_same_quotes():
    import importlib.util

    import spacy

    from quotes.extract.nlp import MODEL_NAMES

    nlp = spacy.load(next(name for name in MODEL_NAMES if importlib.util.find_spec(name)))
    nlp.add_pipe("quotes")
    text = ITALIAN.read_text(encoding="utf-8")
    assert [q.text for q in nlp(text)._.quotes] == [q.text for q in extract_quotes(text)]


# Written for this test: a short news item in Chinese (two quoted sentences, a quoted term)
# and one in Japanese. Chinese and Japanese are written without spaces: a run of letters is a
# clause, not a word, so a text of hundreds of characters counted fewer than
# language.MIN_WORDS "words" and was taken as English, parsed, and lost its quotes.
CHINESE = ("外交部发言人周一在例行记者会上表示，中方对有关报道表示严重关切。"
           "他说：“我们敦促有关方面停止一切挑衅行为，为地区和平与稳定作出建设性努力。”\n\n"
           "据报道，有关国家近日在该地区举行了大规模军事演习，引发国际社会广泛关注。"
           "分析人士指出，“这种做法只会加剧紧张局势，不利于问题的解决。”一位官员称，各方应“保持克制”。\n")
JAPANESE = ("首相は月曜日、記者団に対し「経済対策を速やかに実行し、国民の生活を守る」と述べた。"
            "政府は物価高騰への対応として、電気・ガス料金の補助を延長する方針だ。\n")


def test_a_short_text_in_a_script_without_spaces_is_not_english():
    assert language_of(CHINESE) == OTHER and language_of(JAPANESE) == OTHER
    [(_, quotes)] = list(extract_articles([Article(doc_id="zh", text=CHINESE)]))
    assert [q.text[:6] for q in quotes] == ["我们敦促有关", "这种做法只会"]
    assert all(q.method == METHOD and q.speaker is None for q in quotes)


def test_the_language_test_holds_no_list_of_the_letters_of_a_long_text():
    # a letter of a script without spaces counts as a word; a 2 M-character Chinese text
    # (ingest's limit) held a 2 M-string list: 170 MB for one article in each worker
    import tracemalloc

    text = "中文新闻报道" * 330_000
    tracemalloc.start()
    try:
        assert not is_english(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60e6, peak
