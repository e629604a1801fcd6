"""Add the raw audience events into the daily counts and prune the old raw events."""

from django.core.management.base import BaseCommand

from ...buffer import flush
from ...rollup import rollup


class Command(BaseCommand):
    help = "Agrège les événements d'audience en comptes journaliers (à lancer chaque nuit)."

    def handle(self, *args, **options) -> None:
        flush()
        result = rollup()
        self.stdout.write(
            f"{result.events} événement(s) agrégé(s) en {result.counts} compte(s) journalier(s), "
            f"{result.deleted} événement(s) ancien(s) supprimé(s)."
        )
