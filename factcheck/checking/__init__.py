"""Checking: a Project → verdicts and findings (run/pipeline.py runs its stages in order)."""
