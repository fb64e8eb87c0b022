"""`python -m hnclient` behaves exactly like the `hnclient` console script."""

import sys

from hnclient.cli import main

sys.exit(main())
