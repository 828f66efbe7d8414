"""Stage 3: page builders. Python prepares data; Jinja2 templates (``templates/``) write markup."""
