"""The W3C runners share :mod:`w3c_manifest` (tests run in importlib mode, so this
directory is put on the import path explicitly)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
