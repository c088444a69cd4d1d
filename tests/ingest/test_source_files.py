"""Reading primary sources: front matter, sidecars, speaker turns, WebVTT and SRT captions."""
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED
from quotes.ingest.files import iter_articles
from quotes.ingest.sources import iter_sources, parse_captions, parse_turns, read_source
from quotes.model import Skipped, Source

SOURCES = FIXTURES / "sources"
TRANSCRIPTS = SHARED / "eval" / "transcripts"


def spoken(source: Source) -> list[tuple[str | None, str]]:
    return [(t.speaker, source.text[t.start:t.end]) for t in source.turns]


def test_front_matter_gives_speaker_date_occasion_and_url(tmp_path):
    path = tmp_path / "speech.md"
    path.write_text("---\nspeaker: Lloyd Austin\ndate: 2024-10-23\noccasion: Press conference in Rome\n"
                    "url: https://example.org/t\n---\n\nWe are seeing evidence.\n", encoding="utf-8")
    source = read_source(path)
    assert (source.speaker, source.date, source.title, source.url) == (
        "Lloyd Austin", "2024-10-23", "Press conference in Rome", "https://example.org/t")
    assert spoken(source) == [("Lloyd Austin", "We are seeing evidence.")]


def test_presidency_project_front_matter_needs_a_default_speaker(tmp_path):
    """description/source keys as in ../shared/eval/transcripts; no speaker key there."""
    path = tmp_path / "speech_2016-08-09.md"
    path.write_text("---\ndate: '2016-08-09'\ndescription: Remarks at a Rally\nsource: http://www.presidency.ucsb.edu/ws/"
                    "\ntype: speech\n---\n\nThank you. (APPLAUSE) Thank you.\n", encoding="utf-8")
    assert isinstance(read_source(path), Skipped)
    assert "--source-speaker" in read_source(path).reason
    source = read_source(path, default_speaker="Donald Trump")
    assert (source.speaker, source.date, source.title, source.url) == (
        "Donald Trump", "2016-08-09", "Remarks at a Rally", "http://www.presidency.ucsb.edu/ws/")


def test_turns_with_titles_and_questions():
    source = read_source(SOURCES / "austin_rome_briefing.txt")
    assert source.title == "Press conference in Rome" and source.date == "2024-10-23"
    turns = spoken(source)
    assert [s for s, _ in turns] == ["SECRETARY AUSTIN", None, "SECRETARY AUSTIN", None, "SECRETARY AUSTIN"]
    assert turns[1][1].startswith("Mr. Secretary, can you confirm")  # the question, without "Q:"
    assert turns[2][1].startswith("Our analysts") and turns[2][1].endswith("we need to sort out.")
    # the heading before the first label belongs to no one
    assert all("written for the tests" not in words for _, words in turns)


@pytest.mark.parametrize("text, expected", [
    ("MR. KIRBY: Good morning.\nQ  What about Russia?\nMR. KIRBY: We are watching.",
     [("MR. KIRBY", "Good morning."), (None, "What about Russia?"), ("MR. KIRBY", "We are watching.")]),
    (">> TRUMP: Wrong.\n>> CLINTON: Thank you.", [("TRUMP", "Wrong."), ("CLINTON", "Thank you.")]),
    ("SEN. JOHN SMITH (R-OH): Yes.\nQUESTION: Why?", [("SEN. JOHN SMITH (R-OH)", "Yes."), (None, "Why?")]),
    ("One speaker, no labels: nothing to split here.", []),
])
def test_turn_labels(text, expected):
    assert [(t.speaker, text[t.start:t.end]) for t in parse_turns(text)] == expected


def test_webvtt_voices_rolling_lines_and_questions():
    source = read_source(SOURCES / "kirby_briefing.vtt")
    assert source.kind == "captions" and source.date == "2024-10-23"
    turns = spoken(source)
    assert [s for s, _ in turns] == ["John Kirby", None, "John Kirby"]
    assert turns[0][1].count("North Korea moved at least 3,000 soldiers") == 1  # rolling line kept once
    assert turns[1][1] == "Would they be targets?"
    assert turns[2][1] == "I can tell you one thing, if they deploy to fight Ukraine, they're fair game."
    assert "-->" not in source.text and "<v" not in source.text


def test_srt_with_labels_and_speaker_changes(tmp_path):
    path = tmp_path / "briefing.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nSECRETARY AUSTIN: We are seeing\nevidence.\n\n"
                    "2\n00:00:03,000 --> 00:00:05,000\n>> Is that a threat?\n\n"
                    "3\n00:00:05,000 --> 00:00:07,000\nSECRETARY AUSTIN: <i>A very serious</i> issue.\n", encoding="utf-8")
    (tmp_path / "briefing.meta.json").write_text('{"date": "2024-10-23"}', encoding="utf-8")
    source = read_source(path)
    assert spoken(source) == [("SECRETARY AUSTIN", "We are seeing evidence."), (None, "Is that a threat?"),
                              ("SECRETARY AUSTIN", "A very serious issue.")]


def test_captions_without_speakers_are_one_speakers_words():
    text, turns = parse_captions("WEBVTT\n\n00:01.000 --> 00:02.000\nHello there.\n\n00:02.000 --> 00:03.000\nGood.\n")
    assert text == "Hello there. Good." and turns == []


@pytest.mark.parametrize("content, reason", [
    ("---\ndate: [unclosed\n---\nWords.\n", "front matter"),
    ("---\n- a list\n---\nWords.\n", "not a mapping"),
    ("---\nspeaker: A B\ndate: next Tuesday\n---\nWords.\n", "is not a day"),
    ("---\nspeaker: A B\n---\n\n", "no words"),
])
def test_bad_sources_are_skipped_with_a_reason(tmp_path, content, reason):
    path = tmp_path / "bad.md"
    path.write_text(content, encoding="utf-8")
    item = read_source(path)
    assert isinstance(item, Skipped) and reason in item.reason


def test_sources_are_not_articles_and_articles_not_sources(tmp_path):
    (tmp_path / "story.txt").write_text("“We are here,” she said.", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text('{"outlet": "Fox News"}', encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes, not a transcript\n", encoding="utf-8")
    (tmp_path / "briefing.txt").write_text("MR. KIRBY: Hello.", encoding="utf-8")
    (tmp_path / "briefing.meta.json").write_text('{"occasion": "Briefing", "date": "2024-10-23"}', encoding="utf-8")
    (tmp_path / "speech.md").write_text("---\nspeaker: A B\n---\nWords.", encoding="utf-8")
    (tmp_path / "captions.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nWords.\n", encoding="utf-8")
    articles = list(iter_articles([tmp_path]))
    assert [a.doc_id for a in articles] == ["story"]
    sources = list(iter_sources([tmp_path], default_speaker="Someone"))
    assert sorted(s.doc_id for s in sources) == ["briefing", "captions", "speech"]
    # a source given by name is not read as an article either
    assert list(iter_articles([tmp_path / "speech.md"])) == []


@pytest.mark.skipif(not TRANSCRIPTS.exists(), reason="../shared/eval/transcripts not available")
def test_the_real_transcripts():
    sources = list(iter_sources([TRANSCRIPTS], default_speaker="Donald Trump"))
    assert len(sources) == 74 and all(isinstance(s, Source) for s in sources)
    assert all(s.date and s.title and s.url.startswith("http") for s in sources)
    assert all(len(s.turns) == 1 and s.turns[0].speaker == "Donald Trump" for s in sources)
    debate = next(s for s in sources if s.doc_id == "general_debate_2016-09-26")
    assert debate.title.startswith("Presidential Debate at Hofstra")
    assert len(debate.text.split()) > 5000
    assert not any(Path(s.source).name == "SOURCE.md" for s in sources)
