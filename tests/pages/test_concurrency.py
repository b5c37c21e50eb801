"""Two members of staff editing the tree at the same moment on PostgreSQL: a page moved while a
page under it is saved ends up under its parent's new address, and every old address works."""

import time

import pytest
from django.db import connection
from factories import make_page, make_staff
from threads import run_at_once

from pages.models import Page
from pages.selectors import moved_to, public_page

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_a_parent_moved_while_its_children_are_edited_keeps_the_tree_whole():
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    children = [make_page(title=f"Mục {n}", slug=f"muc-{n}", parent=about) for n in range(6)]

    for round_number in range(3):
        # Each editor opened the child's form before the move: the parent in hand is the old one.
        opened = list(Page.objects.select_related("parent").filter(parent=about).order_by("pk"))

        def work(number, opened=opened, round_number=round_number):
            if number == 0:
                moved = Page.objects.get(pk=about.pk)
                moved.slug = "ve-thi-xa"
                moved.save()
            else:
                child = opened[number - 1]
                # Some save as the move commits, some just after it.
                time.sleep(0.01 * number * round_number)
                child.title = f"Mục {number} (đã sửa)"
                child.save()

        run_at_once(len(children) + 1, work)
        about.refresh_from_db()
        for child in Page.objects.filter(parent=about):
            assert child.path == f"{about.path}/{child.slug}", child.path
            assert public_page(path=child.path) is not None
            assert moved_to(path=f"gioi-thieu/{child.slug}") == child.get_absolute_url()
        # Back again for the next round, as staff who change their mind.
        about.slug = "gioi-thieu"
        about.save()


def test_children_published_while_their_parent_moves_are_all_published_under_its_new_address(
    db,
):

    from portal.staff import APPROVERS
    from review import services
    from review.models import ReviewState

    approver = make_staff("nguoiduyet", APPROVERS)
    about = make_page(title="Giới thiệu", slug="gioi-thieu")
    children = [
        make_page(title=f"Mục {n}", slug=f"muc-{n}", parent=about, status=ReviewState.SUBMITTED)
        for n in range(5)
    ]

    def work(number):
        if number == 0:
            moved = Page.objects.get(pk=about.pk)
            moved.slug = "ve-thi-xa"
            moved.save()
            return "moved"
        # Each approver opened the child's page before the move.
        services.publish(user=approver, item=children[number - 1])
        return "published"

    results = run_at_once(len(children) + 1, work)

    assert results == ["moved"] + ["published"] * len(children)
    for child in Page.objects.filter(parent=about):
        assert child.status == ReviewState.PUBLISHED
        assert child.path == f"ve-thi-xa/{child.slug}"
        assert public_page(path=child.path) is not None
