"""django-axes under a Vietnamese name: the app ships no verbose_name, so the admin said "Axes"."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Bảo vệ đăng nhập")
