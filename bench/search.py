"""Benchmark of `/api/v2/search/` with facets, on a throw-away database.

    .venv/bin/python bench/search.py --notices 50000 --pages 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reci_bench .venv/bin/python bench/search.py

Builds generated notices and pages of the search test app (a temporary SQLite file, or the
PostgreSQL database `bench_search_<name>` for the DATABASE_URL's `<name>` — never the tests'
`test_<name>` —, created and dropped by Django's test runner machinery), then prints p50/p95
per query and backend, and the load average. Every other run of a query adds a facet filter
(a year or a theme); every answer has all the facets. Each query is first answered once with
and once without its filter, untimed (those times are printed apart). With OPENSEARCH_URL (or
ELASTICSEARCH_URL) it then rebuilds the record index on that engine (`search.reindex`, under
the prefix `bench_search_<pid>`, dropped at the end), prints documents per second and the
process's memory during the rebuild, and runs the queries against the engine. With OSMEM=1 it
also runs them against an osmem-server it starts itself. `--keep` keeps the database and
reuses it on the next run (to look at query plans).
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

# (query, facet filter added on every other run): common words matching most records, two
# words, stopwords, and rare words.
QUERIES = [
    ("discrimination", {"year": "2016"}),
    ("logement", {"theme": "t-1"}),
    ("laïcité logement", {"year": "2016"}),
    ("l'école", {"theme": "t-3"}),
    ("intégration des primo-arrivants", {"year": "2016"}),
    ("harkis", {"year": "2016"}),
    ("harkis logement", {"theme": "t-0"}),
]
# Each appears in about one record in 200.
RARE_WORDS = ["harkis", "saisonniers", "médiation", "tsiganes"]
WORDS = [
    "discriminations",
    "logement",
    "laïcité",
    "école",
    "intégration",
    "primo-arrivants",
    "santé",
    "emploi",
    "mixité",
    "sociale",
    "interculturalité",
    "politique",
    "ville",
    "contrat",
    "attribution",
    "accueil",
    "parcours",
    "langue",
    "citoyenneté",
    "égalité",
    "droits",
    "vieillissement",
    "immigrés",
    "quartiers",
    "prioritaires",
    "formation",
]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.005 * len(RARE_WORDS):
        words[rng.randrange(n)] = rng.choice(RARE_WORDS)
    return " ".join(words).capitalize()


def build(notices: int, pages: int) -> None:
    from django.db import transaction
    from wagtail.models import Page

    from core.models import Organisation, Theme
    from search.indexing import sync_source
    from search.registry import get_sources
    from tests.search_testapp.models import Notice, SearchArticlePage

    rng = random.Random(7)
    themes = [Theme.objects.create(name=f"Thème {w}", slug=f"t-{i}") for i, w in enumerate(WORDS)]
    orgs = [Organisation.objects.create(acronym=f"ORG{i}", name=f"Org {i}") for i in range(10)]
    with transaction.atomic():
        objs = Notice.objects.bulk_create(
            Notice(
                title=sentence(rng, 6),
                abstract=sentence(rng, 40),
                year=rng.randint(1990, 2020),
                kind=rng.choice(["ouvrage", "article", "rapport"]),
                organisation=rng.choice(orgs),
                live=True,
            )
            for _ in range(notices)
        )
        through = Notice.themes.through
        through.objects.bulk_create(
            through(notice_id=n.pk, theme_id=t.pk) for n in objs for t in rng.sample(themes, 2)
        )
        root = Page.get_first_root_node()
        page_themes = []
        for i in range(pages):
            page = SearchArticlePage(
                title=sentence(rng, 5),
                slug=f"p{i}",
                date=f"{rng.randint(2000, 2020)}-01-01",
                body=f"<p>{sentence(rng, 80)}</p>",
                region=rng.choice(["11", "44", "84"]),
                live=True,
            )
            root.add_child(instance=page)
            page_themes += [(page.pk, theme.pk) for theme in rng.sample(themes, 2)]
        # `page.themes.set()` on a parental many-to-many is only saved with the page: write the
        # links directly, as for the notices.
        through = SearchArticlePage.themes.through
        through.objects.bulk_create(
            through(searcharticlepage_id=page_id, theme_id=theme_id)
            for page_id, theme_id in page_themes
        )
    for source in get_sources().values():
        started = time.monotonic()
        count = sync_source(source)
        print(f"indexed {count} {source.key} in {time.monotonic() - started:.1f} s", flush=True)


def measure(client, label: str, runs: int) -> None:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for query, facet in QUERIES:
        # One untimed answer with and without the filter: the first after a rebuild also loads
        # the engine's per-index structures for the facets (about 0.1 s more, once).
        untimed = []
        for params in ({"q": query}, {"q": query, **facet}):
            started = time.perf_counter()
            client.get("/api/v2/search/", params)
            untimed.append(f"{(time.perf_counter() - started) * 1000:.0f}")
        timings = []
        for i in range(runs):
            params = {"q": query}
            if i % 2:
                params.update(facet)
            started = time.perf_counter()
            response = client.get("/api/v2/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{label:10} {query!r:36} total={response.json()['total']:6} "
            f"({response.json()['backend']}) "
            f"p50={statistics.median(timings):7.1f} ms  p95={p95:7.1f} ms  "
            f"(untimed first answers {' / '.join(untimed)} ms)",
            flush=True,
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


def rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure_engine(client, kind: str, url: str, runs: int) -> None:
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    from search import reindex
    from search.backends.elasticsearch import backend_settings

    logging.getLogger("opensearch").setLevel(logging.WARNING)  # one line per request otherwise
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    prefix = f"bench_search_{os.getpid()}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": backend_settings(kind, url, prefix=prefix, timeout=5),
        "database": {"BACKEND": "search.backends.database"},
    }
    backend = reindex.engine_backend(TIMEOUT=reindex.REBUILD_TIMEOUT)
    try:
        samples = [rss_mb()]
        report = reindex.rebuild(backend, progress=lambda _n: samples.append(rss_mb()))
        print(
            f"rebuild: {report.documents} documents in {report.seconds:.1f} s = "
            f"{report.per_second:.0f} documents/s; memory {samples[0]:.0f} MB before, "
            f"peak {max(samples):.0f} MB, {samples[len(samples) // 2]:.0f} MB halfway, "
            f"{samples[-1]:.0f} MB at the end",
            flush=True,
        )
        measure(client, kind, runs)
    finally:
        get_search_backend("default").es.indices.delete(index=f"{prefix}*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=50_000)
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep and reuse the database")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    if connection.vendor == "postgresql":
        connection.settings_dict["TEST"]["NAME"] = (
            f"bench_search_{connection.settings_dict['NAME']}"
        )
    settings.ALLOWED_HOSTS = ["testserver"]
    test_db = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=args.keep, serialize=False
    )
    try:
        from django.test import Client

        from search.models import SearchRecord

        if not SearchRecord.objects.exists():
            build(args.notices, args.pages)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{SearchRecord.objects.count()} records in {test_db}", flush=True)
        client = Client()
        measure(client, connection.vendor, args.runs)
        for variable, kind in (
            ("ELASTICSEARCH_URL", "elasticsearch"),
            ("OPENSEARCH_URL", "opensearch"),
        ):
            if os.environ.get(variable):
                measure_engine(client, kind, os.environ[variable], args.runs)
                break
        if os.environ.get("OSMEM"):
            from osmem_server import OsmemServer
            from wagtail.search.backends import get_search_backend

            from search.backends.elasticsearch import backend_settings
            from search.models import SearchRecord

            with OsmemServer.start() as server:
                settings.WAGTAILSEARCH_BACKENDS = {
                    "default": backend_settings("opensearch", server.url, timeout=30),
                    "database": {"BACKEND": "search.backends.database"},
                }
                index = get_search_backend("default").get_index_for_model(SearchRecord)
                index.put()
                index.add_model(SearchRecord)
                records = list(SearchRecord.objects.all())
                for start in range(0, len(records), 1000):
                    get_search_backend("default").add_bulk(
                        SearchRecord, records[start : start + 1000]
                    )
                index.refresh()
                measure(client, "osmem", args.runs)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
