"""``python -m medialit``: the same command line as ``medialit``."""

import sys

from medialit.cli import main

sys.exit(main())
