"""Who stands behind a description that names nobody (attribution.referents): a document's
issuer, an institution the article named in full before. Real parses, invented sentences."""
import time

from quotes.extract.attribution.referents import institution_named_before, introduced_unnamed, owner_token
from quotes.extract.attribution.speakers import speaker_of


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
    from quotes.extract.pipeline import extract_quotes

    text = ("Senator Mary Holt toured the plant on Monday. A spokesman for the Holt campaign, John Doe, said the plan "
            "was sound.\n\n“We will win this state easily,” the spokesman said.\n")
    ctx, doc = parse(text)
    spokesman = tok(doc, "spokesman", 1)
    assert not introduced_unnamed(ctx, spokesman, ctx.index.pos(spokesman))
    assert [q.speaker for q in extract_quotes(text)] == ["John Doe"]
