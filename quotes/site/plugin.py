"""The Datasette plugin shipped with the package (entry point `quotes`).

Article text is untrusted: every cell is rendered through markupsafe escaping, never as
raw HTML.
"""
from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Quote text shown between quotation marks; escaped like every other cell."""
    if table == "quotes" and column == "text" and isinstance(value, str):
        return Markup("“{}”").format(escape(value))
    return None
