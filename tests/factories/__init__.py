from .bibliography import (
    BibliographyIndexPageFactory,
    ContributorFactory,
    ReferenceFactory,
    ThematicBibliographyPageFactory,
)
from .core import OrganisationFactory, PersonFactory, ThemeFactory
from .experiences import PracticeIndexPageFactory, PracticeSheetPageFactory, TargetGroupFactory
from .home import HomePageFactory
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
    "TargetGroupFactory",
    "ThematicBibliographyPageFactory",
    "ThemeFactory",
    "ToolkitPageFactory",
    "ToolkitToolFactory",
]
