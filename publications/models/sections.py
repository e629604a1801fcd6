"""Sections of the network's own productions: publications, news and the agenda."""

from django.utils.translation import gettext_lazy as _

from api.preview import HeadlessPreviewMixin
from core.pages import SectionIndexPage


class PublicationIndexPage(HeadlessPreviewMixin, SectionIndexPage):
    """« Publications »: notes, « Point de vue sur… » papers and pedagogical toolkits."""

    subpage_types = [
        "publications.NotePage",
        "publications.PointDeVuePage",
        "publications.ToolkitPage",
    ]

    class Meta:
        verbose_name = _("rubrique Publications")


class NewsIndexPage(HeadlessPreviewMixin, SectionIndexPage):
    """« Actualités »: news items of the network (the press watch is a snippet, `PressItem`)."""

    subpage_types = ["publications.NewsPage"]
    press_count = 10

    class Meta:
        verbose_name = _("rubrique Actualités")

    def get_context(self, request, *args, **kwargs):
        from .news import PressItem

        context = super().get_context(request, *args, **kwargs)
        context["press_items"] = PressItem.objects.all()[: self.press_count]
        return context


class EventIndexPage(HeadlessPreviewMixin, SectionIndexPage):
    """« Agenda »: seminars, regional days, training days."""

    subpage_types = ["publications.EventPage"]

    class Meta:
        verbose_name = _("rubrique Agenda")
