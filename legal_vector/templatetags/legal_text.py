"""Rendering the text of a structural unit with its references as links."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def linked_text(unit):
    """The unit's text, escaped, with resolved references turned into links."""
    text = unit.text
    pieces = []
    cursor = 0
    for reference in getattr(unit, "found_references", []):
        if reference.start < cursor or reference.end > len(text):
            continue
        pieces.append(escape(text[cursor : reference.start]))
        fragment = text[reference.start : reference.end]
        url = reference.get_absolute_url()
        if url:
            pieces.append(format_html('<a class="legal-ref" href="{}">{}</a>', url, fragment))
        else:
            pieces.append(format_html('<span class="legal-ref--unresolved">{}</span>', fragment))
        cursor = reference.end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(str(piece) for piece in pieces).replace("\n", "<br>"))
