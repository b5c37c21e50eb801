"""The user pages show who has two-factor login, and a superuser can reset someone's app."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services

User = get_user_model()

# django-otp's own device pages show secrets and speak English; the user page below is where a
# superuser resets a device.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class TwoFactorUserAdmin(UserAdmin):
    """Django's user admin, with a two-factor column and the reset action (superusers only)."""

    list_display = (*UserAdmin.list_display, "has_second_factor")
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        # The column below, read with the list rather than one query per row.
        confirmed_app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(confirmed_app))

    @admin.display(boolean=True, description=_("Xác thực hai bước"), ordering="second_factor")
    def has_second_factor(self, user):
        return user.second_factor

    @admin.action(
        permissions=["reset_second_factor"],
        description=_("Đặt lại xác thực hai bước (người dùng phải thiết lập lại)"),
    )
    def reset_second_factor(self, request, queryset):
        reset = [
            user.get_username()
            for user in queryset
            if services.reset_devices(user=user, by=request.user, request=request)
        ]
        if reset:
            self.message_user(
                request,
                ngettext(
                    "Đã đặt lại xác thực hai bước của %(users)s: lần vào trang quản trị tới, "
                    "người này phải thiết lập lại ứng dụng xác thực.",
                    "Đã đặt lại xác thực hai bước của %(users)s: lần vào trang quản trị tới, "
                    "những người này phải thiết lập lại ứng dụng xác thực.",
                    len(reset),
                )
                % {"users": ", ".join(reset)},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("Những người đã chọn chưa thiết lập xác thực hai bước."), messages.INFO
            )

    def has_reset_second_factor_permission(self, request):
        return request.user.is_superuser


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, TwoFactorUserAdmin)
