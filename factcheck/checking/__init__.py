"""Checking: a Project → verdicts and findings (pipeline.py runs the stages in order)."""
