"""The options of a list's facet as HTML: {% load facets %}{% facet_options name options %}.

A faceted list page shows hundreds of options (a region each, a sphere each); rendered by a
template loop they cost more than the rest of the page together, and every page of a list
with distinct filters renders them anew. Here they are joined as strings, every value escaped
as a template would escape it (`conditional_escape`: a label already safe stays as it is).

An option is an object or a dict with `value`, `label`, `count` (None: shown without a count),
`selected` and optionally `depth` (a child of the option above it).
"""

from html import escape as escape_text

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def conditional_escape(value) -> str:
    """What a template prints for `value`: its own HTML when it is safe, else the text escaped.
    Django's `conditional_escape` does the same; its lazy-text wrapper costs more than the
    escaping itself, and a page of facets escapes a thousand values."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_text(str(value))


def _read(option, name, default=None):
    if isinstance(option, dict):
        return option.get(name, default)
    return getattr(option, name, default)


@register.simple_tag
def facet_options(name, options, input_type="checkbox", count_class="facet__count"):
    """Each option as `<li>` with its box and its label; ids are `facet-<name>-<value>`."""
    escape = conditional_escape
    name, input_type = escape(name), escape(input_type)
    child = ' class="facet__child"'
    items = []
    for option in options:
        value = _read(option, "value")
        value = "" if value is None else escape(value)
        box_id = f"facet-{name}-{value or 'any'}"
        count = _read(option, "count")
        count = "" if count is None else f' <span class="{count_class}">({int(count)})</span>'
        checked = " checked" if _read(option, "selected") else ""
        items.append(
            f"<li{child if _read(option, 'depth') else ''}>"
            f'<input type="{input_type}" name="{name}" value="{value}" id="{box_id}"{checked}>'
            f'<label for="{box_id}">{escape(_read(option, "label"))}{count}</label></li>'
        )
    return mark_safe("".join(items))  # every value above is escaped


@register.simple_tag
def facet_select_options(options):
    """Each option as `<option>` of a list box, «label (count)», chosen ones selected."""
    escape = conditional_escape
    return mark_safe(  # every value is escaped
        "".join(
            f'<option value="{escape(_read(option, "value"))}"'
            f"{' selected' if _read(option, 'selected') else ''}>"
            f"{escape(_read(option, 'label'))} ({int(_read(option, 'count'))})</option>"
            for option in options
        )
    )


@register.simple_tag
def field_options(field):
    """A bound choice field's choices as `<option>`s of a list box, the submitted value
    selected (compared as text, as the form receives it)."""
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
