"""Publishing the database with Datasette: metadata, plugin and serve settings."""
from __future__ import annotations

from pathlib import Path

METADATA_PATH = Path(__file__).with_name("metadata.yaml")
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    # Suggested facets probe every column with time-limited scans (up to ~3 s per table page
    # at 1,000,000 quotes; benchmarks/bench_datasette.py). The facets in metadata.yaml stay.
    "suggest_facets": False,
    # docs/security.md: read-only SQL yes, the whole file or whole tables in one request no
    "allow_download": False,
    "allow_csv_stream": False,
}


def datasette_args(db_path: str, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """Arguments for `datasette serve`: read-only (-i) and limits.

    No `--metadata`: the plugin's `get_metadata` hook applies METADATA_PATH to every
    database with the quotes schema, whatever its file name (see plugin.py)."""
    args = ["serve", "-i", str(db_path), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args
