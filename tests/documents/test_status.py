"""A document's status for readers comes from its dates and its replacements, as of today."""

from datetime import timedelta

import pytest
from factories import make_document

from documents.models import Document, DocumentRelation, Status

pytestmark = pytest.mark.django_db


def status_of(document, on=None):
    return Document.objects.with_status(on=on).get(pk=document.pk).status


def days(number):
    from django.utils import timezone

    return timezone.localdate() + timedelta(days=number)


def test_a_document_whose_effective_date_has_come_is_in_force():
    document = make_document(issued_on=days(-10), effective_on=days(0))
    assert status_of(document) == Status.IN_FORCE


def test_a_document_whose_effective_date_is_ahead_is_not_yet_in_force():
    document = make_document(issued_on=days(-1), effective_on=days(10))
    assert status_of(document) == Status.NOT_YET
    assert status_of(document, on=days(10)) == Status.IN_FORCE


def test_a_document_expires_on_its_expiry_date():
    document = make_document(issued_on=days(-30), effective_on=days(-20), expires_on=days(5))
    assert status_of(document) == Status.IN_FORCE
    assert status_of(document, on=days(4)) == Status.IN_FORCE
    assert status_of(document, on=days(5)) == Status.EXPIRED


def test_a_document_replaced_by_one_in_force_has_expired():
    old = make_document(issued_on=days(-400), effective_on=days(-390))
    new = make_document(issued_on=days(-5), effective_on=days(-1))
    DocumentRelation.objects.create(source=new, kind=DocumentRelation.Kind.REPLACES, target=old)
    assert status_of(old) == Status.EXPIRED
    assert status_of(new) == Status.IN_FORCE


def test_a_replacement_not_yet_in_force_leaves_the_old_document_in_force_until_it_is():
    old = make_document(issued_on=days(-400), effective_on=days(-390))
    new = make_document(issued_on=days(-1), effective_on=days(14))
    DocumentRelation.objects.create(source=new, kind=DocumentRelation.Kind.REPLACES, target=old)
    assert status_of(old) == Status.IN_FORCE
    assert status_of(old, on=days(14)) == Status.EXPIRED


def test_amending_or_relating_does_not_end_a_document():
    old = make_document(issued_on=days(-400), effective_on=days(-390))
    other = make_document()
    for kind in (DocumentRelation.Kind.AMENDS, DocumentRelation.Kind.RELATED):
        DocumentRelation.objects.create(source=other, kind=kind, target=old)
    assert status_of(old) == Status.IN_FORCE


def test_the_list_can_be_filtered_by_status():
    in_force = make_document(issued_on=days(-3), effective_on=days(-3))
    upcoming = make_document(issued_on=days(-1), effective_on=days(3))
    expired = make_document(issued_on=days(-90), effective_on=days(-80), expires_on=days(-1))
    found = {
        status: set(Document.objects.filtered(status=status).values_list("pk", flat=True))
        for status in Status.values
    }
    assert found == {
        Status.IN_FORCE: {in_force.pk},
        Status.NOT_YET: {upcoming.pk},
        Status.EXPIRED: {expired.pk},
    }


def test_the_next_status_change_is_the_soonest_coming_effective_or_expiry_date():
    make_document(issued_on=days(-1), effective_on=days(9))
    make_document(issued_on=days(-30), effective_on=days(-20), expires_on=days(4))
    change = Document.objects.next_status_change()
    from django.utils import timezone

    assert timezone.localtime(change).date() == days(4)
    assert (timezone.localtime(change).hour, timezone.localtime(change).minute) == (0, 0)
