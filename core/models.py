"""What every section shares: the theme vocabulary, member structures and people.

These are snippets (admin under the « Réseau » menu, see `core/viewsets.py`) and are exposed
read-only at `/api/v2/themes/`, `/api/v2/organisations/` (see `api/vocabulary.py`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument
from wagtail.search import index

from .choices import Region


class Theme(index.Indexed, models.Model):
    """A term of the network's controlled vocabulary (laïcité, discriminations…).

    Every content type is classified with themes; the public site browses by them.
    """

    name = models.CharField(_("libellé"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("slug"),
    ]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self) -> str:
        return self.name


class Organisation(index.Indexed, models.Model):
    """A member structure of the network (ORIV, IREV…), author and holder of content."""

    name = models.CharField(_("nom"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=30, unique=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    region = models.CharField(_("région"), max_length=2, choices=Region.choices, blank=True)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member_since = models.PositiveSmallIntegerField(
        _("membre depuis (année)"), null=True, blank=True
    )
    member_until = models.PositiveSmallIntegerField(
        _("membre jusqu'en (année)"),
        null=True,
        blank=True,
        help_text=_("Laisser vide si la structure est toujours membre du réseau."),
    )
    description = models.TextField(_("présentation"), blank=True)
    editor_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("groupe des éditeurs"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="organisation",
        help_text=_("Créé automatiquement : « Éditeurs <sigle> »."),
    )

    panels = [
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("member_since"), FieldPanel("member_until")])],
            heading=_("Adhésion au réseau"),
        ),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("acronym", boost=3),
        index.AutocompleteField("name"),
        index.AutocompleteField("acronym"),
        index.SearchField("city"),
        index.FilterField("region"),
        index.FilterField("acronym"),
    ]

    api_fields = [
        APIField("acronym"),
        APIField("name"),
        APIField("city"),
        APIField("region"),
        APIField("region_name"),
        APIField("website"),
        APIField("member_since"),
        APIField("member_until"),
        APIField("is_current_member"),
        APIField("description"),
    ]

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("structure membre")
        verbose_name_plural = _("structures membres")

    def __str__(self) -> str:
        return f"{self.acronym} – {self.name}" if self.name != self.acronym else self.acronym

    def clean(self) -> None:
        super().clean()
        if self.member_since and self.member_until and self.member_until < self.member_since:
            raise ValidationError(
                {"member_until": _("L'année de fin d'adhésion précède l'année d'adhésion.")}
            )

    @property
    def region_name(self) -> str:
        return self.get_region_display() if self.region else ""

    @property
    def is_current_member(self) -> bool:
        return self.member_until is None


class FullNameMixin:
    """« Prénom Nom », or the one given: for people, and the rows the API reads them as."""

    __slots__ = ()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Person(FullNameMixin, index.Indexed, models.Model):
    """An author or contact: a chargé de mission, a researcher, a delegate."""

    first_name = models.CharField(_("prénom"), max_length=120, blank=True)
    last_name = models.CharField(_("nom"), max_length=120)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    role = models.CharField(_("fonction"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("organisation"),
        FieldPanel("role"),
    ]

    search_fields = [
        index.SearchField("last_name", boost=2),
        index.SearchField("first_name"),
        index.AutocompleteField("last_name"),
        index.RelatedFields("organisation", [index.SearchField("acronym")]),
    ]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.full_name


class SiteDocument(AbstractDocument):
    """The site's document model: Wagtail's, plus what is read from the file at upload.

    `extracted_text` feeds search (a word found only inside a PDF must find it) and
    `page_count` the download links (« PDF, 13 p., 1,2 Mo »); neither is typed by hand.
    Set as `WAGTAILDOCS_DOCUMENT_MODEL`.
    """

    extracted_text = models.TextField(_("texte extrait"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("nombre de pages"), null=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "tags")

    search_fields = [*AbstractDocument.search_fields, index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        permissions = [("choose_sitedocument", "Can choose document")]


from .workflows import CrossStructureReviewTask  # noqa: E402  (registers the task model)

__all__ = ["CrossStructureReviewTask", "Organisation", "Person", "SiteDocument", "Theme"]


class ContentVersion(models.Model):
    """The version of the public content, shared by every process through the database.

    One row. `api/content_version.py` writes it after each committed change and every process reads
    it now and then, so that the API and page caches of all the application servers drop what
    they keep when content changes, even with a per-process (local memory) cache.
    """

    version = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self) -> str:
        return self.version
