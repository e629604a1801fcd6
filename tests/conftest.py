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


class DemoTransaction:
    """The demo loaded once per test worker, in a transaction kept open across its demo tests.

    Each test that asks for `demo_site` runs inside it, in its own savepoint, as pytest-django's
    `db` does: what a test changes is undone for the next one. Loading the demo takes seconds
    (tens on PostgreSQL): once per worker instead of once per test. Any other test must not run
    inside it: the transaction is rolled back before the first one (`pytest_runtest_setup`).
    The demo tests run together, after the other non-transactional tests and before the
    transactional ones (`pytest_collection_modifyitems`), and pytest-xdist hands each worker its
    tests in collection order: each worker opens it once and closes it once.
    """

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.atomic = None

    @property
    def open(self) -> bool:
        return self.atomic is not None

    def begin(self) -> None:
        from django.core.management import call_command
        from django.db import transaction

        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                call_command("load_demo_data", verbosity=0)
            except BaseException:
                self.rollback()
                raise

    def rollback(self) -> None:
        from django.db import transaction

        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


_demo_transactions: list[DemoTransaction] = []


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """Session-scoped so that it is set up before the test's own `db` transaction."""
    demo = DemoTransaction(django_db_blocker)
    demo.begin()
    _demo_transactions.append(demo)
    yield demo
    demo.rollback()


@pytest.fixture
def demo_site(demo_database, db):
    """The whole demo content, as `make run` loads it (shared by the worker's demo tests)."""
    if not demo_database.open:
        # Another test ran in between (only if tests came out of order): load it again here.
        from django.core.management import call_command

        call_command("load_demo_data", verbosity=0)
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def committed_demo_site(transactional_db):
    """The whole demo content, committed: for the transactional tests that need it outside
    the test's own connection (a backup, another process)."""
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    return Site.objects.get(is_default_site=True).root_page.specific


def uses_shared_demo(item: pytest.Item) -> bool:
    return "demo_database" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Demo tests last; pytest-django's own (stable) sort then puts them at the end of the
    non-transactional tests, before the transactional ones."""
    items.sort(key=uses_shared_demo)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not uses_shared_demo(item):
        for demo in _demo_transactions:
            demo.rollback()


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
