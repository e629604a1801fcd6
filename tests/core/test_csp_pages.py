"""Pages with scripts or styles work under their own Content-Security-Policy: a browser would
run and apply everything they use, and the files they reference are served."""

import pytest

from bibliography.models import ThematicBibliographyPage
from tests.csp import blocked_by_csp

pytestmark = pytest.mark.django_db


@pytest.fixture
def static_files(settings):
    """Static files served from the apps' folders, as in development (no collectstatic)."""
    settings.WHITENOISE_USE_FINDERS = True


def test_api_docs_run_swagger_ui_under_their_policy(client, static_files):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert blocked_by_csp(client, response) == []
    html = response.content.decode()
    assert 'data-schema-url="/api/schema/"' in html
    script = client.get("/static/api/docs.js")
    assert b"SwaggerUIBundle" in b"".join(script.streaming_content)


def test_printable_bibliography_is_styled_under_its_policy(client, static_files, demo_site):
    page = ThematicBibliographyPage.objects.live().first()
    response = client.get(f"{page.url}imprimer/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "/static/bibliography/print.css" in response.content.decode()
    assert blocked_by_csp(client, response) == []


def test_the_checker_sees_what_a_browser_blocks(client, static_files):
    """The check itself: an inline script, an inline style and a missing file are reported."""

    class Page:
        content = (
            b'<script>alert(1)</script><p style="color:red">x</p>'
            b'<link rel="stylesheet" href="/static/nowhere.css">'
        )
        headers = {"Content-Security-Policy": "default-src 'self'"}

        def __getitem__(self, name):
            return self.headers[name]

    blocked = blocked_by_csp(client, Page())
    assert len(blocked) == 3
