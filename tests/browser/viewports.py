"""The two widths every page is looked at: a laptop and a small phone."""

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}
