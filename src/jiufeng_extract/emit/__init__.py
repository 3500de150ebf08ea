"""Outputs: JSON/YAML/CSV/XLSX serialisation, flat rows, the JSON Schema, summaries and
terminal views. Reads the model, units/ and link/; never the loaders or the parsers."""
