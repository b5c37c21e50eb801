"""What every citizen's form shares: the honeypot, the one-try captcha, the per-address limit told
early and held by the app's service, and a length limit told in words."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .captcha import CaptchaField


class LengthLimit(MaxLengthValidator):
    """Django's MaxLengthValidator, its figures written as the town writes numbers ("5.000")."""

    def __call__(self, value):
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            params = {
                "limit_value": number_format(self.limit_value, force_grouping=True),
                "show_value": number_format(length, force_grouping=True),
                "value": value,
            }
            raise ValidationError(self.message, code=self.code, params=params)


class CitizenForm(forms.Form):
    """A citizen's form; an app's form inherits it before ``forms.Form`` or ``forms.ModelForm``.

    The app's form says what its refusals read (``honeypot_message``, ``limit_message``), how
    its limit is counted (``limit_reached``), which exception its service raises when the limit
    is hit under concurrency (``LimitReached``) and what sending is (``send``). Its ``save()``
    then answers the sent object, or None with the limit's error on the form.
    """

    # Left empty by people, filled in by form-filling robots.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # One try per key, spent atomically (core.captcha): one solved captcha, one text sent.
    captcha = CaptchaField()

    honeypot_message: str
    limit_message: str
    # The exception the app's service raises when the limit is hit: a class the app's form names.
    LimitReached: type[Exception]

    def __init__(self, *args, ip=None, lazy_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ip = ip
        self.fields["captcha"].for_reader(ip, lazy=lazy_captcha)
        # After what the citizen writes, whatever order the app's fields were declared in.
        for name in ("website", "captcha"):
            self.fields[name] = self.fields.pop(name)

    def limit_length(self, name, limit, *, message):
        """No more than ``limit`` characters in field ``name``: said beside the field and, past
        it, in ``message`` (which may name %(limit_value)s and %(show_value)s)."""
        self.fields[name].validators.append(LengthLimit(limit, message=message))
        self.fields[name].help_text = _("Tối đa %(limit)s ký tự.") % {
            "limit": number_format(limit, force_grouping=True)
        }

    def limit_reached(self, ip):
        """Whether ``ip``'s address block has sent all it may for now (the app's count)."""
        raise NotImplementedError

    def clean_together(self, cleaned_data):
        """Checks across the app's fields, after the honeypot's and before the limit's."""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise ValidationError(self.honeypot_message, code="honeypot")
        self.clean_together(cleaned_data)
        # Told early here; the app's service holds the limit exactly under concurrency.
        if self.ip and self.limit_reached(self.ip):
            raise ValidationError(self.limit_message, code="rate_limited")
        return cleaned_data

    @property
    def is_rate_limited(self):
        return self.has_error(NON_FIELD_ERRORS, code="rate_limited")

    @property
    def refusal_status(self):
        """The HTTP status of a page that shows this form's errors again."""
        return 429 if self.is_rate_limited else 400

    def send(self, data):
        """Hand the cleaned ``data`` to the app's service; answers what it stored."""
        raise NotImplementedError

    def save(self, commit=True):
        """Send what the citizen wrote; None, with the limit's error on the form, when the limit
        is hit."""
        try:
            return self.send(self.cleaned_data)
        except self.LimitReached:
            self.add_error(None, ValidationError(self.limit_message, code="rate_limited"))
            return None
