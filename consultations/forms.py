"""The citizen's comment form on a draft: name, contact, text and the one-try captcha."""

import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from core.citizenforms import CitizenForm
from core.text import VisibleCharField, VisibleTextField

from . import services
from .models import ConsultationComment

COMMENT_LIMIT_REACHED = _("Bạn đã gửi quá nhiều ý kiến trong một giờ. Vui lòng thử lại sau.")
BAD_CONTACT = _(
    "Vui lòng nhập địa chỉ thư điện tử (ví dụ an@example.com) "
    "hoặc số điện thoại (ví dụ 0912 345 678)."
)
PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


class ConsultationCommentForm(CitizenForm, forms.ModelForm):
    honeypot_message = _("Ý kiến chưa được gửi: ô “Để trống ô này” phải để trống.")
    limit_message = COMMENT_LIMIT_REACHED
    LimitReached = services.CommentLimitReached

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

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.limit_length(
            "text",
            settings.CONSULTATIONS_COMMENT_MAX_LENGTH,
            message=_(
                "Ý kiến dài tối đa %(limit_value)s ký tự (bạn đã viết %(show_value)s ký tự)."
            ),
        )

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

    def limit_reached(self, ip):
        return services.comment_limit_reached(ip)

    def send(self, data):
        """Raises services.ConsultationClosed when the closing time passed before saving."""
        return services.post_comment(
            consultation=self.consultation,
            ip=self.ip,
            name=data["name"],
            contact=data["contact"],
            text=data["text"],
        )
