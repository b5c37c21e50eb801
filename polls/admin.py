"""Staff pages for polls: the question, its 2 to 10 options, and the counts read only."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .models import MAX_OPTIONS, MIN_OPTIONS, Poll, PollOption


class PollOptionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
        ]
        if not MIN_OPTIONS <= len(kept) <= MAX_OPTIONS:
            raise ValidationError(
                _("Một cuộc thăm dò cần từ %(low)d đến %(high)d phương án (hiện có %(count)d).")
                % {"low": MIN_OPTIONS, "high": MAX_OPTIONS, "count": len(kept)}
            )


class PollOptionInline(admin.TabularInline):
    model = PollOption
    formset = PollOptionFormSet
    fields = ["text", "order", "vote_count"]
    readonly_fields = ["vote_count"]
    # Two empty rows for a new poll; the formset says how many it needs.
    min_num = MIN_OPTIONS
    max_num = MAX_OPTIONS
    extra = 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["question", "opens_at", "closes_at", "phase_label", "voter_count"]
    list_filter = ["opens_at", "is_multiple_choice"]
    search_fields = ["question"]
    readonly_fields = ["voter_count"]
    fields = [
        "question", "is_multiple_choice", "max_choices", "opens_at", "closes_at",
        "results_before_voting", "voter_count",
    ]  # fmt: skip
    inlines = [PollOptionInline]

    @admin.display(description=_("tình trạng"))
    def phase_label(self, poll):
        return poll.phase().label
