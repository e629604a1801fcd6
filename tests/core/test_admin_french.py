"""The admin speaks French to the network's editors where Wagtail leaves English or its own
jargon: the login form's password field, « fragments » (Wagtail's word for snippets) on the
listings of notices, press items and themes, and in the menu."""

import json
import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def labels(html: str) -> list[str]:
    """The text of each `<label>` as shown, tags dropped and spaces collapsed."""
    found = re.findall(r"<label[^>]*>(.*?)</label>", html, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in found]


def test_login_form_labels_its_fields_in_french(client):
    html = client.get("/admin/login/").content.decode()
    assert labels(html) == ["Nom d’utilisateur *", "Mot de passe *", "Se souvenir de moi"]


def admin_strings(html: str) -> dict:
    """The admin's translated strings for its scripts (`wagtailConfig.STRINGS`)."""
    config = re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', html)
    return json.loads(config.group(1))["STRINGS"]


@pytest.fixture
def delegation_client(client, demo_site):
    """The network's delegation, who may delete notices (the structures' editors may not)."""
    client.force_login(get_user_model().objects.get(username="delegation"))
    return client


def test_notices_listing_deletes_notices_not_fragments(delegation_client):
    from bibliography.models import Reference

    html = delegation_client.get("/admin/snippets/bibliography/reference/").content.decode()
    assert re.findall(r'aria-label="([^"]+)" data-bulk-action-button', html) == [
        "Exporter les notices sélectionnées",
        "Supprimer les notices sélectionnées",
    ]
    assert "fragment" not in html.lower()
    # Nor in the bar once notices are ticked (« 2 fragment sélectionné », Wagtail's French).
    selected = admin_strings(html)["BULK_ACTIONS"]["SNIPPET"]
    assert selected["PLURAL"].replace("%(objects)s", "2") == "2 éléments sélectionnés"
    assert selected["ALL_IN_LISTING"] == "Tous les éléments de la liste sont sélectionnés"
    # The action itself is Wagtail's: it asks for confirmation, naming the notice.
    notice = Reference.objects.order_by("pk").first()
    confirm = delegation_client.get(f"/admin/bulk/bibliography/reference/delete/?id={notice.pk}")
    assert confirm.status_code == 200
    assert notice.title in confirm.content.decode()


@pytest.mark.parametrize("listing", ["core/theme", "publications/pressitem"])
def test_other_snippet_listings_say_elements_not_fragments(delegation_client, listing):
    html = delegation_client.get(f"/admin/snippets/{listing}/").content.decode()
    assert 'aria-label="Supprimer les éléments sélectionnés"' in html
    assert "fragment" not in html.lower()


def menu_items(html: str) -> list[dict]:
    """Every item of the admin's sidebar menu (submenus' items included): name, label, url."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
    )
    found = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "label" in node and "name" in node:
                found.append({key: node.get(key) for key in ("name", "label", "url")})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return found


def test_a_superuser_s_menu_has_no_fragments(client):
    """Wagtail gathers the snippets without a menu of their own under « Fragments »: the
    target groups of the practice sheets were the only ones. They have their own item."""
    user = get_user_model().objects.create_superuser("racine", "racine@exemple.fr", "pw")
    client.force_login(user)
    items = menu_items(client.get("/admin/").content.decode())
    assert not [item for item in items if "fragment" in str(item["label"]).lower()]
    assert "snippets" not in [item["name"] for item in items]
    (target_groups,) = [item for item in items if item["label"] == "Publics cibles"]
    assert target_groups["url"] == "/admin/snippets/experiences/targetgroup/"
    listing = client.get(target_groups["url"])
    assert listing.status_code == 200
    assert "fragment" not in listing.content.decode().lower()  # nor in its breadcrumbs
