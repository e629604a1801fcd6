"""Import notices from RIS, BibTeX or CSL-JSON files, in one transaction.

`reading` turns a file into a stream of records, `matching` finds the duplicates (by DOI,
ISBN, or normalised title + year + first author, against the database and against earlier
records of the same file), `writing` creates or updates the notices in batches and `report`
counts what became of each record. The names used by the command, the admin view and the
tests are exported here.
"""

from .reading import ImportFileError, decode, detect_format, file_encoding, parse_path, parse_text
from .report import CREATED, DUPLICATE, REJECTED, UPDATED, ImportReport, RecordOutcome
from .writing import SKIP, UPDATE, Importer, import_records, reference_tables

__all__ = [
    "CREATED",
    "DUPLICATE",
    "REJECTED",
    "SKIP",
    "UPDATE",
    "UPDATED",
    "ImportFileError",
    "ImportReport",
    "Importer",
    "RecordOutcome",
    "decode",
    "detect_format",
    "file_encoding",
    "import_records",
    "parse_path",
    "parse_text",
    "reference_tables",
]
