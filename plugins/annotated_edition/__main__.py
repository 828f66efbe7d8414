"""``python -m annotated_edition``: the checker and the note scaffold (see :mod:`.cli`)."""

from __future__ import annotations

import os
import sys

from .tools.cli import main

if __name__ == "__main__":
    status = main()
    # The process ends here without freeing, one object at a time, all a check of a large
    # edition holds (about 70 ms at 100x for 250 MB): the output is flushed, nothing else
    # waits for the interpreter's shutdown (the worker pools are closed by then).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
