"""Probes for issue 18's speaker error classes 1 and 2, end to end (`extract_quotes`, the real
model): news sentences written for the purpose, one per case of each class. These are the
classes the owners' held-out sets measure.

Class 1, spans that are no speaker: things, times, places and datelines, headings and page
furniture in capitals, abstract nouns, fragments of titles. A speaker is a person, an
organisation, or a group or document that speaks; when the best candidate is none of those,
look further, or say nobody at low confidence (`NOBODY_OK`).
Class 2, conduits: a statement, report, filing, memo, ruling, book, tweet or email speaks for
its issuer or sender, never for itself or its recipient.

A probe that still fails is an xfail (strict) naming what is missing.
"""
import pytest

from quotes.extract.entity_types import stored_name_type
from quotes.extract.pipeline import extract_quotes

NOBODY_OK = 0.3  # "say nobody, with low confidence": at most the confidence of an unnamed speaker
XFAIL = pytest.mark.xfail(strict=True)

NOT_A_SPEAKER = [
    # things
    ("Police released the recording on Friday. The recording shows Mayor Tom Bell telling staff, "
     "“Delete those emails before anyone sees them.”", "Tom Bell"),
    ("Unemployment rose again in March. The figures show that the region is “heading into a deep recession,” "
     "said economist Ann Reyes of Dale University.", "Ann Reyes"),
    ("Dana Holt, who runs the Harmon Institute, ran a poll of 2,000 voters. The survey results suggest voters "
     "are “tired of the fighting,” Holt said.", "Dana Holt"),
    ("The survey results, published on Tuesday by the Harmon Institute, suggest that voters are “tired of the "
     "fighting.”", "Harmon Institute"),
    # times
    ("Senator Mary Holt spoke to reporters in Denver. Friday morning brought “the worst news we could have "
     "had,” she said.", "Mary Holt"),
    ("Mary Holt, the mayor, has been under pressure. Recent weeks have been “a nightmare for everyone in this "
     "building.”", None),
    ("Recent weeks have been “a nightmare for everyone in this building,” Mayor Mary Holt told reporters.",
     "Mary Holt"),
    # places and datelines
    ("GENEVA — “We are deeply concerned about the spread of the virus,” Tedros Adhanom Ghebreyesus told "
     "reporters on Monday.", "Tedros Adhanom Ghebreyesus"),
    ("GENEVA — The World Health Organization warned on Monday that the outbreak was spreading.\n\n“We are "
     "deeply concerned,” a spokesman told reporters.", "World Health Organization"),
    ("FORT WORTH, Texas — The city council voted 6-3 on Tuesday to close the shelter.\n\n“This is a sad day for "
     "the people who rely on it,” said council member Ann Reyes.", "Ann Reyes"),
    ("Residents of Fort Worth are angry. “We were never told,” one resident said.", None),
    # headings and page furniture
    ("Mayor Ann Reyes announced the closure on Tuesday.\n\nREAD MORE: City to close shelter\n\n“We had no other "
     "choice,” she said.", "Ann Reyes"),
    ("ANALYSIS\n\n“There is no plan B,” the minister told parliament on Monday.", None),
    ("WATCH: Minister defends budget\n\n“There is no plan B,” Finance Minister Paul Dane told parliament.",
     "Paul Dane"),
    # abstract nouns
    ("Rising prices have left families “unable to pay for the basics,” said Ann Reyes, who runs a food bank.",
     "Ann Reyes"),
    ("Ann Reyes runs a food bank in Leeds. Rising prices have left families “unable to pay for the basics.”",
     "Ann Reyes"),
    ("Tom Bell has led the union for ten years. Growing concerns about safety have prompted “a real crisis of "
     "confidence,” Bell said.", "Tom Bell"),
    # fragments of titles
    ("Foreign Affairs Minister Simon Coveney said the deal was “the only way forward.”", "Simon Coveney"),
    ("“It is the only way forward,” said Foreign Affairs Minister Simon Coveney.", "Simon Coveney"),
    ("“It is the only way forward,” the Foreign Affairs Minister said.", None),
    ("Foreign Affairs Minister Simon Coveney met his British counterpart on Monday.\n\n“It is the only way "
     "forward,” the Foreign Affairs Minister said.", "Simon Coveney"),
    ("“We will appeal,” the Attorney General said.", None),
    ("“We will find whoever did this,” Detective Superintendent Ann Reyes said.", "Ann Reyes"),
    ("Minister for Foreign Affairs Simon Coveney told the Dail: “It is the only way forward.”", "Simon Coveney"),
]

CONDUITS = [
    # statements
    ("In a statement, Acme Corp said the recall was “a precaution, nothing more.”", "Acme Corp"),
    ("Acme Corp issued a statement on Monday night.\n\n“The recall is a precaution, nothing more,” the "
     "statement said.", "Acme Corp"),
    pytest.param("“The recall is a precaution, nothing more,” a statement said.", None, marks=XFAIL, id="a-statement"),
    # reports and filings
    ("The Government Accountability Office released a report on Tuesday about the program.\n\nThe report says "
     "the agency has been “wasting money for years.”", "Government Accountability Office"),
    ("A report by the Government Accountability Office says the agency has been “wasting money for years.”",
     "Government Accountability Office"),
    ("The Government Accountability Office published its findings on Tuesday. According to the report, the "
     "agency has been “wasting money for years.”", "Government Accountability Office"),
    ("Acme Corp sued the city in federal court on Monday. According to the filing, the city “ignored every "
     "warning.”", "Acme Corp"),
    ("According to a filing by Acme Corp, the city “ignored every warning.”", "Acme Corp"),
    ("Acme Corp sued the city on Monday. The lawsuit claims the city “ignored every warning.”", "Acme Corp"),
    ("The American Civil Liberties Union filed a lawsuit against the state on Monday.\n\nThe suit says the law "
     "is “plainly unconstitutional.”", "American Civil Liberties Union"),
    pytest.param("Federal prosecutors charged Tom Bell with fraud on Monday. The indictment says Bell “lied to "
                 "investors for years.”", "prosecutors", marks=XFAIL, id="indictment-charged"),
    # memos, letters, emails: the sender, never the recipient
    ("Jane Park, the chief executive, sent a memo to staff on Friday. The memo reads: “We will not be cutting "
     "jobs this year.”", "Jane Park"),
    ("In a memo to staff, chief executive Jane Park wrote: “We will not be cutting jobs this year.”", "Jane Park"),
    ("The emails were released on Friday.\n\nFrom: Jane Park\nTo: Tom Bell\nSubject: budget\n\n“Tom, we need to "
     "cut the budget by half before the board meets.”", "Jane Park"),
    ("The messages were made public on Friday.\n\nFrom: Jane Park <jpark@example.com>\nSent: Monday, March 3\n"
     "To: Tom Bell\nCc: Ann Reyes\nSubject: RE: budget\n\n“Tom, we need to cut the budget by half.”", "Jane Park"),
    ("Jane Park wrote to Tom Bell on March 3: “We need to cut the budget by half.”", "Jane Park"),
    ("In an email to Tom Bell, Jane Park wrote that the budget had to be “cut in half.”", "Jane Park"),
    ("In a letter to Senator Mary Holt, the agency’s director Tom Bell said the program was “on track.”",
     "Tom Bell"),
    ("Writing to Mary Holt last week, Tom Bell called the plan “a disaster.”", "Tom Bell"),
    pytest.param("Forty senators signed a letter to the president on Monday. The letter calls the plan "
                 "“reckless.”", "Forty senators", marks=XFAIL, id="letter-signed"),
    # rulings, books, tweets, posts: the issuer only a verb names
    ("The Supreme Court ruled 5-4 on Monday that the law must go.\n\nThe ruling said the law was “plainly "
     "unconstitutional.”", "Supreme Court"),
    ("The U.S. Court of Appeals for the Ninth Circuit heard the case in May.\n\nOn Friday the appeals court ruled "
     "against the state. The ruling called the policy “arbitrary.”", "U.S. Court of Appeals for the Ninth Circuit"),
    ("Judge Ann Reyes ordered the state to stop on Friday. The order says the state “must halt all executions.”",
     "Ann Reyes"),
    ("Justice Ann Reyes wrote the majority opinion. The opinion says the law is “plainly unconstitutional.”",
     "Ann Reyes"),
    ("In 2019, Tom Bell wrote a memoir about his years in the Navy. The book describes the war as “a mistake "
     "from the first day.”", "Tom Bell"),
    ("President Trump tweeted on Sunday about the fire. The tweet called the governor “a total disaster.”",
     "Trump"),
    ("Jane Park posted on Facebook on Friday. The post said: “I am done with politics.”", "Jane Park"),
    # a document that shows someone speaking: that person
    ("The Holt campaign released a new ad on Monday. The spot shows Tom Bell saying, “I will never raise your "
     "taxes.”", "Tom Bell"),
    ("The Reyes campaign released a new ad on Monday.\n\nThe spot concludes with footage of Senator Mary Holt "
     "saying during the debate last week, “I will never raise your taxes,” when her rival pressed her.", "Mary Holt"),
    # an issuing verb with no document: no issuer
    ("Tom Bell wrote a check for $500 to the campaign. Ann Reyes, his neighbour, said later that the letter was "
     "“a scam.”", "Ann Reyes"),
]


def speaker(text):
    *_, q = extract_quotes(text)
    return q


def right(q, want) -> bool:
    """The expected speaker, or (where the class allows it) nobody at low confidence; never a
    stored speaker that is a thing, a time, a place or a heading."""
    if q.speaker is not None and stored_name_type(q.speaker) is not None:
        return False
    if want is None:
        return q.speaker is None or q.confidence <= NOBODY_OK
    return q.speaker == want or q.speaker is None and q.confidence <= NOBODY_OK


@pytest.mark.parametrize("text,want", NOT_A_SPEAKER)
def test_class_1_a_span_that_is_no_speaker_is_never_stored(text, want):
    q = speaker(text)
    assert right(q, want), (q.speaker, q.confidence, q.method)


@pytest.mark.parametrize("text,want", CONDUITS)
def test_class_2_a_conduit_speaks_for_its_issuer_or_sender(text, want):
    q = speaker(text)
    assert q.speaker == want, (q.speaker, q.confidence, q.method)
