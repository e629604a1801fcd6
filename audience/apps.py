from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = "Statistiques"
    default_auto_field = "django.db.models.BigAutoField"
