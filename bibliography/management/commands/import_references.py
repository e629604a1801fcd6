"""Import notices from a RIS, BibTeX or CSL-JSON file, in one transaction."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.models import Organisation

from ...importer import REJECTED, SKIP, UPDATE, Importer, ImportFileError, parse_path


class Command(BaseCommand):
    help = "Importe des notices bibliographiques (RIS, BibTeX, CSL-JSON) en une transaction."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["ris", "bibtex", "csljson"])
        parser.add_argument("--dry-run", action="store_true", help="Ne rien enregistrer.")
        parser.add_argument("--organisation", help="Sigle de la structure détentrice.")
        parser.add_argument(
            "--update", action="store_true", help="Mettre à jour les doublons (sinon ignorés)."
        )
        parser.add_argument("--draft", action="store_true", help="Importer en brouillon.")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(
                acronym__iexact=options["organisation"]
            ).first()
            if organisation is None:
                raise CommandError(f"Structure inconnue : {options['organisation']}")
        try:
            fmt, records = parse_path(path, options["format"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            desc=f"{path.name} ({fmt})",
            unit=" notices",
            disable=options["verbosity"] == 0,
            file=self.stderr,
        ) as bar:
            report = Importer(
                on_duplicate=UPDATE if options["update"] else SKIP,
                organisation=organisation,
                publish=not options["draft"],
                dry_run=options["dry_run"],
                keep_rows=False,
                progress=bar.update,
                file_name=path.name,
                file_format=fmt,
            ).run(records)
        outcomes = sorted([*report.rejected, *report.warned], key=lambda o: o.position)
        for outcome in outcomes:
            if outcome.status == REJECTED:
                self.stdout.write(f"  n° {outcome.position} rejetée : {outcome.reason}")
            else:
                warnings = "; ".join(outcome.warnings)
                self.stdout.write(f"  n° {outcome.position} ({outcome.label}) : {warnings}")
        prefix = "Simulation (rien n'est enregistré). " if options["dry_run"] else ""
        if not report.accepted:
            # An unreadable file must not look like a successful import (exit status 1).
            found = "aucune notice valide" if report.total else "aucune notice trouvée"
            raise CommandError(f"{prefix}{path.name} : {found}. {report.summary()}")
        style = self.style.WARNING if report.counts[REJECTED] or outcomes else self.style.SUCCESS
        self.stdout.write(style(prefix + report.summary()))
