"""What the public API must never show, and the cost of a mixed listing."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.testapp import ArticlePageFactory, DispatchPageFactory

pytestmark = pytest.mark.django_db


def listed_ids(client, url="/api/v2/pages/?limit=100") -> set[int]:
    return {item["id"] for item in client.get(url).json()["items"]}


def test_draft_changes_and_unpublished_pages_are_never_served(client, home_page):
    page = ArticlePageFactory(parent=home_page, title="Version publiée")
    page.title = "Brouillon secret"
    page.save_revision()
    hidden = ArticlePageFactory(parent=home_page, title="Jamais publiée", live=False)
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Version publiée"
    assert b"Brouillon secret" not in client.get("/api/v2/pages/?fields=*").content
    typed = "/api/v2/pages/?type=testapp.ArticlePage&fields=*"
    assert b"Brouillon secret" not in client.get(typed).content
    assert hidden.pk not in listed_ids(client)
    assert hidden.pk not in listed_ids(client, typed)
    assert client.get(typed).json()["meta"]["total_count"] == 1
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_restricted_pages_and_their_children_are_never_served(
    client, admin_client, home_page, restriction
):
    private = ArticlePageFactory(parent=home_page, title="Espace membres")
    child = DispatchPageFactory(parent=private, title="Compte rendu interne")
    PageViewRestriction.objects.create(page=private, restriction_type=restriction, password="x")
    for visitor in (client, admin_client):  # even an editor's session is ignored
        ids = listed_ids(visitor)
        assert private.pk not in ids and child.pk not in ids
        # A typed listing reads the type's own table with the same filters.
        assert private.pk not in listed_ids(visitor, "/api/v2/pages/?type=testapp.ArticlePage")
        assert child.pk not in listed_ids(visitor, "/api/v2/pages/?type=testapp.DispatchPage")
        assert visitor.get(f"/api/v2/pages/{child.pk}/").status_code == 404


def test_documents_of_private_collections_are_never_listed(client, admin_client):
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Interne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public = Document.objects.create(title="Note publique", file=ContentFile(b"x", "a.pdf"))
    secret = Document.objects.create(
        title="Note interne", collection=private, file=ContentFile(b"x", "b.pdf")
    )
    for visitor in (client, admin_client):
        ids = {d["id"] for d in visitor.get("/api/v2/documents/").json()["items"]}
        assert public.pk in ids and secret.pk not in ids
        assert visitor.get(f"/api/v2/documents/{secret.pk}/").status_code == 404


def test_no_email_address_anywhere(client, home_page, admin_user):
    page = ArticlePageFactory(parent=home_page, owner=admin_user)
    page.save_revision(user=admin_user).publish(user=admin_user)
    for url in ("/api/v2/pages/?fields=*", f"/api/v2/pages/{page.pk}/", "/api/schema/"):
        body = client.get(url).content.decode()
        assert admin_user.email not in body
        assert "owner" not in body


def test_a_mixed_listing_costs_the_same_number_of_queries_for_5_or_20_items(
    client, home_page, django_assert_max_num_queries
):
    """Default listing fields: the query count must not grow with the number of items."""
    for _ in range(10):
        ArticlePageFactory(parent=home_page)
        DispatchPageFactory(parent=home_page)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v2/pages/?limit=5&order=-date").json()["items"]) == 5
    with django_assert_max_num_queries(len(five.captured_queries)):
        data = client.get("/api/v2/pages/?limit=20&order=-date&offset=0").json()
    assert len(data["items"]) == 20
