"""The audit log records the staff actions that matter, with who, when, what and the address;
superusers read and filter it in the admin, and nobody can change it there."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from factories import make_article, make_category, make_comment, make_staff
from staff_login import code_step, enrol, password_step, totp_code

from audit.models import AuditEntry
from news.models import CategoryApprover
from portal.staff import APPROVERS, MODERATORS
from review import services
from review.models import ReviewState
from twofactor.services import reset_devices

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("quantri", "qt@example.org", PASSWORD)


@pytest.fixture
def superuser_client(superuser):
    browser = Client(REMOTE_ADDR="198.51.100.7")
    browser.force_login(superuser)
    return browser


def test_a_publish_is_recorded_with_who_what_and_the_address(db):
    category = make_category()
    approver = make_staff("duyetbai", APPROVERS)
    CategoryApprover.objects.create(category=category, user=approver)
    article = make_article(category=category, status=ReviewState.SUBMITTED, title="Tin lũ")
    browser = Client(REMOTE_ADDR="203.0.113.45")
    browser.post(reverse("admin:login"), {"username": "duyetbai", "password": PASSWORD})

    browser.post(reverse("admin:news_article_review", args=[article.pk]), {"move": "publish"})

    entry = AuditEntry.objects.get(action=AuditEntry.Action.PUBLISH)
    assert entry.actor == approver and entry.actor_name == "duyetbai"
    assert (entry.target_type, entry.target_id, entry.target_text) == (
        "bài viết",
        str(article.pk),
        "Tin lũ",
    )
    assert entry.ip == "203.0.113.45"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN, actor=approver).exists()


def test_a_failed_login_is_recorded_with_the_name_typed_and_never_the_password(client):
    client.post(
        reverse("admin:login"),
        {"username": "khongtontai", "password": "doan-mo-123"},
        REMOTE_ADDR="192.0.2.10",
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LOGIN_FAILED)
    assert entry.actor is None and entry.actor_name == "khongtontai"
    assert entry.ip == "192.0.2.10"
    assert "doan-mo-123" not in str(list(AuditEntry.objects.values()))


def test_return_withdraw_and_delete_are_recorded(superuser):
    article = make_article(status=ReviewState.SUBMITTED, title="Bài thử ghi nhật ký")
    services.return_to_editor(user=superuser, item=article, comment="Thiếu nguồn")
    services.publish(user=superuser, item=article)
    services.withdraw(user=superuser, item=article)
    article.delete()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "detail"))
    assert actions == [
        ("return", "Thiếu nguồn"),
        ("publish", ""),
        ("withdraw", ""),
        ("delete", ""),
    ]


def test_changes_of_a_users_groups_and_flags_are_recorded(superuser_client, django_user_model):
    staff = make_staff("nhanvien", MODERATORS)
    staff.is_superuser = True
    staff.save()
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.PERMISSIONS, target_id=staff.pk)
    details = " | ".join(entries.values_list("detail", flat=True))
    assert "Kiểm duyệt viên" in details
    with translation.override("vi"):
        superuser_label = str(django_user_model._meta.get_field("is_superuser").verbose_name)
    assert f"{superuser_label}: không → có" in details


def test_comment_moderation_is_recorded(superuser_client):
    comment = make_comment(make_article())
    superuser_client.post(
        reverse("admin:ratings_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk]},
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MODERATE)
    assert entry.actor_name == "quantri" and entry.ip == "198.51.100.7"
    assert str(comment.pk) in entry.target_id or comment.text[:20] in entry.target_text


def test_superusers_read_and_filter_the_log_in_the_admin(superuser_client, client):
    client.post(reverse("admin:login"), {"username": "ai-do", "password": "sai"})
    listing = superuser_client.get(
        reverse("admin:audit_auditentry_changelist") + "?action__exact=login_failed"
    )
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "ai-do" in page and "Đăng nhập thất bại" in page


def test_the_log_cannot_be_added_changed_or_deleted_in_the_admin(superuser_client):
    make_article(title="Bài bị xoá").delete()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])

    page = superuser_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert superuser_client.post(change, {"target_text": "Sửa lịch sử"}).status_code == 403
    assert superuser_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    superuser_client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    entry.refresh_from_db()
    assert entry.target_text == "Bài bị xoá"


def test_staff_who_are_not_superusers_cannot_read_the_log(editor_client):
    make_article().delete()
    assert editor_client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403
    assert "Nhật ký thao tác" not in editor_client.get(reverse("admin:index")).content.decode()


def two_factor_entries(user):
    return list(
        AuditEntry.objects.filter(action=AuditEntry.Action.TWO_FACTOR, target_id=str(user.pk))
        .order_by("pk")
        .values_list("detail", "ip")
    )


@pytest.mark.usefixtures("two_factor_required")
def test_a_refused_second_factor_code_is_recorded_with_the_address(editor):
    device, _ = enrol(editor)
    browser = Client(REMOTE_ADDR="203.0.113.9")
    password_step(browser, editor.username)
    code_step(browser, f"{(int(totp_code(device)) + 1) % 1_000_000:06d}")

    assert two_factor_entries(editor) == [("mã sai", "203.0.113.9")]


@pytest.mark.usefixtures("two_factor_required")
def test_a_completed_login_and_a_superusers_reset_are_recorded(editor, superuser):
    device, _ = enrol(editor)
    browser = Client(REMOTE_ADDR="203.0.113.10")
    password_step(browser, editor.username)
    code_step(browser, totp_code(device))
    reset_devices(user=editor, by=superuser)

    assert [detail for detail, _ in two_factor_entries(editor)] == [
        "xác thực bằng mã ứng dụng",
        "xóa ứng dụng xác thực và mã dự phòng",
    ]
    reset = AuditEntry.objects.filter(action=AuditEntry.Action.TWO_FACTOR).latest("pk")
    assert reset.actor == superuser
