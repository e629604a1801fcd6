"""Fixed vocabularies of the practice sheets, with the English labels the EWSI export needs."""

from django.db import models


class Scale(models.TextChoices):
    """The territory a practice covers."""

    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITE = "intercommunalite", "Intercommunalité"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    NATIONAL = "national", "National"


SCALE_EN = {
    Scale.COMMUNE: "Local",
    Scale.INTERCOMMUNALITE: "Inter-municipal",
    Scale.DEPARTEMENT: "Departmental",
    Scale.REGION: "Regional",
    Scale.NATIONAL: "National",
}


class ActionField(models.TextChoices):
    """The main field of action of a practice (close to EWSI's « areas of integration »).

    The network's shared `core.Theme` vocabulary classifies every content type; this field
    says what kind of integration work the practice does, one value per sheet.
    """

    WELCOME = "accueil", "Accueil et orientation"
    LANGUAGE = "langue", "Apprentissage de la langue"
    RIGHTS = "droits", "Accès aux droits"
    EMPLOYMENT = "emploi", "Emploi"
    HOUSING = "logement", "Logement"
    EDUCATION = "education", "Éducation"
    HEALTH = "sante", "Santé"
    ANTI_DISCRIMINATION = "anti-discrimination", "Lutte contre les discriminations"
    PARTICIPATION = "participation", "Participation et citoyenneté"
    INTERCULTURAL = "interculturel", "Dialogue interculturel"


ACTION_FIELD_EN = {
    ActionField.WELCOME: "Welcome and orientation",
    ActionField.LANGUAGE: "Language learning",
    ActionField.RIGHTS: "Access to rights",
    ActionField.EMPLOYMENT: "Employment",
    ActionField.HOUSING: "Housing",
    ActionField.EDUCATION: "Education",
    ActionField.HEALTH: "Health",
    ActionField.ANTI_DISCRIMINATION: "Anti-discrimination",
    ActionField.PARTICIPATION: "Active participation and citizenship",
    ActionField.INTERCULTURAL: "Intercultural dialogue",
}
