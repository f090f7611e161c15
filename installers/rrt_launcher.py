"""What the bundled `rrt` executable runs: the same entry point as the installed script."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
