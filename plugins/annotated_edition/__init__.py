"""An annotated digital edition generator: an engine that turns verbatim texts, clause maps
and one-file-per-note commentary into a checked edition model, and a thin MkDocs plugin
(``annotated-edition``) that publishes it. The engine never imports MkDocs."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
