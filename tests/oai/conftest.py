from pathlib import Path

import pytest
from lxml import etree

SCHEMA = etree.XMLSchema(file=str(Path(__file__).parent / "schemas" / "master.xsd"))
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
}


class Response:
    """A parsed OAI-PMH response, checked against the OAI-PMH and oai_dc schemas."""

    def __init__(self, http_response) -> None:
        assert http_response.status_code == 200
        assert http_response["Content-Type"].startswith("text/xml")
        self.tree = etree.fromstring(http_response.content)
        SCHEMA.assertValid(self.tree)

    def xpath(self, path: str) -> list:
        return self.tree.xpath(path, namespaces=NS)

    def texts(self, path: str) -> list[str]:
        return [element.text for element in self.xpath(path)]

    @property
    def error(self) -> str | None:
        errors = self.xpath("/oai:OAI-PMH/oai:error/@code")
        return errors[0] if errors else None

    @property
    def identifiers(self) -> list[str]:
        return self.texts("//oai:header/oai:identifier")

    @property
    def token(self):
        tokens = self.xpath("//oai:resumptionToken")
        return tokens[0] if tokens else None


@pytest.fixture
def oai(client):
    def request(method: str = "get", **arguments) -> Response:
        return Response(getattr(client, method)("/oai/", arguments))

    return request
