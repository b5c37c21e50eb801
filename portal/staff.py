"""The staff groups and what each may do; kept in step with the models after every migrate."""

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
OFFICE = "Văn phòng"
# Văn thư: the clerks who keep the register of documents, and only that.
CLERKS = "Văn thư"

# Group name -> (app label, model name) pairs whose add/change/delete/view permissions it holds.
GROUP_MODELS = {
    EDITORS: [
        ("news", "article"),
        ("news", "category"),
        ("sidebar", "townmap"),
        ("sidebar", "song"),
        ("sidebar", "websitelink"),
        # The counters' starting total and the statistics page.
        ("stats", "sitecounter"),
        ("stats", "dailyvisits"),
        # The urgent-alert banner on every page.
        ("alerts", "alert"),
        # The town's own pages (introduction, statements); their old addresses are kept.
        ("pages", "page"),
        ("pages", "pageredirect"),
    ],
    MODERATORS: [
        ("ratings", "comment"),
    ],
    # The office keeps the leaders' work schedule.
    OFFICE: [
        ("schedule", "leader"),
        ("schedule", "scheduleitem"),
        # The main menu and the portal's identity (header, footer, person responsible).
        ("pages", "menuentry"),
        ("pages", "siteidentity"),
    ],
    CLERKS: [
        ("documents", "document"),
        ("documents", "documentfile"),
        ("documents", "documentrelation"),
        ("documents", "documenttype"),
        ("documents", "issuingbody"),
        ("documents", "sector"),
        ("documents", "publicinformation"),
        ("documents", "informationcontact"),
    ],
}


def ensure_staff_groups(**kwargs):
    """Create the groups and grant their permissions; safe to run again (post_migrate)."""
    from django.contrib.auth.models import Group, Permission

    for group_name, models in GROUP_MODELS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, model_name in models:
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model_name
            )
            group.permissions.add(*permissions)
