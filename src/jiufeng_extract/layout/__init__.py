"""Stage 2, blocks → paragraphs: furniture set aside, scraped tables grouped, wrapped lines
rejoined. Imports the foundation and text/ only."""
