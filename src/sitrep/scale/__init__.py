"""Scale: the same per-document analysis in a local process pool or on Spark partitions."""
