"""``python -m desktop.deskctl``: the same as ``arco-deskctl``."""

from __future__ import annotations

import sys

from desktop.deskctl import main

sys.exit(main())
