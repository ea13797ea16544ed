"""Extracting: an article's text → claims proposed for a person to review (factcheck extract)."""
