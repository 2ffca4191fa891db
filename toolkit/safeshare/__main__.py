"""`python -m safeshare` runs the command line."""

import sys

from safeshare.cli.main import main

sys.exit(main())
