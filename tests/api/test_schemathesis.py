"""Property-based API tests: schemathesis generates requests from our OpenAPI document.

In-process (Django's WSGI application, no server), over every operation the document lists,
with a fixed seed and a bounded number of examples. Every response must be a non-5xx answer
whose status, content type and body conform to the document.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import (
    ContributorFactory,
    OrganisationFactory,
    PressItemFactory,
    PublicationIndexPageFactory,
    ReferenceFactory,
    ThemeFactory,
    ToolkitPageFactory,
    ToolkitToolFactory,
)
from tests.factories.testapp import ArticlePageFactory

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Every generated request commits on its own, as in production: in one shared test
# transaction, the first value PostgreSQL rejects (answered 400) would abort the transaction
# and every later request would fail. Migrations' data are restored for the next tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def api_schema(home_page):
    """One item behind each endpoint, so that details and filters have something to find."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    theme = ThemeFactory()
    organisation = OrganisationFactory()
    ArticlePageFactory(parent=home_page, themes=[theme], organisations=[organisation], tags=["a"])
    publications = PublicationIndexPageFactory(parent=home_page)
    ToolkitToolFactory(page=ToolkitPageFactory(parent=publications))
    PressItemFactory()
    ContributorFactory(reference=ReferenceFactory(organisation=organisation))
    get_image_model().objects.create(title="Logo", file=get_test_image_file())
    get_document_model().objects.create(
        title="Note", file=ContentFile(b"%PDF-1.4 test", name="note.pdf")
    )
    return schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


def _existing_ids(client, operation) -> list[int]:
    """The ids the listing of a detail operation returns, so that details are found too."""
    if "{id}" not in operation.path:
        return []
    listing = client.get(operation.path.replace("{id}/", ""), {"limit": 100})
    return [item["id"] for item in listing.json()["items"]]


def _check_operation(operation, existing_ids: list[int]) -> None:
    found = st.sampled_from(existing_ids) if existing_ids else st.nothing()

    @seed(20261202)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), existing=st.one_of(st.none(), found))
    def check(case, existing) -> None:
        if existing is not None:
            case.path_parameters["id"] = existing
        case.call_and_validate(checks=CHECKS)

    check()


def test_api_conforms_to_its_openapi_document(api_schema, client):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 16
    failures = {}
    for operation in operations:
        try:
            _check_operation(operation, _existing_ids(client, operation))
        except Exception as error:  # report every failing operation, not just the first
            failures[operation.label] = str(error)
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
