"""Where the package's own data files lie: schemas, stylesheets and scripts, theme overrides."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE_DIR", "SCHEMA_DIR", "ASSETS_DIR"]

PACKAGE_DIR = Path(__file__).parent
SCHEMA_DIR = PACKAGE_DIR / "schemas"
ASSETS_DIR = PACKAGE_DIR / "assets"
