"""``python -m annotated_edition``: the checker and the note scaffold (see :mod:`.cli`)."""

from __future__ import annotations

import sys

from .tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
