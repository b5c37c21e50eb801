"""The staff groups and what each may do; kept in step with the models after every migrate."""

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
OFFICE = "Văn phòng"
# Văn thư: the clerks who keep the register of documents, and only that.
CLERKS = "Văn thư"
# Hỏi đáp: staff who answer the questions of their own unit (questions.Responder links each to
# it); the coordinators see every question, assign them to units, and say who answers for which.
ANSWERERS = "Trả lời hỏi đáp"
COORDINATORS = "Điều phối hỏi đáp"
# Cán bộ lấy ý kiến: those who publish drafts for comment, moderate the comments and publish
# the result.
CONSULTATIONS = "Lấy ý kiến dự thảo"
# Người duyệt: approvers. Which articles they approve is given per category (news'
# CategoryApprover, by a superuser); documents they approve through the permission below.
APPROVERS = "Người duyệt"

# Group name -> (app label, model name) pairs whose add/change/delete/view permissions it holds
# (and restore_<model>), never a model's approve_* permission: approving is given on its own.
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
        # The poll in the sidebar.
        ("polls", "poll"),
        ("polls", "polloption"),
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
        # The organisation directory, the introduction (English home) and the contact inbox.
        ("organisation", "unit"),
        ("organisation", "person"),
        ("organisation", "introduction"),
        ("contact", "contactmessage"),
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
    ANSWERERS: [
        ("questions", "question"),
        ("questions", "answerattachment"),
    ],
    # Responder's permissions include questions.coordinate_questions.
    COORDINATORS: [
        ("questions", "question"),
        ("questions", "answerattachment"),
        ("questions", "field"),
        ("questions", "responder"),
    ],
    CONSULTATIONS: [
        ("consultations", "consultation"),
        ("consultations", "consultationfile"),
        ("consultations", "consultationcomment"),
    ],
    APPROVERS: [
        ("news", "article"),
        ("documents", "document"),
        ("documents", "documentfile"),
        ("documents", "documentrelation"),
    ],
}
# Group name -> permissions ("app_label.codename") it holds besides its models'.
GROUP_PERMISSIONS = {
    APPROVERS: ["documents.approve_document"],
}


def ensure_staff_groups(**kwargs):
    """Create the groups and grant their permissions; safe to run again (post_migrate)."""
    from django.contrib.auth.models import Group, Permission

    for group_name, models in GROUP_MODELS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, model_name in models:
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model_name
            ).exclude(codename__startswith="approve_")
            group.permissions.add(*permissions)
        for name in GROUP_PERMISSIONS.get(group_name, []):
            app_label, codename = name.split(".")
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
