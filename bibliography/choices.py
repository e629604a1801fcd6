"""Controlled values of the notices: reference types (CSL names) and contributor roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceType(models.TextChoices):
    """Kinds of documents, stored under their CSL-JSON type name so exports need no mapping."""

    BOOK = "book", _("Ouvrage")
    CHAPTER = "chapter", _("Chapitre d'ouvrage")
    ARTICLE = "article-journal", _("Article de revue")
    NEWSPAPER = "article-newspaper", _("Article de presse")
    REPORT = "report", _("Rapport")
    THESIS = "thesis", _("Thèse, mémoire")
    WEBPAGE = "webpage", _("Page web")
    VIDEO = "motion_picture", _("Vidéo, film")
    LEGISLATION = "legislation", _("Texte juridique")
    DOSSIER = "pamphlet", _("Dossier, brochure")
    CONFERENCE = "paper-conference", _("Communication")


class ContributorRole(models.TextChoices):
    AUTHOR = "author", _("Auteur")
    EDITOR = "editor", _("Directeur de publication")
    TRANSLATOR = "translator", _("Traducteur")
    DIRECTOR = "director", _("Réalisateur")
