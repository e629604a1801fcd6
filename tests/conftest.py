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


@pytest.fixture
def demo_site(db):
    """The whole demo content, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    return Site.objects.get(is_default_site=True).root_page.specific


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
