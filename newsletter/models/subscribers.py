"""Subscribers: an address and its choices, nothing else."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..choices import SubscriberStatus


class Subscriber(models.Model):
    """Someone who asked for the newsletter, with no account.

    Only the address, the optional themes and what sending needs (status, dates) are kept.
    Tokens are signed, never stored (`newsletter/tokens.py`). Unsubscribing deletes the row;
    unconfirmed requests are deleted once their link has expired (`send_newsletters`).
    Admin: « Lettre d'information › Abonnés » (`newsletter/viewsets.py`), for the delegation.
    """

    email = models.EmailField(_("adresse électronique"), unique=True)
    themes = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("thèmes choisis"),
        blank=True,
        related_name="newsletter_subscribers",
        help_text=_("Vide : tous les thèmes."),
    )
    status = models.CharField(
        _("état"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("demande d'inscription"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmation"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonné")
        verbose_name_plural = _("abonnés")

    def __str__(self) -> str:
        return self.email

    def delete(self, *args, **kwargs):
        """Deleted (unsubscribed, or by the delegation on request): the deliveries keep no
        trace of the address, not even in a mail server's answer that quotes it."""
        with transaction.atomic():
            self.deliveries.update(error="")
            return super().delete(*args, **kwargs)

    @property
    def theme_names(self) -> str:
        return ", ".join(theme.name for theme in self.themes.all()) or str(_("tous"))
