"""Who stands behind a description that names nobody (attribution.referents): a document's
issuer, an institution the article named in full before. Real parses, invented sentences."""
import time

from quotes.extract.attribution.referents import (addressed_names, institution_named_before, introduced_unnamed,
                                                  issuer_named_before, issuing_event_before, owner_token)
from quotes.extract.attribution.speakers import speaker_of
from quotes.extract.pipeline import extract_quotes


def tok(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


def test_a_definite_statement_is_the_words_of_whoever_issued_it(parse):
    ctx, doc = parse("After a short meeting, the Arctic Council issued a statement on the spill. "
                     "The statement said the companies would pay for the clean-up.")
    sp = speaker_of(ctx, tok(doc, "statement", 1))
    assert (sp.name, sp.how) == ("Arctic Council", "document")


def test_a_document_filed_or_written_by_someone_is_theirs(parse):
    ctx, doc = parse("According to a complaint filed by the Federal Trade Commission, the firm lied.")
    assert owner_token(tok(doc, "complaint")).text == "Commission"
    ctx, doc = parse("A report by the Audit Office found that the money was lost.")
    sp = speaker_of(ctx, tok(doc, "report"))
    assert sp.how == "document" and sp.name.endswith("Audit Office")


def test_a_possessed_document_is_its_owners(parse):
    ctx, doc = parse("Marlow's earlier missive predicted that the plant would close.")
    sp = speaker_of(ctx, tok(doc, "missive"))
    assert (sp.name, sp.how) == ("Marlow", "document")


def test_a_definite_institution_is_the_one_named_before(parse):
    ctx, doc = parse("The independent Commission on Coastal Fisheries met on Monday. "
                     "The commission says the quotas will be cut.")
    assert institution_named_before(ctx, tok(doc, "commission"), ctx.index.pos(tok(doc, "commission"))) \
        == ("Commission on Coastal Fisheries", ctx.text.index("Commission"))
    sp = speaker_of(ctx, tok(doc, "commission"))
    assert (sp.name, sp.kind, sp.how) == ("Commission on Coastal Fisheries", "organisation", "role")


def test_nothing_to_point_back_to_leaves_the_description_alone(parse):
    # no statement issued before, no commission named: the phrase stays what it was
    ctx, doc = parse("The statement said the companies would pay. The commission says quotas will fall.")
    assert speaker_of(ctx, tok(doc, "statement")).how == "group"
    assert speaker_of(ctx, tok(doc, "commission")).how == "group"
    # an indefinite "a commission" points to no commission named before
    ctx, doc = parse("The Commission on Coastal Fisheries met. A commission in Oslo says quotas will fall.")
    assert institution_named_before(ctx, tok(doc, "commission"), ctx.index.pos(tok(doc, "commission"))) is None


def test_a_headline_in_title_case_names_no_document(parse):
    ctx, doc = parse("Popular Website Rates The Debate\n\nThe website said the claim was false.")
    assert speaker_of(ctx, tok(doc, "website")).name != "Popular Website"


def test_a_statement_someone_said_something_in_is_theirs(parse):
    ctx, doc = parse("Two soldiers died in a crash, the US military said in a statement on Wednesday. "
                     "The statement said the cause was under investigation.")
    sp = speaker_of(ctx, tok(doc, "statement", 1))
    assert sp.how == "document" and sp.name.endswith("military")


def test_a_title_the_article_introduced_without_a_name_stays_unnamed(parse):
    text = ("Prince Andrew gave an interview on Saturday. He is not immune, said one legal expert, as the "
            "Independent reported. The expert warned that the inquiry would go on.")
    ctx, doc = parse(text)
    expert = tok(doc, "expert", 1)
    assert introduced_unnamed(ctx, expert, ctx.index.pos(expert))
    assert speaker_of(ctx, expert).name is None
    # introduced with a name: the description refers to that person
    ctx, doc = parse("A legal expert, Ann Marsh, spoke on Saturday. The expert warned that the inquiry would go on.")
    expert = tok(doc, "expert", 1)
    assert not introduced_unnamed(ctx, expert, ctx.index.pos(expert))


MENU = " ".join(["Home", "News", "Sport", "Business", "Politics", "Opinion", "Video", "Weather"] * 500)


def test_a_long_run_of_capitalised_words_is_read_in_linear_time(parse):
    text = (MENU + ", and more.\n\nThe Commission on Coastal Fisheries met on Monday.\n\n"
            "The commission says the quotas will be cut.")
    ctx, doc = parse(text)
    commission = tok(doc, "commission")
    start = time.process_time()
    found = institution_named_before(ctx, commission, ctx.index.pos(commission))
    took = time.process_time() - start  # (unbounded repeats: ~15 s, the run read from each of its words)
    assert found == ("Commission on Coastal Fisheries", text.index("The Commission"))
    assert took < 1  # bounded: ~0.03 s CPU; unbounded: 5.8 s here


def test_a_title_introduced_with_its_name_after_its_phrase_is_named(parse):
    text = ("Senator Mary Holt toured the plant on Monday. A spokesman for the Holt campaign, John Doe, said the plan "
            "was sound.\n\n“We will win this state easily,” the spokesman said.\n")
    ctx, doc = parse(text)
    spokesman = tok(doc, "spokesman", 1)
    assert not introduced_unnamed(ctx, spokesman, ctx.index.pos(spokesman))
    assert [q.speaker for q in extract_quotes(text)] == ["John Doe"]


def test_the_issuer_of_a_statement_is_read_off_the_text_when_its_paragraph_is_not_parsed():
    # the issuing sentence is a paragraph of its own with no quote: the parser never sees it
    text = ("Three sailors were hurt when a tanker ran aground, the Norwegian navy said in a "
            "statement on Friday.\n\n"
            "“The cause of the grounding is under investigation,” the statement said.\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Norwegian navy"
    text = ("On Monday, Harbour Lane Records issued a statement about the tour.\n\nTOUR DATES\n\n"
            "The statement, which was obtained by a local paper, said the band had “come to terms "
            "on a new agreement.”\n")
    (q,) = extract_quotes(text)
    assert q.speaker == "Harbour Lane Records"


def test_no_issuer_is_read_off_a_sentence_that_names_none(parse):
    ctx, doc = parse("The firm said in a statement that it was sorry. The statement said more.")
    p = ctx.index.pos(tok(doc, "statement", 1))
    assert issuer_named_before(ctx, tok(doc, "statement", 1), p) is None
    ctx, doc = parse("Dana Reyes read a report on Monday. The statement said more.")
    p = ctx.index.pos(tok(doc, "statement"))
    assert issuer_named_before(ctx, tok(doc, "statement"), p) is None


def test_a_definite_description_echoing_a_word_of_an_organisations_name_is_that_organisation(parse):
    ctx, doc = parse("Shortly after, Harbour Lane Productions denied that it had settled. "
                     "The production company said it had signed nothing.")
    sp = speaker_of(ctx, tok(doc, "company"))
    assert (sp.name, sp.how) == ("Harbour Lane Productions", "role")
    ctx, doc = parse("Harbour Lane Productions denied it. The oil company said it had signed nothing.")
    assert speaker_of(ctx, tok(doc, "company")).name != "Harbour Lane Productions"


def test_the_n_year_old_is_the_person_printed_with_that_age():
    text = ("Dana Whitcombe, 45, has lived in Boston for years and runs a bakery there. Her neighbour, "
            "Tom Reyes, 61, agrees.\n\n“No, I will not leave,” the 45-year-old said.\n\n"
            "“Nor I,” the 30-year-old said.\n")
    first, second = extract_quotes(text)
    assert first.speaker == "Dana Whitcombe"
    assert second.speaker not in ("Dana Whitcombe", "Tom Reyes")  # nobody was printed with 30


def test_an_occupation_is_the_person_printed_with_that_noun():
    # in apposition or as the title before the name, the latest before the description;
    # the nearer subject with another title is passed over
    text = ("Tom Bell, a photographer, was arrested on Monday. Police Chief Ann Reyes said officers had followed "
            "procedure. “I was only doing my job,” the photographer said.\n\n"
            "The suit was filed by novelist Mara Quinn. “They copied my book,” the novelist said.\n")
    first, second = extract_quotes(text)
    assert (first.speaker, second.speaker) == ("Tom Bell", "Mara Quinn")


def test_the_words_that_open_the_issuing_sentence_are_no_part_of_the_issuer():
    # a sentence opened by a time or a connective with no comma after it: the capitalised run
    # before "issued" holds more than the name
    def speaker(opening):
        text = (f"{opening} issued a statement about the outage.\n\n"
                "Millions of users could not reach their accounts for most of the day.\n\n"
                "“We apologise to our customers for the inconvenience,” the statement said.\n")
        (q,) = extract_quotes(text)
        return q.speaker
    assert speaker("On Monday Apple") == "Apple"
    assert speaker("Meanwhile Boeing") == "Boeing"
    assert speaker("Earlier Tuesday the White House") == "White House"
    # ... and a name that begins with such a word keeps it
    assert speaker("The Sunday Times") == "Sunday Times"
    assert speaker("Theresa May") == "Theresa May"
    assert speaker("ON Semiconductor") == "ON Semiconductor"  # an acronym is no opening word


def test_the_issuer_scan_is_linear_in_a_long_run_of_capitalised_words(parse):
    # a run of capitals with no punctuation (a menu, an index of letters) between the issuer
    # and a second "the statement said": with "statement" after the run, the issuer pattern is
    # tried from each word of the run, and unbounded name repeats read the run to its end
    menu = " ".join(["Ab", "Cd", "Ef", "Gh"] * 250)  # 1,000 words, 3,000 characters
    text = (f"Harbour Lane Records issued a statement on Monday.\n\n{menu}\n\n“We are sorry,” the "
            "statement said.\n\n“We will fix it,” the statement said.")
    ctx, doc = parse(text)
    statement = tok(doc, "statement", 2)
    start = time.process_time()
    for _ in range(10):  # once per speaker candidate: an article's quotes ask again and again
        found = issuer_named_before(ctx, statement, ctx.index.pos(statement))
    took = time.process_time() - start
    assert found is None  # the issuer is more than ANTECEDENT_WINDOW characters back
    assert took < 1  # unbounded: ~3 s here; bounded: ~0.05 s


# --- a document noun whose issuer only a verb (or another document's phrase) names -----------

def test_a_definite_document_is_the_words_of_the_latest_issuing_verbs_subject(parse):
    # the ruling <- "ruled", the tweet <- "tweeted", the lawsuit <- "sued", the order <- "ordered"
    for text, noun, issuer in (
            ("The Supreme Court ruled on Monday that the law must go. The ruling said the law was void.",
             "ruling", "Supreme Court"),
            ("Governor Ann Reyes tweeted on Sunday about the fire. The tweet called the mayor a liar.",
             "tweet", "Ann Reyes"),
            ("Harbour Lane Records sued the city on Monday. The lawsuit claims the city ignored warnings.",
             "lawsuit", "Harbour Lane Records"),
            ("Judge Ann Reyes ordered the state to stop on Friday. The order says the state must halt.",
             "order", "Ann Reyes")):
        ctx, doc = parse(text)
        sp = speaker_of(ctx, tok(doc, noun))
        assert (sp.name, sp.how) == (issuer, "document"), text


def test_the_book_is_its_authors_and_the_clip_the_issuer_of_the_video_before_it(parse):
    # another word for the same document: "a memoir" -> "the book", "a web video" -> "the clip"
    ctx, doc = parse("Dana Marlow wrote a memoir of her years at the agency. The book says she was never told.")
    sp = speaker_of(ctx, tok(doc, "book"))
    assert (sp.name, sp.how) == ("Dana Marlow", "document")
    ctx, doc = parse("A web video by the Harbour Lane Party attacks the mayor. The clip says he lied.")
    sp = speaker_of(ctx, tok(doc, "clip"))
    assert sp.how == "document" and sp.name.endswith("Harbour Lane Party")


def test_an_issuing_verb_with_an_object_that_is_no_document_issues_nothing(parse):
    ctx, doc = parse("Tom Bell wrote a check to the campaign. The letter said the money was a gift.")
    letter = tok(doc, "letter")
    assert issuing_event_before(ctx, letter, ctx.index.pos(letter)) is None
    assert speaker_of(ctx, letter).name != "Tom Bell"


def test_only_a_definite_document_points_back_to_an_issuing_verb(parse):
    ctx, doc = parse("The Supreme Court ruled on Monday. A ruling in Ohio said the law was void.")
    ruling = tok(doc, "ruling")
    assert issuing_event_before(ctx, ruling, ctx.index.pos(ruling)) is None


def test_the_latest_document_decides_even_when_it_names_nobody(parse):
    # the video posted by nobody named is the clip, not the court's ruling before it
    ctx, doc = parse("The Supreme Court ruled on Monday. A video was posted online hours later. "
                     "The clip says the ruling was a mistake.")
    clip = tok(doc, "clip")
    assert issuing_event_before(ctx, clip, ctx.index.pos(clip)) is None


def test_a_document_noun_in_a_paragraph_before_is_parsed_and_credited():
    # the paragraph that issues the document holds no quote: extraction parses it because the
    # quote's paragraph refers to a document by a definite noun
    text = ("A federal appeals court ruled on Friday against the state's voting rules.\n\n"
            "The dispute centers on the removal of thousands of voters from the rolls.\n\n"
            "“A state cannot purge its voters for not voting,” the ruling said.\n")
    (q,) = extract_quotes(text)
    assert q.method.endswith(":document") and q.speaker.lower().endswith("appeals court")


def test_an_institution_named_in_full_keeps_every_word_of_its_name(parse):
    ctx, doc = parse("The U.S. Court of Appeals for the Ninth Circuit heard the case in May. "
                     "The appeals court said the policy was arbitrary.")
    court = tok(doc, "court")
    assert institution_named_before(ctx, court, ctx.index.pos(court))[0] == \
        "U.S. Court of Appeals for the Ninth Circuit"
    assert speaker_of(ctx, court).name == "U.S. Court of Appeals for the Ninth Circuit"


def test_the_subject_of_a_verb_that_issues_nothing_is_no_issuer(parse):
    ctx, doc = parse("Beijing has denounced a Hong Kong court ruling on the ban. "
                     "The decision was seen as weakening the city's leader.")
    decision = tok(doc, "decision")
    assert issuing_event_before(ctx, decision, ctx.index.pos(decision)) is None


def _addressed(parse, text):
    ctx, _ = parse(text)
    return [name for name, at, office in addressed_names(ctx, text.index("said") if "said" in text else len(text) - 1)]


def test_a_name_set_off_by_commas_before_you_is_the_one_spoken_to(parse):
    assert _addressed(parse, "“Mr. Reed, you took the money and ran,” Senator Mary Holt said.") == ["Reed"]
    assert _addressed(parse, "“Look, Governor Ann Lee, your budget is a fantasy,” the mayor said.") == ["Ann Lee"]


def test_a_name_after_as_you_know_is_spoken_to_whatever_follows(parse):
    # the quote going on after the cue is the same speaker's
    text = ("“Phones now show what has happened for years,” the moderator said. “As you know, Mr. Trump, "
            "on the other side, the FBI director sees a chill wind.”")
    assert _addressed(parse, text) == ["Trump"]


def test_a_name_before_an_imperative_is_spoken_to(parse):
    assert _addressed(parse, "“Tom Bell, tell us the truth about the budget,” the governor said.") == ["Tom Bell"]


def test_a_title_and_name_closing_a_quoted_sentence_is_spoken_to(parse):
    assert _addressed(parse, "“I disagree with you, Senator Holt.” the mayor said.") == ["Holt"]


def test_an_office_alone_before_you_is_the_one_spoken_to(parse):
    ctx, _ = parse("“Senator, you have no proof,” the banker said.")
    assert addressed_names(ctx, ctx.text.index("said")) == [("senator", 1, True)]
    assert _addressed(parse, "“Sir, you have no proof,” the banker said.") == []


def test_a_name_the_quote_talks_about_is_no_address(parse):
    assert _addressed(parse, "“Mr. Bell has always kept his word,” the mayor said.") == []
    assert _addressed(parse, "“Mr. Bell, the mayor, has always kept his word,” Ann Lee said.") == []
    assert _addressed(parse, "“I met his rival, Tom Bell.” Ann Lee said.") == []
    assert _addressed(parse, "“But, as ever, we will win,” Ann Lee said.") == []


def test_an_address_in_another_speakers_quote_of_the_paragraph_does_not_count(parse):
    # only the quotation before the cue and the one after it
    text = ("“Mr. Reed, you took the money,” Holt said. “I did not,” Reed replied. “Nobody believes you,” "
            "the senator said.")
    ctx, _ = parse(text)
    assert addressed_names(ctx, text.index("the senator")) == []
