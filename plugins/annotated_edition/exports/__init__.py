"""Stage 3, beside render: machine-readable exports (edition.json, W3C annotations, citations)."""
