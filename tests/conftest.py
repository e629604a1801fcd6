import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    """A minimal site: a French home page as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "root_page": home, "site_name": "Réseau RECI"},
    )
    return home


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The whole demo content, loaded once per test worker in a transaction that stays open
    until the worker ends, then rolled back. Each test that uses it runs inside it, in its own
    savepoint, as pytest-django's `db` does: what a test changes is undone for the next one.

    Loading the demo takes seconds (tens on PostgreSQL); loaded once per worker instead of once
    per test. Only tests that ask for `demo_site` may run inside that transaction:
    `pytest_collection_modifyitems` below puts them after every other test, and pytest-xdist
    hands each worker its tests in collection order.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_data", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_site(demo_database, db):
    """The whole demo content, as `make run` loads it (shared by the worker's demo tests)."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def committed_demo_site(transactional_db):
    """The whole demo content, committed: for the transactional tests that need it outside
    the test's own connection (a backup, another process)."""
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    return Site.objects.get(is_default_site=True).root_page.specific


def pytest_collection_modifyitems(items):
    """Tests on the shared demo (`demo_site`) run last: once a worker has opened the demo's
    transaction, every test it runs sees the demo."""
    items.sort(key=lambda item: "demo_database" in getattr(item, "fixturenames", ()))


@pytest.fixture
def site_skeleton(db):
    """The editorial frame of the demo, fast to build: themes, member structures with their
    groups, the home page and its sections, the workflow and one user per role."""
    from core import demo as core_demo
    from core.demo_tools import DemoReport
    from home import demo as home_demo

    report = DemoReport()
    core_demo.load(report)
    home_demo.load(report)
    return home_demo.get_home_page()
