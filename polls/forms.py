"""The ballot form: one option (radio buttons) or several (checkboxes), as the poll allows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import InvalidChoice, check_choices


class EveryChosenRadio(forms.RadioSelect):
    """Radio buttons that pass on every value sent: two options posted to a single-choice poll
    are refused by the poll's rule, not silently cut to the last one."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class BallotForm(forms.Form):
    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        choices = [(option.pk, option.text) for option in poll.option_list]
        widget = forms.CheckboxSelectMultiple if poll.is_multiple_choice else EveryChosenRadio
        self.fields["lua_chon"] = forms.TypedMultipleChoiceField(
            label=poll.question,
            choices=choices,
            coerce=int,
            widget=widget,
            error_messages={
                "required": _("Vui lòng chọn một phương án."),
                "invalid_choice": _("Phương án đã chọn không thuộc cuộc thăm dò này."),
            },
        )

    def clean_lua_chon(self):
        chosen = self.cleaned_data["lua_chon"]
        try:
            return check_choices(self.poll, chosen, {option.pk for option in self.poll.option_list})
        except InvalidChoice as refusal:
            raise forms.ValidationError(refusal.message, code="invalid_choice") from None
