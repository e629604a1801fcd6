from django.db import models
from django.utils.translation import gettext_lazy as _


class ToolKind(models.TextChoices):
    VIDEO = "video", _("vidéo")
    GAME = "jeu", _("jeu")
    EXHIBITION = "exposition", _("exposition")
    BOOKLET = "livret", _("livret")
    WEBSITE = "site-web", _("site web")
    TRAINING_KIT = "kit-formation", _("kit de formation")
    PODCAST = "podcast", _("podcast")
    BOOK = "ouvrage", _("ouvrage")
    OTHER = "autre", _("autre")


class ToolAudience(models.TextChoices):
    EVERYONE = "tout-public", _("tout public")
    CHILDREN = "enfants", _("enfants")
    TEENAGERS = "adolescents", _("adolescents")
    YOUNG_ADULTS = "jeunes-adultes", _("jeunes adultes")
    PROFESSIONALS = "professionnels", _("professionnels")
    TRAINERS = "formateurs", _("formateurs")


class EventStatus(models.TextChoices):
    UPCOMING = "a-venir", _("à venir")
    ONGOING = "en-cours", _("en cours")
    PAST = "passe", _("passé")
    CANCELLED = "annule", _("annulé")


class HeadingLevel(models.TextChoices):
    H2 = "h2", _("titre de niveau 2")
    H3 = "h3", _("titre de niveau 3")
    H4 = "h4", _("titre de niveau 4")
