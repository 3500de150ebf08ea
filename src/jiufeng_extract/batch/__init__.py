"""``jiufeng batch``: plan, worker processes, index.json and reports over many circulars.
Imports the pipeline, emit/ and the foundation; not cli/."""
