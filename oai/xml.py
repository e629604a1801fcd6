"""The OAI-PMH envelope and its elements, with the standard library's ElementTree."""

import datetime
import re
from xml.etree import ElementTree as ET

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
SCHEMA = f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
DC_SCHEMA = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
IDENTIFIER_SCHEMA = f"{OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

for prefix, uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """Without the control characters XML 1.0 cannot carry (pasted abstracts have some)."""
    return _NOT_XML.sub("", value)


def q(name: str, namespace: str = OAI) -> str:
    return f"{{{namespace}}}{name}"


def utc(value: datetime.datetime) -> str:
    """A datestamp at the repository's granularity: seconds, UTC."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sub(parent: ET.Element, name: str, value: str | None = None, **attributes) -> ET.Element:
    attributes = {key: text(value) for key, value in attributes.items() if value is not None}
    element = ET.SubElement(parent, q(name), attributes)
    if value is not None:
        element.text = text(value)
    return element


def envelope(base_url: str, arguments: dict[str, str]) -> ET.Element:
    root = ET.Element(q("OAI-PMH"), {q("schemaLocation", XSI): SCHEMA})
    sub(root, "responseDate", utc(datetime.datetime.now(datetime.UTC)))
    sub(root, "request", base_url, **arguments)
    return root


def dublin_core(parent: ET.Element, elements: list[tuple[str, str]]) -> None:
    dc = ET.SubElement(parent, q("dc", OAI_DC), {q("schemaLocation", XSI): DC_SCHEMA})
    for name, value in elements:
        ET.SubElement(dc, q(name, DC)).text = text(value)


def serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
