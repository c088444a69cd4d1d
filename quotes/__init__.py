"""quotes: find direct quotations in news, attribute them, compare outlets."""

__version__ = "0.1.0"
