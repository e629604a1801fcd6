"""Admin of the practice sheets: a flat listing filterable by région, theme and target group,
with links to the EWSI export, and the target groups snippet."""

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
    model = TargetGroup
    icon = "group"
    menu_label = _("Publics cibles")
    list_display = ["name", "name_en", "slug"]
