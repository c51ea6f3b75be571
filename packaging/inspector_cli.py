"""The command line's entry script for the frozen build (PyInstaller needs a script; a wheel uses the
``inspector`` entry point, which calls the same function)."""

import sys

from inspector.cli import main

if __name__ == "__main__":
    sys.exit(main())
