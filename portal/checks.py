"""System checks that keep test-only switches out of production."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def captcha_test_mode_off_in_production(app_configs=None, **kwargs):
    """Captcha test mode accepts "PASSED" as every answer: only a DEBUG site may have it on."""
    # django-simple-captcha copies its settings at import; this is the value it really uses.
    from captcha.conf import settings as captcha_settings

    if settings.DEBUG or not captcha_settings.CAPTCHA_TEST_MODE:
        return []
    return [
        checks.Error(
            "CAPTCHA_TEST_MODE is on while DEBUG is off: every captcha answer would pass.",
            hint="Remove CAPTCHA_TEST_MODE from the production settings.",
            id="portal.E001",
        )
    ]


def refuse_to_start_with_captcha_test_mode():
    """Stop at start-up (PortalConfig.ready): gunicorn serves without running system checks."""
    for problem in captcha_test_mode_off_in_production():
        raise ImproperlyConfigured(f"{problem.msg} {problem.hint}")
