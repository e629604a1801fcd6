"""Imports as named batches: who imported which file when, what became of each record, and
which notices it wrote, so that the whole import can be undone while nobody edited them since.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    file_name = models.CharField(_("fichier"), max_length=255)
    format = models.CharField(_("format"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("structure détentrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("notices publiées"), default=False)
    created_at = models.DateTimeField(_("importé le"), auto_now_add=True, db_index=True)
    created = models.PositiveIntegerField(_("créées"), default=0)
    updated = models.PositiveIntegerField(_("mises à jour"), default=0)
    duplicates = models.PositiveIntegerField(_("doublons ignorés"), default=0)
    rejected = models.PositiveIntegerField(_("rejetées"), default=0)
    # What became of each record: [{"position", "label", "status", "reason", "reference_id"}].
    report = models.JSONField(_("rapport"), default=list, blank=True)
    undone_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annulé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import de notices")
        verbose_name_plural = _("imports de notices")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else ""

    @property
    def label(self) -> str:
        return f"Import {self.file_name}"

    @property
    def total(self) -> int:
        return self.created + self.updated + self.duplicates + self.rejected

    def importer_name(self) -> str:
        if self.user is None:
            return "la ligne de commande"
        return self.user.get_full_name() or self.user.get_username()


class ImportBatchEntry(models.Model):
    """A notice the import created or updated, with the revision it wrote (and, for an update,
    the revision it replaced): the notice is unchanged since while its latest revision is the
    import's."""

    CREATED, UPDATED = "created", "updated"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="entries")
    reference = models.ForeignKey(
        "bibliography.Reference", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(
        max_length=10, choices=[(CREATED, _("créée")), (UPDATED, _("mise à jour"))]
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    previously_live = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notice importée")
        verbose_name_plural = _("notices importées")

    def __str__(self) -> str:
        return f"{self.get_action_display()} : {self.reference_id}"
