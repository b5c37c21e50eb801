"""Keep staff without a verified second factor out of the admin and the editor's upload views."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect

from core.links import cached_reverse

from . import services

# The admin pages a staff session may open before its second factor.
OPEN_PAGES = ("twofactor:verify", "twofactor:enrol", "admin:login", "admin:logout")


class StaffSecondFactorMiddleware:
    """With STAFF_TWO_FACTOR_REQUIRED, a staff session that has not given its second factor is
    sent from any admin or editor page to the code step (or to enrolment, without an app).

    Only those paths load the user: public pages never touch the session here. The code step,
    enrolment, the admin's login and logout pages stay open, so the user can finish or leave.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_TWO_FACTOR_REQUIRED and self.guarded(request.path_info):
            user = request.user
            if services.is_required(user) and not user.is_verified():
                return self.second_step(request, user)
        return self.get_response(request)

    @staticmethod
    def guarded(path):
        if path.startswith(cached_reverse("ckeditor_upload")) or path.startswith(
            cached_reverse("ckeditor_browse")
        ):
            return True
        if not path.startswith(cached_reverse("admin:index")):
            return False
        return path not in {cached_reverse(name) for name in OPEN_PAGES}

    @staticmethod
    def second_step(request, user):
        step = "twofactor:verify" if services.has_authenticator(user) else "twofactor:enrol"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{cached_reverse(step)}?{query}")
