from django.apps import AppConfig


class SearchTestAppConfig(AppConfig):
    """Test-only content types for the search app (installed by `config.settings.test` only)."""

    name = "tests.search_testapp"
    label = "search_testapp"
    default_auto_field = "django.db.models.BigAutoField"
