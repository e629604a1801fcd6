"""The search's own index table: one `SearchRecord` per public object of every source.

Records are what the search backends (SQLite, PostgreSQL, Elasticsearch) index, so that one
query ranks notices, pages and press items together, and facet counts are plain SQL over one
table. `search.indexing` keeps them in step with publishing; `search_index_drift` checks them.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .fields import IdListField


class FacetSet(models.Model):
    """One distinct (themes, organisations) pair of the records, shared by every record that has it.

    PostgreSQL counts the theme and organisation facets by grouping the matches on this one
    integer (`SearchRecord.facet_set`) and spreading each group's count over the pair's ids,
    instead of hashing both id lists of every match (`search.postgres.search_page`). Written by
    `search.facet_sets` with the records; never changed or deleted (a few thousand at most).
    """

    theme_ids = IdListField(default=list)
    organisation_ids = IdListField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["theme_ids", "organisation_ids"], name="unique_facet_set"
            )
        ]
        verbose_name = _("combinaison de thèmes et de structures")
        verbose_name_plural = _("combinaisons de thèmes et de structures")

    def __str__(self) -> str:
        return f"{self.theme_ids} / {self.organisation_ids}"


class SearchRecord(index.Indexed, models.Model):
    """The searchable view of one public object (page, notice, press item…)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)
    source = models.CharField(_("type de contenu"), max_length=100, db_index=True)
    title = models.CharField(_("titre"), max_length=1000)
    body = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("adresse"), max_length=1000, blank=True)
    date = models.DateField(_("date"), null=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, db_index=True)
    region = models.CharField(_("région"), max_length=2, blank=True, db_index=True)
    reference_type = models.CharField(_("type de référence"), max_length=100, blank=True)
    # The source's relevance multiplier (`search.registry.Source.boost`), applied by every backend.
    boost = models.FloatField(_("pondération"), default=1.0)
    themes = models.ManyToManyField("core.Theme", blank=True, related_name="+")
    organisations = models.ManyToManyField("core.Organisation", blank=True, related_name="+")
    # Copies of the two links above, written with them by `search.indexing` (PostgreSQL facets).
    theme_ids = IdListField(default=list, editable=False)
    organisation_ids = IdListField(default=list, editable=False)
    # The pair of the two lists above (`FacetSet`), written with them.
    facet_set = models.ForeignKey(
        FacetSet,
        null=True,
        on_delete=models.SET_NULL,
        db_index=False,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL: weighted title + body, GIN-indexed, computed by a trigger on every write of the
    # title or body (`search.postgres.VECTOR_TRIGGER`); unused elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)
    index_pending = models.BooleanField(
        default=False,
        help_text=_("Le serveur de recherche n'a pas reçu la dernière version : à rattraper."),
    )

    # Indexed by `search.indexing`, which catches and remembers search server failures.
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("source"),
        index.FilterField("year"),
        index.FilterField("region"),
        index.FilterField("reference_type"),
        index.FilterField("date"),
        # For the engine's facets, filters and date order (`search.engine`).
        index.FilterField("id"),
        index.FilterField("theme_ids"),
        index.FilterField("organisation_ids"),
        index.FilterField("boost"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_record")
        ]
        indexes = [models.Index(fields=["-date", "-id"], name="record_recent")]
        verbose_name = _("fiche de recherche")
        verbose_name_plural = _("fiches de recherche")

    def __str__(self) -> str:
        return self.title
