from django import template
from django.utils.safestring import mark_safe

from practices.rich_text import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """The safe Markdown subset of a practice's long field (sanitised by nh3)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 output
