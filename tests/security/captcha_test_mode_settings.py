"""Production settings with captcha test mode switched on: the portal must refuse to start."""

from portal.settings import *  # noqa: F403

CAPTCHA_TEST_MODE = True
