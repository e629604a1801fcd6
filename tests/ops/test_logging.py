"""What the application prints, as a developer and an operator read it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("settings_module", ["config.settings.dev", "config.settings.test"])
def test_a_django_message_is_printed_once(settings_module):
    """Django's own console handler (on with DEBUG) and the root's both printed each message of
    Django's loggers: every « Not Found » twice under `make run`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "OPENSEARCH_URL", "ELASTICSEARCH_URL")
    }
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /nulle-part/'); "
        "logging.getLogger('django.server').info("
        "'\"GET /nulle-part/ HTTP/1.1\" 404 179', extra={'status_code': 404})"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /nulle-part/") == 1, result.stderr
    # runserver's request line: once, after the time, as Django writes it.
    [request_line] = [line for line in result.stderr.splitlines() if "GET /nulle-part/" in line]
    assert re.fullmatch(
        r"(\x1b\[[0-9;]*m)?\[[^\]]+\] \"GET /nulle-part/ HTTP/1.1\" 404 179.*", request_line
    )
