"""Reading inputs: files, JSONL, HTML, decoding, outlet/byline/date/title."""
