"""The « Bibliographies » section and its thematic bibliographies."""

import datetime

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from api.preview import HeadlessPreviewMixin
from core.pages import ContentPageMixin, SectionIndexPage

from ..blocks import BibliographySectionBlock, represent_references
from .references import Reference


class BibliographyIndexPage(HeadlessPreviewMixin, RoutablePageMixin, SectionIndexPage):
    """« Bibliographies »: thematic bibliographies, and the public page of every live notice
    at `notices/<pk>/` (with Highwire and COinS metadata for Zotero)."""

    subpage_types = ["bibliography.ThematicBibliographyPage"]

    class Meta:
        verbose_name = _("rubrique Bibliographies")

    @path("notices/<int:pk>/", name="notice")
    def notice(self, request, pk: int):
        reference = get_object_or_404(Reference.objects.live().with_related(), pk=pk)
        return TemplateResponse(
            request,
            "bibliography/reference.html",
            {"page": self, "reference": reference, "csl": reference.to_csl()},
        )


class EditionSerializer(serializers.Serializer):
    date = serializers.DateField()
    note = serializers.CharField()


class ThematicBibliographyPage(HeadlessPreviewMixin, RoutablePageMixin, ContentPageMixin, Page):
    """A themed bibliography drawn from the notices, organised in sections, updated over
    time (dated editions); exported whole as RIS, BibTeX or CSL-JSON and printable.

    `date` is the latest edition's date (or the first publication's), set on save.
    "What's new" lists the notices entered in the database since the previous edition.
    """

    introduction = RichTextField(_("introduction"), blank=True)
    sections = StreamField(
        [("section", BibliographySectionBlock())], verbose_name=_("sections"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        *ContentPageMixin.content_meta_panels[1:],
        FieldPanel("introduction"),
        FieldPanel("sections"),
        InlinePanel("editions", heading=_("Éditions"), label=_("Édition")),
    ]

    search_fields = [
        *Page.search_fields,
        *ContentPageMixin.content_search_fields,
        index.SearchField("introduction"),
    ]

    api_fields = [
        *ContentPageMixin.api_fields,
        APIField("introduction"),
        APIField("sections"),
        APIField("edition_list", serializer=EditionSerializer(many=True)),
        APIField("whats_new_api"),
    ]

    parent_page_types = ["bibliography.BibliographyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bibliographie thématique")
        verbose_name_plural = _("bibliographies thématiques")

    def full_clean(self, *args, **kwargs):
        self.date = self.compute_date()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.date = self.compute_date()
        return super().save(*args, **kwargs)

    def compute_date(self) -> datetime.date:
        dates = [e.date for e in self.editions.all() if e.date]
        if dates:
            return max(dates)
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return self.date or timezone.localdate()

    @property
    def edition_list(self) -> list:
        return sorted(self.editions.all(), key=lambda e: e.date, reverse=True)

    def resolved_sections(self) -> list[dict]:
        return [
            {"value": block.value, "references": block.value.resolved_references()}
            for block in self.sections
        ]

    def all_references(self) -> list[Reference]:
        seen: dict[int, Reference] = {}
        for section in self.resolved_sections():
            for reference in section["references"]:
                seen.setdefault(reference.pk, reference)
        return list(seen.values())

    def previous_edition(self):
        editions = self.edition_list
        return editions[1] if len(editions) > 1 else None

    def whats_new(self, references: list[Reference] | None = None) -> list[Reference]:
        """Notices of this bibliography entered since the previous edition's date."""
        previous = self.previous_edition()
        if previous is None:
            return []
        references = self.all_references() if references is None else references
        return [r for r in references if timezone.localdate(r.created_at) > previous.date]

    @property
    def whats_new_api(self) -> dict | None:
        previous = self.previous_edition()
        if previous is None:
            return None
        return {
            "since": previous.date.isoformat(),
            "references": represent_references(self.whats_new()),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..citations import format_bibliography

        sections = self.resolved_sections()
        for section in sections:
            section["citations"] = list(
                zip(
                    section["references"],
                    format_bibliography([r.to_csl() for r in section["references"]], html=True),
                    strict=True,
                )
            )
        context["sections"] = sections
        context["whats_new"] = self.whats_new([r for s in sections for r in s["references"]])
        context["previous_edition"] = self.previous_edition()
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("imprimer/", name="print")
    def printable(self, request):
        return self.render(request, template="bibliography/thematic_bibliography_print.html")

    @path("export/<str:fmt>/", name="export")
    def export(self, request, fmt: str):
        from ..exports import export_response

        response = export_response([r.to_csl() for r in self.all_references()], fmt, self.slug)
        if response is None:
            raise Http404("Format d'export inconnu.")
        return response


class BibliographyEdition(Orderable):
    """A dated edition of a bibliography (« mise à jour juin 2016 »)."""

    page = ParentalKey(ThematicBibliographyPage, on_delete=models.CASCADE, related_name="editions")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=255, help_text=_("« Mise à jour juin 2016 »"))

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")

    def __str__(self) -> str:
        return self.note
