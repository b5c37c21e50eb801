"""The public templates' filters write what Django's own filters would."""

from datetime import UTC, datetime

import pytest
from django.template import defaultfilters
from django.utils import timezone, translation

from core.templating import date


@pytest.mark.parametrize(
    "format_name",
    [
        None,
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "d/m/Y H:i:s",
        "j F Y",
        r"\N\g\à\y d",
        "c",
    ],
)
def test_date_writes_what_django_s_date_filter_writes_in_the_town_s_time(format_name):
    # 23:05 UTC is already the next day in Ho Chi Minh City.
    value = datetime(2023, 4, 6, 23, 5, 9, tzinfo=UTC)

    with translation.override("vi"):
        written = date(value, format_name)
        assert written == defaultfilters.date(timezone.localtime(value), format_name)
    if format_name == "SHORT_DATETIME_FORMAT":
        assert written == "07/04/2023 06:05"
