from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"
    verbose_name = "Recherche"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        # Each app may declare its snippet sources in `<app>/search_sources.py`.
        autodiscover_modules("search_sources")
        register_signal_handlers()
