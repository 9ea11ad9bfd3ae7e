"""The catalogue's filter selects: their options written in one pass, where a template loop
resolved half a dozen variables and filters per option."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def select_options(field):
    """A bound field's choices as `<option>`s, the submitted value selected (compared as text,
    as the form receives it)."""
    value = field.value()
    current = "" if value is None else str(value)
    escape = conditional_escape
    return mark_safe(  # every value and label is escaped
        "".join(
            f'<option value="{escape(choice)}"{" selected" if str(choice) == current else ""}>'
            f"{escape(label)}</option>"
            for choice, label in field.field.choices
        )
    )
