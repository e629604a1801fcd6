"""Benchmark of the public API against a trivial Django JSON view, uncached and cached.

    .venv/bin/python bench/api.py [--pages 2000] [--duration 5] [--connections 8] [--rounds 3]
                                  [--database /tmp/bench-api.sqlite3] [--engine URL]

Builds a throw-away SQLite database (or, with `--postgres URL`, a PostgreSQL database created
and dropped by the bench; `--keep` keeps it and reuses its pages next time) with generated
pages (notes, « Point de vue », news, events, with themes, member structures, authors and tags)
and their search records, then serves it with gunicorn on 127.0.0.1 (production settings, 2
workers) twice: with the API's response cache off, then on. For each run it loads, with wrk (or
a small Python client when wrk is missing): a trivial JSON view added to the same URLconf and
middleware (`BENCH_TRIVIAL_VIEW=1`, `/api/v2/_trivial/`), the pages listing, a typed listing
with `fields=*`, a page detail and a search, each `--rounds` times, every run just after a run
of the trivial view; it prints the medians of requests per second and p50/p95 latency, and the
median and range of each run's ratio to the trivial view run before it. The search is the
database's own (`search/postgres.py` or `search/sqlite.py`) unless `--engine URL` names an
OpenSearch or Elasticsearch node: the records are then indexed there under the prefix
`bench_api_<pid>` (`rebuild_search_index`), searched through it, and dropped at the end.
"""

import argparse
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before bench/, whose search.py would hide the search app
PYTHON = sys.executable
WORKERS = 2
WORDS = [
    "discriminations", "logement", "laïcité", "école", "intégration", "primo-arrivants",
    "santé", "emploi", "mixité", "sociale", "interculturalité", "politique", "ville",
    "contrat", "attribution", "accueil", "parcours", "langue", "citoyenneté", "égalité",
    "droits", "vieillissement", "immigrés", "quartiers", "prioritaires", "formation",
]  # fmt: skip
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %f %f %f %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
"""


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def generate(pages: int) -> None:
    """Fill the (migrated) database named by DATABASE_URL; run in a child process."""
    import django

    django.setup()
    import datetime

    from django.db import transaction
    from wagtail.models import Page, Site

    from core.db_statistics import refresh_statistics
    from core.models import Organisation, Theme
    from home.models import HomePage
    from publications.models import (
        EventIndexPage,
        EventPage,
        NewsIndexPage,
        NewsPage,
        NoteAuthor,
        NotePage,
        PointDeVuePage,
        PublicationIndexPage,
    )
    from search.indexing import sync_source
    from search.registry import get_sources

    rng = random.Random(7)
    started = time.monotonic()
    with transaction.atomic():
        themes = [Theme.objects.create(name=w.capitalize(), slug=w) for w in WORDS[:10]]
        orgs = [
            Organisation.objects.create(acronym=a, name=f"Structure {a}")
            for a in ("ORIV", "IREV", "COFRIMI", "CID", "ODTI", "CREFE")
        ]
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Réseau RECI", slug="accueil-bench"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "127.0.0.1", "root_page": home, "site_name": "Réseau RECI"},
        )
        publications = home.add_child(instance=PublicationIndexPage(title="Publications"))
        news = home.add_child(instance=NewsIndexPage(title="Actualités"))
        events = home.add_child(instance=EventIndexPage(title="Agenda"))
        kinds = [(NotePage, publications, 5), (PointDeVuePage, publications, 2)]
        kinds += [(NewsPage, news, 2), (EventPage, events, 1)]
        weights = [k[2] for k in kinds]
        for i in range(pages):
            model, parent, _ = rng.choices(kinds, weights)[0]
            page = model(
                title=sentence(rng, 6),
                slug=f"page-{i}",
                date=datetime.date(rng.randint(2010, 2024), rng.randint(1, 12), 1),
                summary=sentence(rng, 25),
            )
            if model is PointDeVuePage:
                page.question = sentence(rng, 8) + " ?"
            if hasattr(model, "body") and model is not NewsPage:
                page.body = [("paragraph", f"<p>{sentence(rng, 120)}</p>")]
            # Parental many-to-many fields and cluster tags are only written when the page is
            # saved: set them before `add_child` saves it.
            page.themes.set(rng.sample(themes, 2))
            page.organisations.set([rng.choice(orgs)])
            if hasattr(page, "tags"):
                page.tags.add(*rng.sample(WORDS, 2))
            parent.add_child(instance=page)
            if model is NotePage:
                NoteAuthor.objects.create(page=page, organisation=rng.choice(orgs))
            if i and i % 500 == 0:
                print(f"  {i} pages", flush=True)
    print(f"{pages} pages in {time.monotonic() - started:.0f} s", flush=True)
    for source in get_sources().values():
        sync_source(source)
    # What the nightly job (or PostgreSQL's autovacuum) does for a site that grew this big.
    refresh_statistics()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}")


def load_with_wrk(url: str, duration: int, connections: int, script: Path) -> tuple:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(script)]
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, errors = line.split()[1:]
    return float(rps), float(p50), float(p95), int(errors)


def load_with_python(url: str, duration: int, connections: int) -> tuple:
    """Keep-alive HTTP/1.1 clients in threads (less able than wrk to saturate the server)."""
    host, port = url.split("/")[2].split(":")
    path = "/" + url.split("/", 3)[3]
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + duration

    def client() -> None:
        conn = HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return (
        len(latencies) / (time.monotonic() - started),
        statistics.median(latencies),
        p95,
        errors[0],
    )


def run_server(env: dict, port: int, cached: bool, connections: int) -> subprocess.Popen:
    server_env = {
        **env,
        "API_CACHE_TIMEOUT": "600" if cached else "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        # wrk opens its keep-alive connections at once, and one worker may take them all:
        # that run then measures one core of two. Each worker holds its share, no more.
        "GUNICORN_WORKER_CONNECTIONS": str(-(-connections // WORKERS)),
    }
    return subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            "site/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
    )


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: a whole number of at least 1 is needed")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=positive, default=2000)
    parser.add_argument("--duration", type=positive, default=5, help="seconds per run")
    parser.add_argument("--connections", type=positive, default=8)
    parser.add_argument(
        "--rounds",
        type=positive,
        default=3,
        help="runs per URL, each after a run of the trivial view",
    )
    parser.add_argument(
        "--database",
        type=Path,
        help="keep the generated pages in this SQLite file and start from it when it exists "
        "(--pages is then ignored)",
    )
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL database instead of SQLite, e.g. "
        "postgres://postgres@127.0.0.1:5432/bench_api (created, and dropped at the end)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="with --postgres: keep the database at the end, and reuse its pages when it exists",
    )
    parser.add_argument(
        "--engine",
        metavar="URL",
        help="search through this OpenSearch or Elasticsearch node, e.g. http://127.0.0.1:9200 "
        "(OPENSEARCH_URL); its indexes are dropped at the end",
    )
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.pages)
        return

    workdir = Path(tempfile.mkdtemp(prefix="reci-bench-api-"))
    database = workdir / "bench.sqlite3"
    reuse = args.database is not None and args.database.exists() and not args.postgres
    if reuse:
        shutil.copyfile(args.database, database)
    if args.postgres:
        reuse = args.keep and database_has_pages(args.postgres)
        if not reuse:
            create_database(args.postgres)
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": args.postgres or f"sqlite:///{database}",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "BENCH_TRIVIAL_VIEW": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)  # each worker keeps its own in-memory cache
    for variable in ("ELASTICSEARCH_URL", "OPENSEARCH_URL"):  # the database's search
        env.pop(variable, None)
    if args.engine:
        env.update(OPENSEARCH_URL=args.engine, SEARCH_INDEX_PREFIX=f"bench_api_{os.getpid()}")
    try:
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        if reuse:
            print(f"reusing the pages of {args.database or args.postgres}")
        else:
            subprocess.run(
                [PYTHON, __file__, "--generate", "--pages", str(args.pages)],
                cwd=ROOT,
                env=env,
                check=True,
            )
            if args.database and not args.postgres:
                shutil.copyfile(database, args.database)
        if args.engine:
            subprocess.run([*manage, "rebuild_search_index", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [*manage, "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env={**env, "STATIC_ROOT": str(workdir / "static")},
            check=True,
        )
        measure(env, port, args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if args.engine:
            drop_engine_indexes(args.engine, env["SEARCH_INDEX_PREFIX"])
        if args.postgres and not args.keep:
            drop_database(args.postgres)


def drop_engine_indexes(url: str, prefix: str) -> None:
    """Drop the indexes the bench made on the engine (`<prefix>_*`), by name: Elasticsearch
    refuses to delete by wildcard (`action.destructive_requires_name`)."""
    base = url.rstrip("/")
    with urllib.request.urlopen(f"{base}/_cat/indices/{prefix}_*?format=json", timeout=30) as r:
        names = [row["index"] for row in json.load(r)]
    for name in names:
        request = urllib.request.Request(f"{base}/{name}", method="DELETE")
        with urllib.request.urlopen(request, timeout=30):
            pass


def _maintenance(url: str):
    """A connection to the server's `postgres` database, and the name of the one in `url`."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"{name!r}: a plain database name is needed")
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    return psycopg.connect(server, autocommit=True), name


def database_has_pages(url: str) -> bool:
    """Whether `url`'s database exists and holds generated pages (`--keep`)."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
            return connection.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] > 100
    except psycopg.Error:
        return False


def create_database(url: str) -> None:
    connection, name = _maintenance(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    connection, name = _maintenance(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load(url: str, args, script: Path, wrk: str | None) -> tuple:
    if wrk:
        return load_with_wrk(url, args.duration, args.connections, script)
    return load_with_python(url, args.duration, args.connections)


def print_row(label: str, runs: list[tuple], ratios: list[float]) -> None:
    """Medians over the runs; the ratio is the median of each run's ratio to the trivial view
    measured just before it."""
    rps, p50, p95 = (statistics.median(run[i] for run in runs) for i in range(3))
    errors = sum(run[3] for run in runs)
    spread = f"{min(ratios):.1%}–{max(ratios):.1%}" if len(ratios) > 1 else ""
    print(
        f"{label:26}{rps:9.0f}{p50:9.1f}{p95:9.1f}{errors:8d}"
        f"{statistics.median(ratios):8.1%}{spread:>16}",
        flush=True,
    )


def measure(env: dict, port: int, args, workdir: Path) -> None:
    base = f"http://127.0.0.1:{port}"
    wrk = shutil.which("wrk")
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    print(
        f"load: {'wrk' if wrk else 'Python threads'}, {args.connections} connections, "
        f"{args.duration} s per run, {args.rounds} runs per URL each after one of the trivial "
        f"view; gunicorn {WORKERS} workers, production settings, "
        f"{'PostgreSQL' if args.postgres else 'SQLite'}, search "
        f"{'on ' + args.engine if args.engine else 'in the database'}"
    )
    for cached in (False, True):
        server = run_server(env, port, cached, args.connections)
        try:
            wait_until_up(f"{base}/api/v2/_trivial/")

            with urllib.request.urlopen(
                f"{base}/api/v2/pages/?type=publications.NotePage&limit=1"
            ) as response:
                note_id = json.load(response)["items"][0]["id"]
            urls = {
                "trivial JSON view": "/api/v2/_trivial/",
                "pages listing": "/api/v2/pages/?limit=20",
                "typed listing fields=*": "/api/v2/pages/?type=publications.NotePage"
                "&fields=*&limit=20",
                "page detail": f"/api/v2/pages/{note_id}/",
                "search": "/api/v2/search/?q=discriminations%20logement",
            }
            print(
                f"\n{'cached' if cached else 'uncached'} (API_CACHE_TIMEOUT={600 if cached else 0})"
            )
            print(
                f"{'':26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'ratio':>8}"
                f"{'ratio range':>16}"
            )
            trivial_url = base + urls.pop("trivial JSON view")
            load(trivial_url, args, script, wrk)  # the workers' first seconds are slow: unmeasured
            trivial_runs = []
            for label, path in urls.items():
                url = base + path
                urllib.request.urlopen(url).read()  # warm the workers (and the cache)
                runs, ratios = [], []
                for _ in range(args.rounds):
                    # The trivial view just before each run: the machine's speed drifts from
                    # one minute to the next, and a ratio should compare like with like.
                    trivial_runs.append(load(trivial_url, args, script, wrk))
                    runs.append(load(url, args, script, wrk))
                    ratios.append(runs[-1][0] / trivial_runs[-1][0])
                print_row(label, runs, ratios)
            print_row("trivial JSON view", trivial_runs, [1.0])
        finally:
            server.terminate()  # gunicorn lets running requests finish (graceful_timeout)
            try:
                server.wait(40)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
