"""Snapshot assertions for API responses: JSON files under tests/api/snapshots/.

Volatile values are normalised first (ids, timestamps, URLs holding ids, file hashes), so a
snapshot only changes when the API's shape or content does. To accept a change on purpose:

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/api/test_snapshots.py

then review the JSON diff in git. A mismatch fails with a unified diff of the two documents.
"""

import difflib
import json
import os
import re
from pathlib import Path

import pytest

SNAPSHOT_DIR = Path(__file__).parent / "snapshots"
ID_KEYS = {"id", "object_id"}
VOLATILE_KEYS = {"first_published_at", "last_published_at", "file_size", "occurred_at"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
NUMBER_IN_PATH = re.compile(r"/\d+(?=/|$|\?|#)")
FILE_HASH = re.compile(r"\.[0-9a-f]{6,8}(?=\.)")
COPY_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(?=\.[a-z]+$)")  # storage's "note_a1B2c3D.pdf"


def normalise(value, key: str | None = None):
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if key in ID_KEYS and isinstance(value, int):
        return "<id>"
    if key in ID_KEYS and isinstance(value, str):  # e.g. CSL-JSON's "ref-12"
        return re.sub(r"\d+", "<id>", value)
    if key in VOLATILE_KEYS and value is not None:
        return f"<{key}>"
    if isinstance(value, str):
        if DATETIME.match(value):
            return "<datetime>"
        if "/" in value and (value.startswith(("http", "/"))):
            value = NUMBER_IN_PATH.sub("/<id>", value)
            value = FILE_HASH.sub(".<hash>", value)
            value = COPY_SUFFIX.sub("", value)
    return value


def dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def assert_matches_snapshot(name: str, data) -> None:
    """Compare `data` (normalised) with tests/api/snapshots/<name>.json."""
    path = SNAPSHOT_DIR / f"{name}.json"
    actual = dump(normalise(data))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT_DIR.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"No snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to create it.")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"snapshots/{path.name}",
                tofile="response",
            )
        )
        pytest.fail(
            f"The response differs from snapshots/{path.name} "
            f"(UPDATE_SNAPSHOTS=1 to accept it):\n{diff}",
            pytrace=False,
        )
