"""The twofactor app: staff give a code from an authenticator app after their password."""

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "twofactor"
    verbose_name = _("Xác thực hai bước")

    def ready(self):
        from . import checks, services  # noqa: F401 -- checks registers itself

        # After a password login that needs no second factor, the login is complete: clear its
        # failed attempts here (AXES_RESET_ON_SUCCESS is off, see settings).
        user_logged_in.connect(
            services.complete_password_only_login, dispatch_uid="twofactor_password_only"
        )
