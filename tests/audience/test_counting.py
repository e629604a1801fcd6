"""Audience counting on the server (issue 19): what counts, what is left out, nothing stored
about visitors, and a count that fails never breaks the page."""

import datetime
import html
import io

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from audience import buffer
from audience.models import DailyCount, Event, Kind, PublicStatistics
from bibliography.models import Reference
from tests.factories import PdfDocumentFactory, ReferenceFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.fixture(autouse=True)
def counting(settings):
    settings.AUDIENCE_ENABLED = True
    settings.AUDIENCE_BATCH_SIZE = 1000  # written by `events()`, as the flush would
    buffer._pending.clear()
    cache.clear()
    yield
    buffer._pending.clear()
    cache.clear()


def visit(client, path: str, agent: str = BROWSER, address: str = "192.0.2.10", **params):
    return client.get(path, params, headers={"user-agent": agent}, REMOTE_ADDR=address)


def events() -> list[Event]:
    buffer.flush()
    return list(Event.objects.order_by("pk"))


def test_a_page_view_is_counted_without_cookie_or_anything_about_the_visitor(client, demo_site):
    response = visit(client, "/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and not response.cookies
    [event] = events()
    assert (event.kind, event.area, event.key, event.new_visitor) == ("page", "site", "/", True)
    stored = " ".join(str(value) for value in Event.objects.values().get().values())
    assert "192.0.2.10" not in stored and "Firefox" not in stored


def test_a_visitor_is_new_once_a_day(client, demo_site):
    visit(client, "/")
    visit(client, "/")
    visit(client, "/", address="192.0.2.99")
    assert [e.new_visitor for e in events()] == [True, False, True]


@pytest.mark.parametrize(
    "agent",
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", ""],
)
def test_bots_are_left_out_by_user_agent(client, demo_site, agent):
    visit(client, "/", agent=agent)
    assert events() == []


def test_a_visitor_asking_too_fast_is_taken_for_a_crawler(client, demo_site, settings):
    settings.AUDIENCE_BOT_RATE = 3
    for _ in range(6):
        visit(client, "/")
    assert len(events()) == 3


def test_editors_visits_are_not_counted(client, demo_site, django_user_model):
    editor = django_user_model.objects.create_user("lecteur-editeur", password="x")
    client.force_login(editor)
    visit(client, "/")
    assert events() == []


def test_downloads_notices_api_details_and_searches(client, demo_site):
    document = PdfDocumentFactory(title="Rapport d'activité 2016")
    notice = Reference.objects.live().first()
    visit(client, document.url)
    visit(client, notice.get_public_url())
    visit(client, f"/api/v2/references/{notice.pk}/")
    visit(client, "/api/v2/references/")  # a listing: not the view of a content
    visit(client, "/recherche/", q="Laïcité  École")
    visit(client, "/recherche/", q="laïcité école", page=2)  # the same query, next page
    visit(client, "/en/recherche/", q="Discriminations")  # the English search page
    visit(client, "/api/v2/search/", q="zzzqqq")
    counted = [(e.kind, e.area, e.key, e.results) for e in events()]
    assert counted == [
        (Kind.DOWNLOAD, "base", f"document:{document.pk}", None),
        (Kind.NOTICE, "base", f"reference:{notice.pk}", None),
        (Kind.API, "base", f"references:{notice.pk}", None),
        (Kind.SEARCH, "site", "laïcité école", counted[3][3]),
        (Kind.SEARCH, "site", "discriminations", counted[4][3]),
        (Kind.SEARCH, "site", "zzzqqq", 0),
    ]
    assert counted[3][3] > 0 and counted[4][3] > 0


def test_a_page_served_from_the_cache_is_counted_too(client, demo_site, settings):
    settings.PAGE_CACHE_TIMEOUT = 600
    visit(client, "/")
    visit(client, "/", address="192.0.2.11")
    assert [e.key for e in events()] == ["/", "/"]


def test_a_count_that_cannot_be_written_loses_the_count_not_the_page(client, demo_site):
    def refuse_audience_writes(execute, sql, params, many, context):
        if "audience_event" in sql and sql.lstrip().upper().startswith("INSERT"):
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_audience_writes):
        response = visit(client, "/")
        assert response.status_code == 200
        assert buffer.flush() == 0
    assert Event.objects.count() == 0
    assert visit(client, "/").status_code == 200


def test_rollup_adds_once_and_prunes_old_events(client, demo_site, settings):
    settings.AUDIENCE_RAW_RETENTION_DAYS = 30
    visit(client, "/")
    visit(client, "/", address="192.0.2.11")
    events()
    old = Event.objects.create(kind=Kind.PAGE, area="site", day=datetime.date(2020, 1, 5), key="/")
    first, again = io.StringIO(), io.StringIO()
    call_command("rollup_statistics", stdout=first)
    call_command("rollup_statistics", stdout=again)
    assert first.getvalue().startswith("3 événement(s) agrégé(s)")
    assert again.getvalue().startswith("0 événement(s)")
    today = DailyCount.objects.get(day=timezone.localdate(), key="/")
    assert (today.hits, today.visitors) == (2, 2)
    assert DailyCount.objects.get(day=old.day).hits == 1
    assert not Event.objects.filter(pk=old.pk).exists()  # rolled up and past the retention
    assert Event.objects.filter(day=timezone.localdate()).count() == 2  # kept for now


def counts(**rows) -> None:
    for key, (kind, area, hits) in rows.items():
        DailyCount.objects.create(
            day=datetime.date(2025, 3, 14), kind=kind, area=area, key=key, hits=hits, visitors=hits
        )


def test_the_yearly_figures_through_the_api(client, demo_site):
    documents = [PdfDocumentFactory(title=f"Document {n}") for n in range(6)]
    counts(
        **{"/": (Kind.PAGE, "site", 40), "/bibliographies/": (Kind.PAGE, "base", 7)},
        **{f"document:{d.pk}": (Kind.DOWNLOAD, "base", 10 + n) for n, d in enumerate(documents)},
    )
    ReferenceFactory(
        title="Ajoutée en 2025", created_at=timezone.make_aware(datetime.datetime(2025, 6, 1))
    )
    data = client.get("/api/v2/statistics/", {"year": 2025}).json()
    assert data["site"]["views"] == 40 and data["base"]["views"] == 7
    assert data["months"][2]["site"] == 40
    assert data["downloads"]["total"] == sum(range(10, 16))
    assert [d["title"] for d in data["downloads"]["top"]] == [
        f"Document {n}" for n in (5, 4, 3, 2, 1)
    ]
    assert data["notices_added"]["total"] == 1
    assert "searches" not in data  # not public by default

    settings_row = PublicStatistics.load()
    settings_row.downloads = False
    settings_row.save()
    assert "downloads" not in client.get("/api/v2/statistics/", {"year": 2025}).json()


@pytest.mark.parametrize("year", ["1999", "abc", "3000"])
def test_a_bad_year_is_a_400(client, year):
    response = client.get("/api/v2/statistics/", {"year": year})
    assert response.status_code == 400
    assert "année" in response.json()["message"]


def test_the_admin_shows_the_tables_and_exports_csv(admin_client, demo_site):
    counts(**{"laïcité": (Kind.SEARCH, "site", 12)})
    url = reverse("audience_statistics")
    page = admin_client.get(url, {"year": 2025}).content.decode()
    assert "Statistiques" in page and "laïcité" in page and "Exporter en CSV" in page
    export = admin_client.get(url, {"year": 2025, "csv": "recherches"})
    assert export["Content-Type"].startswith("text/csv")
    assert export.content.decode("utf-8-sig").splitlines() == ["Recherche;Nombre", "laïcité;12"]


def test_the_admin_page_draws_charts_from_our_own_static_files(admin_client, demo_site):
    counts(**{"/": (Kind.PAGE, "site", 40)})
    page = admin_client.get(reverse("audience_statistics"), {"year": 2025}).content.decode()
    assert 'id="statistics-data"' in page and 'data-chart="visites"' in page
    scripts = [
        "/static/vendor/chartjs/chart.umd.min.js",
        "/static/audience/statistics.js",
    ]
    for script in scripts:
        assert f'src="{script}"' in page
        assert finders.find(script.removeprefix("/static/")), script


def test_the_printable_report_reads_as_the_network_writes_it(admin_client, demo_site):
    documents = [PdfDocumentFactory(title=f"Document {n}") for n in range(2)]
    for year, site_views in ((2024, 50), (2025, 40)):
        DailyCount.objects.create(
            day=datetime.date(year, 3, 14),
            kind=Kind.PAGE,
            area="site",
            key="/",
            hits=site_views,
            visitors=site_views // 2,
        )
    DailyCount.objects.create(
        day=datetime.date(2025, 5, 2),
        kind=Kind.DOWNLOAD,
        area="base",
        key=f"document:{documents[1].pk}",
        hits=851,
    )
    page = admin_client.get(
        reverse("audience_statistics"), {"year": 2025, "imprimer": "1"}
    ).content.decode()
    text = html.unescape(" ".join(page.split()))
    assert (
        "font état de 20 visiteurs différents (contre 25 en 2024, soit une baisse d'environ 20 %)"
        in text
    )
    assert "40 pages vues (contre 50 en 2024" in text
    assert "« Document 1 » (851 téléchargements)" in text


def test_an_editor_sees_their_structure_s_documents_first(client, demo_site):
    from django.contrib.auth import get_user_model

    from core.models import Organisation

    oriv = Organisation.objects.get(acronym="ORIV")
    editor = get_user_model().objects.create_user("stats-oriv", password="x")
    editor.groups.add(oriv.editor_group)
    ours = PdfDocumentFactory(title="Note de l'ORIV", uploaded_by_user=editor)
    theirs = PdfDocumentFactory(title="Note d'ailleurs")
    for document, hits in ((ours, 3), (theirs, 90)):
        DailyCount.objects.create(
            day=datetime.date(2025, 5, 2),
            kind=Kind.DOWNLOAD,
            area="base",
            key=f"document:{document.pk}",
            hits=hits,
        )
    client.force_login(editor)
    export = client.get(reverse("audience_statistics"), {"year": 2025, "csv": "telechargements"})
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[1:] == ["Note de l'ORIV;3", "Note d'ailleurs;90"]
