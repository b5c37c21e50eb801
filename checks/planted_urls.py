"""served_urls plus one deliberately broken page per outside checker, under /__planted__/.

Served only by `checks/run.sh --planted` (DJANGO_ROOT_URLCONF=planted_urls, with checks/ on
PYTHONPATH): each checker must fail on its page, or the harness says it proves nothing.
"""

import planted_views as planted
from django.urls import path
from served_urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("__planted__/invalid-html/", planted.invalid_html),
    path("__planted__/inaccessible/", planted.inaccessible),
    path("__planted__/no-csp/", planted.without_csp),
    path("__planted__/search/", planted.injectable_search),
    path("__planted__/comment/", planted.injectable_form),
    *site_urlpatterns,
]
