"""Demo content of the practices section: the six practices the network promoted on the European
Website on Integration in 2016 (activity report 2016), two of them in English.

Places are the communes named by the report (Marseille for the regional répertoire of
Provence-Alpes-Côte d'Azur, Lille for the Nord-Pas-de-Calais programme, Paris for SINGA's
national platform); coordinates are those of the town centres. Runs after `home.demo`, which
creates the French home page and the « Pratiques » section.
"""

import datetime
from decimal import Decimal

from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.demo_tools import DemoReport, add_published_child
from core.models import Theme
from home.models import HomePage

from .choices import ActionField, Scale
from .models import PracticeIndexPage, PracticeSheetPage, TargetGroup

SHEET_DATE = datetime.date(2016, 12, 1)

TARGET_GROUPS = [
    ("primo-arrivants", "Primo-arrivants", "Newly arrived migrants"),
    ("refugies", "Réfugiés", "Refugees"),
    ("femmes", "Femmes", "Women"),
    ("jeunes", "Jeunes", "Young people"),
    ("personnes-agees-immigrees", "Personnes âgées immigrées", "Older migrants"),
    ("professionnels", "Professionnels", "Professionals"),
    ("elus", "Élus", "Elected officials"),
    ("victimes-discriminations", "Victimes de discriminations", "Victims of discrimination"),
]


def paragraph(text: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{text}</p>"))


PRACTICES = [
    {
        "slug": "accueil-nouveaux-arrivants-nantes",
        "title": "Accueil des nouveaux arrivants étrangers dans une commune",
        "summary": "La ville de Nantes améliore l'accueil et l'information des publics migrants "
        "avec son Conseil nantais pour la citoyenneté des étrangers.",
        "commune": "Nantes",
        "insee_code": "44109",
        "department": "44",
        "region": "52",
        "latitude": Decimal("47.218371"),
        "longitude": Decimal("-1.553621"),
        "scale": Scale.COMMUNE,
        "lead_organisation": "Ville de Nantes – Conseil nantais pour la citoyenneté des "
        "étrangers (CNCE)",
        "action_field": ActionField.WELCOME,
        "target_groups": ["primo-arrivants", "professionnels"],
        "themes": ["primo-arrivants", "acces-aux-droits"],
        "description": [
            paragraph(
                "La ville de Nantes développe depuis de nombreuses années une politique "
                "d'accueil des étrangers. Elle a décidé d'améliorer sa politique d'accueil et "
                "d'accès à l'information des publics migrants via son Conseil nantais pour la "
                "citoyenneté des étrangers (CNCE), instance dédiée à la participation des "
                "étrangers."
            ),
            paragraph(
                "Les améliorations portent sur l'information (fiabilité, facilité de lecture), "
                "la communication (par le biais d'un réseau de partenariat), l'accueil et "
                "l'orientation (formation des agents en interface avec les usagers immigrés, "
                "mise en place d'une cellule de veille, interne à la ville, et renforcement des "
                "partenariats)."
            ),
        ],
        "english": {
            "title": "Welcoming newly arrived foreign nationals in a city",
            "slug": "welcoming-newcomers-nantes",
            "summary": "The city of Nantes improves the welcome of migrants and the information "
            "they receive, through its Nantes Council for the Citizenship of Foreigners.",
            "lead_organisation": "City of Nantes – Nantes Council for the Citizenship of "
            "Foreigners (CNCE)",
            "description": [
                paragraph(
                    "The city of Nantes has had a policy for welcoming foreign nationals for "
                    "many years. It decided to improve how migrants are welcomed and informed "
                    "through its Nantes Council for the Citizenship of Foreigners (CNCE), a "
                    "body dedicated to the participation of foreign residents."
                ),
                paragraph(
                    "The improvements concern information (reliability, readability), "
                    "communication (through a partnership network), and welcome and guidance "
                    "(training of staff dealing with migrant users, an internal monitoring "
                    "unit within the city, stronger partnerships)."
                ),
            ],
        },
    },
    {
        "slug": "repertoire-acces-aux-droits-paca",
        "title": "Répertoire en ligne des acteurs de l'accès aux droits des étrangers en région "
        "Provence-Alpes-Côte d'Azur",
        "summary": "Un annuaire en ligne qui géolocalise les lieux d'accueil et d'accès aux "
        "droits des étrangers, relié au logiciel de gestion de l'accueil PAPPU.",
        "commune": "Marseille",
        "insee_code": "13055",
        "department": "13",
        "region": "93",
        "latitude": Decimal("43.296482"),
        "longitude": Decimal("5.369780"),
        "scale": Scale.REGION,
        "action_field": ActionField.RIGHTS,
        "target_groups": ["professionnels", "primo-arrivants"],
        "themes": ["acces-aux-droits"],
        "description": [
            paragraph(
                "L'objectif est de répertorier et géolocaliser, sur un site internet "
                "spécifique, les différents lieux d'accueil et d'accès aux droits des étrangers "
                "par domaines de compétences via PAPPU, logiciel en ligne de gestion de "
                "l'accueil."
            ),
            paragraph(
                "Ce répertoire présente principalement les ressources en région PACA. "
                "Toutefois, ce site étant interconnecté avec le logiciel « PAPPU », toutes les "
                "structures qui l'utilisent au niveau national peuvent également être "
                "géolocalisées sur l'annuaire."
            ),
        ],
        "resources": [("link", {"title": "PAPPU", "url": "http://www.pappu.fr/"})],
    },
    {
        "slug": "pratiques-langagieres-nord-pas-de-calais",
        "title": "« Pratiques langagières » : programme régional de soutien et de valorisation "
        "des compétences linguistiques de chacun",
        "summary": "Un programme régional qui accompagne les démarches locales valorisant les "
        "pratiques langagières des habitants.",
        "commune": "Lille",
        "insee_code": "59350",
        "department": "59",
        "region": "32",
        "latitude": Decimal("50.629250"),
        "longitude": Decimal("3.057256"),
        "scale": Scale.REGION,
        "start_year": 2008,
        "lead_organisation": "Services de l'État en Nord-Pas-de-Calais",
        "action_field": ActionField.LANGUAGE,
        "target_groups": ["professionnels"],
        "themes": ["apprentissage-langue", "interculturalite"],
        "description": [
            paragraph(
                "Depuis 8 années, les services de l'État du Nord-Pas-de-Calais portent un "
                "programme visant à accompagner les démarches locales qui valorisent les "
                "pratiques langagières."
            ),
            paragraph(
                "L'ambition de ce programme est de travailler la langue autrement, de la "
                "valoriser, d'observer ce qu'elle porte d'histoire, d'emprunt, et de regarder "
                "ce qu'elle apporte comme compréhension de l'environnement, ce qu'elle traduit "
                "des rapports des uns aux autres, de la relation à la ville, au quartier et à "
                "l'évolution des territoires."
            ),
        ],
    },
    {
        "slug": "comme-a-la-maison-calm",
        "title": "Comme A La Maison (CALM)",
        "summary": "Une plateforme numérique qui met en relation des réfugiés mal logés et des "
        "particuliers prêts à les accueillir.",
        "commune": "Paris",
        "insee_code": "75056",
        "department": "75",
        "region": "11",
        "latitude": Decimal("48.856614"),
        "longitude": Decimal("2.352222"),
        "scale": Scale.NATIONAL,
        "lead_organisation": "SINGA",
        "action_field": ActionField.HOUSING,
        "target_groups": ["refugies"],
        "themes": ["primo-arrivants"],
        "description": [
            paragraph(
                "Le dispositif « Comme A La Maison » (CALM) permet la mise en relation entre "
                "des réfugiés mal logés voire sans domicile fixe et des personnes souhaitant "
                "s'engager sur l'accueil de réfugiés."
            ),
            paragraph(
                "Par l'intermédiaire d'une plateforme numérique, les réfugiés y indiquent leurs "
                "besoins et les particuliers offrent un hébergement ou un soutien. Il s'agit "
                "d'un outil de mise en relation. L'engagement est social et non financier."
            ),
        ],
        "english": {
            "title": "Comme A La Maison (CALM): matching refugees with hosts",
            "slug": "comme-a-la-maison-calm",
            "summary": "A web platform that matches poorly housed refugees with private "
            "individuals ready to host them.",
            "lead_organisation": "SINGA",
            "description": [
                paragraph(
                    "“Comme A La Maison” (CALM, “just like home”) matches refugees who are "
                    "poorly housed or homeless with people who wish to commit to hosting "
                    "refugees."
                ),
                paragraph(
                    "Through a web platform, refugees state their needs and private "
                    "individuals offer accommodation or support. It is a matching tool: the "
                    "commitment is social, not financial."
                ),
            ],
        },
    },
    {
        "slug": "reseau-vigilance-villeurbanne",
        "title": "Mise en place d'un réseau de vigilance des intermédiaires de l'emploi et du "
        "logement",
        "summary": "À Villeurbanne, une quinzaine de structures locales repèrent et traitent "
        "ensemble les situations discriminatoires.",
        "commune": "Villeurbanne",
        "insee_code": "69266",
        "department": "69",
        "region": "84",
        "latitude": Decimal("45.766700"),
        "longitude": Decimal("4.880000"),
        "scale": Scale.COMMUNE,
        "lead_organisation": "Ville de Villeurbanne",
        "partners": "Mission locale\nPôle Emploi\nADL\nAVDL\nAILOJ\nCCAS de Villeurbanne",
        "action_field": ActionField.ANTI_DISCRIMINATION,
        "target_groups": ["professionnels", "victimes-discriminations"],
        "themes": ["discriminations-emploi", "discriminations-logement"],
        "description": [
            paragraph(
                "La Ville de Villeurbanne a mis en place un réseau de vigilance en faveur de "
                "l'égalité et de la non-discrimination. Composé actuellement d'une quinzaine de "
                "structures locales, ce réseau s'est constitué progressivement dans une "
                "co-construction entre des professionnels de l'intermédiation de l'emploi, du "
                "logement ou de l'action sociale."
            ),
            paragraph(
                "Ce réseau se donne pour mission de repérer et traiter les situations "
                "discriminatoires, orienter les victimes de discrimination vers des structures "
                "d'accès aux droits et mettre en visibilité des discriminations dans l'espace "
                "public."
            ),
        ],
    },
    {
        "slug": "maison-des-langues-garges-les-gonesse",
        "title": "La Maison des langues – Garges-lès-Gonesse",
        "summary": "Une structure municipale qui réunit en un lieu unique les formations et "
        "l'orientation linguistiques pour les étrangers du Val-d'Oise.",
        "commune": "Garges-lès-Gonesse",
        "insee_code": "95268",
        "department": "95",
        "region": "11",
        "latitude": Decimal("48.973056"),
        "longitude": Decimal("2.400556"),
        "scale": Scale.DEPARTEMENT,
        "lead_organisation": "Ville de Garges-lès-Gonesse",
        "action_field": ActionField.LANGUAGE,
        "target_groups": ["primo-arrivants"],
        "themes": ["apprentissage-langue", "primo-arrivants"],
        "description": [
            paragraph(
                "La Maison des langues est une structure municipale qui s'adresse aux étrangers "
                "qui résident sur le territoire du Val-d'Oise. En proposant en un lieu unique "
                "des formations ou des orientations en termes d'apprentissages linguistiques, "
                "elle facilite les parcours des personnes en leur donnant une vision globale de "
                "ce qui existe."
            ),
            paragraph(
                "Elle assure une suite de parcours linguistique pour les personnes qui sortent "
                "de formation après la signature du contrat d'intégration républicaine (CIR)."
            ),
        ],
    },
]

ENGLISH_HOME = {
    "title": "RECI Network",
    "slug": "home-en",
    "introduction": "<p>The RECI network (Resources for Equal Opportunities and Integration) "
    "produces resources on integration, the fight against discrimination and equal "
    "opportunities.</p>",
}
ENGLISH_INDEX = {
    "title": "Practices",
    "slug": "practices",
    "introduction": "<p>Local integration practices worth spreading, also published on the "
    "European Website on Integration.</p>",
}


def publish_translation(page, locale: Locale, fields: dict):
    """The published `locale` version of `page`, translated with Wagtail's own API if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation, True


def load(report: DemoReport) -> None:
    for slug, name, name_en in TARGET_GROUPS:
        _, created = TargetGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )
        report.record("Publics cibles", created)

    default_locale = Locale.get_default()
    english, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.get(locale=default_locale)
    index = PracticeIndexPage.objects.child_of(home).get()

    for practice in PRACTICES:
        sheet = PracticeSheetPage.objects.child_of(index).filter(slug=practice["slug"]).first()
        report.record("Fiches d'expérience", sheet is None)
        if sheet is None:
            sheet = create_sheet(index, practice)

    _, created = publish_translation(home, english, ENGLISH_HOME)
    report.record("Pages en anglais", created)
    _, created = publish_translation(index, english, ENGLISH_INDEX)
    report.record("Pages en anglais", created)
    for practice in PRACTICES:
        if "english" in practice:
            sheet = PracticeSheetPage.objects.child_of(index).get(slug=practice["slug"])
            _, created = publish_translation(sheet, english, practice["english"])
            report.record("Pages en anglais", created)


def create_sheet(index: PracticeIndexPage, practice: dict) -> PracticeSheetPage:
    fields = {
        key: value
        for key, value in practice.items()
        if key not in ("english", "target_groups", "themes")
    }
    sheet = PracticeSheetPage(date=SHEET_DATE, **fields)
    sheet.target_groups = list(TargetGroup.objects.filter(slug__in=practice["target_groups"]))
    sheet.themes = list(Theme.objects.filter(slug__in=practice["themes"]))
    return add_published_child(index, sheet)
