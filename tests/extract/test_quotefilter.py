"""The quote/not-quote model: features from the text and attribution's evidence."""
import pytest

from quotes.extract.attribution.context import Evidence
from quotes.extract.attribution.shape import quote_kind
from quotes.extract.marks import find_marks
from quotes.extract.quotefilter import (KEEP_THRESHOLD, WEIGHTS, hard_reject, quote_features, quote_probability,
                                       writer_words)
from quotes.model import Quote


def features(text, method, speaker, cue_score, rule_reject=False, verb=True):
    m = find_marks(text)[0]
    q = Quote(m.start, m.end, text[m.start:m.end], method=method, speaker=speaker, mark_style="double",
              kind=quote_kind(text, m))
    return quote_features(text, m, q, Evidence(cue_score, rule_reject, True, verb))


def test_every_feature_has_a_weight():
    f = features("“We are ready,” Kirby said.", "subject:name", "Kirby", 3.0)
    assert set(f) <= set(WEIGHTS) | {"m_salience_guess"}


def test_an_attributed_sentence_is_kept_and_a_title_is_not():
    speech = features("“We are ready to go to war tomorrow,” Kirby said.", "subject:name", "Kirby", 3.0)
    title = features("He appeared on “Meet the Press” on Sunday.", "none", None, 0.0, rule_reject=True, verb=False)
    assert quote_probability(speech) >= KEEP_THRESHOLD > quote_probability(title)


def test_scare_quotes_are_rejected_outright():
    f = features("It was a so-called “deal” after all.", "none", None, 0.0)
    assert f["prev_scare"] == 1.0 and hard_reject(f) and quote_probability(f) == 0.0


def test_an_uncued_title_in_any_language_is_rejected_outright():
    for text in ("Netflix will stream a remake of the series “I Cavalieri dello Zodiaco” next year.",
                 "The gallery shows his installation “Lights after Lights after Lights” in Milan."):
        f = features(text, "none", None, 0.0, verb=False)
        assert f["uncued_term"] == 1.0 and quote_probability(f) == 0.0, text


def test_a_term_in_the_writers_own_voice_is_rejected_outright():
    f = features("You want to grow, but you are afraid to “put yourself out there” online.", "none", None, 0.0)
    assert f["uncued_term"] == 1.0 and hard_reject(f)


def test_cued_or_third_person_partial_quotes_are_not_terms():
    cued = features("She called the plan “Reckless And Cruel” on Monday.", "subject:name", "She", 2.5)
    third = features("The senator wants to “drain the swamp” in Washington.", "sentence_subject:name", "senator", 0.0)
    full = features("“We Will Win,” Kirby said.", "subject:name", "Kirby", 3.0)
    assert cued["uncued_term"] == third["uncued_term"] == full["uncued_term"] == 0.0


def test_writer_words_stop_at_other_quotation_marks():
    text = "“You know it,” he said. The mayor said “yes” and left."
    m = find_marks(text)[1]
    assert "You" not in writer_words(text, m) and "mayor" in writer_words(text, m)


def test_a_title_its_next_words_call_a_work_is_rejected_outright():
    for text in ("He told POLITICO’s “Off Message” podcast that he would run.",
                 "He took calls on his “Keepin' It Real” radio program on Sunday.",
                 "The crew filmed the latest “Fast & Furious” movie downtown."):
        f = features(text, "subject:name", "He", 2.5)
        assert f["work_named"] == 1.0 and quote_probability(f) == 0.0, text


def test_speech_followed_by_a_work_noun_elsewhere_is_not_a_work_title():
    ended = features("He said “we will win.” Book sales rose.", "subject:name", "He", 2.5)
    next_line = features("“We will win,” he said\nShow times follow.", "subject:name", "He", 2.5)
    cued = features("She called it “a very bad deal” on Monday.", "subject:name", "She", 2.5)
    conduit = features("“Hillary was back within days,” the book said.", "subject:name", "book", 2.5)
    object_ = features("They may “try to circumvent” the program next year.", "subject:name", "They", 2.5)
    assert ended["work_named"] == next_line["work_named"] == cued["work_named"] == 0.0
    assert conduit["work_named"] == object_["work_named"] == 0.0


def test_a_term_the_writer_names_as_words_is_mentioned():
    from quotes.extract.quotefilter import mentioned

    def m(text):
        mark = find_marks(text)[0]
        return mentioned(text, mark.start, text[mark.start:mark.end])
    # the writer presents the words as a term or a label: a mention
    assert m("She would not use the words “forever war,” the senator said.")
    assert m("He avoided the loaded term, “forever war,” in the debate.")
    assert m("Most of the files were rated “restricted,” the lowest level.")
    assert m("The files were marked as “secret” by the agency.")
    # the speaker's own words, even short ones: not a mention
    assert not m("Trump called her “crooked” at the rally.")
    assert not m("Sanders said the party wanted to “protect” Clinton.")
    assert not m("He said it was “a very, very serious issue.”")
    # a sentence after "the words" is quoted speech, not a term
    assert not m("He spoke the words “We will never give up on this country, never,” to the crowd.")


def test_a_work_noun_in_the_title_of_the_speaker_after_the_quote_names_no_work():
    # "film director Ava DuVernay said": the work noun qualifies the speaker's title
    from quotes.extract.pipeline import extract_quotes

    for text, name in (("“We wanted to tell the truth,” film director Ava DuVernay said.", "Ava DuVernay"),
                       ("“It was a tough week for everybody,” show host Jimmy Kimmel said.", "Jimmy Kimmel"),
                       ("“We have so many stories left,” series creator Vince Gilligan said.", "Vince Gilligan")):
        f = features(text, "subject:name", name, 2.5)
        assert f["work_named"] == 0.0, text
        assert [q.speaker for q in extract_quotes("The festival opened on Friday.\n\n" + text + "\n")] == [name]


def test_someones_own_words_are_speech_not_a_mentioned_term():
    from quotes.extract.quotefilter import mentioned

    def m(text):
        mark = find_marks(text)[0]
        return mentioned(text, mark.start, text[mark.start:mark.end])
    assert not m("Trump spoke in Ohio. In his own words, “We will win big.”")
    assert not m("Trump spoke in Ohio. In his words: “We will win big.”")
    assert not m("In the senator’s words, “It is over.”")
    assert m("She would not use the words “forever war,” the senator said.")  # still a term


def test_a_quote_ending_in_a_comma_is_followed_by_its_attribution_not_by_a_work():
    # "show" is a work and a verb: '“…,” emails show.' is an attributed quote
    f = features("The senator called the plan “a disaster for working families,” emails show.",
                 "subject:name", "emails", 2.5)
    assert f["work_named"] == 0.0
    f = features("“The fund is empty,” records show.", "subject:name", "records", 2.5)
    assert f["work_named"] == 0.0


def test_a_sentence_between_two_names_is_no_nickname():
    # "name_inside": a capitalised word before and after; a nickname never ends a sentence
    nick = features("The former coach John “Bulldog” Smith spoke at the dinner.", "none", None, 0.0, verb=False)
    assert nick["name_inside"] == 1.0 and hard_reject(nick)
    said = features("On Monday, Senator Jane Roe called Smith “reckless.” Mayor Bob Lee agreed.",
                    "subject:name", "Jane Roe", 3.0)
    assert said["name_inside"] == 1.0 and not hard_reject(said)


def test_a_scare_word_in_the_paragraph_before_does_not_make_a_scare_quote():
    text = "She opposed the so-called reforms.\n\n“Nobody asked the teachers what they need,” Roe said."
    f = features(text, "subject:name", "Roe", 3.0)
    assert f["prev_scare"] == 1.0 and not hard_reject(f) and quote_probability(f) >= KEEP_THRESHOLD


# qprec (issue 18, class 5): the article-level and syntactic term features

def test_a_reader_addressed_article_is_told_from_a_news_report():
    from quotes.extract.quotefilter import addresses_reader

    blog = ("You know the feeling. You want your business to grow, but your calendar is full and you "
            "are tired. Here is what you can do about it this week, and why it works. ") * 3
    news = ("The council voted on Tuesday to close the bridge for repairs. The mayor said the work "
            "would take six weeks and cost the city about two million dollars. ") * 3
    assert addresses_reader(blog, find_marks(blog)) and not addresses_reader(news, find_marks(news))


def test_you_inside_quotation_marks_does_not_make_a_blog():
    from quotes.extract.quotefilter import addresses_reader

    text = ("The council voted on Tuesday to close the bridge. “You have to see it, you really do, "
            "your streets are at stake and you know it,” the mayor said. ") * 3
    assert not addresses_reader(text, find_marks(text))


def test_an_unattributed_quote_in_a_reader_addressed_article_is_rejected_outright():
    blog = "You will love this. You know how your day goes. “Why are we even talking about this?” You decide."
    m = find_marks(blog)[0]
    q = Quote(m.start, m.end, blog[m.start:m.end], method="none", speaker=None, mark_style="double",
              kind=quote_kind(blog, m))
    f = quote_features(blog, m, q, Evidence(0.0, False, False, True, reader_addressed=True))
    assert f["reader_unattributed"] == 1.0 and hard_reject(f) and quote_probability(f) == 0.0
    cued = quote_features(blog, m, q, Evidence(3.0, False, False, True, reader_addressed=True))
    news = quote_features(blog, m, q, Evidence(0.0, False, False, True, reader_addressed=False))
    assert cued["reader_unattributed"] == news["reader_unattributed"] == 0.0


def test_a_term_modifying_a_noun_deep_below_a_weak_cue_loses_to_speech():
    """The weights, not a rule: a quoted modifier deep in the writer's clause scores lower than
    the same words hung on the speech verb."""
    text = "The embassy reported the index at 408, a “hazardous” reading."
    m = find_marks(text)[0]
    q = Quote(m.start, m.end, text[m.start:m.end], method="subject:name", speaker="embassy", mark_style="double",
              kind=quote_kind(text, m))
    term = quote_features(text, m, q, Evidence(2.2, False, True, False, modifies_noun=True, cue_hops=5))
    speech = quote_features(text, m, q, Evidence(2.2, False, True, False, cue_hops=1))
    assert quote_probability(term) < quote_probability(speech)
    assert term["modifies_noun"] == term["cue_hop_deep"] == speech["cue_hop1"] == 1.0


def test_only_the_writer_or_the_reader_as_speaker():
    from quotes.extract.quotefilter import writer_or_reader_speaks

    def q(speaker, mention):
        return Quote(0, 1, "x", speaker=speaker, speaker_mention=mention)

    assert writer_or_reader_speaks(q(None, "you")) and writer_or_reader_speaks(q(None, "I"))
    assert not writer_or_reader_speaks(q(None, "we")) and not writer_or_reader_speaks(q("Jane Doe", "I"))
    assert not writer_or_reader_speaks(q(None, None))


def test_a_short_term_whose_only_speaker_names_nobody_is_no_quote():
    # issue 18, class 5: the speaker the rules found is a thing, an abstract noun, a place
    from quotes.extract.pipeline import extract_quotes

    for text in ("A thick cloud of smoke and dust is set to settle over the capital this week, with forecasters "
                 "warning that the air is likely to reach “severe” or “emergency” levels on Wednesday.",
                 "At this point, the country would not put up with yet another prosecutor sent to investigate "
                 "“Ukrainian collusion.”"):
        assert extract_quotes(text) == [], text


def test_a_short_partial_quote_of_people_or_a_document_is_kept():
    # people no hand list holds are typed from PolNeAR train's gold speakers (quotes.lexicon.speaker_nouns)
    from quotes.extract.pipeline import extract_quotes

    for text, words in (("Former royal aides called it not a car crash but “an articulated lorry crash” performance.",
                         "an articulated lorry crash"),
                        ("The victim's mother described her daughter as “brave, strong, and smart” in a statement.",
                         "brave, strong, and smart"),
                        ("The report called the policy “deeply flawed” and urged a review.", "deeply flawed"),
                        ("The retired neurosurgeon called the inquiry “a witch hunt” on Tuesday.", "a witch hunt"),
                        ("The tycoon called the offer “an insult” and left the room.", "an insult"),
                        ("A group of rabbis urged the council to “redirect” the money to shelters.", "redirect")):
        assert [q.text for q in extract_quotes(text)] == [words], text


def test_term_without_speaker_reads_the_mention_type_its_head_and_how_it_was_reached():
    from quotes.extract.quotefilter import term_without_speaker

    def q(text, method, kind="partial", speaker="the mission"):
        return Quote(0, len(text), text, kind=kind, method=method, speaker=speaker, speaker_start=0, speaker_end=5)
    assert term_without_speaker(q("fault detection and recovery", "head_subject:group"), "description", False)
    assert term_without_speaker(q("national team", "relative:group"), "not_speaker", False)
    assert not term_without_speaker(q("national team", "relative:group"), "group", False)  # people speak
    assert not term_without_speaker(q("national team", "relative:group"), "person", False)
    # a plural head is most often people no list holds ("Scott's relatives said ...")
    assert not term_without_speaker(q("more questions than answers.", "head_subject:group"), "description", True)
    assert not term_without_speaker(q("reckless", "subject:name"), "description", False)  # reached by a name
    assert not term_without_speaker(q("We will win.", "subject:group", kind="full"), "description", False)
    assert not term_without_speaker(q("one two three four five six seven eight nine", "subject:group"),
                                    "description", False)
    assert not term_without_speaker(q("reset", "subject:group", speaker=None), "description", False)


# term30 (issue 18, class 5): when a speaker is evidence that a short quoted span is a quotation
# (docs/attribution.md, "When a speaker makes a short quote a quotation"). Probe sentences
# written for the purpose, news style.

def test_a_speaker_who_speaks_the_words_is_more_evidence_than_one_who_only_acts_or_stands_apart():
    w = {k: WEIGHTS[k] for k in ("term_speaker_speaks", "term_speaker_nested", "term_speaker_acts",
                                 "term_speaker_apart")}
    assert w["term_speaker_speaks"] > w["term_speaker_nested"] > max(w["term_speaker_acts"], w["term_speaker_apart"])


def test_speaker_link_features_are_one_hot_and_none_for_a_salience_guess():
    from quotes.extract.quotefilter import speaker_link_features

    for link in ("speaks", "nested", "acts", "apart"):
        f = speaker_link_features(link, {"has_speaker": 1.0})
        assert f["term_speaker_" + link] == 1.0 and sum(f.values()) == 1.0
        assert sum(speaker_link_features(link, {"has_speaker": 0.0}).values()) == 0.0
    assert sum(speaker_link_features("", {"has_speaker": 1.0}).values()) == 0.0


@pytest.mark.parametrize("text, words, speaker", [
    # the complement of his naming verb, though the parser hangs the adjective on the object
    ("Senator Mark Evans called the budget plan “reckless and cruel” on Tuesday.", "reckless and cruel",
     "Mark Evans"),
    ("Sen. Joan Park dismissed the report as “fake news” at a rally in Ohio.", "fake news", "Joan Park"),
    ("John Smith, who once dubbed the tax a “job killer,” now supports it.", "job killer,", "John Smith"),
])
def test_a_partial_quotation_of_the_speaker_of_its_verb_stays(text, words, speaker):
    from quotes.extract.pipeline import extract_quotes

    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [(words, speaker)]


@pytest.mark.parametrize("text", [
    "The company redesigned its thermostat, which now has a glass face and a “vivid” touch display.",
    "Maria Lopez took part in the “Clean Streets” program before she ran for office.",
])
def test_a_term_in_a_sentence_about_a_subject_who_says_nothing_goes(text):
    from quotes.extract.pipeline import extract_quotes

    assert extract_quotes(text) == []


@pytest.mark.xfail(strict=True, reason="PolNeAR train counts a scare-quoted word in a sentence about a person as his "
                                       "quote more often than not (acts: 192 gold / 139 not); fit there, the weights "
                                       "keep it (docs/attribution.md)")
@pytest.mark.parametrize("text", [
    "Adam Reed has already lied about his aides' contacts with the “whistleblower” this year.",
    "Senator Ruth Cole voted against the “emergency” spending package on Thursday.",
])
def test_a_scare_quoted_word_in_a_sentence_about_a_person_goes(text):
    from quotes.extract.pipeline import extract_quotes

    assert extract_quotes(text) == []
