"""Dublin Core (`oai_dc`) of a notice and of a content page, element by element.

Notices are read through their CSL-JSON (`Reference.to_csl()`, the one mapping of their
fields), so OAI says what the exports and citations say.
"""

from django.conf import settings
from wagtail.models import Page

PUBLISHER = "Réseau RECI"

# CSL types (the notices' `reference_type`) as DCMI Type vocabulary terms.
DCMI_TYPES = {
    "motion_picture": "MovingImage",
    "broadcast": "MovingImage",
    "song": "Sound",
    "graphic": "StillImage",
    "map": "Image",
    "dataset": "Dataset",
    "software": "Software",
    "webpage": "InteractiveResource",
}


def _name(csl_name: dict) -> str:
    if "literal" in csl_name:
        return csl_name["literal"]
    given = csl_name.get("given")
    return f"{csl_name['family']}, {given}" if given else csl_name["family"]


def _issued(csl: dict) -> str | None:
    parts = (csl.get("issued") or {}).get("date-parts", [[]])[0]
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])])


def reference_dc(reference) -> list[tuple[str, str]]:
    """(element, value) pairs, in the order of the oai_dc schema's examples."""
    csl = reference.to_csl()
    elements = [("title", csl["title"])]
    elements += [("creator", _name(name)) for name in csl.get("author", [])]
    elements += [("contributor", _name(name)) for name in csl.get("editor", [])]
    elements += [("subject", theme.name) for theme in reference.themes.all()]
    elements += [("subject", keyword.name) for keyword in reference.keywords.all()]
    if csl.get("abstract"):
        elements.append(("description", csl["abstract"]))
    if csl.get("publisher"):
        elements.append(("publisher", csl["publisher"]))
    if issued := _issued(csl):
        elements.append(("date", issued))
    elements.append(("type", DCMI_TYPES.get(csl["type"], "Text")))
    elements.append(("type", csl["type"]))
    if csl.get("DOI"):
        elements.append(("identifier", f"https://doi.org/{csl['DOI']}"))
    if csl.get("ISBN"):
        elements.append(("identifier", f"urn:isbn:{csl['ISBN']}"))
    if csl.get("URL"):
        elements.append(("identifier", csl["URL"]))
    if public_url := reference.get_public_url():
        elements.append(("identifier", absolute(public_url)))
    if csl.get("container-title"):
        elements.append(("source", _source(csl)))
    if csl.get("language"):
        elements.append(("language", csl["language"]))
    return elements


def _source(csl: dict) -> str:
    details = [csl["container-title"]]
    details += [
        f"{label} {csl[key]}"
        for key, label in (("volume", "vol."), ("issue", "n°"), ("page", "p."))
        if csl.get(key)
    ]
    return ", ".join(details)


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"{settings.WAGTAILAPI_BASE_URL.rstrip('/')}{url}"


def page_dc(page: Page) -> list[tuple[str, str]]:
    """A content page (`ContentPageMixin`): its member structures are its creators."""
    organisations = list(page.organisations.all())
    elements = [("title", page.title)]
    elements += [("creator", organisation.name) for organisation in organisations]
    elements += [("subject", theme.name) for theme in page.themes.all()]
    if page.summary:
        elements.append(("description", page.summary))
    elements.append(("publisher", PUBLISHER))
    elements.append(("date", page.date.isoformat()))
    elements.append(("type", "Text"))
    elements.append(("type", str(page._meta.verbose_name)))
    if url := page.get_full_url():
        elements.append(("identifier", absolute(url)))
    elements.append(("language", page.locale.language_code))
    return elements
