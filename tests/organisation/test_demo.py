"""The demo organisation (organisation/demo/content.toml): every kind of unit, people with
English positions, an English introduction; loading again adds nothing."""

import tomllib
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from organisation.models import Introduction, Person, Unit
from portal.demo import load_table

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "organisation" / "demo" / "content.toml"


def load():
    now = timezone.now()
    tables = tomllib.loads(DEMO.read_text(encoding="utf-8")).values()
    return sum(load_table(table, DEMO.parent, now) for table in tables)


def test_the_demo_organisation_has_every_kind_of_unit_people_and_english(client):
    created = load()
    assert created == Unit.objects.count() + Person.objects.count() + 1
    assert set(Unit.objects.values_list("kind", flat=True)) >= {
        "council",
        "committee",
        "office",
        "service",
        "ward",
    }
    assert Person.objects.filter(is_leadership=True).exists()
    assert Person.objects.filter(is_spokesperson=True).exists()
    assert Person.objects.exclude(position_en="").count() >= Person.objects.count() - 1
    assert Introduction.objects.get().text_en
    # The pages a reader opens first show it.
    directory = client.get(reverse("organisation:directory")).content.decode()
    assert "Ủy ban nhân dân thị xã" in directory and "Người phát ngôn" in directory
    assert "About the town" in client.get(reverse("organisation:home_en")).content.decode()
    assert load() == 0
