"""Audience counts, kept without cookies and without any address or user agent.

`Event` rows are the raw counts, written in batches by the middleware and kept a short time
(`AUDIENCE_RAW_RETENTION_DAYS`); `manage.py rollup_statistics` adds them into `DailyCount`, kept
for years. Neither holds anything that identifies a visitor: a new visitor of the day is a flag
set when a hash, rotated daily and kept only in the cache for the day, was first seen.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class Kind(models.TextChoices):
    PAGE = "page", _("page vue")
    API = "api", _("consultation par l'API")
    DOWNLOAD = "download", _("téléchargement")
    NOTICE = "notice", _("notice consultée")
    SEARCH = "search", _("recherche")
    CAMPAIGN = "campaign", _("visite depuis une lettre d'information")


class Area(models.TextChoices):
    SITE = "site", _("site")
    BASE = "base", _("base documentaire")


class Event(models.Model):
    kind = models.CharField(max_length=10, choices=Kind.choices)
    area = models.CharField(max_length=4, choices=Area.choices)
    day = models.DateField(db_index=True)
    # What was seen: a path, "document:<id>", "reference:<id>", "page:<id>", search terms, or
    # the newsletter issue a visit came from ("lettre-12", `core/campaigns.py`).
    key = models.CharField(max_length=255)
    label = models.CharField(max_length=255, blank=True)
    new_visitor = models.BooleanField(default=False)
    # Searches: how many results were found (None when unknown).
    results = models.IntegerField(null=True, blank=True)
    rolled_up = models.BooleanField(default=False, db_index=True)

    class Meta:
        verbose_name = _("événement d'audience")
        verbose_name_plural = _("événements d'audience")

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.key}"


class DailyCount(models.Model):
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    area = models.CharField(max_length=4, choices=Area.choices)
    key = models.CharField(max_length=255)
    label = models.CharField(max_length=255, blank=True)
    hits = models.PositiveIntegerField(default=0)
    visitors = models.PositiveIntegerField(default=0)
    # Searches: how many of `hits` found nothing.
    empty = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "area", "key"], name="daily_count_key")
        ]
        indexes = [models.Index(fields=["kind", "day"])]
        verbose_name = _("compte journalier")
        verbose_name_plural = _("comptes journaliers")

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.key}: {self.hits}"


@register_setting(icon="view")
class PublicStatistics(BaseGenericSetting):
    """Which yearly figures `/api/v2/statistics/` makes public (the delegation chooses)."""

    page_views = models.BooleanField(_("pages vues et visiteurs"), default=True)
    downloads = models.BooleanField(_("téléchargements et top 5 des documents"), default=True)
    notices_added = models.BooleanField(_("notices ajoutées"), default=True)
    searches = models.BooleanField(_("recherches les plus fréquentes"), default=False)

    class Meta:
        verbose_name = _("statistiques publiques")
