"""Storage: the SQLite schema and writes, transactions, the build lock, freshness."""
