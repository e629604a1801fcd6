import pytest
from django.core.exceptions import ValidationError

from core.choices import Region
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_organisation_membership_years_must_be_in_order():
    organisation = OrganisationFactory.build(member_since=2010, member_until=2008)
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "member_until" in excinfo.value.message_dict


def test_organisation_region_name_and_membership():
    current = OrganisationFactory(acronym="ORIV", region=Region.GRAND_EST, member_until=None)
    former = OrganisationFactory(acronym="CREFE", member_since=2005, member_until=2012)
    assert current.region_name == "Grand Est"
    assert current.is_current_member
    assert not former.is_current_member


def test_person_full_name_and_string():
    person = PersonFactory(first_name="Olivier", last_name="Noël")
    assert person.full_name == "Olivier Noël"
    assert str(person) == "Olivier Noël"


def test_theme_slug_is_unique():
    ThemeFactory(slug="laicite", name="Laïcité")
    duplicate = ThemeFactory.build(slug="laicite", name="Laïcité bis")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
