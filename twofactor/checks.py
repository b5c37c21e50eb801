"""A deploy check: production should not run with two-factor login for staff switched off."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required_in_production(app_configs=None, **kwargs):
    if settings.DEBUG or settings.STAFF_TWO_FACTOR_REQUIRED:
        return []
    return [
        checks.Warning(
            "STAFF_TWO_FACTOR_REQUIRED is off: a staff password alone opens the admin.",
            hint="Leave STAFF_TWO_FACTOR_REQUIRED unset (or 1) in production.",
            id="twofactor.W001",
        )
    ]
