"""What makes a large project fast: compact claims files, parallel parsing, the cache, parts."""
