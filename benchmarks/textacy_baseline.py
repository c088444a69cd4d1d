"""The baseline: textacy's direct_quotations on a full en_core_web_sm parse of each article.

Usage: python benchmarks/textacy_baseline.py DOCS.jsonl PRED.jsonl
Writes predictions in the shared FORMAT.md shape; per-article exceptions are caught (the
article then has no quotes), as textacy raises on some unbalanced quotation marks.
`benchmarks/accuracy.py` imports `textacy_quotes` from here, so both benchmarks score the
same adapter.
"""
from __future__ import annotations

import json
import sys

MARKS_AND_SPACE = "\"“”‘’' "


def textacy_quotes(nlp, text: str) -> list[dict]:
    """textacy's quotes of one text as FORMAT.md quotes (offsets without the marks).

    Raises whatever textacy raises (it fails on some unbalanced quotation marks)."""
    from textacy.extract.triples import direct_quotations

    quotes = []
    for triple in direct_quotations(nlp(text)):
        start, end = triple.content.start_char, triple.content.end_char
        while start < end and text[start] in MARKS_AND_SPACE:
            start += 1
        while end > start and text[end - 1] in MARKS_AND_SPACE:
            end -= 1
        quotes.append({"start": start, "end": end, "text": text[start:end], "kind": "full",
                       "speaker": " ".join(t.text for t in triple.speaker) or None,
                       "cue": " ".join(t.text for t in triple.cue).lower() or None})
    return quotes


def main(src: str, dst: str) -> None:
    from quotes.extract.nlp import load_nlp

    nlp = load_nlp()  # the full pipeline (with NER), as textacy expects
    errors = 0
    with open(src, encoding="utf-8") as handle, open(dst, "w", encoding="utf-8") as out:
        for line in handle:
            doc_in = json.loads(line)
            try:
                quotes = textacy_quotes(nlp, doc_in["text"])
            except Exception:  # textacy fails on some articles: count it, keep going
                errors += 1
                quotes = []
            out.write(json.dumps({"doc_id": doc_in["doc_id"], "quotes": quotes}, ensure_ascii=False) + "\n")
    print(json.dumps({"errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
