"""The article's people: registry, salience, title runs, fullest names."""
from quotes.extract.attribution.entities import ensure_full, entity_for, role_from_text, title_runs


def test_first_last_names_are_registered_from_the_whole_text(parse):
    ctx, _ = parse("Bernie Sanders won Michigan.\n\nHe said the night was his.")
    assert any(e.name == "Bernie Sanders" for e in ctx.registry.entities)


def test_title_runs_and_a_title_resolved_to_its_person(parse):
    ctx, doc = parse("Defense Secretary Lloyd Austin flew to Rome. The defense secretary said little.")
    assert (["Defense", "Secretary"], ["Lloyd", "Austin"], 0) in title_runs(ctx)
    np = [t for t in doc if t.i >= 8 and t.text in ("defense", "secretary")]
    ent = role_from_text(ctx, np, doc[-3].idx)
    assert ent is not None and ent.name == "Lloyd Austin"


def test_a_one_word_name_gets_the_fullest_run(parse):
    ctx, _ = parse("Army Capt. Daniel Reyes led the patrol. Reyes said it was quiet.")
    ent = ctx.registry.lookup("Reyes")
    assert ensure_full(ctx, ent).name == "Daniel Reyes"


def test_a_pronoun_is_resolved_once_per_offset(parse):
    ctx, doc = parse("Hillary Clinton spoke in Iowa. She said the race was close.")
    she = next(t for t in doc if t.text == "She")
    ent = entity_for(ctx, she, she.idx)
    assert ent.name == "Hillary Clinton" and ctx.resolved[she.idx] is ent
