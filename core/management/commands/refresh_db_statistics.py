"""`manage.py refresh_db_statistics`: the query planner's statistics, brought up to date."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from core.db_statistics import refresh_statistics


class Command(BaseCommand):
    help = (
        "Met à jour les statistiques du planificateur de requêtes (ANALYZE) : chaque nuit, "
        "et après un chargement massif. Voir core/db_statistics.py."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, choices=list(settings.DATABASES)
        )

    def handle(self, *args, **options) -> None:
        refresh_statistics(using=options["database"])
        self.stdout.write(self.style.SUCCESS("Statistiques de la base mises à jour."))
