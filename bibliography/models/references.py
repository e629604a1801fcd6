"""The documentary database: one `Reference` (notice bibliographique) per document."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..api_fields import CitationField, CSLField
from ..choices import ContributorRole, ReferenceType
from ..identifiers import clean_doi, is_doi, standard_numbers
from ..matching import match_key, normalise_isbn


class ReferenceTag(TaggedItemBase):
    content_object = ParentalKey(
        "bibliography.Reference", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ReferenceQuerySet(models.QuerySet):
    def live(self) -> "ReferenceQuerySet":
        return self.filter(live=True)

    def with_related(self) -> "ReferenceQuerySet":
        """What CSL-JSON, citations and exports read, in a constant number of queries."""
        return self.select_related("organisation").prefetch_related(
            "contributors", "themes", "keywords"
        )


def _index_page_model():
    """`BibliographyIndexPage`, looked up by name: its module imports this one (a notice's page
    is served by the index), so importing it back would close a loop."""
    return apps.get_model("bibliography", "BibliographyIndexPage")


def bibliography_index_url() -> str | None:
    """The live « Bibliographies » section's URL, looked up once per content version: every
    notice of a listing needs it (the version changes on any publication: api/content_version)."""
    from api.content_version import content_version

    key = f"bibliography:index-url:{content_version()}"
    url = cache.get(key)
    if url is None:
        index_page = _index_page_model().objects.live().public().first()
        url = (index_page.get_url() or "") if index_page else ""
        cache.set(key, url, 3600)
    return url or None


class Reference(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A notice of the documentary database, with fields that map one to one onto CSL-JSON.

    Imported and exported as RIS, BibTeX and CSL-JSON (`bibliography/formats/`), formatted
    with citeproc-py (`bibliography/citations.py`), listed by thematic bibliographies and
    exposed at `/api/v2/references/`. Only live (published) notices are public. Admin:
    `bibliography/viewsets.py`.
    """

    reference_type = models.CharField(
        _("type de document"), max_length=30, choices=ReferenceType.choices, db_index=True
    )
    title = models.CharField(_("titre"), max_length=500)
    subtitle = models.CharField(_("sous-titre"), max_length=500, blank=True)
    container_title = models.CharField(
        _("titre du contenant"),
        max_length=500,
        blank=True,
        help_text=_("Titre de la revue, de l'ouvrage collectif ou du site."),
    )
    publisher = models.CharField(_("éditeur"), max_length=255, blank=True)
    publisher_place = models.CharField(_("lieu d'édition"), max_length=255, blank=True)
    # Signed: a notice may describe an ancient text (« -44 » is 44 BC).
    year = models.SmallIntegerField(_("année"), null=True, blank=True, db_index=True)
    month = models.PositiveSmallIntegerField(_("mois"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("jour"), null=True, blank=True)
    season = models.CharField(
        _("saison"),
        max_length=30,
        blank=True,
        help_text=_("Pour une revue datée « Printemps 2019 »."),
    )
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("numéro"), max_length=50, blank=True)
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    edition = models.CharField(_("édition"), max_length=50, blank=True)
    collection_title = models.CharField(_("collection"), max_length=255, blank=True)
    number = models.CharField(
        _("numéro de document"),
        max_length=100,
        blank=True,
        help_text=_("Numéro de rapport, de loi, de décret…"),
    )
    isbn = models.CharField(_("ISBN"), max_length=30, blank=True, db_index=True)
    issn = models.CharField(
        _("ISSN"),
        max_length=100,
        blank=True,
        help_text=_("Un ou plusieurs, séparés par des virgules."),
    )
    doi = models.CharField(_("DOI"), max_length=255, blank=True, db_index=True)
    url = models.URLField(_("adresse web (URL)"), max_length=1000, blank=True)
    accessed = models.DateField(_("consulté le"), null=True, blank=True)
    language = models.CharField(_("langue"), max_length=20, blank=True, default="fr")
    abstract = models.TextField(_("résumé"), blank=True)
    themes = ParentalManyToManyField(
        "core.Theme", verbose_name=_("thèmes"), blank=True, related_name="references"
    )
    keywords = ClusterTaggableManager(verbose_name=_("mots-clés"), through=ReferenceTag, blank=True)
    call_number = models.CharField(_("cote"), max_length=100, blank=True)
    genre = models.CharField(
        _("nature du document"),
        max_length=255,
        blank=True,
        help_text=_("« Thèse de doctorat », « Rapport d'activité », « Documentaire »…"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("structure détentrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="references",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saisie le"), db_index=True, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Normalised "title|year|first author", kept in sync on save, for duplicate detection.
    match_key = models.CharField(max_length=255, db_index=True, editable=False, default="")

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="reference")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reference",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("reference_type"),
        TitleFieldPanel("title"),
        FieldPanel("subtitle"),
        InlinePanel("contributors", heading=_("Auteurs et directeurs"), label=_("Contributeur")),
        MultiFieldPanel(
            [
                FieldPanel("container_title"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("publisher_place")]),
                FieldRowPanel(
                    [
                        FieldPanel("year"),
                        FieldPanel("month"),
                        FieldPanel("day"),
                        FieldPanel("season"),
                    ]
                ),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
                FieldRowPanel([FieldPanel("edition"), FieldPanel("collection_title")]),
                FieldRowPanel([FieldPanel("number"), FieldPanel("genre")]),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("isbn"), FieldPanel("issn"), FieldPanel("doi")]),
                FieldRowPanel([FieldPanel("url"), FieldPanel("accessed")]),
                FieldPanel("language"),
            ],
            heading=_("Identifiants et accès"),
        ),
        FieldPanel("abstract"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("keywords"),
        FieldRowPanel([FieldPanel("call_number"), FieldPanel("organisation")]),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("subtitle"),
        index.AutocompleteField("title"),
        index.SearchField("abstract"),
        index.SearchField("container_title"),
        index.SearchField("publisher"),
        index.RelatedFields(
            "contributors", [index.SearchField("family"), index.SearchField("literal")]
        ),
        index.FilterField("reference_type"),
        index.FilterField("year"),
        index.FilterField("live"),
        index.FilterField("organisation"),
    ]

    api_fields = [
        APIField("reference_type"),
        APIField("title"),
        APIField("subtitle"),
        APIField("year"),
        APIField("abstract"),
        APIField("csl", serializer=CSLField()),
        APIField("citation", serializer=CitationField()),
        APIField("public_url"),
    ]

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        # Duplicate detection compares DOIs in lower case (`importer/matching.py`).
        indexes = [models.Index(Lower("doi"), name="bibliography_reference_doi_ci")]
        verbose_name = _("notice bibliographique")
        verbose_name_plural = _("notices bibliographiques")

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.full_title}{year}"

    @property
    def revisions(self):
        return self._revisions

    @property
    def full_title(self) -> str:
        return f"{self.title} : {self.subtitle}" if self.subtitle else self.title

    def authors(self) -> list:
        return [c for c in self.contributors.all() if c.role == ContributorRole.AUTHOR]

    def editors(self) -> list:
        return [c for c in self.contributors.all() if c.role == ContributorRole.EDITOR]

    def first_author_name(self) -> str:
        people = self.authors() or self.editors()
        return people[0].family_or_literal if people else ""

    def compute_match_key(self) -> str:
        return match_key(self.full_title, self.year, self.first_author_name())

    def clean(self) -> None:
        """The admin refuses what an import would drop: a DOI or ISBN that is not one."""
        super().clean()
        errors = {}
        doi = clean_doi(self.doi)
        if doi and not is_doi(doi):
            errors["doi"] = _(
                "Un DOI a la forme 10.xxxx/… (par exemple 10.4000/hommesmigrations.3550)."
            )
        if self.isbn:
            numbers = standard_numbers(self.isbn)
            if len(numbers.isbns) != 1 or numbers.issns or numbers.invalid:
                errors["isbn"] = _("ISBN invalide : vérifiez ses chiffres (ISBN-10 ou ISBN-13).")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        from django.utils import timezone

        if self.created_at is None:
            self.created_at = timezone.now()
        self.doi = clean_doi(self.doi)
        self.isbn = normalise_isbn(self.isbn)
        self.match_key = self.compute_match_key()
        super().save(*args, **kwargs)

    def to_csl(self) -> dict:
        from ..mapping import reference_to_csl

        return reference_to_csl(self)

    @property
    def public_url(self) -> str | None:
        return self.get_public_url()

    def get_public_url(self) -> str | None:
        """The notice's page under the live « Bibliographies » section, if there is one."""
        if not self.live:
            return None
        base = bibliography_index_url()
        notice = _index_page_model().get_resolver().reverse("notice", self.pk)
        return base and f"{base}{notice}"

    def get_preview_template(self, request, mode_name: str) -> str:
        return "bibliography/reference.html"

    def get_preview_context(self, request, mode_name: str) -> dict:
        return {"reference": self, "csl": self.to_csl()}


class ReferenceContributor(Orderable):
    """An author or editor of a notice, in order: a person (family, given) or an organisation
    (literal), as CSL-JSON names them."""

    reference = ParentalKey(Reference, on_delete=models.CASCADE, related_name="contributors")
    role = models.CharField(
        _("rôle"), max_length=10, choices=ContributorRole.choices, default=ContributorRole.AUTHOR
    )
    family = models.CharField(_("nom"), max_length=255, blank=True)
    given = models.CharField(_("prénom"), max_length=255, blank=True)
    non_dropping_particle = models.CharField(
        _("particule"),
        max_length=50,
        blank=True,
        help_text=_("« de » dans « de Gaulle, Charles »."),
    )
    dropping_particle = models.CharField(
        _("particule après le prénom"),
        max_length=50,
        blank=True,
        help_text=_("« de » dans « Tocqueville, Alexis de »."),
    )
    suffix = models.CharField(
        _("suffixe"), max_length=50, blank=True, help_text=_("« Jr », « III ».")
    )
    literal = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("Pour un auteur collectif (« Défenseur des droits »), à la place du nom."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("role"), FieldPanel("family"), FieldPanel("given"), FieldPanel("literal")]
        ),
        FieldRowPanel(
            [
                FieldPanel("non_dropping_particle"),
                FieldPanel("dropping_particle"),
                FieldPanel("suffix"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contributeur")
        verbose_name_plural = _("contributeurs")

    def __str__(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @property
    def family_or_literal(self) -> str:
        return self.family or self.literal

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if not (self.family or self.literal):
            raise ValidationError(_("Indiquez un nom de personne ou une organisation."))
        if self.family and self.literal:
            raise ValidationError(
                _("Indiquez soit une personne (nom, prénom), soit une organisation, pas les deux.")
            )

    def to_csl(self) -> dict:
        if self.literal:
            return {"literal": self.literal}
        name = {"family": self.family}
        for key, value in (
            ("given", self.given),
            ("non-dropping-particle", self.non_dropping_particle),
            ("dropping-particle", self.dropping_particle),
            ("suffix", self.suffix),
        ):
            if value:
                name[key] = value
        return name
