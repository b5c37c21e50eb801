"""Reads of the organisation other code needs: the chart, a unit with its people, the
leadership and spokespeople, the contact page's units, the introduction."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Introduction, Person, Unit


@dataclass
class ChartNode:
    """A unit in the organisation chart, with the units under it."""

    unit: Unit
    children: list["ChartNode"] = field(default_factory=list)


def organisation_chart() -> list[ChartNode]:
    """Every unit as a tree of its parents and children, in the staff's order; one query."""
    units = list(Unit.objects.all())
    nodes = {unit.pk: ChartNode(unit) for unit in units}
    roots = []
    for unit in units:
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def units_with_people():
    """Every unit with its people (the directory), in the staff's order; two queries."""
    return Unit.objects.prefetch_related(Prefetch("people", queryset=Person.objects.all()))


def public_unit(*, slug: str) -> Unit | None:
    """The unit at ``slug`` with its parent, children and people, or None."""
    return (
        Unit.objects.select_related("parent")
        .prefetch_related("children", Prefetch("people", queryset=Person.objects.all()))
        .filter(slug=slug)
        .first()
    )


def leadership():
    """The town's leadership, units' order first, then each unit's order of its people."""
    return Person.objects.leadership().select_related("unit").order_by("unit__order", "order")


def spokespeople():
    return Person.objects.spokespeople().select_related("unit").order_by("unit__order", "order")


def search_people(*, query: str):
    return Person.objects.search(query).select_related("unit").order_by("unit__order", "order")


def contact_units():
    """The units whose addresses the contact pages list."""
    return Unit.objects.on_contact_page()


def introduction() -> Introduction | None:
    return Introduction.objects.first()
