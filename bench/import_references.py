"""Benchmark: import generated RIS and BibTeX files into a throw-away SQLite database.

Run: `.venv/bin/python bench/import_references.py`. Prints records per second and the peak
memory (tracemalloc, in a second import of the same size) for 2,000 and 10,000 records of
each format, and for BibTeX the parsing alone (no database), in records per second:
flat memory means the importer streams. Records per second are given in wall-clock time and
in CPU time of this process: on a shared machine (see the load average printed) the CPU
figure is the one that compares between runs. Imported notices are indexed for search, as
in production.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="reci-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bibliography.importer import Importer, parse_path  # noqa: E402
from bibliography.models import Reference  # noqa: E402

TYPES = ["BOOK", "JOUR", "RPRT", "CHAP", "THES", "ELEC"]
KEYWORDS = ["logement", "emploi", "laïcité", "école", "santé", "quartiers", "vieillissement"]


def write_ris(path: Path, count: int, offset: int) -> None:
    with path.open("w", encoding="utf-8", newline="\r\n") as handle:
        for n in range(offset, offset + count):
            handle.write(
                f"TY  - {TYPES[n % len(TYPES)]}\n"
                f"AU  - Martin{n % 97}, Camille\nAU  - Observatoire régional {n % 13}\n"
                f"TI  - Étude n° {n} sur les discriminations : état des savoirs\n"
                f"T2  - Revue des politiques locales\nPY  - {1990 + n % 35}/0{1 + n % 9}//\n"
                f"PB  - Éditions du réseau\nCY  - Strasbourg\nVL  - {n % 40}\nIS  - {n % 4}\n"
                f"SP  - {n % 200}\nEP  - {n % 200 + 12}\n"
                f"KW  - {KEYWORDS[n % 7]}\nKW  - {KEYWORDS[(n + 3) % 7]}\n"
                f"AB  - Résumé de la notice {n}, qui décrit une étude menée en région.\n"
                "ER  - \n\n"
            )


def write_bibtex(path: Path, count: int, offset: int) -> None:
    """Entries as JabRef writes them: LaTeX accents, braces, capital field names."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(offset, offset + count):
            handle.write(
                f"@{'ARTICLE' if n % 2 else 'book'}{{key{n},\n"
                f"  AUTHOR = {{Martin{n % 97}, Camille and {{Observatoire r{{\\'e}}gional "
                f"{n % 13}}}}},\n"
                f"  TITLE = {{{{\\'E}}tude n° {n} sur les discriminations : {{\\'e}}tat des "
                "savoirs},\n"
                f"  JOURNAL = {{Revue des politiques locales}}, YEAR = {1990 + n % 35}, "
                "MONTH = jun,\n"
                f"  PUBLISHER = {{\\'Editions du r\\'eseau}}, ADDRESS = {{Strasbourg}},\n"
                f"  VOLUME = {{{n % 40}}}, NUMBER = {{{n % 4}}}, "
                f"PAGES = {{{n % 200}--{n % 200 + 12}}},\n"
                f"  KEYWORDS = {{{KEYWORDS[n % 7]}, {KEYWORDS[(n + 3) % 7]}}},\n"
                f"  ABSTRACT = {{R\\'esum\\'e de la notice {n}, qui d\\'ecrit une \\'etude "
                "men\\'ee en r\\'egion.}\n}\n\n"
            )


WRITERS = {"ris": write_ris, "bib": write_bibtex}


def import_file(path: Path, count: int) -> None:
    _, records = parse_path(path)
    report = Importer(keep_rows=False).run(records)
    assert report.counts["created"] == count, report.summary()


def parse_only(count: int) -> None:
    path = WORKDIR / f"parse-{count}.bib"
    write_bibtex(path, count, 900_000)
    start, cpu_start = time.perf_counter(), time.process_time()
    _, records = parse_path(path)
    assert sum(1 for record in records if record.csl) == count
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"{count:>6} BibTeX records parsed ({path.stat().st_size / 1e6:.1f} MB): "
        f"{count / elapsed:5.0f} records/s ({count / cpu:5.0f} records/s of CPU time)",
        flush=True,
    )


def run(count: int, offset: int, extension: str = "ris") -> None:
    """Speed and memory are measured in two imports: tracemalloc slows Python down."""
    path = WORKDIR / f"bench-{count}.{extension}"
    write = WRITERS[extension]
    write(path, count, offset)
    start, cpu_start = time.perf_counter(), time.process_time()
    import_file(path, count)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    write(path, count, offset + 500_000)
    tracemalloc.start()
    import_file(path, count)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{count:>6} {extension} records ({path.stat().st_size / 1e6:.1f} MB): {elapsed:6.2f} s, "
        f"{count / elapsed:5.0f} records/s ({count / cpu:5.0f} records/s of CPU time), "
        f"peak memory {peak / 1e6:5.1f} MB, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"Throw-away database: {WORKDIR / 'bench.sqlite3'}", flush=True)
    parse_only(10_000)
    for shift, extension in enumerate(WRITERS):
        run(2_000, shift * 1_000_000, extension)
        run(10_000, shift * 1_000_000 + 100_000, extension)
    print(f"Notices in the database: {Reference.objects.count()}")


if __name__ == "__main__":
    main()
