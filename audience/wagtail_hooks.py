from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import statistics_view


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("statistiques/", statistics_view, name="audience_statistics")]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return MenuItem(
        "Statistiques",
        reverse("audience_statistics"),
        name="statistiques",
        icon_name="view",
        order=900,
    )
