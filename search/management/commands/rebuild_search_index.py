"""Rebuild the search engine's record index with no downtime (`search.reindex`)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import reindex
from search.models import SearchRecord


class Command(BaseCommand):
    help = (
        "Reconstruit l'index des fiches sur le moteur de recherche sans interruption : "
        "nouvel index rempli en flux, bascule de l'alias, suppression de l'ancien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=reindex.BATCH_SIZE,
            help="Fiches par envoi au moteur (défaut : %(default)s).",
        )

    def handle(self, *args, batch_size: int, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size doit être un entier positif.")
        backend = reindex.engine_backend(TIMEOUT=reindex.REBUILD_TIMEOUT)
        if backend is None:
            raise CommandError(
                "Aucun moteur de recherche configuré (ELASTICSEARCH_URL ou OPENSEARCH_URL)."
            )
        with tqdm(
            total=SearchRecord.objects.count(),
            unit=" fiches",
            disable=options["verbosity"] == 0,
            file=self.stderr,
        ) as bar:
            try:
                report = reindex.rebuild(backend, batch_size=batch_size, progress=bar.update)
            except Exception as exc:
                raise CommandError(
                    f"Reconstruction interrompue, l'index en service est intact : {exc}"
                ) from exc
        dropped = ", ".join(report.dropped) or "aucun"
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.documents} fiches indexées en {report.seconds:.1f} s "
                f"({report.per_second:.0f} fiches/s) dans {report.index}, "
                f"désormais derrière l'alias {report.alias} ; ancien index supprimé : {dropped} ; "
                f"{report.caught_up} fiche(s) modifiée(s) pendant la reconstruction renvoyée(s), "
                f"{report.removed} document(s) de fiches supprimées retiré(s)."
            )
        )
