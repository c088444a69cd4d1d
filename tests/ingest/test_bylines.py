"""Bylines cleaned of page furniture."""
import pytest

from quotes.ingest.bylines import clean_byline


@pytest.mark.parametrize("byline, outlet, expected", [
    ("Analysis by Chris Cillizza, CNN", "CNN", "Chris Cillizza"),
    ("Meg James Staff Writer", None, "Meg James"),
    ("ROBERT BURNS; AP National Security Writer", None, "Robert Burns"),
    ("Meg Kinnard; Errin Haines; Associated Press", None, "Meg Kinnard; Errin Haines"),
    ("DANICA KIRKA; JILL LAWLESS Associated Press", None, "Danica Kirka; Jill Lawless"),
    ("Jeff Foust Monday; November", None, "Jeff Foust"),
    ("Carrie Arnold November 15, 2019", None, "Carrie Arnold"),
    ("Phil Helsel is a reporter for NBC News.", None, "Phil Helsel"),
    ("Megan Rowe meganr@spokesman.com", None, "Megan Rowe"),
    ("Debbie White", "The Sun", "Debbie White"),
    ("Account You're logged in", None, None),
    ("Photo by Jane Doe/Getty Images", None, None),
    ("No Author", None, None),
    ("Admin", None, None),
    ("Staff Reports", None, None),
    ("Текст Лида Буслаева", None, "Лида Буслаева"),
    (None, None, None),
])
def test_clean_byline(byline, outlet, expected):
    assert clean_byline(byline, outlet) == expected
