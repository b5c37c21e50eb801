"""App configuration for the review workflow (states, approvers' scopes, revisions)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = _("Duyệt và lịch sử sửa đổi")
