"""Integration practices: the section page, the practice sheets and their target groups.

`PracticeSheetPage` lives under `PracticeIndexPage`; both can be translated into English
with `wagtail.contrib.simple_translation` (see README). The map and the EWSI export read the
sheets through `experiences/api.py`; the admin listing is in `experiences/viewsets.py`.
"""

import base64
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.choices import Region
from core.pages import ContentPageMixin, SectionIndexPage

from .blocks import PracticeDescriptionBlock, PracticeResourcesBlock
from .choices import ActionField, Scale
from .validators import (
    insee_code_matches_department,
    validate_department_code,
    validate_insee_code,
)


class TargetGroup(models.Model):
    """A public a practice is aimed at (primo-arrivants, réfugiés, élus…).

    A small snippet rather than fixed choices so that editors can add a public; the English
    name feeds the English API and the EWSI export.
    """

    name = models.CharField(_("libellé"), max_length=120, unique=True)
    name_en = models.CharField(_("libellé en anglais"), max_length=120, blank=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("public cible")
        verbose_name_plural = _("publics cibles")

    def __str__(self) -> str:
        return self.name

    def label_for(self, language_code: str) -> str:
        return self.name_en if language_code == "en" and self.name_en else self.name


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "slug", "name", "name_en"]


class PracticeIndexPage(HeadlessPreviewMixin, SectionIndexPage):
    """« Pratiques »: sheets describing local integration practices, on a map and in a list."""

    subpage_types = ["experiences.PracticeSheetPage"]

    class Meta:
        verbose_name = _("rubrique Pratiques")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_tiles_url"] = settings.MAP_TILES_URL
        context["map_tiles_attribution"] = settings.MAP_TILES_ATTRIBUTION
        return context


COORDINATE_MESSAGES = {
    "latitude": _("La latitude doit être comprise entre -90 et 90."),
    "longitude": _("La longitude doit être comprise entre -180 et 180."),
}


class PracticeSheetPage(HeadlessPreviewMixin, ContentPageMixin, Page):
    """« Fiche d'expérience »: a local integration practice worth spreading.

    `date` is the date of the sheet and `organisations` the member structures that wrote it;
    the practice's own lead organisation and partners are usually not members, hence plain
    text fields. The contact e-mail never leaves the server in clear (see `contact_email_b64`).
    """

    # Place.
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    insee_code = models.CharField(
        _("code INSEE de la commune"),
        max_length=5,
        blank=True,
        validators=[validate_insee_code],
        help_text=_("5 caractères, par exemple 44109 pour Nantes ou 2A004 pour Ajaccio."),
    )
    department = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        validators=[validate_department_code],
        help_text=_("Numéro du département : 44, 2A, 974…"),
    )
    region = models.CharField(_("région"), max_length=2, choices=Region.choices, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(-90), COORDINATE_MESSAGES["latitude"]),
            MaxValueValidator(Decimal(90), COORDINATE_MESSAGES["latitude"]),
        ],
        help_text=_("En degrés décimaux, par exemple 47.218371."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(-180), COORDINATE_MESSAGES["longitude"]),
            MaxValueValidator(Decimal(180), COORDINATE_MESSAGES["longitude"]),
        ],
        help_text=_("En degrés décimaux, par exemple -1.553621."),
    )
    scale = models.CharField(_("échelle"), max_length=20, choices=Scale.choices, blank=True)

    # Period.
    start_year = models.PositiveSmallIntegerField(
        _("année de début"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Laisser vide si l'action est toujours en cours."),
    )

    # Actors and publics.
    lead_organisation = models.CharField(_("structure porteuse"), max_length=255, blank=True)
    partners = models.TextField(_("partenaires"), blank=True, help_text=_("Un par ligne."))
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("publics cibles"), blank=True, related_name="practices"
    )
    action_field = models.CharField(
        _("domaine d'action principal"), max_length=30, choices=ActionField.choices, blank=True
    )

    # Content.
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = StreamField(PracticeDescriptionBlock(), verbose_name=_("description"), blank=True)
    results = RichTextField(
        _("résultats et évaluation"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    funding_sources = models.TextField(_("sources de financement"), blank=True)
    funding_amount = models.DecimalField(
        _("montant du financement (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    resources = StreamField(
        PracticeResourcesBlock(), verbose_name=_("liens et documents"), blank=True
    )

    # Contact.
    contact_name = models.CharField(_("nom du contact"), max_length=255, blank=True)
    contact_organisation = models.CharField(_("structure du contact"), max_length=255, blank=True)
    contact_email = models.EmailField(
        _("e-mail du contact"),
        blank=True,
        help_text=_("Jamais affiché en clair ni publié dans l'API."),
    )
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)

    content_panels = [
        *Page.content_panels,
        *ContentPageMixin.content_meta_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("commune"), FieldPanel("insee_code")]),
                FieldRowPanel([FieldPanel("department"), FieldPanel("region")]),
                HelpPanel(
                    _(
                        "Point sur la carte : coordonnées en degrés décimaux (clic droit sur "
                        "openstreetmap.org, « Afficher l'adresse », pour les relever)."
                    )
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("scale"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")])],
            heading=_("Période"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_organisation"),
                FieldPanel("partners"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("action_field"),
            ],
            heading=_("Acteurs et publics"),
        ),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("results"),
        MultiFieldPanel(
            [FieldPanel("funding_sources"), FieldPanel("funding_amount")],
            heading=_("Financement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_organisation")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("resources"),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("commune"),
        index.SearchField("lead_organisation"),
        index.SearchField("partners"),
        index.SearchField("description"),
        index.SearchField("results"),
        index.RelatedFields("target_groups", [index.SearchField("name")]),
        index.FilterField("region"),
        index.FilterField("action_field"),
    ]

    # The contact e-mail is deliberately absent: it must not reach scrapers.
    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("commune"),
        APIField("insee_code"),
        APIField("department"),
        APIField("region"),
        APIField("region_name"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("scale"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("is_ongoing"),
        APIField("lead_organisation"),
        APIField("partner_list"),
        APIField("target_groups", serializer=TargetGroupSerializer(many=True)),
        APIField("action_field"),
        APIField("image"),
        APIField("description"),
        APIField("results"),
        APIField("funding_sources"),
        APIField("funding_amount"),
        APIField("resources"),
        APIField("contact_name"),
        APIField("contact_organisation"),
        APIField("contact_phone"),
    ]

    parent_page_types = ["experiences.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("fiche d'expérience")
        verbose_name_plural = _("fiches d'expérience")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if (
            self.insee_code
            and self.department
            and not insee_code_matches_department(self.insee_code, self.department)
        ):
            errors["insee_code"] = _(
                "Le code INSEE ne correspond pas au département indiqué : il doit commencer "
                "par %(department)s."
            ) % {"department": self.department}
        if (self.latitude is None) != (self.longitude is None):
            message = _("Indiquez la latitude et la longitude, ou aucune des deux.")
            errors["latitude" if self.latitude is None else "longitude"] = message
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _(
                "L'année de fin doit être postérieure ou égale à l'année de début."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def region_name(self) -> str:
        return self.get_region_display() if self.region else ""

    @property
    def is_ongoing(self) -> bool:
        return bool(self.start_year) and self.end_year is None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def target_group_labels(self) -> list[str]:
        """The publics' names in the sheet's language (French when a name has no English)."""
        return [group.label_for(self.locale.language_code) for group in self.target_groups.all()]

    @property
    def contact_email_b64(self) -> str:
        """The contact address in base64, assembled into a link by the browser only."""
        return base64.b64encode(self.contact_email.encode()).decode() if self.contact_email else ""
