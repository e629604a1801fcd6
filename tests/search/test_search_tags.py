"""`{% suggest_type_labels %}`: the content types' labels beside the suggested titles, for the
search boxes of pages in another language than French (the suggestions API's)."""

import json

from django.utils import translation

from search.registry import get_sources
from search.templatetags.search_tags import suggest_type_labels


def test_french_pages_need_no_labels():
    with translation.override("fr"):
        assert suggest_type_labels() == ""


def test_english_pages_label_each_type_by_its_api_name_in_english():
    with translation.override("en"):
        text = suggest_type_labels()
        expected = {source.type_name: str(source.label) for source in get_sources().values()}

    labels = json.loads(text)
    assert labels == expected
    assert list(labels) == sorted(labels)
    assert labels["experiences.PracticeSheetPage"] == "Practice sheet"
    assert labels["publications.EventPage"] == "Event"
    assert text == json.dumps(expected, ensure_ascii=False, sort_keys=True)
