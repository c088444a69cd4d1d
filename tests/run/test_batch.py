"""One bad article never costs the others: `quotes.run.batch.extract_safely`."""
import pytest

from quotes.run.batch import MAX_PARAGRAPH_CHARS, Extracted, checked, extract_safely, too_long_to_parse
from quotes.model import Article, Quote, Skipped
from quotes.extract.nlp import load_nlp


def article(n: int, text: str | None = None) -> Article:
    text = text or f"“Statement number {n} is here,” Senator Ray Holt said on day {n}."
    return Article(doc_id=f"a{n}", text=text, source=f"in/a{n}.txt")


def fake_extract(articles, nlp=None, batch_size=32):
    """Like extract_articles: one quote per article; an article saying BOOM breaks the batch."""
    articles = list(articles)
    if any("BOOM" in a.text for a in articles):
        raise RuntimeError("pipe failed")
    for a in articles:
        start = a.text.index("“") + 1
        end = a.text.index(",”")
        yield a, [Quote(start=start, end=end, text=a.text[start:end], method="fake", confidence=1.0)]


def test_a_failing_article_is_reported_and_the_rest_of_its_batch_survives():
    arts = [article(n) for n in range(7)]
    arts[3] = article(3, "“BOOM goes the parser,” said Holt.")
    out = list(extract_safely(arts, nlp=object(), batch_size=4, extract=fake_extract))
    assert [type(o).__name__ for o in out] == ["Extracted"] * 3 + ["Skipped"] + ["Extracted"] * 3
    assert out[3] == Skipped("in/a3.txt", "extraction failed (RuntimeError: pipe failed)")
    assert [o.article.doc_id for o in out if isinstance(o, Extracted)] == ["a0", "a1", "a2", "a4", "a5", "a6"]
    assert all(len(o.quotes) == 1 for o in out if isinstance(o, Extracted))


def test_extractor_that_loses_an_article_is_caught():
    def lossy(articles, nlp=None, batch_size=32):
        yield from list(fake_extract(articles))[:-1] if len(list(articles)) > 1 else fake_extract(articles)

    out = list(extract_safely([article(n) for n in range(3)], nlp=object(), batch_size=3, extract=lossy))
    assert [o.article.doc_id for o in out] == ["a0", "a1", "a2"]


def test_invalid_offsets_are_dropped_and_evidence_cleared():
    a = article(1)
    good = Quote(start=1, end=29, text=a.text[1:29], speaker_start=5, speaker_end=10**6, cue_start=-1, cue_end=3)
    result = checked(a, [
        good,
        Quote(start=1, end=29, text=a.text[1:29]),  # same span twice
        Quote(start=-1, end=5, text="x"),
        Quote(start=5, end=5, text=""),
        Quote(start=3, end=10**6, text="y"),
        Quote(start=1, end=29, text="not the slice"),
    ])
    assert [(q.start, q.end) for q in result.quotes] == [(1, 29)]
    q = result.quotes[0]
    assert (q.speaker_start, q.speaker_end, q.cue_start, q.cue_end) == (None, None, None, None)
    assert len(result.notes) == 3


class BrokenPipeline:
    """The real pipeline, except that `pipe` fails for any batch holding the word BOOM."""

    def __init__(self, nlp):
        self._nlp = nlp

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any("BOOM" in t for t in texts):
            raise ValueError("simulated failure inside nlp.pipe")
        return self._nlp.pipe(texts, **kwargs)


def test_real_extractor_batch_failure_retries_one_by_one():
    nlp = BrokenPipeline(load_nlp())
    arts = [article(n) for n in range(5)]
    arts[2] = article(2, "“BOOM is the word,” Senator Ray Holt said.")
    out = list(extract_safely(arts, nlp=nlp, batch_size=8))
    assert isinstance(out[2], Skipped) and "simulated failure" in out[2].reason
    kept = [o for o in out if isinstance(o, Extracted)]
    assert [o.article.doc_id for o in kept] == ["a0", "a1", "a3", "a4"]
    for o in kept:
        assert [q.text for q in o.quotes] == [o.article.text[1:o.article.text.index(",”") + 1]]
        assert o.quotes[0].speaker == "Ray Holt"


def test_paragraph_too_long_to_parse_is_reported_before_spacy_sees_it():
    giant = "Holt spoke.\n“" + "word " * (MAX_PARAGRAPH_CHARS // 5 + 10) + "end,” Holt said."
    arts = [article(1), article(2, giant), article(3, giant), article(4)]
    out = list(extract_safely(arts, nlp=object(), batch_size=2, extract=fake_extract))
    assert [type(o).__name__ for o in out] == ["Extracted", "Skipped", "Skipped", "Extracted"]
    assert "a paragraph of 100,0" in out[1].reason and "offset 12" in out[1].reason
    # a long paragraph without any mark is never parsed, so it is no reason to skip
    assert too_long_to_parse(article(5, "word " * MAX_PARAGRAPH_CHARS)) is None


def test_long_paragraph_with_unclosed_quote_is_fast_and_valid():
    text = "Holt spoke.\n“" + "The votes are there and the people want it. " * 400 + "\n\nThe vote is on Friday."
    out = list(extract_safely([article(1, text)], batch_size=8))
    (result,) = out
    assert isinstance(result, Extracted)
    for q in result.quotes:
        assert text[q.start:q.end] == q.text and q.end - q.start < 2000


@pytest.mark.parametrize("batch_size", [1, 3])
def test_order_and_count_are_kept(batch_size):
    arts = [article(n) for n in range(5)]
    out = list(extract_safely(arts, nlp=object(), batch_size=batch_size, extract=fake_extract))
    assert [o.article for o in out] == arts


def _swallowing_gc_callback(seconds: float):
    """A garbage-collector callback that runs `seconds` once: Python ignores any exception
    raised while it runs (distributed installs such callbacks in the process)."""
    import gc
    import time

    state = {"ran": False}

    def callback(phase, info):
        if phase == "start" and not state["ran"]:
            state["ran"] = True
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                pass

    gc.callbacks.append(callback)
    return callback


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed one, on purpose
@pytest.mark.parametrize("in_thread", [False, True])
def test_a_budget_exception_swallowed_by_a_gc_callback_is_raised_again(in_thread):
    import gc
    import threading
    import time

    from quotes.run.batch import OverBudget, time_budget

    outcome = {}

    def run():
        callback = _swallowing_gc_callback(0.5)
        started = time.monotonic()
        try:
            with time_budget(0.2):
                gc.collect()  # the budget runs out inside the callback: that exception is lost
                while time.monotonic() - started < 3:
                    pass
            outcome["result"] = "finished"
        except OverBudget:
            outcome["result"] = "over budget"
        finally:
            gc.callbacks.remove(callback)
        outcome["seconds"] = time.monotonic() - started

    if in_thread:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    else:
        run()
    assert outcome["result"] == "over budget"
    assert outcome["seconds"] < 1.5  # stopped soon after the callback, not at the loop's end


# Python runs a pending signal's handler between two bytecodes, with the frame running then: a
# profile hook runs the installed SIGALRM handler with the frame of `__enter__` returning or of
# `__exit__` starting. In a fresh interpreter: after a thread's gc callback swallowed an
# exception (the test above), CPython 3.11 spins forever on the next sys.setprofile.
_AT_THE_EDGE = """
import signal, sys, time
from quotes.run.batch import OverBudget, time_budget
where, event = sys.argv[1], sys.argv[2]
ran, kept = [], []
def hook(frame, what, arg):
    if what == event and frame.f_code.co_name == where and not ran:
        ran.append(where)
        signal.getsignal(signal.SIGALRM)(signal.SIGALRM, frame)
before = signal.getsignal(signal.SIGALRM)
try:
    sys.setprofile(hook)
    with time_budget(30):
        time.sleep(0.5)
except OverBudget as exc:
    kept.append(exc)  # kept, as a log record or a task's error keeps it
finally:
    sys.setprofile(None)
after = (signal.getsignal(signal.SIGALRM) is before, signal.getitimer(signal.ITIMER_REAL))
later = 0
end = time.monotonic() + 0.3
while time.monotonic() < end:
    try:
        time.sleep(0.01)
    except OverBudget:
        later += 1
print(ran == [where], len(kept), after[0], after[1] == (0.0, 0.0), later)
"""


@pytest.mark.parametrize("where, event", [("__enter__", "return"), ("__exit__", "call")])
def test_a_budget_running_out_as_its_block_starts_or_ends_never_outlives_it(where, event):
    """SIGALRM handled as the block starts (`__enter__` returning) or as it ends (`__exit__`
    starting): the budget's exception surfaces in the block or at its `with`, once; after
    it the handler is the one before, the timer is off, and nothing is raised later."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _AT_THE_EDGE, where, event], capture_output=True, text=True,
                         timeout=60, check=True).stdout.split()
    assert out == ["True", "1", "True", "True", "0"]
