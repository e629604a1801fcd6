"""Fixed vocabularies of the newsletter: subscribers', sendings' and deliveries' states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("en attente de confirmation")
    ACTIVE = "active", _("inscrit")
    BOUNCED = "bounced", _("adresse refusée")


class SendingStatus(models.TextChoices):
    QUEUED = "queued", _("en file d'attente")
    SENDING = "sending", _("envoi en cours")
    SENT = "sent", _("envoyée")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("à envoyer")
    SENDING = "sending", _("en cours d'envoi")
    SENT = "sent", _("envoyé")
    FAILED = "failed", _("échec")
    UNCERTAIN = "uncertain", _("interrompu, non renvoyé")
    SKIPPED = "skipped", _("désinscrit avant l'envoi")


class ItemKind(models.TextChoices):
    """The groups an issue is pre-filled with, in the order a reader meets them."""

    NOTES = "notes", _("Notes")
    POINTS_DE_VUE = "points-de-vue", _("Points de vue")
    TOOLKITS = "recueils", _("Recueils d'outils pédagogiques")
    BIBLIOGRAPHIES = "bibliographies", _("Nouveautés des bibliographies")
    PRACTICES = "pratiques", _("Fiches d'expérience")
    EVENTS = "agenda", _("Agenda : à venir")
    NEWS = "actualites", _("Actualités")
    PRESS = "veille", _("Sélection de la veille")
