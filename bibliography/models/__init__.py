from .pages import BibliographyEdition, BibliographyIndexPage, ThematicBibliographyPage
from .references import Reference, ReferenceContributor, ReferenceTag

__all__ = [
    "BibliographyEdition",
    "BibliographyIndexPage",
    "Reference",
    "ReferenceContributor",
    "ReferenceTag",
    "ThematicBibliographyPage",
]
