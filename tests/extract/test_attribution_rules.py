"""Each rule on its own, on a real parse; and the stage loop's order."""
from quotes.extract.attribution import mark_context
from quotes.extract.attribution.rules import (RULES, WITHOUT_EXPLICIT_EVIDENCE, colon_introduction, colon_paragraph,
                                              continuation, dash_signature, email_header, owner_after,
                                              previous_sentence, salience_guess, sentence_subject, signed_colon,
                                              speech_verb)
from quotes.model import Quote


def first_mark(parse, text, previous=()):
    ctx, _ = parse(text)
    return ctx, mark_context(ctx, ctx.index.marks[-1], list(previous))


def test_speech_verb(parse):
    ctx, mc = first_mark(parse, "“We are ready,” Kirby told reporters.")
    att = speech_verb(ctx, mc)
    assert att.speaker.name == "Kirby" and att.cue.text == "told" and att.method == "subject:name"
    assert att.cue_score == 3.0 and not att.rule_reject


def test_colon_introduction(parse):
    ctx, mc = first_mark(parse, "Senator Ellen Ward: “No one is tearing this up.”")
    att = colon_introduction(ctx, mc)
    assert att.speaker.name == "Ellen Ward" and att.cue.text == ":" and att.method == "colon"


def test_colon_introduction_by_a_longer_clause_credits_its_subject(parse):
    # the quote is the parse's root; the writer's clause before the colon hangs on it
    ctx, mc = first_mark(parse, "Senate Majority Leader Ellen Ward, R-Ky., delivered a blunt message to Trump: "
                                "“It's time to quit attacking various people that you competed with.”")
    att = colon_introduction(ctx, mc)
    assert att.speaker.name == "Ellen Ward" and att.cue.text == ":" and att.method == "colon"
    ctx, mc = first_mark(parse, "As if addressing the magnate directly, the Illinois Board of Elections was "
                                "conclusive in its findings: “Further discussion on this issue is unnecessary.”")
    assert colon_introduction(ctx, mc).speaker.name == "Illinois Board of Elections"
    # a clause whose subject names nobody credits nobody
    ctx, mc = first_mark(parse, "Signs of momentum shifts and evangelical turnout were there all along, "
                                "as the data showed: “Data collected by our firm helps confirm it.”")
    att = colon_introduction(ctx, mc)
    assert att is None or not att.speaker.name


def test_signed_colon(parse):
    ctx, mc = first_mark(parse, "Polls did predict it - Carl Bialik: “The polls were right.”")
    att = signed_colon(ctx, mc)
    assert att.named.name == "Carl Bialik" and att.cue_score == 2.2
    # two authors signed: the first one is credited, not a word of the headline
    ctx, mc = first_mark(parse, "VOTERS CARE MORE ABOUT INSPIRATION - Frank Newport and Jim Harter: “We found that.”")
    assert signed_colon(ctx, mc).named.name == "Frank Newport"


def test_previous_sentence(parse):
    ctx, mc = first_mark(parse, "The vote failed, Schiff said. “The other side knew it.”")
    att = previous_sentence(ctx, mc)
    assert att.speaker.name == "Schiff" and att.method == "previous_sentence:name"


def test_colon_paragraph(parse):
    ctx, mc = first_mark(parse, "Pat Caddell continued:\n\n“The party is over.”")
    att = colon_paragraph(ctx, mc)
    assert att.speaker.name == "Pat Caddell" and att.method.startswith("colon_paragraph")


def test_a_document_that_shows_someone_saying_the_quote_credits_that_person(parse):
    # "concludes" governs the quote and its subject is the ad; "saying", further from the quote
    # than a cue next to it would be, names who said the words
    text = ("The Reyes campaign released a new ad on Monday. The spot concludes with footage of Senator Mary "
            "Holt saying during the debate last week, “I will never raise your taxes,” when her rival pressed her.")
    att = speech_verb(*first_mark(parse, text))
    assert (att.speaker.name, att.method) == ("Mary Holt", "participle:name")


def test_an_emails_header_credits_its_sender_never_its_recipient(parse):
    text = ("The messages were made public on Friday.\n\nFrom: Jane Park <jpark@example.com>\nSent: Monday, March 3\n"
            "To: Tom Bell\nSubject: RE: budget\n\n“Tom, we need to cut the budget by half.”")
    att = email_header(*first_mark(parse, text))
    assert (att.named.name, att.method) == ("Jane Park", "email_header")
    # a sentence between the header and the quote: no header above it
    ctx, mc = first_mark(parse, "From: Jane Park\nTo: Tom Bell\n\nThe email went on.\n\n“We need to cut it.”")
    assert email_header(ctx, mc) is None
    # the quote does not open its paragraph
    ctx, mc = first_mark(parse, "From: Jane Park\nTo: Tom Bell\n\nBell replied: “No.”")
    assert email_header(ctx, mc) is None


def test_dash_signature(parse):
    ctx, mc = first_mark(parse, "“We will win this fight.” ― Veronica Cruz")
    att = dash_signature(ctx, mc)
    assert att.named.name == "Veronica Cruz" and att.method == "dash" and att.cue.text == "―"


_DISASTER = "“This is a disaster for the schools.”"
_NAMED_AFTER = [f"{_DISASTER} {after}" for after in (
    "That was the verdict of Ann Lee, a teacher at Central High.",
    "Those were the words of Ann Lee, a teacher at Central High.",
    "The warning came from Ann Lee, a teacher at Central High.")] + [
    # a quote standing alone: the next paragraph
    f"The council met on Tuesday.\n\n{_DISASTER}\n\n{after}" for after in (
        "That is how Ann Lee, a teacher at Central High, describes the cuts.",
        "The protest came from Ann Lee, a teacher at Central High.",
        "That was the reply of Ann Lee, a teacher at Central High.")] + [
    "“It is time for me to go.” With those words, Ann Lee ended her career."]
_NAMES_NOBODY = [
    # a sentence that does not point back at the quote, a quote that goes on, a demonstrative
    # that leads to another event, a quote with the writer's words in its paragraph
    f"{_DISASTER} A report by Ann Lee was published.",
    "“This is a disaster for the schools,” that was the verdict of Ann Lee.",
    "“We will act.”\n\nThis comes as China has denounced a ruling by the court.",
    "“We will act,” he said.\n\nThat was the verdict of Ann Lee."]


def test_owner_after_names_whose_words_the_finished_quote_was(parse):
    for text in _NAMED_AFTER:
        att = owner_after(*first_mark(parse, text))
        assert att is not None and att.speaker.name == "Ann Lee" and att.method == "owner_after:name", text
    for text in _NAMES_NOBODY:
        assert owner_after(*first_mark(parse, text)) is None, text


def test_sentence_subject_passes_over_a_noun_phrase_that_names_nobody(parse):
    # the subject of the sentence before speaks (a speech verb), or the quote's "I" can be them
    for before, quote in (("Tom Bell denounced the offer.", "an insult to every worker"),
                          ("Tom Bell has run the shelter for a decade.", "the worst I have seen")):
        ctx, mc = first_mark(parse, f"{before} The deal is “{quote}.”")
        att = sentence_subject(ctx, mc)
        assert att.speaker.name == "Tom Bell", before
    # not otherwise, and not when the quote is a word the subject's phrase mentions
    ctx, mc = first_mark(parse, "Tom Bell has been under pressure. The deal is “an insult to every worker.”")
    assert sentence_subject(ctx, mc).speaker.name == "The deal"
    ctx, mc = first_mark(parse, "Tom Bell denounced the offer. The “sex tape” reference was about an old show.")
    assert sentence_subject(ctx, mc).speaker.name != "Tom Bell"


def test_the_next_sentence_naming_the_owner_comes_before_the_last_speaker(parse):
    from quotes.extract.pipeline import extract_quotes

    text = ("The city council voted on the budget on Tuesday.\n\n"
            "“We will not raise taxes,” according to council president Bob Smith.\n\n"
            "“This is a disaster for the schools.” That was the verdict of Ann Lee, a teacher at Central High.\n")
    assert [q.speaker for q in extract_quotes(text)] == ["Bob Smith", "Ann Lee"]


def test_continuation_copies_the_last_speaker(parse):
    text = "“We are ready,” Kirby said.\n\n“The troops are there.”"
    last = Quote(1, 14, "We are ready,", speaker="John Kirby")
    ctx, mc = first_mark(parse, text, previous=[last])
    att = continuation(ctx, mc)
    assert att.copied_from is last and att.method == "continuation"


def test_salience_guess(parse):
    ctx, mc = first_mark(parse, "Hillary Clinton spoke in Iowa on Monday.\n\nThe crowd cheered. “Thank you.”")
    att = salience_guess(ctx, mc)
    assert att.speaker.name == "Hillary Clinton" and att.confidence < 0.2


def test_salience_guess_is_never_the_person_the_quote_speaks_to(parse):
    ctx, mc = first_mark(parse, "Mayor Tom Bell faced angry residents on Thursday.\n\n"
                                "“Mr. Bell, you promised us a new school.”")
    assert salience_guess(ctx, mc) is None
    ctx, mc = first_mark(parse, "Mayor Tom Bell faced angry residents on Thursday.\n\n"
                                "“Mr. Bell has always kept his word.”")
    assert salience_guess(ctx, mc).speaker.name == "Tom Bell"


def test_rule_order_explicit_evidence_first():
    assert RULES.index(speech_verb) < RULES.index(owner_after) < RULES.index(continuation) < RULES.index(salience_guess)
    assert set(WITHOUT_EXPLICIT_EVIDENCE) <= set(RULES) and RULES[-1] in WITHOUT_EXPLICIT_EVIDENCE


def test_the_paragraph_after_a_question_is_the_answer_of_the_one_asked(parse):
    text = ("CNN’s Jake Tapper interviewed Bernie Sanders on Sunday.\n\n"
            "“Are you going to run again?” Tapper asked him.\n\n“I haven’t decided yet. We will see.”")
    ctx, _ = parse(text)
    asked = Quote(start=text.index("Are"), end=text.index("?”") + 1, text="Are you going to run again?",
                  speaker="Jake Tapper", cue="asked", cue_start=text.index("asked"), cue_end=text.index("asked") + 5)
    a = continuation(ctx, mark_context(ctx, ctx.index.marks[-1], [asked]))
    assert a.method == "continuation:pronoun" and a.speaker.name == "Bernie Sanders"
    # not a question: more words of the same speaker
    said = Quote(start=asked.start, end=asked.end, text="We are going to run again.", speaker="Jake Tapper",
                 cue="asked", cue_start=asked.cue_start, cue_end=asked.cue_end)
    assert continuation(ctx, mark_context(ctx, ctx.index.marks[-1], [said])).copied_from is said
