"""Entry script of the packaged program (PyInstaller): the same as the `fieldreport` command."""

import sys

from fieldreport.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
