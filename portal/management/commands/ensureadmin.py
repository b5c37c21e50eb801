"""Create the local admin account once and print its login on every run."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the superuser 'admin' with a random password (once) and print the login."

    def handle(self, *args, **options):
        password_file = settings.BASE_DIR / "var" / "admin-password.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_model.objects.create_superuser(USERNAME, password=password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        password = password_file.read_text().strip()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.SITE_URL}/{settings.ADMIN_URL}  user: {USERNAME}  "
                f"password: {password}"
            )
        )
        if settings.STAFF_TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "Two-factor login is on: after the password, the admin asks for a code from an "
                "authenticator app; on the first login it shows a QR code (and the secret as "
                "text) to add the account to the app, then one-time recovery codes to keep."
            )
        else:
            self.stdout.write(
                "Two-factor login is off (DJANGO_DEBUG=1): the password alone opens the admin. "
                "To try it locally, run with STAFF_TWO_FACTOR_REQUIRED=1; it is on in "
                "production."
            )
