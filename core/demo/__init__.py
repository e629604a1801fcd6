"""Demo content for the shared vocabulary: the network's themes and member structures.

Drawn from the network's activity programmes and reports (2008–2020). The rows are in this
folder's CSV files: `themes.csv`, `organisations.csv` (`region` is the region's INSEE code,
see `core.choices.Region`) and `people.csv` (`organisation` is an acronym, or empty).
"""

from pathlib import Path

from core.choices import Region
from core.demo_tools import DemoReport, read_csv
from core.models import Organisation, Person, Theme

DATA = Path(__file__).parent


def load(report: DemoReport) -> None:
    for row in read_csv(DATA / "themes.csv"):
        _, created = Theme.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
        report.record("Thèmes", created)
    for row in read_csv(DATA / "organisations.csv"):
        region = Region(row["region"]) if row["region"] else ""
        _, created = Organisation.objects.get_or_create(
            acronym=row["acronym"],
            defaults={"name": row["name"], "city": row["city"], "region": region},
        )
        report.record("Structures membres", created)
    for row in read_csv(DATA / "people.csv"):
        acronym = row["organisation"]
        organisation = Organisation.objects.filter(acronym=acronym).first() if acronym else None
        _, created = Person.objects.get_or_create(
            first_name=row["first_name"],
            last_name=row["last_name"],
            defaults={"organisation": organisation, "role": row["role"]},
        )
        report.record("Personnes", created)
