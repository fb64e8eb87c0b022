"""``python -m hnendpoint`` is ``hnclient-endpoint``."""

import sys

from hnendpoint.cli import main

sys.exit(main())
