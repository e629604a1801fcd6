from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PUBLISH = "publish", _("Publication")
    UNPUBLISH = "unpublish", _("Dépublication")
    DELETE = "delete", _("Suppression")


class ContentKind(models.TextChoices):
    PAGE = "page", _("Page")
    REFERENCE = "reference", _("Notice bibliographique")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    DELIVERED = "delivered", _("Livrée")
    FAILED = "failed", _("Abandonnée")
