from .bibliography import (
    BibliographyIndexPageFactory,
    ContributorFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
)
from .core import OrganisationFactory, PersonFactory, ThemeFactory
from .experiences import PracticeIndexPageFactory, PracticeSheetPageFactory, TargetGroupFactory
from .home import HomePageFactory
from .newsletter import (
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    SubscriberFactory,
)
from .publications import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NotePageFactory,
    PdfDocumentFactory,
    PointDeVuePageFactory,
    PressItemFactory,
    PublicationIndexPageFactory,
    ToolkitPageFactory,
    ToolkitToolFactory,
)

__all__ = [
    "BibliographyIndexPageFactory",
    "ContributorFactory",
    "EventIndexPageFactory",
    "EventPageFactory",
    "HomePageFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "NewsletterIndexPageFactory",
    "NewsletterIssuePageFactory",
    "NotePageFactory",
    "OrganisationFactory",
    "PdfDocumentFactory",
    "PersonFactory",
    "PointDeVuePageFactory",
    "PracticeIndexPageFactory",
    "PracticeSheetPageFactory",
    "PressItemFactory",
    "PublicationIndexPageFactory",
    "ReferenceFactory",
    "SubscriberFactory",
    "TargetGroupFactory",
    "ThematicBibliographyPageFactory",
    "ThemeFactory",
    "ToolkitPageFactory",
    "ToolkitToolFactory",
]
