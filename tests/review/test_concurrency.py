"""Approvers acting on the same item at the same moment on PostgreSQL: exactly one move happens,
every other approver is told in Vietnamese what happened instead, and nothing is half-done."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from factories import make_article, make_category, make_document
from reversion.models import Version
from threads import run_at_once

from audit.models import AuditEntry
from documents.models import Document
from news.models import Article, CategoryApprover
from portal.staff import APPROVERS
from review import services
from review.models import ReviewState

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
APPROVER_COUNT = 6


def approvers_of(category, django_user_model):
    group = Group.objects.get(name=APPROVERS)
    users = []
    for number in range(APPROVER_COUNT):
        user = django_user_model.objects.create_user(f"duyet{number}", is_staff=True)
        user.groups.add(group)
        CategoryApprover.objects.create(category=category, user=user)
        users.append(user)
    return users


def attempt(work):
    try:
        work()
    except services.ReviewConflict as conflict:
        return conflict.message
    return "ok"


def test_approvers_publishing_and_returning_at_once_leave_one_decision(django_user_model):
    category = make_category()
    approvers = approvers_of(category, django_user_model)
    article = make_article(category=category, status=ReviewState.SUBMITTED)

    def act(number):
        # Half publish, half return: each starts from the same "submitted" article.
        item = Article.objects.get(pk=article.pk)
        if number % 2:
            return attempt(lambda: services.publish(user=approvers[number], item=item))
        return attempt(
            lambda: services.return_to_editor(user=approvers[number], item=item, comment="Sửa")
        )

    outcomes = run_at_once(APPROVER_COUNT, act)

    assert outcomes.count("ok") == 1, outcomes
    article.refresh_from_db()
    state_label = str(ReviewState(article.status).label)
    for message in outcomes:
        if message != "ok":
            assert "vừa được người khác xử lý" in message
            assert state_label in message
    assert article.status in (ReviewState.PUBLISHED, ReviewState.RETURNED)
    decided = AuditEntry.objects.filter(action__in=["publish", "return"], target_id=article.pk)
    assert decided.count() == 1
    assert decided.get().actor == article.reviewed_by
    assert Version.objects.get_for_object(article).count() == 1


def test_two_document_approvers_at_once_publish_it_once(django_user_model):
    from django.contrib.auth.models import Permission

    approve = Permission.objects.get(codename="approve_document")
    change = Permission.objects.get(codename="change_document")
    users = []
    for number in range(2):
        user = django_user_model.objects.create_user(f"vb{number}", is_staff=True)
        user.user_permissions.add(approve, change)
        users.append(user)
    document = make_document(state=ReviewState.SUBMITTED)

    outcomes = run_at_once(
        2,
        lambda number: attempt(
            lambda: services.publish(user=users[number], item=Document.objects.get(pk=document.pk))
        ),
    )

    assert sorted(outcomes)[-1] == "ok" and outcomes.count("ok") == 1, outcomes
    assert AuditEntry.objects.filter(action="publish", target_id=document.pk).count() == 1
