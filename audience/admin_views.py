"""« Statistiques » in the admin: the year's figures as tables, each exportable as CSV."""

import csv
import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse

from .api import FIRST_YEAR, parse_year
from .figures import yearly_report

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def tables(report: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Each table of the report: (header, rows), as shown and as exported."""
    return {
        "visites": (
            [
                "Mois",
                "Pages vues (site)",
                "Visiteurs (site)",
                "Pages vues (base)",
                "Visiteurs (base)",
            ],
            [
                [
                    MONTHS[m["month"] - 1],
                    m["site"],
                    m["site_visitors"],
                    m["base"],
                    m["base_visitors"],
                ]
                for m in report["months"]
            ],
        ),
        "telechargements": (
            ["Document", "Téléchargements"],
            [[d["title"], d["count"]] for d in report["downloads"]["top"]],
        ),
        "notices": (
            ["Structure", "Notices ajoutées"],
            [[r["structure"] or "—", r["count"]] for r in report["notices_added"]["by_structure"]],
        ),
        "recherches": (
            ["Recherche", "Nombre"],
            [[r["terms"], r["count"]] for r in report["searches"]["frequent"]],
        ),
        "recherches-sans-resultat": (
            ["Recherche sans résultat", "Nombre"],
            [[r["terms"], r["count"]] for r in report["searches"]["no_result"]],
        ),
    }


def statistics_view(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    try:
        year = parse_year(request.GET.get("year"))
    except ValueError:
        year = datetime.date.today().year
    report = yearly_report(year)
    all_tables = tables(report)
    export = request.GET.get("csv")
    if export in all_tables:
        header, rows = all_tables[export]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="statistiques-{export}-{year}.csv"'
        response.write("\ufeff")  # Excel reads the accents as UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        return response
    return TemplateResponse(
        request,
        "audience/admin/statistics.html",
        {
            "year": year,
            "years": list(range(datetime.date.today().year, FIRST_YEAR - 1, -1))[:15],
            "report": report,
            "tables": all_tables,
        },
    )
