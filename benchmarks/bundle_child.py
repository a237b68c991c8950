"""Entry point of P4's and P5's child processes: `python bundle_child.py child export|import …`.

Only the standard library at module level, like the `fieldreport` command itself
(cli/main.py): a large import starts a helper process (bundle/revision_parser.py), and
Python's "spawn" start method re-imports the main module in it. A main module that imported
the whole benchmark corpus would cost that helper half a second of start-up, on the same two
cores as the import, that nobody running the real program pays.
"""

from __future__ import annotations

import sys


def main() -> int:
    import bundle_corpus  # the heavy part, only in this process

    return bundle_corpus.child_main()


if __name__ == "__main__":
    sys.exit(main())
