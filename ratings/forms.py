"""The star form and the comment form, shared by the article page and its no-JavaScript page."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.citizenforms import CitizenForm
from core.memo import Memo
from core.rendering import render_html
from core.text import VisibleCharField, VisibleTextField

from . import services
from .models import MAX_STARS, MIN_STARS, Comment

STAR_CHOICES = [
    (stars, _("%(stars)d sao") % {"stars": stars}) for stars in range(MIN_STARS, MAX_STARS + 1)
]
STARS_OUT_OF_RANGE = _("Số sao phải là một số từ 1 đến 5.")
# They depend only on settings and the language: kept for as long as the process lives.
BLANK_FIELDS_SECONDS = 365 * 24 * 60 * 60
COMMENT_LIMIT_REACHED = _("Bạn đã gửi quá nhiều bình luận trong một giờ. Vui lòng thử lại sau.")


class VoteForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Chọn số sao"),
        choices=STAR_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vui lòng chọn số sao (từ 1 đến 5)."),
            "invalid_choice": STARS_OUT_OF_RANGE,
        },
    )


class CommentForm(CitizenForm, forms.ModelForm):
    honeypot_message = _("Bình luận chưa được gửi: ô “Để trống ô này” phải để trống.")
    limit_message = COMMENT_LIMIT_REACHED
    LimitReached = services.CommentLimitReached

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        # Names and texts are shown to everyone: no bidi overrides or invisible characters.
        field_classes = {"name": VisibleCharField, "text": VisibleTextField}
        labels = {
            "name": _("Họ và tên"),
            "email": _("Thư điện tử (không bắt buộc, không hiển thị)"),
            "text": _("Nội dung bình luận"),
        }
        error_messages = {
            "name": {"required": _("Vui lòng nhập họ và tên.")},
            "text": {"required": _("Vui lòng nhập nội dung bình luận.")},
            "email": {"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.max_length = settings.RATINGS_COMMENT_MAX_LENGTH
        self.limit_length(
            "text",
            self.max_length,
            message=_(
                "Bình luận dài tối đa %(limit_value)s ký tự (bạn đã viết %(show_value)s ký tự)."
            ),
        )

    def limit_reached(self, ip):
        return services.comment_limit_reached(ip)

    def send(self, data):
        return services.post_comment(
            self.article, self.ip, name=data["name"], email=data["email"], text=data["text"]
        )


# Language -> the article page's empty star and comment fields as HTML (a changed setting,
# such as the comment length limit, empties it: core.memo).
_blank_fields = Memo(max_entries=10)


def blank_fields_html():
    """The article page's empty star and comment fields, rendered once per process and language.

    They are the same on every article page for every reader (no token, no captcha key, nothing
    of the article), and rendering their widgets took a third of the page's render time.
    """
    language = get_language()
    fields = _blank_fields.get(language)
    if fields is None:
        comment_form = CommentForm(article=None, lazy_captcha=True)
        fields = {
            "vote": render_html("ratings/_vote_fields.html", {"vote_form": VoteForm()}),
            "comment": render_html("ratings/_comment_fields.html", {"comment_form": comment_form}),
        }
        _blank_fields.set(language, fields, BLANK_FIELDS_SECONDS)
    return fields
