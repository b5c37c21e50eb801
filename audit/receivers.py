"""What the audit log records from Django's own signals: logins, failed logins, and changes of a
user's groups, permissions and staff/superuser flags (and of a group's permissions); and from the
twofactor app's: enrolment, reset, refused and accepted codes."""

from django.utils.translation import gettext as _

from .context import current_request
from .services import Action, record

CREDENTIAL_FIELDS = ("username", "email")


def logged_in(sender, request, user, **kwargs):
    record(action=Action.LOGIN, actor=user, request=request, target=user)


def login_failed(sender, credentials, request=None, **kwargs):
    # Only the name typed is kept: never the password (Django already masks it here).
    typed = str(credentials.get("username", ""))
    record(
        action=Action.LOGIN_FAILED,
        request=request,
        actor_name=typed,
        target_type=_("tài khoản"),
        target_text=typed,
    )


def _names(model, pks):
    return ", ".join(sorted(str(item) for item in model.objects.filter(pk__in=pks)))


def user_access_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        # Seen from the group or permission: the users whose access changed are pk_set.
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(pk__in=pk_set or [])
        for user in users:
            _record_access(user, action, str(instance))
        return
    _record_access(instance, action, _names(model, pk_set or []))


def _record_access(user, action, names):
    verb = {"post_add": _("thêm"), "post_remove": _("bỏ"), "post_clear": _("bỏ hết")}[action]
    record(action=Action.PERMISSIONS, target=user, detail=f"{verb}: {names}".strip())


def group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if current_request() is None:
        # The staff groups are kept in step with the models after every migrate
        # (portal.staff): that is the release, not a person's action.
        return
    verb = {"post_add": _("thêm quyền"), "post_remove": _("bỏ quyền"), "post_clear": _("bỏ hết")}
    record(
        action=Action.PERMISSIONS,
        target=instance,
        detail=f"{verb[action]}: {_names(model, pk_set or [])}".strip(),
    )


def user_flags_changing(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = sender.objects.filter(pk=instance.pk).values("is_staff", "is_superuser", "is_active")
    before = before.first()
    if before is None:
        return

    def shown(value):
        return _("có") if value else _("không")

    changes = [
        f"{sender._meta.get_field(flag).verbose_name}: {shown(before[flag])} → "
        f"{shown(getattr(instance, flag))}"
        for flag in ("is_staff", "is_superuser", "is_active")
        if before[flag] != getattr(instance, flag)
    ]
    if changes:
        record(action=Action.PERMISSIONS, target=instance, detail="; ".join(changes))


def second_factor_enrolled(sender, user, request=None, **kwargs):
    record(
        action=Action.TWO_FACTOR,
        actor=user,
        request=request,
        target=user,
        detail=_("đăng ký ứng dụng xác thực"),
    )


def second_factor_reset(sender, user, by, request=None, **kwargs):
    record(
        action=Action.TWO_FACTOR,
        actor=by,
        request=request,
        target=user,
        detail=_("xóa ứng dụng xác thực và mã dự phòng"),
    )


def second_factor_failed(sender, user, request=None, locked_out=False, **kwargs):
    detail = _("mã sai, tài khoản bị khóa tạm thời") if locked_out else _("mã sai")
    record(action=Action.TWO_FACTOR, actor=user, request=request, target=user, detail=detail)


def second_factor_verified(sender, user, request=None, recovery=False, **kwargs):
    detail = _("xác thực bằng mã dự phòng") if recovery else _("xác thực bằng mã ứng dụng")
    record(action=Action.TWO_FACTOR, actor=user, request=request, target=user, detail=detail)
