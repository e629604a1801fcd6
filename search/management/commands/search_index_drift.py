"""Report (and with --repair, fix) drift between published content and the search index."""

from django.core.management.base import BaseCommand

from search import drift
from search.indexing import unindex_record
from search.registry import get_sources


class Command(BaseCommand):
    help = (
        "Compare, type par type, les contenus publiés et l'index de recherche "
        "(manquants, périmés) ; --repair les réindexe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Réindexer ce qui a dérivé.")

    def handle(self, *args, repair: bool = False, **options) -> None:
        total = 0
        for source in get_sources().values():
            drifts = drift.check(source)
            for item in drifts:
                total += len(item.missing) + len(item.stale)
                state = (
                    "ok"
                    if item.ok
                    else f"{len(item.missing)} manquant(s), {len(item.stale)} périmé(s)"
                )
                self.stdout.write(f"{source.key} [{item.backend}] : {state}")
            if repair and not all(item.ok for item in drifts):
                drift.repair(source, drifts)
        orphans = drift.orphan_records()
        if orphans.exists():
            total += orphans.count()
            self.stdout.write(f"{orphans.count()} fiche(s) d'un type qui n'est plus recherché")
            if repair:
                for record in orphans:
                    unindex_record(record)
                    record.delete()
        try:
            orphans_in_engine = len(drift.engine_orphans())
        except Exception as exc:
            orphans_in_engine = 0
            self.stdout.write(f"moteur de recherche injoignable : {exc.__class__.__name__}")
        if orphans_in_engine:
            total += orphans_in_engine
            self.stdout.write(f"{orphans_in_engine} document(s) du moteur sans fiche")
            if repair:
                drift.remove_engine_orphans()
        if not total:
            self.stdout.write(self.style.SUCCESS("Aucune dérive : l'index est à jour."))
        elif repair:
            self.stdout.write(self.style.SUCCESS(f"{total} écart(s) réparé(s)."))
        else:
            self.stdout.write(self.style.WARNING(f"{total} écart(s) ; relancer avec --repair."))
