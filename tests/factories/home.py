import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Réseau RECI"
    slug = "accueil"
    introduction = "<p>Ressources pour l'égalité des chances et l'intégration.</p>"
