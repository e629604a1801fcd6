"""Admin for the shared vocabulary and the network's members, under one « Réseau » menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Person, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Structures membres")
    list_display = ["acronym", "name", "city", "region", "member_since", "member_until"]
    list_filter = ["region"]
    search_fields = ["acronym", "name", "city"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personnes")
    list_display = ["last_name", "first_name", "organisation", "role"]
    list_filter = ["organisation"]
    search_fields = ["last_name", "first_name", "role"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, OrganisationViewSet, PersonViewSet)
    menu_icon = "site"
    menu_label = _("Réseau")
    menu_name = "reseau"
