"""An annotated digital edition generator: an engine that turns verbatim texts, clause maps
and one-file-per-note commentary into a checked edition model, and a thin MkDocs plugin
(``annotated-edition``, in :mod:`.adapter`) that publishes it. Only :mod:`.adapter` imports MkDocs.

The pipeline, one subpackage a stage: :mod:`.sources` (read and validate) → :mod:`.model`
(immutable data) → :mod:`.notes` and :mod:`.links` → :mod:`.render` and :mod:`.exports` →
:mod:`.adapter`; :mod:`.tools` holds the command-line tools. This module is the small facade
for code that drives the engine: load or check an edition, and the model's types.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, Diagnostics, EditionError  # noqa: E402  (after __version__)
from .model import (Author, Clause, CrossRef, Document, Edition, Entity, Event, Mention,  # noqa: E402
                    Note, Ref, SourceRef)
from .settings import EditionConfig  # noqa: E402
from .sources.edition import check_edition, load_edition  # noqa: E402
from .tools.project_config import edition_config_for  # noqa: E402

__all__ = [
    "__version__", "EditionConfig", "edition_config_for", "check_edition", "load_edition",
    "Diagnostic", "Diagnostics", "EditionError",
    "Author", "Clause", "CrossRef", "Document", "Edition", "Entity", "Event", "Mention", "Note", "Ref", "SourceRef",
]
