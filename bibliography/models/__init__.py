from .imports import ImportBatch, ImportBatchEntry
from .pages import BibliographyEdition, BibliographyIndexPage, ThematicBibliographyPage
from .references import Reference, ReferenceContributor, ReferenceTag

__all__ = [
    "BibliographyEdition",
    "BibliographyIndexPage",
    "ImportBatch",
    "ImportBatchEntry",
    "Reference",
    "ReferenceContributor",
    "ReferenceTag",
    "ThematicBibliographyPage",
]
