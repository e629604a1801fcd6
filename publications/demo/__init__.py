"""Demo content of the publications: the network's real productions, from its activity reports.

Notes and « Point de vue » papers come with generated PDFs whose text is taken from the
reports; the laïcité toolkit, news, press watch and events follow. Idempotent: pages are
found by slug under their section, documents by title, press items by URL.

The content is in this folder: `papers.json` (bodies in Wagtail's StreamField JSON, where
`{"type": "paragraph", "pdf_text": 1}` stands for the second paragraph of the paper's PDF
text; authors are `{"organisation": acronym}` or `{"person": [first name, last name]}`),
`toolkit.json`, and `news.csv`, `press_items.csv`, `events.csv` (themes as slugs separated by
`|`).
"""

from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.demo_tools import (
    DemoReport,
    add_published_child,
    parse_date,
    read_csv,
    read_json,
    split_cell,
)
from core.documents import check_document_file
from core.models import Organisation, Person, Theme
from home.models import HomePage

from ..choices import ToolAudience, ToolKind
from ..models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    NotePage,
    PointDeVuePage,
    PressItem,
    PublicationIndexPage,
    ToolkitPage,
    ToolkitTool,
)
from ..pdfs import build_pdf

DATA = Path(__file__).parent
PAPER_MODELS = {model.__name__: model for model in (NotePage, PointDeVuePage)}


def _themes(slugs: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _organisations(acronyms: list[str]) -> list[Organisation]:
    return list(Organisation.objects.filter(acronym__in=acronyms))


def get_or_create_pdf(title: str, paragraphs: list[str], pages: int, report: DemoReport):
    """The PDF document titled `title`, generated and stored on first run."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    report.record("Documents PDF", document is None)
    if document:
        return document
    content = ContentFile(build_pdf(title, paragraphs, pages), name=f"{slugify(title)[:80]}.pdf")
    read = check_document_file(content, content.name)
    document = Document(title=title, extracted_text=read.text, page_count=read.page_count)
    document.file.save(content.name, content, save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _body(spec: dict) -> list[dict]:
    """The paper's body as StreamField JSON, its PDF text's paragraphs filled in."""
    return [
        {"type": block["type"], "value": f"<p>{spec['pdf_text'][block['pdf_text']]}</p>"}
        if "pdf_text" in block
        else block
        for block in spec["body"]
    ]


def _load_papers(section: PublicationIndexPage, report: DemoReport) -> None:
    for spec in read_json(DATA / "papers.json"):
        model = PAPER_MODELS[spec["model"]]
        label = str(model._meta.verbose_name_plural).capitalize()
        if model.objects.child_of(section).filter(slug=spec["slug"]).exists():
            report.record(label, False)
            continue
        pdf = get_or_create_pdf(spec["title"], spec["pdf_text"], spec["pages"], report)
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            date=parse_date(spec["date"]),
            summary=spec["summary"],
            body=_body(spec),
            pdf=pdf,
        )
        if "question" in spec:
            page.question = spec["question"]
        page.themes = _themes(spec["themes"])
        page.organisations = _organisations(spec["organisations"])
        for author in spec["authors"]:
            if "person" in author:
                first_name, last_name = author["person"]
                person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
                if person:
                    page.authors.add(page.authors.model(person=person))
            else:
                organisation = Organisation.objects.filter(acronym=author["organisation"]).first()
                if organisation:
                    page.authors.add(page.authors.model(organisation=organisation))
        page.tags.add(*spec["tags"])
        add_published_child(section, page)
        report.record(label, True)


def _load_toolkit(section: PublicationIndexPage, report: DemoReport) -> ToolkitPage | None:
    spec = read_json(DATA / "toolkit.json")
    existing = ToolkitPage.objects.child_of(section).filter(slug=spec["slug"]).first()
    report.record("Recueils d'outils", existing is None)
    if existing:
        return existing
    page = ToolkitPage(
        title=spec["title"],
        slug=spec["slug"],
        date=parse_date(spec["date"]),
        summary=spec["summary"],
        introduction=spec["introduction"],
    )
    page.themes = _themes(spec["themes"])
    page.organisations = _organisations(spec["organisations"])
    page.tags.add("laïcité")
    page.tools = [
        ToolkitTool(
            title=tool["title"],
            kind=ToolKind(tool["kind"]),
            audience=ToolAudience(tool["audience"]),
            producer=tool["producer"],
            year=tool["year"],
            duration=tool["duration"],
            description=tool["description"],
        )
        for tool in spec["tools"]
    ]
    return add_published_child(section, page)


def _load_news(section: NewsIndexPage, report: DemoReport) -> None:
    for row in read_csv(DATA / "news.csv"):
        if NewsPage.objects.child_of(section).filter(slug=row["slug"]).exists():
            report.record("Actualités", False)
            continue
        page = NewsPage(
            title=row["title"],
            slug=row["slug"],
            date=parse_date(row["date"]),
            summary=row["summary"],
            body=[("paragraph", RichText(f"<p>{row['summary']}</p>"))],
        )
        page.themes = _themes(split_cell(row["themes"]))
        add_published_child(section, page)
        report.record("Actualités", True)
    for row in read_csv(DATA / "press_items.csv"):
        item, created = PressItem.objects.get_or_create(
            url=row["url"],
            defaults={
                "title": row["title"],
                "source": row["source"],
                "date": parse_date(row["date"]),
                "summary": row["summary"],
            },
        )
        if created:
            item.themes.set(_themes(split_cell(row["themes"])))
        report.record("Articles de veille", created)


def _load_events(section: EventIndexPage, report: DemoReport) -> None:
    for row in read_csv(DATA / "events.csv"):
        if EventPage.objects.child_of(section).filter(slug=row["slug"]).exists():
            report.record("Événements", False)
            continue
        page = EventPage(
            title=row["title"],
            slug=row["slug"],
            date=parse_date(row["date"]),
            summary=row["summary"],
            audience=row["audience"],
            place=row["place"],
        )
        page.themes = _themes(split_cell(row["themes"]))
        add_published_child(section, page)
        report.record("Événements", True)


def load(report: DemoReport) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    publications = PublicationIndexPage.objects.child_of(home).first()
    if publications:
        _load_papers(publications, report)
        toolkit = _load_toolkit(publications, report)
        if toolkit and not home.featured_items.exists():
            note = NotePage.objects.child_of(publications).order_by("-date").first()
            for position, item in enumerate(filter(None, [note, toolkit])):
                home.featured_items.create(item=item, sort_order=position)
    news = NewsIndexPage.objects.child_of(home).first()
    if news:
        _load_news(news, report)
    agenda = EventIndexPage.objects.child_of(home).first()
    if agenda:
        _load_events(agenda, report)
