"""How long the admin's first page takes after logging in, and where it goes.

    .venv/bin/python bench/admin_first_page.py [--database /tmp/reci-admin-bench.sqlite3]
    .venv/bin/python bench/admin_first_page.py --server runserver [--browser]

Builds (once) a SQLite database with the demo content. By default starts gunicorn (one worker,
the production settings with a throw-away key, no HTTPS redirect) and, with a fresh worker each
round, times: the login page, the login, the dashboard (twice), a note's edit view (twice).
Then profiles the same first dashboard in a fresh Python process and prints the functions that
take the most time.

`--server runserver` times the development server instead: what `make run` does before
starting it (`prepare_dev`, and the three commands it replaced), then the server as `make run`
starts it and in variants that tell its costs apart: the development settings (DEBUG) with the
auto-reloader, the same with `--noreload`, the production settings (DEBUG off) with
`--noreload`, and with no compiled bytecode (a throw-away PYTHONPYCACHEPREFIX: every module
compiled again, as after an install that did not compile them). Each round a fresh server,
timed from its start until it answers, then the same requests, and the first dashboard as a
browser loads it (the page, then its scripts, styles, images and the icons' sprite, six at a
time); `--browser` adds the login in Chromium. Then profiles the first requests in a fresh
process with the development settings. Prints figures; asserts nothing (never run as a test).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
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


def wait_for(port: int, timeout: float = 60) -> float:
    """Seconds until something accepts connections on `port`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port} after {timeout} s")


ASSET = re.compile(r'(?:src|href|data-icon-url)="(/(?:static|admin/sprite)/[^"]+)"')


def with_assets(session: Session, path: str) -> tuple[float, float]:
    """The page, then what a browser fetches for it from the server (six at a time): the
    seconds for the page alone and for the page with its assets."""
    start = time.perf_counter()
    elapsed, status, html = session.request(path)
    assert status == 200, f"{path}: {status}"
    assets = sorted(set(ASSET.findall(html.replace("&amp;", "&"))))

    def fetch(asset: str) -> None:
        request = urllib.request.Request(session.base + asset)
        with urllib.request.urlopen(request) as response:
            response.read()

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(fetch, assets))
    return elapsed, time.perf_counter() - start


def timed_requests(session: Session, note_id: int, assets: bool = False) -> list[tuple[str, float]]:
    """The login page, the login, the dashboard (with its assets: `assets`), the edit view."""
    figures = []
    elapsed, status, html = session.request("/admin/login/")
    assert status == 200, f"login page: {status} {html[:300]}"
    figures.append(("login page (server's first request)", elapsed))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    elapsed, status, _ = session.request(
        "/admin/login/", {"csrfmiddlewaretoken": token, "username": USER, "password": PASSWORD}
    )
    assert status == 302, f"login refused ({status})"
    figures.append(("login (POST)", elapsed))
    if assets:
        page, total = with_assets(session, "/admin/")
        figures += [("dashboard, first", page), ("dashboard, first, with its assets", total)]
        pages = [("dashboard, second", "/admin/")]
    else:
        pages = [("dashboard, first", "/admin/"), ("dashboard, second", "/admin/")]
    for label, path in [
        *pages,
        ("note edit view, first", f"/admin/pages/{note_id}/edit/"),
        ("note edit view, second", f"/admin/pages/{note_id}/edit/"),
    ]:
        elapsed, status, _ = session.request(path)
        assert status == 200, f"{path}: {status}"
        figures.append((label, elapsed))
    return figures


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
        wait_for(port)
        return timed_requests(Session(f"http://127.0.0.1:{port}"), note_id)
    finally:
        server.terminate()
        server.wait()


# The development server as `make run` starts it, then without what each variant leaves out;
# the last as on the first run after installing or upgrading (no compiled bytecode yet).
RUNSERVER_VARIANTS = [
    ("runserver, DEBUG, auto-reloader (make run)", "config.settings.dev", [], False),
    ("runserver, DEBUG, --noreload", "config.settings.dev", ["--noreload"], False),
    ("runserver, DEBUG off, --noreload", "config.settings.production", ["--noreload"], False),
    ("runserver, DEBUG, auto-reloader, no bytecode yet", "config.settings.dev", [], True),
]
# What `make run` does before it starts the server: one command now, three processes before.
MAKE_RUN_NOW = ["prepare_dev", "-v0"]
MAKE_RUN_STEPS = [
    ["migrate", "--no-input", "-v0"],
    ["load_demo_data", "-v0"],
    ["create_dev_superuser"],
]


def runserver_round(
    database: Path, note_id: int, settings: str, options: list[str], cold: bool, browser: bool
) -> list[tuple[str, float]]:
    port = free_port()
    env = {**environment(database), "DJANGO_SETTINGS_MODULE": settings}
    if cold:  # Python compiles every module again, into a cache of its own (the venv untouched)
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="reci-bench-pycache-")
    server = subprocess.Popen(
        [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the auto-reloader's child goes with it
    )
    try:
        started = wait_for(port, timeout=300)
        session = Session(f"http://127.0.0.1:{port}")
        figures = [("start-up, until it answers", started), *timed_requests(session, note_id, True)]
        if browser:
            figures.append(("Chromium: log in, dashboard loaded", in_chromium(port)))
        return figures
    finally:
        os.killpg(server.pid, 15)
        server.wait()
        if cold:
            shutil.rmtree(env["PYTHONPYCACHEPREFIX"], ignore_errors=True)


def in_chromium(port: int) -> float:
    """Seconds from « S'identifier » to the dashboard's `load` event in the system's Chromium
    (Playwright, from the test extras), the server having answered one request before."""
    from playwright.sync_api import sync_playwright

    executable = subprocess.run(
        [ROOT / "site/browser/browser.sh", "path"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/admin/login/")
            page.fill("#id_username", USER)
            page.fill("#id_password", PASSWORD)
            start = time.perf_counter()
            page.get_by_role("button", name="S'identifier").click()
            page.wait_for_url("**/admin/", wait_until="load")
            return time.perf_counter() - start
        finally:
            browser.close()


def make_run_steps(database: Path) -> list[tuple[str, float]]:
    """Seconds `make run` takes before the server starts (the demo in place): its one command,
    then the three it ran before, each in a process of its own."""
    env = {**environment(database), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    figures = []
    for step in [MAKE_RUN_NOW, *MAKE_RUN_STEPS]:
        start = time.perf_counter()
        subprocess.run(
            [str(PYTHON), "manage.py", *step], cwd=ROOT, env=env, check=True, capture_output=True
        )
        figures.append((f"manage.py {step[0]}", time.perf_counter() - start))
    return figures


def print_medians(title: str, rounds: list[list[tuple[str, float]]]) -> None:
    print(title)
    for index, (label, _elapsed) in enumerate(rounds[0]):
        values = sorted(figures[index][1] * 1000 for figures in rounds)
        median = values[len(values) // 2]
        print(f"  {label:38} median {median:7.0f} ms  (range {values[0]:.0f}-{values[-1]:.0f})")


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

# The development settings' first requests (DEBUG: static files through Django's finders):
# their times and where the first dashboard's goes, in a fresh process.
PROFILE_RUNSERVER = """
import cProfile, io, pstats, re, time, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
def timed(label, path):
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    response = client.get(path)
    profile.disable()
    elapsed = time.perf_counter() - start
    print(f"{{label:40}} {{elapsed * 1000:7.0f}} ms ({{response.status_code}})")
    return response, profile
timed("login page (first request)", "/admin/login/")
client.force_login(get_user_model().objects.get(username="{user}"))
response, profile = timed("dashboard, first", "/admin/")
html = response.content.decode()
timed("dashboard, second", "/admin/")
sprite = re.search(r'data-icon-url="([^"]+)"', html).group(1)
timed("icons' sprite, first", sprite.replace("&amp;", "&"))
print()
pstats.Stats(profile).sort_stats("cumulative").print_stats(22)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path("/tmp/reci-admin-bench.sqlite3"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--server",
        choices=["gunicorn", "runserver"],
        default="gunicorn",
        help="gunicorn (production) or the development server, in variants",
    )
    parser.add_argument(
        "--browser",
        action="store_true",
        help="with --server runserver: also log in with Chromium (Playwright, test extras)",
    )
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
    if args.server == "runserver":
        print_medians(
            "make run, before the server starts (prepare_dev; before: the three others)",
            [make_run_steps(args.database) for _ in range(args.rounds)],
        )
        for title, settings, options, cold in RUNSERVER_VARIANTS:
            rounds = [
                runserver_round(args.database, note_id, settings, options, cold, args.browser)
                for _ in range(args.rounds)
            ]
            print_medians(title, rounds)
        print(f"load average after: {os.getloadavg()[0]:.1f}\n")
        print("The development settings' first requests in a fresh process, profiled:")
        script = PROFILE_RUNSERVER.format(user=USER)
        env = {**environment(args.database), "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        subprocess.run([str(PYTHON), "-c", script], cwd=ROOT, env=env, check=True)
        return
    rounds = [one_round(args.database, note_id) for _ in range(args.rounds)]
    print_medians("gunicorn, one worker, production settings", rounds)
    print(f"load average after: {os.getloadavg()[0]:.1f}\n")
    print("Profile of the first dashboard in a fresh process (cumulative):")
    script = PROFILE.format(user=USER)
    subprocess.run(
        [str(PYTHON), "-c", script], cwd=ROOT, env=environment(args.database), check=True
    )


if __name__ == "__main__":
    sys.exit(main())
