"""Admin of the practice sheets: a flat listing filterable by région, theme and target group,
with links to the EWSI export, and the target groups snippet (« Publics cibles »)."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PracticeSheetPage, TargetGroup


class PracticeSheetIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Export EWSI des fiches anglaises (CSV)"),
                url=reverse("practices_ewsi_csv"),
                icon_name="download",
            ),
            HeaderButton(
                _("Export EWSI des fiches anglaises (JSON)"),
                url=reverse("practices_ewsi_json"),
                icon_name="download",
            ),
        ]


class PracticeSheetListingViewSet(PageListingViewSet):
    model = PracticeSheetPage
    index_view_class = PracticeSheetIndexView
    icon = "site"
    menu_label = _("Fiches d'expérience")
    menu_order = 250
    add_to_admin_menu = True
    list_filter = ["region", "themes", "target_groups", "action_field"]


class TargetGroupViewSet(SnippetViewSet):
    """Its own menu item, next to the practice sheets, as every snippet of the project has:
    without one, Wagtail would gather it under a « Fragments » menu of its own, a word the
    network's editors never use (elsewhere « éléments », locale/fr)."""

    model = TargetGroup
    icon = "group"
    menu_label = _("Publics cibles")
    menu_name = "publics-cibles"
    menu_order = 251  # after the sections' own menus (250)
    add_to_admin_menu = True
    list_display = ["name", "name_en", "slug"]
