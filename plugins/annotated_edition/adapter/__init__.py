"""Stage 4: the only code that imports MkDocs. Plugin hooks, options, publishing generated files."""
