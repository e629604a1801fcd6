"""The sending of an issue and its deliveries, one per subscriber: what makes it resumable."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DeliveryStatus, SendingStatus


class IssueSending(models.Model):
    """The sending of one issue: its test send, the request to send it, its progress.

    Created by the first test send. `requested_at` queues it for `manage.py send_newsletters`,
    which writes one `Delivery` per subscriber when it starts, then sends them.
    """

    issue = models.OneToOneField(
        "newsletter.NewsletterIssuePage",
        verbose_name=_("lettre"),
        on_delete=models.CASCADE,
        related_name="sending",
    )
    status = models.CharField(
        _("état"), max_length=16, choices=SendingStatus.choices, blank=True, db_index=True
    )
    test_sent_at = models.DateTimeField(_("dernier envoi de test"), null=True, blank=True)
    test_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("test envoyé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("envoi demandé le"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoi demandé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("début de l'envoi"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fin de l'envoi"), null=True, blank=True)

    class Meta:
        verbose_name = _("envoi de lettre")
        verbose_name_plural = _("envois de lettres")

    def __str__(self) -> str:
        return str(self.issue)

    def counts(self) -> dict[str, int]:
        """Deliveries by status, every status present (0 when none)."""
        rows = dict(
            self.deliveries.values("status")
            .annotate(n=models.Count("pk"))
            .values_list("status", "n")
        )
        return {status.value: rows.get(status.value, 0) for status in DeliveryStatus}


class Delivery(models.Model):
    """One subscriber's copy of one issue: sent at most once.

    A delivery is claimed (`sending`, committed, with the claiming process in `claimed_by`)
    before the message goes to the mail server and marked `sent` once the server accepted it; a
    delivery found still claimed by a process that is gone is marked `uncertain` and never sent
    again. Failures keep the server's answer in `error`.
    """

    sending = models.ForeignKey(
        IssueSending, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("envoi")
    )
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        verbose_name=_("abonné"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    status = models.CharField(
        _("état"),
        max_length=16,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    # « host:pid » of the process that claimed it: a later run on the same host knows at once
    # whether that process is still alive.
    claimed_by = models.CharField(_("pris en charge par"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    # A permanent refusal, at once (SMTP 5xx) or later by mail (a DSN): `newsletter/bounces.py`.
    bounced_at = models.DateTimeField(_("refusé définitivement le"), null=True, blank=True)
    error = models.CharField(_("erreur"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sending", "subscriber"], name="newsletter_one_delivery_per_subscriber"
            )
        ]
        verbose_name = _("envoi à un abonné")
        verbose_name_plural = _("envois aux abonnés")

    def __str__(self) -> str:
        return f"{self.sending} → {self.subscriber or '—'}"
