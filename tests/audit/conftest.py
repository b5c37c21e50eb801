"""The audit tests read the log from empty (other tests' staff actions stay out of it)."""

import pytest


@pytest.fixture(autouse=True)
def _empty_log(db):
    from audit.models import AuditEntry

    AuditEntry.objects.all().delete()
