"""The fidelity tests share :mod:`paper_text`, :mod:`shipped_graphs` and
:mod:`paper_sentences` (tests run in importlib mode, so this directory goes on the path)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
