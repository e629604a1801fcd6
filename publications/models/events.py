"""The agenda: seminars, regional days, training days."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin

from ..agenda import event_status
from ..blocks import BodyStreamBlock
from ..choices import EventStatus


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """An event; `date` is its first day. Its status (à venir, en cours, passé) follows the
    dates, except « annulé », which an editor sets."""

    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_date = models.DateField(
        _("date de fin"), null=True, blank=True, help_text=_("Vide pour un événement d'un jour.")
    )
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("annulé"), default=False)
    place = models.CharField(
        _("lieu"), max_length=255, blank=True, help_text=_("Salle, adresse et ville.")
    )
    online_url = models.URLField(_("lien de connexion"), blank=True)
    audience = models.CharField(
        _("public"), max_length=255, blank=True, help_text=_("À qui s'adresse l'événement.")
    )
    programme = StreamField(BodyStreamBlock(), verbose_name=_("programme"), blank=True)
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("mots-clés"))

    content_panels = [
        *Page.content_panels,
        *ContentPageMixin.content_meta_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_date")]),
                FieldPanel("end_time"),
                FieldPanel("is_cancelled"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("online_url")],
            heading=_("Lieu"),
        ),
        FieldPanel("audience"),
        FieldPanel("programme"),
        FieldPanel("registration_url"),
        FieldPanel("tags"),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("place"),
        index.SearchField("audience"),
        index.SearchField("programme"),
        index.FilterField("end_date"),
    ]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("status"),
        APIField("status_label"),
        APIField("place"),
        APIField("online_url"),
        APIField("audience"),
        APIField("programme"),
        APIField("registration_url"),
        APIField("tags"),
    ]

    parent_page_types = ["publications.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self) -> None:
        super().clean()
        if self.date and self.end_date and self.end_date < self.date:
            raise ValidationError(
                {"end_date": _("La date de fin précède la date de début de l'événement.")}
            )
        same_day = not self.end_date or self.end_date == self.date
        if same_day and self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("L'heure de fin précède l'heure de début.")})

    @property
    def status(self) -> EventStatus:
        return event_status(self.date, self.end_date, self.is_cancelled, _today())

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def is_over(self) -> bool:
        """Its last day (the end date, else the date) is past, cancelled or not."""
        return (self.end_date or self.date) < _today()

    @property
    def offers_calendar(self) -> bool:
        """Whether its page offers « Ajouter à mon agenda »: not once it is over, nor once it
        is cancelled (the API's `status` then says « passé » or « annulé »). Its .ics stays,
        marked cancelled, for the calendars that already hold the event."""
        return not (self.is_cancelled or self.is_over)

    @property
    def is_multi_day(self) -> bool:
        return bool(self.end_date and self.end_date != self.date)


def _today() -> datetime.date:
    return timezone.localdate()
