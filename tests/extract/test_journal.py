"""The undo journal: a trial resolution of every candidate leaves the article's entity state
exactly as it found it, and costs what it changes (not a copy of the whole state)."""
import copy

from parsed import attributor
from quotes.extract.candidates import candidates_for, trial
from quotes.extract.journal import JournaledDict, JournaledList, JournaledPositions, JournaledSet, undoable
from quotes.extract.mentions import Entity
from quotes.model import Quote


def state(ctx):
    """Everything a trial may change, as plain values (entities by name and fields)."""
    ents = [(e.name, e.kind, sorted(e.aliases), list(e.roles), e.gender, e.first_pos, list(e.mentions),
             list(e.full_pos), list(e.full_subj), list(e.subject_pos)) for e in ctx.registry.entities]
    keys = {k: [id(e) for e in v] for k, v in ctx.registry._by_key.items()}
    return ents, keys, dict(ctx.resolved), set(ctx.harvested), set(ctx.titled)


def test_a_trial_over_every_candidate_leaves_no_trace():
    text = ("WASHINGTON — Gov. Greg Abbott met reporters on Friday.\n\n"
            "“We will not back down,” Abbott said. The governor added that Rep. Maria Salazar "
            "had called him.\n\n“He knows where I stand,” she told the Associated Press.")
    att = attributor(text, 1)
    before = copy.deepcopy(state(att.ctx))
    m = att.a.marks[1]
    q = Quote(start=m.start, end=m.end, text=text[m.start:m.end])
    with trial(att):
        cands = candidates_for(att, m, q, [])
        during = state(att.ctx)
    assert cands and during != before  # the trial did register and resolve names
    assert state(att.ctx) == before


def test_containers_undo_in_reverse_order():
    xs, s, d, pos = JournaledList([1]), JournaledSet({"a"}), JournaledDict({1: "x"}), JournaledPositions()
    pos.append(30)
    ent = Entity(name="Smith")
    with undoable():
        xs.append(2); xs.insert(0, 0); xs.extend([3, 4])
        s.add("b"); s.add("a")
        d[1] = "y"; d[2] = "z"
        pos.append(10); pos.append(50)
        ent.name = "John Smith"; ent.mentions.append(7)
        assert xs == [0, 1, 2, 3, 4] and pos == [10, 30, 50] and 10 in pos and 20 not in pos
    assert xs == [1] and s == {"a"} and d == {1: "x"} and pos == [30]
    assert ent.name == "Smith" and ent.mentions == []


def test_positions_answer_before_p_by_binary_search():
    pos = JournaledPositions()
    for p in (400, 100, 250):
        pos.append(p)
    assert list(pos) == [100, 250, 400]
    assert pos.count_below(250) == 1 and pos.last_below(250) == 100 and pos.last_below(100) is None


def test_outside_a_journal_changes_stay():
    xs = JournaledList()
    xs.append(1)
    with undoable():
        pass
    assert xs == [1]
