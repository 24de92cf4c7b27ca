"""``python -m desktop``: the same as the ``argmap-desktop`` command."""

import sys

from desktop.app import main

sys.exit(main())
