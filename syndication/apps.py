from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Syndication"

    def ready(self) -> None:
        # Apps beside this one declare their feeds' types in `<app>/feed_kinds.py`
        # (core/feed_kinds.py).
        autodiscover_modules("feed_kinds")
