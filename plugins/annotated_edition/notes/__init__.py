"""Stage 2: note bodies. Markdown to HTML, allowlist sanitizing, and links inside notes."""
