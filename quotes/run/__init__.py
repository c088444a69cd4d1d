"""Running extraction over many articles: batches, local processes, Dask, shards."""
