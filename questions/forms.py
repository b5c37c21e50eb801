"""The citizen's question form and the tracking-code form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from core.citizenforms import CitizenForm
from core.text import VisibleCharField, VisibleTextField
from core.uploads import cleaned_image, document_format, image_format
from organisation.models import Unit

from . import services
from .models import Field, Question

QUESTION_LIMIT_REACHED = _(
    "Địa chỉ mạng của bạn đã gửi quá nhiều câu hỏi trong một ngày. Vui lòng thử lại vào ngày mai."
)
PHONE_CHARACTERS = set("0123456789 +.-()")


def checked_attachment(upload):
    """The citizen's file as it will be stored: an image re-encoded without its metadata, or an
    office document named after the format its content proves; or a Vietnamese error."""
    try:
        image_format(upload)
    except ValidationError as not_image:
        if not_image.code == "too_large":
            raise
        try:
            extension = document_format(upload)
        except ValidationError as error:
            if error.code == "too_large":
                raise
            raise ValidationError(
                _(
                    "Tệp đính kèm phải là ảnh (JPEG, PNG, GIF, WebP) hoặc văn bản "
                    "(PDF, DOC, DOCX, XLS, XLSX, ODT)."
                ),
                code="invalid_attachment",
            ) from None
        upload.seek(0)
        return ContentFile(upload.read(), name=f"tep.{extension}")
    return cleaned_image(upload)


class QuestionForm(CitizenForm, forms.ModelForm):
    honeypot_message = _("Câu hỏi chưa được gửi: ô “Để trống ô này” phải để trống.")
    limit_message = QUESTION_LIMIT_REACHED
    LimitReached = services.QuestionLimitReached

    ward = forms.ModelChoiceField(
        label=_("Phường, xã nơi bạn ở"),
        queryset=Unit.objects.filter(kind=Unit.Kind.WARD),
        required=False,
        empty_label=_("– Chọn phường, xã –"),
        error_messages={"invalid_choice": _("Vui lòng chọn một phường, xã trong danh sách.")},
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Field.objects.all(),
        empty_label=_("– Chọn lĩnh vực –"),
        error_messages={
            "required": _("Vui lòng chọn lĩnh vực của câu hỏi."),
            "invalid_choice": _("Vui lòng chọn một lĩnh vực trong danh sách."),
        },
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Ảnh hoặc văn bản (PDF, DOC, DOCX, XLS, XLSX, ODT)."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.odt"}
        ),
    )

    class Meta:
        model = Question
        fields = [
            "name", "name_shown", "email", "phone", "ward", "ward_text", "field", "title", "text",
        ]  # fmt: skip
        field_classes = {
            "name": VisibleCharField,
            "phone": VisibleCharField,
            "ward_text": VisibleCharField,
            "title": VisibleCharField,
            "text": VisibleTextField,
        }
        labels = {
            "name": _("Họ và tên"),
            "name_shown": _("Khi công bố câu hỏi"),
            "email": _("Thư điện tử"),
            "phone": _("Số điện thoại"),
            "ward_text": _("Nơi ở (phường, xã, tổ dân phố)"),
            "title": _("Tiêu đề câu hỏi"),
            "text": _("Nội dung câu hỏi"),
        }
        help_texts = {
            "email": _("Để nhận mã tra cứu và tin báo khi có câu trả lời. Không công bố."),
            "phone": _("Ghi thư điện tử hoặc số điện thoại (ít nhất một). Không công bố."),
        }
        error_messages = {
            "name": {"required": _("Vui lòng nhập họ và tên.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            "title": {"required": _("Vui lòng nhập tiêu đề câu hỏi.")},
            "text": {"required": _("Vui lòng nhập nội dung câu hỏi.")},
            "name_shown": {"invalid_choice": _("Vui lòng chọn một cách hiển thị tên.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "name_shown": forms.RadioSelect,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_length(
            "text",
            settings.QUESTIONS_TEXT_MAX_LENGTH,
            message=_(
                "Câu hỏi dài tối đa %(limit_value)s ký tự (bạn đã viết %(show_value)s ký tự)."
            ),
        )
        self.fields["title"].error_messages["max_length"] = _(
            "Tiêu đề dài tối đa %(limit_value)s ký tự (bạn đã viết %(show_value)s ký tự)."
        )
        self.fields["name_shown"].choices = Question.NameShown.choices
        self.has_wards = self.fields["ward"].queryset.exists()
        # A ward chosen from the organisation's list; written by hand while it has none.
        del self.fields["ward_text" if self.has_wards else "ward"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        digits = [ch for ch in phone if ch.isdigit()]
        if phone and (set(phone) - PHONE_CHARACTERS or not 8 <= len(digits) <= 15):
            raise ValidationError(
                _("Số điện thoại không hợp lệ (8 đến 15 chữ số, ví dụ 0912 345 678)."),
                code="invalid",
            )
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return checked_attachment(upload) if upload else None

    def clean_together(self, cleaned_data):
        if (
            "email" in cleaned_data
            and "phone" in cleaned_data
            and not (cleaned_data["email"] or cleaned_data["phone"])
        ):
            self.add_error(
                "email",
                ValidationError(
                    _("Vui lòng ghi thư điện tử hoặc số điện thoại để chúng tôi liên hệ khi cần."),
                    code="contact_required",
                ),
            )

    def limit_reached(self, ip):
        return services.question_limit_reached(ip)

    def send(self, data):
        return services.submit_question(
            ip=self.ip,
            name=data["name"],
            name_shown=data["name_shown"],
            email=data["email"],
            phone=data["phone"],
            ward=data.get("ward"),
            ward_text=data.get("ward_text", ""),
            field=data["field"],
            title=data["title"],
            text=data["text"],
            attachment=data.get("attachment"),
        )


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        help_text=_("Mã bạn nhận khi gửi câu hỏi, ví dụ HD-7K3M9Q."),
        error_messages={"required": _("Vui lòng nhập mã tra cứu.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
