"""A change made in one process reaches the readers served by others (issue 17).

The site runs under gunicorn (two workers, each with its own local-memory cache, the API and
page caches on for ten minutes); an editor's import runs as `manage.py import_references` in
another process, as it does in production. Within `CONTENT_VERSION_CHECK_INTERVAL` (1 s) of the
import's commit, every worker serves the new notice: in the API listing, in the thematic
bibliography's HTML page (its saved query: the theme « Laïcité ») and in search. The import
wrote with bulk inserts, which send no signal: it announced its notices itself
(`core/changes.py`).
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ops.postgres import free_port

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Zéphyrine et la laïcité municipale"
RIS = f"TY  - BOOK\nTI  - {TITLE}\nAU  - Morel, Zéphyrine\nPY  - 2026\nKW  - Laïcité\nER  - \n"
READERS = {
    "API": "/api/v2/references/?limit=100&order=-id",
    "page": "/bibliographies/laicite/",
    "search": "/api/v2/search/?q=zephyrine",
}
# The check interval, plus the time a loaded two-core machine takes to serve the requests.
DEADLINE = 15


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError:
        return 0, ""


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def site(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.ops.cross_process_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "LOG_LEVEL": "ERROR",
    }
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "REDIS_URL"):
        env.pop(name, None)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_data", "-v0")
    port = free_port()
    server_env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    log = (tmp_path / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "site/gunicorn.conf.py"],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get(base + READERS["API"])[0] != 200:
            if time.monotonic() > deadline or gunicorn.poll() is not None:
                pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
            time.sleep(0.2)
        yield base, env, tmp_path
    finally:
        gunicorn.send_signal(signal.SIGINT)
        gunicorn.wait(timeout=30)
        log.close()


SCHEDULED_TITLE = "Rencontre zéphyrienne des centres ressources"
SCHEDULE_NEWS = f"""
import datetime
from django.utils import timezone
from publications.models import NewsIndexPage
from tests.factories import NewsPageFactory
news = NewsPageFactory.build(title={SCHEDULED_TITLE!r}, date=datetime.date.today(), live=False)
NewsIndexPage.objects.get().add_child(instance=news)
news.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1))
"""
SCHEDULED_READERS = {
    "API": "/api/v2/pages/?type=publications.NewsPage&order=-first_published_at&fields=title",
    "page": "/actualites/",
    "search": "/api/v2/search/?q=zephyrienne",
}


def wait_until_every_worker_shows(base: str, readers: dict, text: str) -> dict:
    """The readers still stale after DEADLINE seconds (each asked several times in a row, so
    that both workers answer)."""
    started = time.monotonic()
    missing = dict(readers)
    while missing and time.monotonic() - started < DEADLINE:
        for name, path in list(missing.items()):
            if all(text in get(base + path)[1] for _ in range(4)):
                del missing[name]
        time.sleep(0.2)
    return missing


def warm(base: str, readers: dict, absent: str) -> None:
    """Fill every worker's caches with answers that do not show `absent` yet."""
    for _ in range(6):
        for path in readers.values():
            status, body = get(base + path)
            assert status == 200, (path, body[:300])
            assert absent not in body


def test_scheduled_publishing_in_another_process_reaches_every_worker(site):
    """Wagtail's `publish_scheduled`, run by the systemd timer as its own process."""
    base, env, _tmp_path = site
    manage(env, "shell", "-c", SCHEDULE_NEWS)
    warm(base, SCHEDULED_READERS, SCHEDULED_TITLE)
    manage(env, "publish_scheduled")
    missing = wait_until_every_worker_shows(base, SCHEDULED_READERS, SCHEDULED_TITLE)
    assert missing == {}, f"still stale after {DEADLINE} s: {sorted(missing)}"


def test_an_import_in_another_process_reaches_every_worker(site):
    base, env, tmp_path = site
    warm(base, READERS, "Zéphyrine")
    ris = tmp_path / "zotero.ris"
    ris.write_text(RIS, encoding="utf-8")
    output = manage(env, "import_references", str(ris), "-v0").stdout
    assert "1 créée(s)" in output
    missing = wait_until_every_worker_shows(base, READERS, TITLE)
    assert missing == {}, f"still stale after {DEADLINE} s: {sorted(missing)}"
