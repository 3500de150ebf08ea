"""Shared Chinese text rules: numerals and dates, line joining, character-level comparison.
Imports the foundation (patterns, model, errors) only."""
