"""How long the admin's first page takes after logging in, under gunicorn, and where it goes.

    .venv/bin/python bench/admin_first_page.py [--database /tmp/reci-admin-bench.sqlite3]

Builds (once) a SQLite database with the demo content, starts gunicorn (one worker, the
production settings with a throw-away key, no HTTPS redirect) and, with a fresh worker each
round, times: the login page, the login, the dashboard (twice), a note's edit view (twice).
Then profiles the same first dashboard in a fresh Python process and prints the functions that
take the most time. Prints figures; asserts nothing (never run as a test).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv/bin/python"
USER, PASSWORD = "editeur-oriv", "reci-demo-2026"


def environment(database: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "bench-only-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "AUDIENCE_ENABLED": "false",
    }


def prepare(database: Path) -> None:
    """The demo in `database` (once), the static files' manifest for the production settings."""
    manage = [str(PYTHON), "manage.py"]
    if not database.exists():
        env = {**environment(database), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "load_demo_data", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=environment(database),
        check=True,
    )


class Session:
    """Cookies by hand: the production cookies are `Secure`, which urllib keeps off HTTP."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        opener = urllib.request.build_opener(NoRedirect)
        self.open = opener.open

    def request(self, path: str, data: dict | None = None) -> tuple[float, int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        request.add_header("Referer", self.base + path)
        start = time.perf_counter()
        try:
            response = self.open(request)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - start
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return elapsed, response.status, text


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_round(database: Path, note_id: int) -> list[tuple[str, float]]:
    port = free_port()
    env = {**environment(database), "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            "site/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        session = Session(f"http://127.0.0.1:{port}")
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        figures = []
        elapsed, status, html = session.request("/admin/login/")
        assert status == 200, f"login page: {status} {html[:300]}"
        figures.append(("login page (worker's first request)", elapsed))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        elapsed, status, _ = session.request(
            "/admin/login/", {"csrfmiddlewaretoken": token, "username": USER, "password": PASSWORD}
        )
        assert status == 302, f"login refused ({status})"
        figures.append(("login (POST)", elapsed))
        for label, path in [
            ("dashboard, first", "/admin/"),
            ("dashboard, second", "/admin/"),
            ("note edit view, first", f"/admin/pages/{note_id}/edit/"),
            ("note edit view, second", f"/admin/pages/{note_id}/edit/"),
        ]:
            elapsed, status, _ = session.request(path)
            assert status == 200, f"{path}: {status}"
            figures.append((label, elapsed))
        return figures
    finally:
        server.terminate()
        server.wait()


PROFILE = """
import cProfile, pstats, django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
client = Client(HTTP_HOST="127.0.0.1")
client.get("/admin/login/")
client.force_login(get_user_model().objects.get(username="{user}"))
profile = cProfile.Profile()
profile.enable()
response = client.get("/admin/")
profile.disable()
assert response.status_code == 200, response.status_code
pstats.Stats(profile).sort_stats("cumulative").print_stats(28)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("/tmp/reci-admin-bench.sqlite3"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    prepare(args.database)
    note_id = int(
        subprocess.run(
            [
                str(PYTHON),
                "-c",
                "import django; django.setup(); from publications.models import NotePage;"
                " print(NotePage.objects.filter(organisations__acronym='ORIV').first().pk)",
            ],
            cwd=ROOT,
            env=environment(args.database),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    rounds = [one_round(args.database, note_id) for _ in range(args.rounds)]
    for index, (label, _elapsed) in enumerate(rounds[0]):
        values = sorted(figures[index][1] * 1000 for figures in rounds)
        median = values[len(values) // 2]
        print(f"{label:40} median {median:7.0f} ms  (range {values[0]:.0f}-{values[-1]:.0f})")
    print(f"load average after: {os.getloadavg()[0]:.1f}\n")
    print("Profile of the first dashboard in a fresh process (cumulative):")
    script = PROFILE.format(user=USER)
    subprocess.run(
        [str(PYTHON), "-c", script], cwd=ROOT, env=environment(args.database), check=True
    )


if __name__ == "__main__":
    sys.exit(main())
