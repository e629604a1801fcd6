"""Demo content of the publications: the network's real productions, from its activity reports.

Notes and « Point de vue » papers come with generated PDFs whose text is taken from the
reports; the laïcité toolkit, news, press watch and events follow. Idempotent: pages are
found by slug under their section, documents by title, press items by URL.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.demo_tools import DemoReport, add_published_child
from core.documents import check_document_file
from core.models import Organisation, Person, Theme
from home.models import HomePage

from .choices import ToolAudience, ToolKind
from .models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NotePage,
    PointDeVuePage,
    PressItem,
    PublicationIndexPage,
    ToolkitPage,
    ToolkitTool,
)
from .pdfs import build_pdf

CONTRAT_DE_VILLE_TEXT = [
    "Dans le cadre du séminaire national du 26 novembre 2015 organisé par le CNFPT, l'IRDSU, "
    "le CGET, le Défenseur des Droits et le Réseau RECI, le Réseau a initié une analyse des "
    "contrats de ville afin d'observer comment était prise en compte la prévention des "
    "discriminations.",
    "Sur la base d'une grille de lecture, le Réseau s'est engagé à analyser les contrats de ville "
    "signés dans ses territoires d'implantation avant la réforme territoriale (régions Nord "
    "Pas-de-Calais, Picardie, Champagne-Ardenne, Lorraine, Alsace, Rhône-Alpes, PACA, "
    "Midi-Pyrénées et Loire-Atlantique).",
    "La note met en avant des éléments utiles à l'action publique dans ce domaine : "
    "identification des sujets récurrents, des questionnements, des manques éventuels.",
]

LAICITE_TEXT = [
    "Suite aux événements tragiques de 2015, le gouvernement a souhaité renforcer "
    "l'appropriation des valeurs de la République, en particulier sur la notion de laïcité, en "
    "proposant notamment le déploiement de plans de formation des acteurs locaux.",
    "Ce point de vue offre des premiers éléments d'analyse sur la portée de ces plans de "
    "formation et sur l'impact de l'appropriation de ces éléments de cadrage sur les postures "
    "et pratiques professionnelles.",
    "Le travail sur ce sujet permet de réinvestir les questions liées à la lutte contre les "
    "discriminations, la place de l'Islam, l'Histoire, la nécessité de « faire société » autour "
    "d'enjeux communs, les enjeux géopolitiques et la question sociale.",
]

CIA_TEXT = [
    "Les conventions intercommunales d'attribution fixent, à l'échelle de l'intercommunalité, "
    "des objectifs d'attribution des logements sociaux. Elles sont l'occasion de concilier "
    "l'objectif de mixité sociale et l'égalité de traitement des demandeurs.",
    "La note s'appuie sur la bibliographie « Mixité sociale et logement » du réseau, postérieure "
    "à la revue de la littérature réalisée par Thomas Kirszbaum en 2008.",
    "Elle explore comment la lutte contre les discriminations est prise en compte dans les "
    "politiques d'habitat qui prônent la mixité sociale.",
]

LOGEMENT_TEXT = [
    "État des savoirs sur les discriminations liées à l'origine réelle ou supposée dans l'accès "
    "au logement, dans le parc social comme dans le parc privé.",
    "Document le plus téléchargé du site du réseau en 2016 (851 téléchargements).",
]

INTEGRATION_TEXT = [
    "Comment les collectivités locales construisent-elles une politique territoriale "
    "d'intégration ? Ce point de vue rassemble les pratiques des collectivités repérées par les "
    "membres du réseau et les enseignements des rencontres régionales de l'intégration.",
    "L'intégration est un processus de longue haleine qui implique des efforts à la fois des "
    "migrants et de la société qui les accueille.",
]

INTERCULTURALITE_TEXT = [
    "Relations interculturelles, médiation, dialogue entre cultures : ce point de vue prolonge la "
    "bibliographie « Interculturalité » du réseau (octobre 2015).",
]

PAPERS = [
    {
        "model": NotePage,
        "title": "Les Conventions Intercommunales d'Attribution : une opportunité pour concilier "
        "la mixité sociale et l'égalité de traitement ?",
        "slug": "conventions-intercommunales-attribution",
        "date": datetime.date(2020, 1, 15),
        "summary": "Les conventions intercommunales d'attribution peuvent-elles concilier "
        "l'objectif de mixité sociale et l'égalité de traitement des demandeurs de logement "
        "social ?",
        "themes": ["mixite-sociale-logement", "discriminations-logement"],
        "organisations": ["AVDL", "ORIV", "IREV"],
        "authors": [("organisation", "AVDL"), ("organisation", "ORIV"), ("organisation", "IREV")],
        "tags": ["logement social", "attributions"],
        "pdf_text": CIA_TEXT,
        "pages": 4,
        "body": [
            (
                "heading",
                {"text": "Une obligation nouvelle pour les intercommunalités", "level": "h2"},
            ),
            (
                "paragraph",
                RichText(
                    "<p>Les conventions intercommunales d'attribution fixent des objectifs "
                    "d'attribution des logements sociaux à l'échelle de l'intercommunalité.</p>"
                ),
            ),
            (
                "callout",
                {
                    "title": "Mixité sociale et égalité de traitement",
                    "text": RichText(
                        "<p>Deux objectifs de l'action publique que la note propose de "
                        "concilier plutôt que d'opposer.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "model": NotePage,
        "title": "Contrat de ville et prévention des discriminations. Analyse de l'axe « lutte "
        "contre les discriminations » dans les contrats de ville",
        "slug": "contrat-de-ville-et-prevention-des-discriminations",
        "date": datetime.date(2016, 11, 15),
        "summary": "Comment la prévention des discriminations est-elle prise en compte dans les "
        "contrats de ville signés en 2015 ? Analyse des contrats des territoires du réseau.",
        "themes": ["politique-de-la-ville", "discriminations"],
        "organisations": ["IREV", "ORIV"],
        "authors": [("organisation", "IREV"), ("organisation", "ORIV")],
        "tags": ["contrat de ville"],
        "pdf_text": CONTRAT_DE_VILLE_TEXT,
        "pages": 13,
        "body": [
            ("paragraph", RichText(f"<p>{CONTRAT_DE_VILLE_TEXT[0]}</p>")),
            ("heading", {"text": "Une grille de lecture commune", "level": "h2"}),
            ("paragraph", RichText(f"<p>{CONTRAT_DE_VILLE_TEXT[1]}</p>")),
            (
                "quote",
                {
                    "text": "Identifier les sujets récurrents, les questionnements, les manques "
                    "éventuels.",
                    "source": "Rapport d'activités 2016 du Réseau RECI",
                },
            ),
        ],
    },
    {
        "model": NotePage,
        "title": "Les discriminations liées à l'origine réelle ou supposée dans le logement : "
        "état des savoirs",
        "slug": "discriminations-logement-etat-des-savoirs",
        "date": datetime.date(2015, 11, 15),
        "summary": "Ce que l'on sait des discriminations liées à l'origine dans l'accès au "
        "logement, dans le parc social comme dans le parc privé.",
        "themes": ["discriminations-logement", "discriminations"],
        "organisations": ["AVDL", "ORIV"],
        "authors": [("organisation", "AVDL"), ("organisation", "ORIV")],
        "tags": ["logement"],
        "pdf_text": LOGEMENT_TEXT,
        "pages": 6,
        "body": [("paragraph", RichText(f"<p>{LOGEMENT_TEXT[0]}</p>"))],
    },
    {
        "model": NotePage,
        "title": "Discriminations et territoires : note finale",
        "slug": "discriminations-et-territoires",
        "date": datetime.date(2008, 9, 30),
        "summary": "Analyse des actions locales menées dans le domaine de la prévention des "
        "discriminations, en partenariat avec le Réseau national des Centres de Ressources "
        "Politique de la Ville.",
        "themes": ["discriminations", "politique-de-la-ville"],
        "organisations": [],
        "authors": [("person", ("Olivier", "Noël"))],
        "tags": [],
        "pdf_text": [
            "Collecte de données sur les actions locales menées dans le domaine de la "
            "prévention des discriminations, et analyse de celles-ci.",
        ],
        "pages": 2,
        "body": [],
    },
    {
        "model": PointDeVuePage,
        "title": "Point de vue sur… La laïcité au service du lien social",
        "slug": "point-de-vue-laicite-lien-social",
        "date": datetime.date(2016, 12, 9),
        "question": "Que font les plans de formation « Valeurs de la République et laïcité » aux "
        "postures et pratiques professionnelles ?",
        "summary": "Premiers éléments d'analyse sur la portée des plans de formation « Valeurs de "
        "la République et laïcité », diffusés le 9 décembre 2016, anniversaire de la loi de 1905.",
        "themes": ["laicite", "valeurs-republique"],
        "organisations": ["ORIV", "IREV", "CID"],
        "authors": [("organisation", "ORIV"), ("organisation", "IREV"), ("organisation", "CID")],
        "tags": ["laïcité", "formation"],
        "pdf_text": LAICITE_TEXT,
        "pages": 4,
        "body": [
            ("paragraph", RichText(f"<p>{LAICITE_TEXT[0]}</p>")),
            ("paragraph", RichText(f"<p>{LAICITE_TEXT[2]}</p>")),
        ],
    },
    {
        "model": PointDeVuePage,
        "title": "Point de vue sur… Les politiques territoriales d'intégration",
        "slug": "point-de-vue-politiques-territoriales-integration",
        "date": datetime.date(2015, 6, 15),
        "question": "Comment les collectivités locales peuvent-elles construire une politique "
        "territoriale d'intégration ?",
        "summary": "Les pratiques des collectivités dans le domaine de l'intégration des "
        "primo-arrivants, vues par les membres du réseau.",
        "themes": ["primo-arrivants"],
        "organisations": ["ORIV", "COFRIMI", "ESPACE"],
        "authors": [("organisation", "ORIV"), ("organisation", "COFRIMI")],
        "tags": ["parcours d'intégration"],
        "pdf_text": INTEGRATION_TEXT,
        "pages": 3,
        "body": [("paragraph", RichText(f"<p>{INTEGRATION_TEXT[0]}</p>"))],
    },
    {
        "model": PointDeVuePage,
        "title": "Point de vue sur… l'interculturalité",
        "slug": "point-de-vue-interculturalite",
        "date": datetime.date(2016, 3, 15),
        "question": "Que peut apporter une approche interculturelle aux politiques d'intégration ?",
        "summary": "Relations interculturelles, médiation et dialogue entre cultures dans l'action "
        "locale.",
        "themes": ["interculturalite"],
        "organisations": ["CID"],
        "authors": [("organisation", "CID")],
        "tags": ["interculturalité"],
        "pdf_text": INTERCULTURALITE_TEXT,
        "pages": 2,
        "body": [],
    },
]

TOOLKIT = {
    "title": "Recueil d'outils pédagogiques sur la laïcité",
    "slug": "recueil-outils-pedagogiques-laicite",
    "date": datetime.date(2016, 12, 9),
    "summary": "Des outils conceptuels, des clés de décryptage et des supports ludiques pour "
    "mener une action pédagogique sur le principe de laïcité.",
    "introduction": "<p>L'objectif de ce recueil est de disposer d'outils conceptuels et de "
    "fournir des clés de décryptage, nécessaires à une véritable compréhension et maîtrise du "
    "principe de laïcité, et de supports à la réflexion et au débat, d'outils pratiques et "
    "ludiques pour mener une action pédagogique. Il est le fruit d'un travail de recensement et "
    "de sélection d'outils pédagogiques : vidéos, jeux, expositions, livrets pédagogiques…</p>",
    "themes": ["laicite", "valeurs-republique"],
    "organisations": ["ORIV", "IREV", "CID"],
    "tools": [
        (
            "Laïcité et collectivités locales",
            ToolKind.BOOKLET,
            ToolAudience.PROFESSIONALS,
            "Observatoire de la laïcité",
            2014,
            "",
            "Guide pratique qui rappelle le cadre juridique de la laïcité pour les agents et les "
            "élus des collectivités locales.",
        ),
        (
            "La laïcité en questions",
            ToolKind.EXHIBITION,
            ToolAudience.EVERYONE,
            "Bibliothèque nationale de France",
            2005,
            "",
            "Exposition sur l'histoire de la laïcité en France, de la Révolution à la loi de 1905 "
            "et à ses débats contemporains.",
        ),
        (
            "Kit pédagogique « Valeurs de la République et laïcité »",
            ToolKind.TRAINING_KIT,
            ToolAudience.TRAINERS,
            "Commissariat général à l'égalité des territoires",
            2016,
            "2 jours",
            "Supports du plan national de formation des acteurs de terrain : apports juridiques, "
            "cas pratiques et mises en situation.",
        ),
        (
            "Qu'est-ce que la laïcité ? (vidéo d'animation)",
            ToolKind.VIDEO,
            ToolAudience.TEENAGERS,
            "",
            None,
            "3 min",
            "Courte vidéo d'animation pour ouvrir un débat avec des collégiens ou des lycéens.",
        ),
        (
            "Jeu de cartes : situations de laïcité au travail",
            ToolKind.GAME,
            ToolAudience.PROFESSIONALS,
            "",
            None,
            "1 h 30",
            "Des situations concrètes rencontrées dans les structures d'accueil, à discuter en "
            "petits groupes : que dit le droit, que faire ?",
        ),
        (
            "Livret « La laïcité expliquée aux jeunes »",
            ToolKind.BOOKLET,
            ToolAudience.YOUNG_ADULTS,
            "",
            None,
            "",
            "Un livret illustré pour animer un atelier avec des jeunes en insertion.",
        ),
        (
            "Bibliographie « Laïcité » du Réseau RECI",
            ToolKind.OTHER,
            ToolAudience.TRAINERS,
            "Réseau RECI",
            2016,
            "",
            "Bibliographie mise à jour en juin puis en décembre 2016, pour aller plus loin.",
        ),
    ],
}

NEWS = [
    (
        "Diffusion de la note sur les Conventions Intercommunales d'Attribution",
        "note-conventions-intercommunales-attribution",
        datetime.date(2020, 2, 3),
        "Le réseau diffuse sa note « Les Conventions Intercommunales d'Attribution : une "
        "opportunité pour concilier la mixité sociale et l'égalité de traitement ? ».",
        ["mixite-sociale-logement"],
    ),
    (
        "Laïcité : le réseau publie un point de vue et un recueil d'outils pédagogiques",
        "laicite-point-de-vue-et-recueil",
        datetime.date(2016, 12, 9),
        "À l'occasion de l'anniversaire de la loi de 1905, le réseau diffuse sa bibliographie mise "
        "à jour, un recueil d'outils pédagogiques et un « Point de vue sur… ».",
        ["laicite"],
    ),
    (
        "Une interface publique rénovée pour la base de données documentaire",
        "base-documentaire-interface-renovee",
        datetime.date(2016, 12, 20),
        "La refonte de la partie publique de la base de données documentaire est finalisée : "
        "177 notices ont été saisies en 2016.",
        ["acces-aux-droits"],
    ),
]

PRESS_ITEMS = [
    (
        "Panorama de presse « Immigration, intégration, lutte contre les discriminations »",
        "Scoop.it",
        datetime.date(2015, 9, 1),
        "http://www.scoop.it/t/immigration-integration-lutte-contre-les-discriminations",
        "Le panorama de presse alimenté par les membres du réseau depuis 2015.",
        ["discriminations", "primo-arrivants"],
    ),
    (
        "Le Site européen sur l'intégration remplace le Forum européen",
        "Commission européenne",
        datetime.date(2016, 6, 1),
        "http://ec.europa.eu/ewsi/fr/",
        "Le réseau y a proposé 26 actualités et des pratiques d'intégration en 2016.",
        ["primo-arrivants"],
    ),
    (
        "Base de données documentaire du Réseau RECI",
        "Réseau RECI",
        datetime.date(2016, 12, 15),
        "http://biblio.reseau-reci.org/",
        "Plus de 250 nouvelles notices par an, chacune avec un résumé.",
        ["discriminations"],
    ),
    (
        "Diagnostic de territoire : un site méthodologique pour des diagnostics partagés",
        "IREV",
        datetime.date(2017, 3, 24),
        "http://diagnostic-territoire.org",
        "Des ressources à télécharger pour élaborer un diagnostic de territoire partagé.",
        ["politique-de-la-ville"],
    ),
    (
        "Un répertoire en ligne des lieux d'accès aux droits des étrangers en PACA",
        "PAPPU",
        datetime.date(2016, 10, 1),
        "http://www.pappu.fr/",
        "Les lieux d'accueil et d'accès aux droits des étrangers, géolocalisés et classés par "
        "domaines de compétences.",
        ["acces-aux-droits"],
    ),
]

EVENTS = [
    {
        "title": "Séminaire national : prévention des discriminations et contrats de ville",
        "slug": "seminaire-national-discriminations-contrats-de-ville-2015",
        "date": datetime.date(2015, 11, 26),
        "summary": "Séminaire organisé par le CNFPT, l'IRDSU, le CGET, le Défenseur des Droits et "
        "le Réseau RECI ; présentation en plénière de l'analyse des contrats de ville.",
        "audience": "Chefs de projet politique de la ville, services de l'État, associations",
        "themes": ["politique-de-la-ville", "discriminations"],
    },
    {
        "title": "Journée régionale « Parcours d'intégration » en Grand Est",
        "slug": "journee-parcours-integration-grand-est-2019",
        "date": datetime.date(2019, 1, 31),
        "summary": "Expérimentation du module d'échanges de pratiques pour des parcours "
        "d'intégration optimisés.",
        "audience": "Professionnels et porteurs d'action du parcours d'intégration",
        "place": "Région Grand Est",
        "themes": ["primo-arrivants"],
    },
    {
        "title": "Journée régionale « Parcours d'intégration » en Hauts-de-France",
        "slug": "journee-parcours-integration-hauts-de-france-2020",
        "date": datetime.date(2020, 6, 15),
        "summary": "Journée préparée avec le SGAR et la DRJSCS, reportée à juin 2020 dans l'Aisne.",
        "audience": "Professionnels et porteurs d'action du parcours d'intégration",
        "place": "Aisne",
        "themes": ["primo-arrivants"],
    },
    {
        "title": "Séminaire : les discriminations dans le champ scolaire",
        "slug": "seminaire-discriminations-champ-scolaire-2020",
        "date": datetime.date(2020, 1, 30),
        "summary": "Séminaire fermé entre praticiens, chercheurs et décideurs publics sur la "
        "prévention des discriminations ethno-raciales dans le champ scolaire.",
        "audience": "Praticiens, chercheurs et décideurs publics (sur invitation)",
        "themes": ["discriminations-ecole"],
    },
]


def _themes(slugs: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _organisations(acronyms: list[str]) -> list[Organisation]:
    return list(Organisation.objects.filter(acronym__in=acronyms))


def get_or_create_pdf(title: str, paragraphs: list[str], pages: int, report: DemoReport):
    """The PDF document titled `title`, generated and stored on first run."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    report.record("Documents PDF", document is None)
    if document:
        return document
    content = ContentFile(build_pdf(title, paragraphs, pages), name=f"{slugify(title)[:80]}.pdf")
    read = check_document_file(content, content.name)
    document = Document(title=title, extracted_text=read.text, page_count=read.page_count)
    document.file.save(content.name, content, save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _load_papers(section: PublicationIndexPage, report: DemoReport) -> None:
    for spec in PAPERS:
        model = spec["model"]
        label = str(model._meta.verbose_name_plural).capitalize()
        if model.objects.child_of(section).filter(slug=spec["slug"]).exists():
            report.record(label, False)
            continue
        pdf = get_or_create_pdf(spec["title"], spec["pdf_text"], spec["pages"], report)
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            date=spec["date"],
            summary=spec["summary"],
            body=spec["body"],
            pdf=pdf,
        )
        if "question" in spec:
            page.question = spec["question"]
        page.themes = _themes(spec["themes"])
        page.organisations = _organisations(spec["organisations"])
        for kind, key in spec["authors"]:
            if kind == "person":
                first_name, last_name = key
                person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
                if person:
                    page.authors.add(page.authors.model(person=person))
            else:
                organisation = Organisation.objects.filter(acronym=key).first()
                if organisation:
                    page.authors.add(page.authors.model(organisation=organisation))
        page.tags.add(*spec["tags"])
        add_published_child(section, page)
        report.record(label, True)


def _load_toolkit(section: PublicationIndexPage, report: DemoReport) -> ToolkitPage | None:
    existing = ToolkitPage.objects.child_of(section).filter(slug=TOOLKIT["slug"]).first()
    report.record("Recueils d'outils", existing is None)
    if existing:
        return existing
    page = ToolkitPage(
        title=TOOLKIT["title"],
        slug=TOOLKIT["slug"],
        date=TOOLKIT["date"],
        summary=TOOLKIT["summary"],
        introduction=TOOLKIT["introduction"],
    )
    page.themes = _themes(TOOLKIT["themes"])
    page.organisations = _organisations(TOOLKIT["organisations"])
    page.tags.add("laïcité")
    page.tools = [
        ToolkitTool(
            title=title,
            kind=kind,
            audience=audience,
            producer=producer,
            year=year,
            duration=duration,
            description=description,
        )
        for title, kind, audience, producer, year, duration, description in TOOLKIT["tools"]
    ]
    return add_published_child(section, page)


def _load_news(section: NewsIndexPage, report: DemoReport) -> None:
    for title, slug, date, summary, themes in NEWS:
        if NewsPage.objects.child_of(section).filter(slug=slug).exists():
            report.record("Actualités", False)
            continue
        page = NewsPage(
            title=title,
            slug=slug,
            date=date,
            summary=summary,
            body=[("paragraph", RichText(f"<p>{summary}</p>"))],
        )
        page.themes = _themes(themes)
        add_published_child(section, page)
        report.record("Actualités", True)
    for title, source, date, url, summary, themes in PRESS_ITEMS:
        item, created = PressItem.objects.get_or_create(
            url=url, defaults={"title": title, "source": source, "date": date, "summary": summary}
        )
        if created:
            item.themes.set(_themes(themes))
        report.record("Articles de veille", created)


def _load_events(section: EventIndexPage, report: DemoReport) -> None:
    for spec in EVENTS:
        if EventPage.objects.child_of(section).filter(slug=spec["slug"]).exists():
            report.record("Événements", False)
            continue
        page = EventPage(
            title=spec["title"],
            slug=spec["slug"],
            date=spec["date"],
            summary=spec["summary"],
            audience=spec["audience"],
            place=spec.get("place", ""),
        )
        page.themes = _themes(spec["themes"])
        add_published_child(section, page)
        report.record("Événements", True)


def load(report: DemoReport) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    publications = PublicationIndexPage.objects.child_of(home).first()
    if publications:
        _load_papers(publications, report)
        toolkit = _load_toolkit(publications, report)
        if toolkit and not home.featured_items.exists():
            note = NotePage.objects.child_of(publications).order_by("-date").first()
            for position, item in enumerate(filter(None, [note, toolkit])):
                home.featured_items.create(item=item, sort_order=position)
    news = NewsIndexPage.objects.child_of(home).first()
    if news:
        _load_news(news, report)
    agenda = EventIndexPage.objects.child_of(home).first()
    if agenda:
        _load_events(agenda, report)
