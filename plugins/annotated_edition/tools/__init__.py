"""Command-line tools: check, new note, link check, offline bundle, portable build."""
