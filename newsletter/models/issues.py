"""Issues of the newsletter, as pages under the « Lettres d'information » section."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin, SectionIndexPage

from ..blocks import IssueContentBlock
from ..forms import IssuePageForm
from ..items import resolve_groups
from ..rendering import link, render
from ..serializers import IssueGroupsSerializer
from .sending import IssueSending

EDITORIAL_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class NewsletterIndexPage(HeadlessPreviewMixin, SectionIndexPage):
    """« Lettres d'information »: the archive of the issues, newest first."""

    subpage_types = ["newsletter.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("rubrique Lettres d'information")


class NewsletterIssuePage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """One issue (« Lettre n° 12 – juin 2026 »): an editorial and groups of items.

    Published through the same workflow as every page; once live, the delegation sends it
    (after a test send to themselves) from the page's « Envoi » view (`newsletter/admin_views.py`);
    `manage.py send_newsletters` does the sending. The live page is the issue's public archive,
    and `/api/v2/pages/?type=newsletter.NewsletterIssuePage` lists it. `date` is the issue's
    date; the period says what it covers and drives the pre-filled selection.
    """

    number = models.PositiveIntegerField(_("numéro"))
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("illustration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("En tête de la lettre, sur 600 pixels de large ; son texte alternatif est lu."),
    )
    editorial = RichTextField(_("éditorial"), blank=True, features=EDITORIAL_FEATURES)
    content = StreamField(IssueContentBlock(), verbose_name=_("sélection"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("prefill"),
            ],
            heading=_("Période couverte"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("editorial"),
        FieldPanel("content"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("editorial"),
        index.FilterField("number"),
    ]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("number"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("editorial"),
        APIField("groups", serializer=IssueGroupsSerializer()),
        APIField("sent_at"),
    ]

    base_form_class = IssuePageForm
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []
    preview_modes = [("", _("Page publique")), ("email", _("E-mail"))]
    default_preview_mode = "email"

    class Meta:
        verbose_name = _("lettre d'information")
        verbose_name_plural = _("lettres d'information")

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("La fin de la période précède son début.")})
        if self.number:
            others = NewsletterIssuePage.objects.filter(number=self.number, locale=self.locale_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {
                        "number": _("Une autre lettre porte déjà le numéro %(number)s.")
                        % {"number": self.number}
                    }
                )

    @property
    def groups(self) -> list:
        """The groups as a reader sees them: live pages only, empty groups left out."""
        return resolve_groups(self.content)

    @classmethod
    def api_prefetch(cls) -> list[str]:
        """The issue's sending, for `sent_at`: once per listing (api/prefetch.py)."""
        return ["sending"]

    @property
    def sent_at(self) -> datetime.datetime | None:
        """When the sending ended; None before. Reads the prefetched sending in API listings."""
        try:
            return self.sending.finished_at
        except IssueSending.DoesNotExist:
            return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.groups
        return context

    def serve_preview(self, request, mode_name):
        """« E-mail »: the issue exactly as a subscriber of every theme will receive it."""
        if mode_name == "email":
            html, _text = render(
                self,
                self.groups,
                unsubscribe_url=link("newsletter:subscribe"),
                preview_at=timezone.now(),
            )
            return HttpResponse(html)
        return super().serve_preview(request, mode_name)
