import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings

from core.security import client_ip

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_public_pages_get_a_strict_policy(client, site_skeleton):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_api_policy_forbids_everything(client, site_skeleton):
    response = client.get("/api/v2/pages/")
    directives = set(response["Content-Security-Policy"].split("; "))
    assert directives == {"default-src 'none'", "frame-ancestors 'none'"}


def test_admin_gets_what_wagtail_needs(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


def login_attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_failures_lock_the_user_from_that_address(client):
    get_user_model().objects.create_user("camille", password="le-bon-mot-de-passe")
    for _ in range(4):
        response = login_attempt(client, "camille", "mauvais")
        assert response.status_code == 200
    # The fifth failure locks.
    assert login_attempt(client, "camille", "mauvais").status_code == 429
    # Locked now: even the right password is refused, with the French explanation.
    response = login_attempt(client, "camille", "le-bon-mot-de-passe")
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out for that user.
    response = login_attempt(client, "camille", "le-bon-mot-de-passe", address="198.51.100.2")
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(username="camille").exists()


def test_client_ip_ignores_forwarded_for_from_untrusted_peers():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert client_ip(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_client_ip_reads_the_trusted_proxy_header():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9"
    )
    # The right-most address not added by a trusted proxy: a client cannot forge its way in.
    assert client_ip(request) == "198.51.100.9"


def test_deploy_check_passes_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "reseau-reci.example",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
