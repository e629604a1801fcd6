"""Benchmark: OAI-PMH list pages over 100,000 notices.

Run: `.venv/bin/python bench/oai.py` (a throw-away SQLite database), or with
`DATABASE_URL=postgres://…/oai_bench` for PostgreSQL (an empty database of your own: the
notices are imported into it). Prints the median time of a first ListRecords page (which
counts the list), of a resumption page deep in the list, and of ListIdentifiers pages, with
the response cache off: each figure is a real query and rendering of 100 records.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="reci-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bibliography.importer import Importer, parse_text  # noqa: E402
from bibliography.models import Reference  # noqa: E402
from oai import listing, tokens  # noqa: E402
from oai.sources import reference_queryset  # noqa: E402

NOTICES = int(os.environ.get("BENCH_NOTICES", 100_000))
BATCH = 10_000
RUNS = 7


def ris(offset: int, count: int) -> str:
    return "".join(
        f"TY  - RPRT\nTI  - Étude n° {n} sur les discriminations : état des savoirs\n"
        f"PY  - {1990 + n % 35}\nAU  - Martin{n % 97}, Camille\nAU  - Observatoire {n % 13}\n"
        f"PB  - Éditions du réseau\nKW  - logement\nKW  - emploi\n"
        f"AB  - Résumé de la notice {n}, qui décrit une étude menée en région.\nER  - \n\n"
        for n in range(offset, offset + count)
    )


def fill() -> None:
    missing = NOTICES - Reference.objects.count()
    start = time.perf_counter()
    for offset in range(0, max(missing, 0), BATCH):
        Importer(keep_rows=False, index_for_search=False).run(
            parse_text(ris(offset, min(BATCH, missing - offset)), "ris")
        )
        print(f"  {offset + BATCH:>7} notices imported", end="\r", flush=True)
    print(f"{Reference.objects.count()} notices ({time.perf_counter() - start:.0f} s to import)")


def deep_token(verb: str, position: int) -> str:
    """The token a harvester holds after `position` records."""
    stamp, pk = (
        reference_queryset().order_by("oai_datestamp", "pk").values_list("oai_datestamp", "pk")
    )[position - 1]
    before = Reference.objects.order_by("-updated_at").values_list("updated_at", flat=True)[0]
    resumption = tokens.Resumption(
        verb, "oai_dc", None, None, before, listing.Key(stamp, 0, pk), position, NOTICES
    )
    return tokens.issue(resumption)


def timed(client: Client, label: str, arguments: dict) -> None:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get("/oai/", arguments)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200 and b"<error" not in response.content, response.content
    print(f"{label:<48} median {statistics.median(times):6.1f} ms, max {max(times):6.1f} ms")


def main() -> None:
    call_command("migrate", verbosity=0)
    database = settings.DATABASES["default"]
    print(f"Database: {database['ENGINE']} {database['NAME']}")
    fill()
    settings.OAI_CACHE_TIMEOUT = 0
    client = Client()
    position = NOTICES * 9 // 10
    for verb in ("ListRecords", "ListIdentifiers"):
        timed(
            client,
            f"{verb}, first page (with the list's size)",
            {"verb": verb, "metadataPrefix": "oai_dc"},
        )
        timed(
            client,
            f"{verb}, page after {position:,} records",
            {"verb": verb, "resumptionToken": deep_token(verb, position)},
        )
    timed(
        client,
        "GetRecord",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:testserver:reference/{Reference.objects.last().pk}",
        },
    )


if __name__ == "__main__":
    main()
