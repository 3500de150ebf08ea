"""Stage 5 and its report: responsibility rows linked to body tasks, and where the two
disagree (``jiufeng check``). Imports text/ and the model."""
