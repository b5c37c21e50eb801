"""App configuration for the audit log, and the accounts' signals it records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Nhật ký thao tác")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import m2m_changed, pre_save

        from twofactor import signals as two_factor

        from . import receivers

        user_logged_in.connect(receivers.logged_in, dispatch_uid="audit_login")
        user_login_failed.connect(receivers.login_failed, dispatch_uid="audit_login_failed")
        User = get_user_model()
        for relation in (User.groups, User.user_permissions):
            m2m_changed.connect(
                receivers.user_access_changed,
                sender=relation.through,
                dispatch_uid=f"audit_{relation.field.name}",
            )
        pre_save.connect(receivers.user_flags_changing, sender=User, dispatch_uid="audit_flags")
        from django.contrib.auth.models import Group

        m2m_changed.connect(
            receivers.group_permissions_changed,
            sender=Group.permissions.through,
            dispatch_uid="audit_group_permissions",
        )
        # The second factor's steps (twofactor/signals.py): enrolment, a superuser's reset,
        # refused codes (with a lock-out) and the completed login.
        for signal, receiver in (
            (two_factor.second_factor_enrolled, receivers.second_factor_enrolled),
            (two_factor.second_factor_reset, receivers.second_factor_reset),
            (two_factor.second_factor_failed, receivers.second_factor_failed),
            (two_factor.second_factor_verified, receivers.second_factor_verified),
        ):
            signal.connect(receiver, dispatch_uid=f"audit_{receiver.__name__}")
