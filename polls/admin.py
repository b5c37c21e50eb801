"""Staff pages for polls: the question, its 2 to 10 options, and the counts read only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import MAX_OPTIONS, MIN_OPTIONS, Poll, PollOption


class PollOptionInline(admin.TabularInline):
    model = PollOption
    fields = ["text", "order", "vote_count"]
    readonly_fields = ["vote_count"]
    min_num = MIN_OPTIONS
    max_num = MAX_OPTIONS
    validate_min = True
    validate_max = True
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
