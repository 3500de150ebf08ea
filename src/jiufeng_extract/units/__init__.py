"""Responsibility vocabulary: unit names and aliases, lead/support roles, deadlines, and the
per-unit index of a finished circular. Imports text/ and the foundation only."""
