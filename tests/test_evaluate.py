"""Our scorer must agree with the shared reference scorer (shared/tools/score.py)."""
import importlib.util
import json
import random

import pytest

from conftest import SHARED, polnear_file
from quotes.evaluate import match_quotes, score, speaker_matches


def reference_scorer():
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.skip("shared/tools/score.py not available")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def perturbed_predictions(gold_docs, seed=7):
    """Predictions with every kind of error: misses, spurious spans, shifted bounds, wrong speakers."""
    rng = random.Random(seed)
    preds = []
    for doc in gold_docs:
        quotes = []
        for q in doc["quotes"]:
            roll = rng.random()
            if roll < 0.1:
                continue  # a miss
            start, end = q["start"], q["end"]
            if roll < 0.3:
                start = min(end - 1, start + rng.randint(0, 12))
            speaker = q.get("speaker")
            if 0.3 <= roll < 0.45:
                speaker = rng.choice(["Donald Trump", None, "he", (speaker or "x").split()[-1]])
            quotes.append({"start": start, "end": end, "text": doc["text"][start:end], "speaker": speaker,
                           "group": f"g{rng.randint(0, 40)}"})
        if rng.random() < 0.3 and len(doc["text"]) > 200:
            quotes.append({"start": 100, "end": 160, "text": doc["text"][100:160], "speaker": "Nobody", "group": "g1"})
        preds.append({"doc_id": doc["doc_id"], "quotes": quotes})
    return preds


def test_agrees_with_reference_on_polnear_dev():
    ref = reference_scorer()
    gold = [json.loads(line) for line in polnear_file("dev").open(encoding="utf-8")]
    for doc in gold[:30]:
        for k, q in enumerate(doc["quotes"]):
            q["group"] = f"g{k % 7}"
    preds = perturbed_predictions(gold)
    expected = ref.score(gold, preds)
    assert score(gold, preds) == expected
    assert 0.5 < expected["quote_f1"] < 1.0  # the perturbations really are errors


def test_agrees_with_reference_on_a_small_case():
    ref = reference_scorer()
    text = "“We will not back down,” Mayor Jane Alvarez said. He added: “The budget stays.”"
    gold = [{"doc_id": "d", "text": text, "quotes": [
        {"start": 1, "end": 23, "text": text[1:23], "speaker": "Jane Alvarez"},
        {"start": 60, "end": 77, "text": text[60:77], "speaker": "He", "speaker_is_pronoun": True},
    ]}]
    pred = [{"doc_id": "d", "quotes": [
        {"start": 1, "end": 22, "speaker": "Alvarez"},
        {"start": 60, "end": 77, "speaker": "Jane Alvarez"},
        {"text": "Mayor Jane", "speaker": None},
    ]}]
    assert score(gold, pred) == ref.score(gold, pred)


def test_speaker_matching_rules():
    assert speaker_matches("Lloyd Austin", {"speaker": "Austin"})
    assert speaker_matches("Secretary Austin", {"speaker": "Lloyd J. Austin"})
    assert speaker_matches("Zelenskyy", {"speaker": "Zelenskyy"})
    assert not speaker_matches("Bill Clinton", {"speaker": "Hillary Rodham"})
    assert speaker_matches(None, {"speaker": None})
    assert not speaker_matches(None, {"speaker": "Kirby"})


def test_matching_is_one_to_one_best_first():
    assert match_quotes([(0, 10), (20, 30)], [(0, 8), (1, 10), (22, 30)]) == [(0, 1), (1, 2)]


def test_errors_are_listed_for_analysis():
    text = "“We will not back down,” Mayor Jane Alvarez said. “The budget stays,” he said."
    gold = [{"doc_id": "d", "text": text, "quotes": [
        {"start": 1, "end": 23, "text": text[1:23], "speaker": "Jane Alvarez"},
        {"start": 51, "end": 68, "text": text[51:68], "speaker": "Jane Alvarez"},
    ]}]
    pred = [{"doc_id": "d", "quotes": [
        {"start": 1, "end": 23, "speaker": "Bob Smith"},
        {"start": 30, "end": 40, "speaker": "Jane Alvarez"},
    ]}]
    errors = []
    score(gold, pred, errors=errors)
    assert sorted(e[0] for e in errors) == ["MISS", "SPEAKER", "SPURIOUS"]
    assert ("SPEAKER", "d", "Jane Alvarez", "Bob Smith", "We will not back down,") in errors


def test_double_mark_filter_follows_the_gold_definition():
    from quotes.evaluate import keep_double_marked, opened_by_double_mark

    text = "''Tax reform,'' said Mr. Burman. “Fair game,” Kirby said. ‘Serious issue’ \"Yes,\" he said."
    starts = {w: text.index(w) for w in ("Tax", "Fair", "Serious", "Yes")}
    assert [opened_by_double_mark(text, s) for s in starts.values()] == [False, True, False, True]
    gold = [{"doc_id": "d", "text": text, "quotes": []}]
    pred = [{"doc_id": "d", "quotes": [{"start": s, "end": s + 3} for s in starts.values()]}]
    kept = keep_double_marked(gold, pred)[0]["quotes"]
    assert [text[q["start"]:q["end"]] for q in kept] == ["Fai", "Yes"]
    # as shared/tools/score.py: spaces may stand between the mark and the first word
    text = "The mayor spoke.\n\n” … the bridge will be rebuilt,” she said. ‘ Serious’"
    assert opened_by_double_mark(text, text.index("…"))
    assert not opened_by_double_mark(text, text.index("Serious"))


def test_calibration_and_errors_by_class():
    from quotes.evaluate import apply_layer, calibration, errors_by_class

    text = " ".join(f"“Quote number {i} here.” Person{i} said." for i in range(20))
    quotes, preds = [], []
    pos = 0
    for i in range(20):
        s = text.index(f"Quote number {i} ", pos)
        e = s + len(f"Quote number {i} here.")
        pos = e
        quotes.append({"start": s, "end": e, "text": text[s:e], "speaker": f"Person{i}" if i != 3 else "he",
                       "speaker_is_pronoun": i == 3})
        wrong = i in (0, 1)
        preds.append({"start": s, "end": e, "text": text[s:e], "speaker": "Nobody" if wrong else f"Person{i}",
                      "confidence": 0.1 if wrong else 0.95, "method": "subject:pronoun" if i == 0 else "subject:name"})
    gold = [{"doc_id": "d", "text": text, "quotes": quotes}]
    pred = [{"doc_id": "d", "quotes": preds}]
    cal = calibration(gold, pred)
    assert cal["judged"] == 19  # the gold "he" is not judged on names
    assert cal["share_conf_ge_0.9"] == round(17 / 19, 4) and cal["right_at_conf_ge_0.9"] == 1.0
    assert cal["errors_in_lowest_10pct"] == 0.5  # the lowest 10% (1 of 19) holds 1 of the 2 errors
    assert errors_by_class(gold, pred) == {"speaker_pronoun_resolution": 1, "speaker_wrong_name": 1}
    # a layer names the "he": now judged, and right
    assert apply_layer(gold, [{"doc_id": "d", "start": quotes[3]["start"], "end": quotes[3]["end"],
                               "canonical": "Person3", "aliases": []}]) == 1
    assert calibration(gold, pred)["judged"] == 20
