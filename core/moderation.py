"""What a citizen's moderated text can be: the statuses every moderation queue shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    """A citizen's comment is held (pending) until staff approve it; only approved is public."""

    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Từ chối")
    SPAM = "spam", _("Thư rác")
