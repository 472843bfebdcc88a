"""Progress lines on stderr, so a run of half an hour shows what it is doing."""

from __future__ import annotations

import sys
import time

_START = time.monotonic()


def say(message: str) -> None:
    elapsed = time.monotonic() - _START
    minutes, seconds = divmod(int(elapsed), 60)
    print(f"[bench {minutes:3d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)
