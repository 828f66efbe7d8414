"""Stage 1 of the pipeline: read and validate every input file (texts, clause maps, notes,
cross-references, entities, timeline), anchor quotes, and explain contributors' mistakes."""
