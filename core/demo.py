"""Demo content for the shared vocabulary: the network's themes and member structures.

Drawn from the network's activity programmes and reports (2008–2020).
"""

from core.choices import Region
from core.demo_tools import DemoReport
from core.models import Organisation, Person, Theme

THEMES = [
    (
        "laicite",
        "Laïcité",
        "Principe de laïcité, neutralité du service public, valeurs de la "
        "République et laïcité dans l'action locale.",
    ),
    (
        "discriminations",
        "Discriminations",
        "Prévention et lutte contre les discriminations liées à l'origine réelle ou supposée.",
    ),
    (
        "discriminations-emploi",
        "Discriminations dans l'emploi",
        "Accès à l'emploi, recrutement, intermédiaires de l'emploi.",
    ),
    (
        "discriminations-logement",
        "Discriminations dans le logement",
        "Accès au logement, attributions, parc social et privé.",
    ),
    (
        "discriminations-ecole",
        "Discriminations à l'école",
        "Orientation, parcours scolaires, relations école-familles.",
    ),
    (
        "discriminations-sante",
        "Discriminations et santé",
        "Accès aux soins et refus de soins, santé des personnes immigrées.",
    ),
    (
        "mixite-sociale-logement",
        "Mixité sociale et logement",
        "Politiques d'attribution, conventions intercommunales, peuplement.",
    ),
    (
        "primo-arrivants",
        "Intégration des primo-arrivants",
        "Accueil des nouveaux arrivants, "
        "parcours d'intégration, contrat d'intégration républicaine.",
    ),
    (
        "interculturalite",
        "Interculturalité",
        "Relations interculturelles, médiation, dialogue entre cultures.",
    ),
    (
        "personnes-agees-immigrees",
        "Personnes âgées immigrées",
        "Vieillissement des immigrés, accès aux droits, foyers de travailleurs migrants.",
    ),
    (
        "politique-de-la-ville",
        "Politique de la ville",
        "Contrats de ville, quartiers prioritaires, cohésion sociale.",
    ),
    (
        "valeurs-republique",
        "Valeurs de la République",
        "Citoyenneté, égalité, fraternité, formation des acteurs de terrain.",
    ),
    (
        "acces-aux-droits",
        "Accès aux droits",
        "Information juridique, accompagnement des étrangers, non-recours.",
    ),
    (
        "apprentissage-langue",
        "Apprentissage de la langue",
        "Français langue étrangère, ateliers sociolinguistiques, compétences linguistiques.",
    ),
]

ORGANISATIONS = [
    (
        "ARIFOR",
        "Action Régionale pour l'Information sur la Formation et l'Orientation",
        "Châlons-en-Champagne",
        Region.GRAND_EST,
    ),
    (
        "AVDL",
        "Association Villeurbannaise pour le Droit au Logement",
        "Villeurbanne",
        Region.AUVERGNE_RHONE_ALPES,
    ),
    ("COFRIMI", "COFRIMI", "Toulouse", Region.OCCITANIE),
    ("EPI", "EPI", "", ""),
    ("ESPACE", "ESPACE", "", ""),
    ("IREV", "Institut Régional de la Ville", "Lille", Region.HAUTS_DE_FRANCE),
    (
        "ORIV",
        "Observatoire Régional de l'Intégration et de la Ville",
        "Strasbourg",
        Region.GRAND_EST,
    ),
    ("CID", "Centre Interculturel de Documentation", "Nantes", Region.PAYS_DE_LA_LOIRE),
    ("CREFE", "CREFE", "", ""),
    (
        "ODTI",
        "Observatoire des Discriminations et des Territoires Interculturels",
        "Grenoble",
        Region.AUVERGNE_RHONE_ALPES,
    ),
]

PEOPLE = [
    (
        "Olivier",
        "Noël",
        None,
        "Sociologue (ISCRA), analyse des actions locales de prévention des discriminations",
    ),
]


def load(report: DemoReport) -> None:
    for slug, name, description in THEMES:
        _, created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        report.record("Thèmes", created)
    for acronym, name, city, region in ORGANISATIONS:
        _, created = Organisation.objects.get_or_create(
            acronym=acronym,
            defaults={"name": name, "city": city, "region": region},
        )
        report.record("Structures membres", created)
    for first_name, last_name, acronym, role in PEOPLE:
        organisation = Organisation.objects.filter(acronym=acronym).first() if acronym else None
        _, created = Person.objects.get_or_create(
            first_name=first_name,
            last_name=last_name,
            defaults={"organisation": organisation, "role": role},
        )
        report.record("Personnes", created)
