"""Browser tests: Debian's Chromium driven by Playwright against a live server of the suite.

The server runs in a thread of the test process and shares its in-memory SQLite connection, so
the pages it serves see the demo loaded once per worker (`demo_site`, in its open transaction)
and what a test changes through the browser is rolled back with the test. That sharing needs
SQLite in memory: on PostgreSQL (the second pass of `.ci/run`) these tests are skipped.
"""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread

from tests.browser.viewports import DESKTOP

# Playwright's sync API runs an event loop in the test's thread; Django's ORM refuses to run
# in a thread that has one unless told it is safe. Here it is: the loop only drives the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]


def chromium_executable() -> str:
    """The system's Chromium (`site/browser/browser.sh path`, CHROMIUM_PATH honoured)."""
    result = subprocess.run(
        [ROOT / "site/browser/browser.sh", "path"], capture_output=True, text=True, check=False
    )
    if result.returncode:
        pytest.fail(f"{result.stderr.strip()}: run `make browser` first", pytrace=False)
    return result.stdout.strip()


class SerialWSGIServer(WSGIServer):
    """Django's plain (one request at a time) server, taking LiveServerThread's arguments."""

    def __init__(self, *args, connections_override=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)


class SerialLiveServerThread(LiveServerThread):
    """A live server answering one request at a time, in its own thread.

    Its requests use the test's SQLite connection: with Django's threaded server, two requests
    at once (the browser loads a page's styles and scripts in parallel) interleaved their
    savepoints on that one connection and broke the test's transaction under load.
    """

    server_class = SerialWSGIServer


@pytest.fixture(scope="session")
def live_server_url(django_db_setup, django_db_blocker) -> Iterator[str]:
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    with django_db_blocker.unblock():
        shared = {}
        for connection in connections.all():
            if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
                pytest.skip("browser tests share the test's in-memory SQLite database")
            connection.inc_thread_sharing()
            shared[connection.alias] = connection
        server = SerialLiveServerThread(
            "127.0.0.1", StaticFilesHandler, connections_override=shared, port=0
        )
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
    yield f"http://127.0.0.1:{server.port}"
    server.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable())
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server_url, demo_site) -> str:
    """The live server's address, with the demo content in place."""
    return live_server_url


@pytest.fixture
def page(browser, site_url):
    """A fresh French-speaking browser tab at 1280 px on the live server, offline."""
    context = browser.new_context(base_url=site_url, locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(10_000)
    # Nothing leaves the machine (the map's tile server among others): refused at once.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(site_url)
            else route.abort("blockedbyclient")
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()


def pytest_collection_modifyitems(config, items):
    """Skipped at once on another database: no demo loaded, no browser started for nothing."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and database.get("TEST", {}).get("NAME") in (
        None,
        "",
        ":memory:",
    ):
        return
    skip = pytest.mark.skip(reason="browser tests run on the SQLite pass (in-memory database)")
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(skip)
