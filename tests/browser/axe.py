"""axe-core, from the project's node_modules (never a CDN), run inside a Playwright page.

The script is evaluated through the DevTools protocol, which the pages' Content Security
Policy does not apply to: the pages under test keep their production policy.
"""

from functools import cache
from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
# WCAG 2.1 levels A and AA: what RGAA 4.1 builds on (see the README for what this leaves out).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        raise FileNotFoundError(f"{AXE_SCRIPT} missing: run `npm ci` (or `make install-test`)")
    return AXE_SCRIPT.read_text()


def violations(page, *, include: str | None = None, exclude: list[str] | None = None) -> list:
    """The WCAG 2.1 A/AA violations axe finds in the page (or in `include`)."""
    page.evaluate(axe_source())
    context = {"include": [include] if include else [["html"]], "exclude": exclude or []}
    result = page.evaluate(
        "([context, tags]) => axe.run(context, {runOnly: {type: 'tag', values: tags}})",
        [context, WCAG_TAGS],
    )
    return result["violations"]


def describe(found: list) -> str:
    """One line per violation and element, for the assertion message."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            where = f"{violation['id']} ({violation['impact']}): {node['target']}"
            lines.append(f"{where} – {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page, **kwargs) -> None:
    found = violations(page, **kwargs)
    assert not found, f"axe, {page.url}:\n{describe(found)}"
