from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API publique"

    def ready(self) -> None:
        from .signals import connect

        connect()
