"""Writing to the audit log: the one call every app (and the 2FA login) makes."""

from django.db import models

from core.clientip import UNKNOWN_IP, client_ip

from .context import current_request
from .models import AuditEntry

Action = AuditEntry.Action


def record(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_text: str = "",
    detail: str = "",
    request=None,
    actor_name: str = "",
) -> AuditEntry:
    """Add an entry: ``action`` (an ``AuditEntry.Action``) done by ``actor`` on ``target``.

    The actor and the address come from ``request``, else from the request being served
    (audit.context), so receivers of model signals need not pass them. ``target`` gives the
    object's type, id and text; the ``target_*`` arguments name something that is no model row.
    """
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    ip = client_ip(request) if request is not None else None
    if target is not None:
        target_type = target_type or str(target._meta.verbose_name)
        target_id = target_id or str(target.pk or "")
        target_text = target_text or str(target)
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor_name or (actor.get_username() if actor is not None else ""))[:150],
        target_type=target_type[:100],
        target_id=str(target_id)[:64],
        target_text=target_text[:255],
        detail=detail,
        ip=None if ip in (None, UNKNOWN_IP) else ip,
    )
