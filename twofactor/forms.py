"""The one field of the code step and of enrolment (twofactor/code_field.html draws it)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        strip=True,
        error_messages={"required": _("Hãy nhập mã xác thực.")},
    )
