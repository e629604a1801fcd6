"""Production settings refuse to start without their required environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_production_setup(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(extra_env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_and_hosts():
    result = run_production_setup({})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_names_only_what_is_missing():
    result = run_production_setup({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "SECRET_KEY" not in result.stderr.splitlines()[-1]


def test_production_starts_with_its_environment():
    result = run_production_setup({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "reci.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_wsgi_defaults_to_production_settings():
    source = (ROOT / "config" / "wsgi.py").read_text()
    assert '"config.settings.production"' in source
