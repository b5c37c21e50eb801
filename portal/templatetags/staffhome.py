"""The admin home's "waiting for you" list, from what the apps registered in core.staffhome."""

from django import template

from core.staffhome import waiting_for

register = template.Library()


@register.inclusion_tag("admin/waiting_work.html", takes_context=True)
def waiting_work(context):
    return {"items": waiting_for(context["request"].user)}
