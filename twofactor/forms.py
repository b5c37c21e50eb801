"""The one field of the code step and of enrolment."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        strip=True,
        error_messages={"required": _("Hãy nhập mã xác thực.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


class RecoveryCodeForm(CodeForm):
    """The code step: a code from the app, or a recovery code (letters, so no numeric keypad)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.pop("inputmode")
