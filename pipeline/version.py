"""The pipeline version stamped on every output row and used as part of the cache key."""

PIPELINE_VERSION = "0.1.0"
