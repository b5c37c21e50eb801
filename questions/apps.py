"""Citizens' questions app: what its changes refresh, and what waits for the staff answering."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Hỏi đáp")

    def ready(self):
        from core.pagecache import forget_site_pages, refresh_on_signal, refresh_pages_on
        from core.sections import register_section
        from core.staffhome import register_waiting_work
        from organisation.models import Unit

        from .models import Field
        from .selectors import COORDINATE, questions_for
        from .signals import public_questions_changed

        # Fields and units name the list's filters and every question page (the organisation
        # app may refresh on units too: a second bump is harmless); a question reaches readers
        # only once published: a citizen sending one (or staff working on a waiting one)
        # refreshes nothing, publishing, unpublishing, or editing a published one does.
        refresh_pages_on(Field, Unit)
        refresh_on_signal(
            public_questions_changed,
            forget_site_pages,
            "a question published or unpublished; a published question, its answer or its "
            "files edited or deleted",
        )
        register_section("questions", _("Hỏi đáp"), "questions:list")
        changelist = "admin:questions_question_changelist"
        register_waiting_work(
            "questions.unassigned",
            singular=gettext_noop("%(count)d câu hỏi mới chờ phân công"),
            plural=gettext_noop("%(count)d câu hỏi mới chờ phân công"),
            count=lambda: _unassigned_count(),
            url=lambda: reverse(changelist) + "?status__exact=received",
            permission=COORDINATE,
        )
        register_waiting_work(
            "questions.waiting",
            singular=gettext_noop("%(count)d câu hỏi chờ trả lời"),
            plural=gettext_noop("%(count)d câu hỏi chờ trả lời"),
            count=lambda user: questions_for(user).waiting().count(),
            url=lambda: reverse(changelist) + "?cho=1",
            permission="questions.change_question",
            per_user=True,
        )
        register_waiting_work(
            "questions.overdue",
            singular=gettext_noop("%(count)d câu hỏi quá hạn trả lời"),
            plural=gettext_noop("%(count)d câu hỏi quá hạn trả lời"),
            count=lambda user: questions_for(user).overdue().count(),
            url=lambda: reverse(changelist) + "?han=qua-han",
            permission="questions.change_question",
            per_user=True,
        )


def _unassigned_count():
    from .models import Question

    return Question.objects.filter(status=Question.Status.RECEIVED).count()
