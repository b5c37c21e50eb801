"""The demo's alert (alerts/demo/content.toml): shown from the load, gone three days later."""

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from alerts.blocks import render_alert_banner
from alerts.models import Alert
from portal.demo import load_table

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "alerts" / "demo" / "content.toml"


def load(now):
    tables = tomllib.loads(DEMO.read_text(encoding="utf-8")).values()
    return sum(load_table(table, DEMO.parent, now) for table in tables)


def test_the_demo_alert_shows_now_and_ends_by_itself_in_three_days():
    now = timezone.now().replace(second=0, microsecond=0)

    assert load(now) == 1
    alert = Alert.objects.get()
    assert (alert.starts_at, alert.ends_at) == (now, now + timedelta(days=3))
    assert "Tạm ngừng cấp nước" in render_alert_banner(now=now + timedelta(days=2))
    assert render_alert_banner(now=now + timedelta(days=3)) == ""
    assert load(now) == 0
