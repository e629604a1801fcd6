"""Failure drill: PostgreSQL restarts while the site is under load.

A throwaway PostgreSQL server (tests/ops/postgres.py) behind gunicorn with the production
settings; client threads request the API without pause while the server is stopped, kept down
for a while and started again. Requests during the outage must get a clean 503 (short message,
`Retry-After`), never a 500; once the database is back, the same gunicorn (not restarted)
answers 200 again: `CONN_HEALTH_CHECKS` replaces the broken connections.

Each request is judged by when it was *sent*, not when its answer arrived: on a loaded machine
a request whose query ran just before the stop may take more than a second to come back with
its (legitimate) 200, and one sent just before the restart may still bring back its 503 after
recovery. The outage and the recovery last until enough requests were sent inside them.

The throwaway database gets only the table the drilled endpoint reads (created from the
model by Django's schema editor): running every migration would add a minute to the suite.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ops.postgres import ThrowawayPostgres, free_port, unavailable_reason

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 4
# Direct database reads: no API response cache, so that every request needs the database.
PATH = "/api/v2/themes/?fields=name"
CREATE_THEMES = """
from django.db import connection
from core.models import Theme
with connection.schema_editor() as editor:
    editor.create_model(Theme)
Theme.objects.bulk_create([Theme(name="Laïcité", slug="laicite")])
"""


@pytest.fixture
def postgres():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = ThrowawayPostgres()
    try:
        server.create()
        yield server
    finally:
        server.destroy()


def production_env(database_url: str, media: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "API_CACHE_TIMEOUT": "0",
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "ERROR",
    }
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "REDIS_URL"):
        env.pop(name, None)
    return env


@pytest.fixture
def app(postgres, tmp_path):
    env = production_env(postgres.url, tmp_path / "media")
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", CREATE_THEMES],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = free_port()
    env |= {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "site/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a loaded CI machine may take long to boot workers
        while time.monotonic() < deadline:
            if get(base + PATH)[0] == 200:
                break
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
        yield base, gunicorn
    finally:
        gunicorn.send_signal(signal.SIGINT)  # quick shutdown
        gunicorn.wait(timeout=30)
        log.close()


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


# How many requests sent inside each phase (outage, recovery) must have come back.
EVIDENCE = 8
PHASE_MAX_SECONDS = 30


@dataclass(frozen=True)
class Result:
    sent_at: float
    done_at: float
    status: int
    headers: dict[str, str]
    body: bytes

    def __repr__(self) -> str:
        return f"Result({self.sent_at:.2f}->{self.done_at:.2f}s, {self.status}, {self.body[:80]!r})"


def wait_for(results: list[Result], sent_after: float, at_least: float) -> None:
    """Sleep `at_least` seconds, then until EVIDENCE requests sent after `sent_after` are back."""
    time.sleep(at_least)
    deadline = time.monotonic() + PHASE_MAX_SECONDS
    while time.monotonic() < deadline:
        if sum(r.sent_at > sent_after for r in list(results)) >= EVIDENCE:
            return
        time.sleep(0.1)


def test_requests_fail_cleanly_while_postgres_restarts_and_recover(postgres, app):
    base, gunicorn = app
    results: list[Result] = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            sent_at = time.monotonic()
            status, headers, body = get(base + PATH)
            results.append(Result(sent_at, time.monotonic(), status, headers, body))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        postgres.stop()
        down_at = time.monotonic()
        wait_for(results, sent_after=down_at, at_least=2)
        restart_at = time.monotonic()
        postgres.start()
        up_at = time.monotonic()
        wait_for(results, sent_after=up_at + 1, at_least=2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

    # Whenever sent, every answer is a success or a clean 503: no 500, no reset connection.
    unclean = [r for r in results if r.status not in (200, 503)]
    assert not unclean, unclean
    # Sent while the server was down and back before it restarted: all 503.
    outage = [r for r in results if down_at < r.sent_at and r.done_at < restart_at]
    assert len(outage) >= EVIDENCE, (len(outage), results)
    not_503 = [r for r in outage if r.status != 503]
    assert not not_503, not_503
    assert outage[0].headers["Retry-After"] == "30"
    message = json.loads(outage[0].body)["message"]
    assert "indisponible" in message and "unavailable" in message
    assert len(outage[0].body) < 300  # a short message, no traceback
    # Recovered without restarting the app: everything sent a second after the restart is 200.
    recovered = [r for r in results if r.sent_at > up_at + 1]
    assert len(recovered) >= EVIDENCE, (len(recovered), results)
    not_200 = [r for r in recovered if r.status != 200]
    assert not not_200, not_200
    assert json.loads(recovered[-1].body)["items"][0]["name"] == "Laïcité"
    assert gunicorn.poll() is None

    assert_production_headers(base)


def assert_production_headers(base: str) -> None:
    """What the recovered production app sends behind a TLS proxy; unknown hosts refused."""
    status, headers, _ = get(base + PATH, **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    directives = {d.strip() for d in headers["Content-Security-Policy"].split(";")}
    assert "default-src 'none'" in directives
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Set-Cookie" not in headers
    assert get(base + PATH, Host="evil.example")[0] == 400
