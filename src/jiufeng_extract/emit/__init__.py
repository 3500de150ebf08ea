"""Outputs: JSON/YAML/CSV/XLSX serialisation, flat rows, the schema and its validation,
terminal views. Reads the model, units/ and link/; never the loaders or the parsers."""
