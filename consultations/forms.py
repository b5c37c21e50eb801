"""The citizen's comment form on a draft: name, contact, text and the one-try captcha."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxLengthValidator, validate_email
from django.utils.translation import gettext_lazy as _

from core.captcha import CaptchaField
from core.text import VisibleCharField, VisibleTextField

from . import services
from .models import ConsultationComment

COMMENT_LIMIT_REACHED = _("Bạn đã gửi quá nhiều ý kiến trong một giờ. Vui lòng thử lại sau.")
BAD_CONTACT = _(
    "Vui lòng nhập địa chỉ thư điện tử (ví dụ an@example.com) "
    "hoặc số điện thoại (ví dụ 0912 345 678)."
)
PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


class ConsultationCommentForm(forms.ModelForm):
    # Left empty by people, filled in by form-filling robots.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    captcha = CaptchaField()

    class Meta:
        model = ConsultationComment
        fields = ["name", "contact", "text"]
        field_classes = {
            "name": VisibleCharField,
            "contact": VisibleCharField,
            "text": VisibleTextField,
        }
        labels = {
            "name": _("Họ và tên"),
            "contact": _("Thư điện tử hoặc số điện thoại (không hiển thị công khai)"),
            "text": _("Ý kiến góp ý"),
        }
        error_messages = {
            "name": {"required": _("Vui lòng nhập họ và tên.")},
            "contact": {"required": _("Vui lòng nhập thư điện tử hoặc số điện thoại.")},
            "text": {"required": _("Vui lòng nhập ý kiến góp ý.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact": forms.TextInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, consultation, ip, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.ip = ip
        self.fields["captcha"].for_reader(ip)
        limit = settings.CONSULTATIONS_COMMENT_MAX_LENGTH
        self.fields["text"].validators.append(
            MaxLengthValidator(
                limit,
                message=_(
                    "Ý kiến dài tối đa %(limit_value)d ký tự (bạn đã viết %(show_value)d ký tự)."
                ),
            )
        )
        self.fields["text"].help_text = _("Tối đa %(limit)d ký tự.") % {"limit": limit}

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "@" in contact:
            try:
                validate_email(contact)
            except forms.ValidationError:
                raise forms.ValidationError(BAD_CONTACT, code="invalid") from None
        elif not PHONE.match(contact) or sum(char.isdigit() for char in contact) < 8:
            raise forms.ValidationError(BAD_CONTACT, code="invalid")
        return contact

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Ý kiến chưa được gửi: ô “Để trống ô này” phải để trống."), code="honeypot"
            )
        # Told early here; services.post_comment holds the limit exactly under concurrency.
        if self.ip and services.comment_limit_reached(self.ip):
            raise forms.ValidationError(COMMENT_LIMIT_REACHED, code="rate_limited")
        return cleaned_data

    @property
    def is_rate_limited(self):
        return self.has_error(NON_FIELD_ERRORS, code="rate_limited")

    def save(self, commit=True):
        """Post the comment; None with the limit's error on the form when the limit is hit.
        Raises services.ConsultationClosed when the closing time passed before saving."""
        data = self.cleaned_data
        try:
            return services.post_comment(
                consultation=self.consultation,
                ip=self.ip,
                name=data["name"],
                contact=data["contact"],
                text=data["text"],
            )
        except services.CommentLimitReached:
            self.add_error(None, forms.ValidationError(COMMENT_LIMIT_REACHED, code="rate_limited"))
            return None
