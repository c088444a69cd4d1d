"""Extraction: quotation marks, the parse, attribution, dating (one article at a time)."""
