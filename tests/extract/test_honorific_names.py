"""A surname that is also a month or a place ("Mrs May") is a person's when a courtesy title
goes with it: the speaker is kept (entity_types.stored_name_type drops times and places)."""
from quotes.extract.pipeline import extract_quotes

MAY = "Brexit talks resumed in Brussels on Monday.\n\n“We will leave the European Union on time,” Mrs May said.\n"


def test_a_surname_that_is_a_month_after_a_courtesy_title_is_kept():
    assert [q.speaker for q in extract_quotes(MAY)] == ["May"]
