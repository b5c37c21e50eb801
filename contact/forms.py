"""The contact form: what a citizen writes, checked field by field with Vietnamese messages."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.citizenforms import CitizenForm
from core.text import VisibleCharField, VisibleTextField
from core.uploads import validate_document

from . import services

LIMIT_REACHED = _("Bạn đã gửi quá nhiều thư trong một giờ. Vui lòng thử lại sau.")
CHOOSE_FILE_AGAIN = _(
    "Vui lòng chọn lại tệp đính kèm: trình duyệt không giữ tệp đã chọn khi trang được gửi lại."
)
NO_WAY_TO_ANSWER = _("Vui lòng nhập thư điện tử hoặc số điện thoại để chúng tôi trả lời bạn.")
# Digits with the spaces, dots, dashes, brackets and leading + people write numbers with.
PHONE = re.compile(r"^\+?[0-9 .()\-]{8,20}$")


class ContactForm(CitizenForm, forms.Form):
    honeypot_message = _("Thư chưa được gửi: ô “Để trống ô này” phải để trống.")
    limit_message = LIMIT_REACHED
    LimitReached = services.ContactLimitReached

    name = VisibleCharField(
        label=_("Họ và tên"),
        max_length=120,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.com).")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = VisibleCharField(
        label=_("Điện thoại"),
        required=False,
        max_length=40,
        help_text=_("Cần ít nhất một trong hai: thư điện tử hoặc điện thoại."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    subject = VisibleCharField(
        label=_("Tiêu đề"),
        max_length=200,
        error_messages={"required": _("Vui lòng nhập tiêu đề thư.")},
    )
    message = VisibleTextField(
        label=_("Nội dung"),
        error_messages={"required": _("Vui lòng nhập nội dung thư.")},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, DOC, DOCX, XLS, XLSX hoặc ODT."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.odt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_length(
            "message",
            settings.CONTACT_MESSAGE_MAX_LENGTH,
            message=_(
                "Nội dung dài tối đa %(limit_value)s ký tự (bạn đã viết %(show_value)s ký tự)."
            ),
        )
        for name in ("name", "subject", "message", "captcha"):
            self.fields[name].widget.attrs.setdefault("required", True)
        # Long limits are told in words (the help text and the error), never cut off unseen.
        for name in ("name", "phone", "subject"):
            self.fields[name].widget.attrs.pop("maxlength", None)

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Số điện thoại không hợp lệ: chỉ gồm chữ số (ví dụ: 0912 345 678)."),
                code="invalid",
            )
        return phone

    def clean_together(self, cleaned_data):
        no_email = not cleaned_data.get("email") and not self.has_error("email")
        no_phone = not cleaned_data.get("phone") and not self.has_error("phone")
        if no_email and no_phone:
            self.add_error("email", forms.ValidationError(NO_WAY_TO_ANSWER, code="no_contact"))

    def limit_reached(self, ip):
        return services.limit_reached(ip)

    def full_clean(self):
        super().full_clean()
        # A file cannot be put back into the page: say so beside the field.
        if (
            self.is_bound
            and self.errors
            and self.files.get("attachment")
            and CHOOSE_FILE_AGAIN not in self.errors.get("attachment", [])
        ):
            self.add_error("attachment", forms.ValidationError(CHOOSE_FILE_AGAIN, code="again"))

    def send(self, data):
        return services.receive_message(
            ip=self.ip,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            subject=data["subject"],
            message=data["message"],
            attachment=data.get("attachment") or None,
        )
