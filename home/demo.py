"""Demo page tree: the home page as the site's root, and one index page per section."""

from django.conf import settings
from wagtail.models import Locale, Page

from bibliography.models import BibliographyIndexPage
from core.demo_tools import DemoReport, add_published_child, point_default_site_at
from core.roles import apply_editorial_roles
from experiences.models import PracticeIndexPage
from home.models import HomePage
from publications.models import EventIndexPage, NewsIndexPage, PublicationIndexPage

INTRODUCTION = (
    "<p>Le Réseau RECI (Ressources pour l'Égalité des Chances et l'Intégration) produit des "
    "ressources pour aider à la compréhension et à la mise en œuvre des politiques publiques en "
    "matière d'intégration, de lutte contre les discriminations et d'égalité des chances.</p>"
)

DEMO_PASSWORD = "reci-demo-2026"
DEMO_USERS = [
    ("editeur-oriv", "Éditrice ORIV", "Éditeurs ORIV"),
    ("editeur-irev", "Éditeur IREV", "Éditeurs IREV"),
    ("editeur-cofrimi", "Éditrice COFRIMI", "Éditeurs COFRIMI"),
    ("delegation", "Délégation", "Délégation du réseau"),
]

SECTIONS = [
    (
        PublicationIndexPage,
        "Publications",
        "publications",
        "<p>Notes, « Point de vue sur… » et recueils d'outils pédagogiques produits par le réseau."
        "</p>",
    ),
    (
        BibliographyIndexPage,
        "Bibliographies",
        "bibliographies",
        "<p>Bibliographies thématiques issues de la base de données documentaire du réseau.</p>",
    ),
    (
        PracticeIndexPage,
        "Pratiques",
        "pratiques",
        "<p>Fiches d'expérience : des pratiques locales d'intégration à faire connaître.</p>",
    ),
    (
        NewsIndexPage,
        "Actualités",
        "actualites",
        "<p>Actualités du réseau et panorama de presse.</p>",
    ),
    (
        EventIndexPage,
        "Agenda",
        "agenda",
        "<p>Séminaires, journées régionales et journées de formation.</p>",
    ),
]


def get_home_page() -> HomePage:
    """The French home page, creating it (and pointing the default site at it) if needed."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home:
        return home
    root = Page.get_first_root_node()
    welcome = root.get_children().filter(content_type__model="page").first()
    home = add_published_child(
        root, HomePage(title="Réseau RECI", slug="accueil", introduction=INTRODUCTION)
    )
    point_default_site_at(home)
    # Wagtail's initial migration leaves a « Welcome » page: drop it once nothing points at it.
    if welcome and not welcome.get_children().exists():
        welcome.delete()
    return home


def create_demo_users(report: DemoReport) -> None:
    """One user per role, for trying the workflow (development and tests only)."""
    if not (settings.DEBUG or getattr(settings, "DEMO_USERS", False)):
        return
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    for username, first_name, group_name in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "email": ""}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        report.record("Utilisateurs de démonstration", created)


def load(report: DemoReport) -> None:
    created_home = not HomePage.objects.exists()
    home = get_home_page()
    report.record("Page d'accueil", created_home)
    for model, title, slug, introduction in SECTIONS:
        if model.objects.child_of(home).exists():
            report.record("Rubriques", False)
            continue
        add_published_child(
            home, model(title=title, slug=slug, introduction=introduction, show_in_menus=True)
        )
        report.record("Rubriques", True)
    apply_editorial_roles()
    create_demo_users(report)
