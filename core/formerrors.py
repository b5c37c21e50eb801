"""How a no-JavaScript form page shows its errors: a summary linking to each, focus on the first."""

from django import forms


def error_links(form, *, form_anchor):
    """(the id of the element to fix, the message) for each of ``form``'s errors, in page order:
    the no-JavaScript page's error summary links to each. Errors of the whole form point at the
    form (``form_anchor``)."""
    links = [(form_anchor, message) for message in form.non_field_errors()]
    for field in form:
        links.extend((field.id_for_label or form_anchor, message) for message in field.errors)
    return links


def focus_first_error(form):
    """Have the page open with keyboard focus in the first field the reader must fix.

    Not on a set of radio buttons: each would carry `autofocus`, which HTML allows on one
    element only; the error summary's link leads there instead."""
    for field in form:
        if field.errors and not field.is_hidden:
            if not isinstance(field.field.widget, forms.RadioSelect):
                field.field.widget.attrs["autofocus"] = True
            return


def error_summary(form, *, form_anchor):
    """The error summary's links for a page that shows ``form`` again (none before it is sent),
    with focus put in the first field to fix."""
    if not form.is_bound:
        return []
    focus_first_error(form)
    return error_links(form, form_anchor=form_anchor)
