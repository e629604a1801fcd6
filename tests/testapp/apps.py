from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Test-only content types, installed by `config.settings.test` alone.

    The generic API machinery (filters, ordering, schema, caching) is written against the
    `ContentPageMixin` contract; these two page types let the suite exercise it before the
    real content types of the other apps land, the way Wagtail tests its own API.
    """

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
