from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API publique"

    def ready(self) -> None:
        from .signals import connect

        # Each app declares its endpoints in `<app>/api_endpoints.py` (see api/registry.py).
        autodiscover_modules("api_endpoints")
        connect()
