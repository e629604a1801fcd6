"""Notices written by the bulk importer behave like notices saved in the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from bibliography.importer import Importer, parse_text
from bibliography.models import Reference
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

RIS = (
    "TY  - JOUR\nAU  - Simon, Patrick\nAU  - Tiberj, Vincent\nTI  - Les secondes générations\n"
    "T2  - Revue européenne des migrations internationales\nPY  - 2016/06//\nVL  - 32\n"
    "KW  - Laïcité\nKW  - trajectoires\nAB  - Une enquête.\nER  - \n"
)


@pytest.fixture
def imported(django_user_model):
    ThemeFactory(slug="laicite", name="Laïcité")
    user = django_user_model.objects.create_superuser("doc", "doc@example.org", "pw")
    report = Importer(user=user).run(parse_text(RIS, "ris"))
    assert report.counts["created"] == 1
    return Reference.objects.get(), user


def test_imported_notice_opens_and_saves_in_the_admin_edit_view(client, imported):
    reference, user = imported
    client.force_login(user)
    url = reverse("wagtailsnippets_bibliography_reference:edit", args=[reference.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Les secondes générations"' in html
    assert "Tiberj" in html
    # Saved as it is, with a new title, and published: a first revision is written.
    data = querydict_from_html(html, form_id="w-editor-form").copy()
    data["title"] = "Les secondes générations en France"
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302
    reference = Reference.objects.get()
    assert reference.title == "Les secondes générations en France"
    assert reference.live and reference.live_revision == reference.latest_revision
    assert [c.family for c in reference.contributors.all()] == ["Simon", "Tiberj"]
    assert list(reference.themes.values_list("slug", flat=True)) == ["laicite"]


def test_imported_notice_is_searchable_and_complete_in_the_api(client, imported):
    reference, _ = imported
    detail = client.get(f"/api/v2/references/{reference.pk}/").json()
    assert detail["csl"]["author"] == [
        {"family": "Simon", "given": "Patrick"},
        {"family": "Tiberj", "given": "Vincent"},
    ]
    assert detail["citation"].startswith("SIMON, Patrick et TIBERJ, Vincent, 2016.")
    assert client.get("/api/v2/references/?theme=laicite").json()["meta"]["total_count"] == 1
    found = client.get("/api/v2/references/?search=générations").json()
    assert [item["id"] for item in found["items"]] == [reference.pk]


def test_imported_notice_is_found_by_the_site_search_with_its_keywords(client, imported):
    """Indexed with the import's own transaction: no publishing signal, no commit needed."""
    reference, _ = imported
    for words in ("générations", "trajectoires", "Tiberj"):
        results = client.get("/api/v2/search/", {"q": words}).json()["results"]
        assert [result["title"] for result in results] == ["Les secondes générations"], words
