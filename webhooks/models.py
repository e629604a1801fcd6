"""Webhooks: URLs told about every publication, unpublication and deletion (see delivery.py).

`Webhook` is configured by administrators in the admin (webhooks/viewsets.py). Each event
writes one `WebhookDelivery` per matching webhook in the same transaction as the change (an
outbox), so nothing is lost if the process stops; the deliveries are then sent in the
background and retried by the `deliver_webhooks` command. The deliveries are the log the admin
shows, read-only.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .choices import ContentKind, DeliveryStatus, Event
from .urls_check import UnsafeURLError, check_url


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Webhook(models.Model):
    """One receiver: its URL, its signing secret and what it wants to hear about."""

    name = models.CharField(_("nom"), max_length=100)
    url = models.URLField(_("adresse (URL)"), max_length=500)
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Clé de la signature HMAC-SHA256 (en-tête X-Reci-Signature), à donner au "
            "destinataire pour qu'il vérifie que l'appel vient bien de nous."
        ),
    )
    on_publish = models.BooleanField(_("publication"), default=True)
    on_unpublish = models.BooleanField(_("dépublication"), default=True)
    on_delete = models.BooleanField(_("suppression"), default=True)
    for_pages = models.BooleanField(_("pages"), default=True)
    for_references = models.BooleanField(_("notices bibliographiques"), default=True)
    active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        MultiFieldPanel(
            [FieldPanel("on_publish"), FieldPanel("on_unpublish"), FieldPanel("on_delete")],
            heading=_("Événements"),
        ),
        MultiFieldPanel(
            [FieldPanel("for_pages"), FieldPanel("for_references")],
            heading=_("Contenus"),
        ),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.url:
            try:
                check_url(self.url)
            except UnsafeURLError as exc:
                raise ValidationError({"url": str(exc)}) from exc
        if not (self.on_publish or self.on_unpublish or self.on_delete):
            raise ValidationError(_("Choisissez au moins un événement."))
        if not (self.for_pages or self.for_references):
            raise ValidationError(_("Choisissez au moins un type de contenu."))

    def wants(self, event: str, kind: str) -> bool:
        return getattr(self, f"on_{event}") and (
            self.for_pages if kind == ContentKind.PAGE else self.for_references
        )

    @classmethod
    def matching(cls, event: str, kind: str) -> models.QuerySet["Webhook"]:
        field = "for_pages" if kind == ContentKind.PAGE else "for_references"
        return cls.objects.filter(active=True, **{f"on_{event}": True, field: True})


class WebhookDelivery(models.Model):
    """One event for one webhook: the payload as sent, and what happened to it."""

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    event = models.CharField(_("événement"), max_length=20, choices=Event.choices)
    kind = models.CharField(_("type de contenu"), max_length=20, choices=ContentKind.choices)
    object_id = models.PositiveBigIntegerField(_("identifiant du contenu"))
    object_title = models.CharField(_("contenu"), max_length=255, blank=True)
    payload = models.JSONField(_("contenu envoyé"))
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    status_code = models.PositiveSmallIntegerField(_("code HTTP"), null=True, blank=True)
    response_excerpt = models.TextField(_("début de la réponse"), blank=True)
    error = models.TextField(_("erreur"), blank=True)
    next_attempt = models.DateTimeField(_("prochain essai"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("livrée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("livraison de webhook")
        verbose_name_plural = _("livraisons de webhooks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} – {self.object_title or self.object_id}"
