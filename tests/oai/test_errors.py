import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oai import listing
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "Identify", "set": "type"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({**LIST, "from": "2026-13-01"}, "badArgument"),
        ({**LIST, "from": "yesterday"}, "badArgument"),
        ({**LIST, "from": "2026-01-01T00:00:00"}, "badArgument"),
        ({**LIST, "from": "2026-01-01", "until": "2026-01-02T00:00:00Z"}, "badArgument"),
        ({**LIST, "from": "2026-01-02", "until": "2026-01-01"}, "badArgument"),
        ({**LIST, "until": "9999-12-31"}, None),
        ({**LIST, "from": "2000-01-01T00:00:00Z", "until": "9999-12-31T23:59:59Z"}, None),
        ({**LIST, "from": "0001-01-01", "until": "1990-01-01"}, "noRecordsMatch"),
        ({**LIST, "set": "theme:inconnu"}, "noRecordsMatch"),
        ({**LIST, "set": ""}, "badArgument"),
        ({**LIST, "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "forged"}, "badResumptionToken"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:reference/1"},
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:testserver:reference/99999999999999999999",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "oai:testserver:page/0"}, "idDoesNotExist"),
        (
            {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "oai:x:page/1"},
            "cannotDisseminateFormat",
        ),
    ],
)
def test_errors(oai, arguments, code):
    ReferenceFactory()
    response = oai(**arguments)
    assert response.error == code
    if code in ("badVerb", "badArgument"):
        # The protocol: no attributes on `request` when the request itself is wrong.
        assert response.xpath("//oai:request/@*") == []


def test_repeated_arguments(client):
    from tests.oai.conftest import Response

    assert Response(client.get("/oai/?verb=Identify&verb=Identify")).error == "badVerb"
    repeated = "/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"
    assert Response(client.get(repeated)).error == "badArgument"


def test_no_records(oai):
    assert oai(**LIST).error == "noRecordsMatch"


def test_token_of_another_verb_or_expired(oai, monkeypatch, time_machine):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    ReferenceFactory.create_batch(3)
    token = oai(**LIST).token.text
    assert oai(verb="ListIdentifiers", resumptionToken=token).error == "badResumptionToken"
    assert oai(verb="ListRecords", resumptionToken=token[:-2] + "xx").error == (
        "badResumptionToken"
    )
    time_machine.move_to(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=25))
    assert oai(verb="ListRecords", resumptionToken=token).error == "badResumptionToken"


ARGUMENT = st.sampled_from(
    ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "x"]
)
VALUE = st.one_of(
    st.sampled_from(
        ["Identify", "ListRecords", "GetRecord", "ListSets", "ListIdentifiers", "oai_dc"]
        + ["ListMetadataFormats", "2026-01-01", "oai:testserver:page/1", "type", "theme:"]
    ),
    st.text(max_size=30),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(arguments=st.dictionaries(ARGUMENT, VALUE, max_size=4))
def test_never_a_server_error(oai, arguments):
    arguments = {key: value.replace("\x00", "") for key, value in arguments.items()}
    oai(**arguments)  # 200 and a valid document, whatever came in
    oai("post", **arguments)
