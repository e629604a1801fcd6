"""Screenshots of each page type at 1280 and 375 px, for a reviewer to look at.

Written to `build/screenshots/` (ignored by git); `SCREENSHOTS=0` skips them. Taking the narrow
one also checks what a phone shows: nothing wider than the screen.
"""

import os
from pathlib import Path

from tests.browser.viewports import DESKTOP, MOBILE

FOLDER = Path(__file__).resolve().parents[2] / "build/screenshots"


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: no horizontal scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def capture(page, name: str) -> None:
    """Full-page screenshots `<name>-1280.png` and `<name>-375.png`; fails on overflow at 375."""
    enabled = os.environ.get("SCREENSHOTS", "1") != "0"
    if enabled:
        FOLDER.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=FOLDER / f"{name}-1280.png", full_page=True)
    page.set_viewport_size(MOBILE)
    try:
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"
        if enabled:
            page.screenshot(path=FOLDER / f"{name}-375.png", full_page=True)
    finally:
        page.set_viewport_size(DESKTOP)
