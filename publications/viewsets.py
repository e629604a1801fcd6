"""Admin of the press watch: its own « Veille » menu, quick to fill and to sift."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PressItem


class PressItemViewSet(SnippetViewSet):
    model = PressItem
    icon = "link"
    menu_label = _("Veille")
    menu_name = "veille"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "source", "date"]
    list_filter = {"themes": ["exact"], "source": ["icontains"], "date": ["gte", "lte"]}
    search_fields = ["title", "summary", "source"]
    ordering = ["-date", "-pk"]
    list_per_page = 50
