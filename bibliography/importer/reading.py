"""Reading an import file: its encoding, its format, and its records as a stream.

Nothing here touches the database: the records come out as `ParsedRecord`s (formats/).
"""

import codecs
from collections.abc import Iterator
from pathlib import Path

from ..formats import ParsedRecord, bibtex, csljson, ris

PARSERS = {"ris": ris.parse, "bibtex": bibtex.parse, "csljson": csljson.parse}
EXTENSIONS = {".ris": "ris", ".bib": "bibtex", ".bibtex": "bibtex", ".json": "csljson"}
SNIFF_SIZE = 64 * 1024


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is in French, for the user."""


def _check_not_binary(head: bytes) -> None:
    if not head.strip():
        raise ImportFileError("Le fichier est vide.")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            "Le fichier semble binaire : un fichier texte RIS, BibTeX ou CSL-JSON est attendu."
        )


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1."""
    _check_not_binary(data[:SNIFF_SIZE])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
            continue
        _check_text(text)
        return text.lstrip("\ufeff")
    raise _undecodable(error)


def _check_text(text: str) -> None:
    sample = text[:SNIFF_SIZE]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > len(sample) // 100:
        raise ImportFileError(
            "Le fichier semble binaire : un fichier texte RIS, BibTeX ou CSL-JSON est attendu."
        )


def _undecodable(exc: UnicodeDecodeError, offset: int = 0) -> ImportFileError:
    byte = exc.object[exc.start : exc.start + 1].hex().upper()
    return ImportFileError(
        "Impossible de lire le fichier : encodage non reconnu (UTF-8 ou Windows-1252/Latin-1 "
        f"attendu ; octet 0x{byte} illisible à la position {offset + exc.start}). "
        "Enregistrez-le en UTF-8 et recommencez."
    )


def _decodes(handle, encoding: str) -> UnicodeDecodeError | None:
    """Decode the whole file, chunk by chunk (constant memory); the error, if any."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    try:
        while chunk := handle.read(1024 * 1024):
            decoder.decode(chunk)
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        exc.start += offset
        return exc
    return None


def file_encoding(path: Path) -> str:
    """Find the encoding of a file on disk: UTF-16 with BOM, UTF-8, else Windows-1252 if the
    whole file decodes; `ImportFileError` otherwise (never a decoding error later on)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_SIZE)
        _check_not_binary(head)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if _decodes(handle, "utf-8-sig") is None:
            return "utf-8-sig"
        error = _decodes(handle, "cp1252")
        if error is not None:
            raise _undecodable(error)
    return "cp1252"


def detect_format(name: str, head: str) -> str:
    """The format named by the file's extension, or recognised from its first characters."""
    extension = Path(name or "").suffix.lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    stripped = head.lstrip("\ufeff \r\n\t")
    if stripped.startswith(("[", "{")):
        return "csljson"
    if stripped.startswith(("@", "%")):
        return "bibtex"
    if ris._START.match(stripped) or "\nTY  -" in head:
        return "ris"
    raise ImportFileError(
        "Format non reconnu : choisissez RIS, BibTeX ou CSL-JSON (extensions .ris, .bib, .json)."
    )


def parse_text(text: str, fmt: str) -> Iterator[ParsedRecord]:
    if fmt == "ris":
        return ris.parse(text.splitlines())
    return PARSERS[fmt](text)


def parse_path(path: Path, fmt: str | None = None) -> tuple[str, Iterator[ParsedRecord]]:
    """Stream the records of a file on disk (RIS line by line; other formats read whole)."""
    encoding = file_encoding(path)
    with path.open(encoding=encoding, errors="strict") as handle:
        head = handle.read(SNIFF_SIZE)
    fmt = fmt or detect_format(path.name, head)
    if fmt not in PARSERS:
        raise ImportFileError(f"Format inconnu : {fmt}.")

    def records() -> Iterator[ParsedRecord]:
        with path.open(encoding=encoding, newline=None) as handle:
            if fmt == "ris":
                yield from ris.parse(handle)
            else:
                yield from PARSERS[fmt](handle.read())

    return fmt, records()
