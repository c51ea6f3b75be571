"""Start the Inspector desktop app: ``python main.py [--db PATH]``."""

import sys

from inspector.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
