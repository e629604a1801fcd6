"""Between a `Reference` and its CSL-JSON dict: the one place that knows both shapes."""

import datetime
import re

from .choices import ContributorRole, ReferenceType

# « Titre : sous-titre », spaced on both sides as French typography writes it (a no-break
# space before the colon counts). « Migration: a review » and « 10:30 » are left whole, so
# that the full title (`Reference.full_title`) gives back what the file says.
_TITLE_SEPARATOR = re.compile(r"\s+:\s+")
# Enum properties rebuild their list on each access: read once.
_TYPES = frozenset(ReferenceType.values)
_ROLES = tuple(ContributorRole.values)
TEXT_FIELDS = {
    "container-title": "container_title",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "volume": "volume",
    "issue": "issue",
    "page": "pages",
    "edition": "edition",
    "collection-title": "collection_title",
    "number": "number",
    "ISBN": "isbn",
    "ISSN": "issn",
    "DOI": "doi",
    "URL": "url",
    "language": "language",
    "abstract": "abstract",
    "call-number": "call_number",
    "genre": "genre",
}
NAME_PARTS = {
    "family": "family",
    "given": "given",
    "literal": "literal",
    "non-dropping-particle": "non_dropping_particle",
    "dropping-particle": "dropping_particle",
    "suffix": "suffix",
}


def reference_to_csl(reference) -> dict:
    """The notice as CSL-JSON (`id` is `ref-<pk>`); themes travel as keywords."""
    csl: dict = {"id": f"ref-{reference.pk}", "type": reference.reference_type}
    csl["title"] = reference.full_title
    for role in _ROLES:
        names = [c.to_csl() for c in reference.contributors.all() if c.role == role]
        if names:
            csl[role] = names
    for key, attribute in TEXT_FIELDS.items():
        value = getattr(reference, attribute)
        if value:
            csl[key] = value
    if reference.year:
        parts = [reference.year]
        if reference.month:
            parts.append(reference.month)
            if reference.day:
                parts.append(reference.day)
        csl["issued"] = {"date-parts": [parts]}
        if reference.season:
            csl["issued"]["season"] = reference.season
    if reference.accessed:
        accessed = reference.accessed
        csl["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    keywords = [t.name for t in reference.themes.all()] + [t.name for t in reference.keywords.all()]
    if keywords:
        csl["keyword"] = ", ".join(keywords)
    return csl


class MappingError(ValueError):
    """A CSL-JSON item that cannot become a notice; the message is shown to the user."""


def csl_to_values(csl: dict) -> tuple[dict, list[dict], list[str]]:
    """Model field values, contributors (role and name parts) and keywords.

    The title is split on its first spaced colon into title and subtitle, the way French
    catalogues write « Titre : sous-titre »; an unspaced colon (« Migration: a review ») is
    part of the title.
    """
    title = str(csl.get("title") or "").strip()
    if not title:
        raise MappingError("Titre manquant.")
    pieces = _TITLE_SEPARATOR.split(title, maxsplit=1)
    title, subtitle = pieces[0], pieces[1] if len(pieces) > 1 else ""
    values: dict = {
        "reference_type": csl.get("type") if csl.get("type") in _TYPES else ReferenceType.DOSSIER,
        "title": title[:500],
        "subtitle": subtitle[:500],
        "language": "",
    }
    for key, attribute in TEXT_FIELDS.items():
        values[attribute] = str(csl.get(key) or "").strip()
    for attribute, limit in (("volume", 50), ("issue", 50), ("pages", 50), ("edition", 50)):
        values[attribute] = values[attribute][:limit]
    values["language"] = values["language"][:20]
    issued = csl.get("issued") or {}
    parts = issued.get("date-parts", [[]])[0] or []
    values["year"], values["month"], values["day"] = (list(parts) + [None, None, None])[:3]
    values["season"] = str(issued.get("season") or "")[:30]
    if values["year"] is not None and not (values["year"] and -10000 < values["year"] < 10000):
        raise MappingError(f"Année invalide : {values['year']}.")
    if values["month"] is not None and not 1 <= values["month"] <= 12:
        raise MappingError(f"Mois invalide : {values['month']}.")
    if values["day"] is not None and not 1 <= values["day"] <= 31:
        raise MappingError(f"Jour invalide : {values['day']}.")
    accessed = (csl.get("accessed") or {}).get("date-parts", [[]])[0] or []
    values["accessed"] = None
    if len(accessed) == 3:
        try:
            values["accessed"] = datetime.date(*accessed)
        except ValueError as exc:
            raise MappingError(f"Date de consultation invalide : {accessed}.") from exc
    contributors = []
    for role in _ROLES:
        for name in csl.get(role) or []:
            person = {"role": role}
            for key, attribute in NAME_PARTS.items():
                limit = 255 if attribute in ("family", "given", "literal") else 50
                person[attribute] = str(name.get(key) or "")[:limit]
            contributors.append(person)
    keywords = [k.strip()[:100] for k in str(csl.get("keyword") or "").split(",") if k.strip()]
    return values, contributors, keywords
