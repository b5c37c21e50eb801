"""Two-factor login for staff: an authenticator app (TOTP) and recovery codes, on django-otp."""
