#!/usr/bin/env python3
"""Check a built site's links: `python scripts/check_links.py [site]` (default: site/).

Prints what was checked and every broken or unsafe link; exits 1 if there is any.
See plugins/annotated_edition/tools/link_check.py for the rules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotated_edition.tools.link_check import check_site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--offline", action="store_true",
                        help="the offline build: no edit links to the repository either")
    arguments = parser.parse_args()
    if not (arguments.site / "index.html").is_file():
        print(f"check_links: {arguments.site} holds no built site (no index.html); run `make site` first",
              file=sys.stderr)
        return 2
    report = check_site(arguments.site, offline=arguments.offline)
    print(report.describe())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
