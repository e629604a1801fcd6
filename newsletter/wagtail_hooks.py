from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from .admin_views import sending_view
from .models import NewsletterIssuePage, Subscriber
from .viewsets import NoWritePermissionPolicy, SubscriberViewSet

register_permission_policy(Subscriber, NoWritePermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscribers():
    return SubscriberViewSet("newsletter_subscribers")


@hooks.register("register_admin_urls")
def register_sending_urls():
    return [path("lettre/<int:page_id>/envoi/", sending_view, name="newsletter_sending")]


@hooks.register("register_page_header_buttons")
def sending_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or object, NewsletterIssuePage) and page.pk:
        yield Button(
            "Envoi de la lettre",
            reverse("newsletter_sending", args=[page.pk]),
            icon_name="mail",
            priority=25,
        )
