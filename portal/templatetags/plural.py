"""Russian plural forms: «1 день», «2 дня», «5 дней», «21 день», «11 дней».

In templates: {% load plural %}{{ days }} {{ days|plural:"день,дня,дней" }}; the same rule for
the verb: {{ days|plural:"Остался,Осталось,Осталось" }}. In Python: plural_form(n, forms).
"""

from django import template

register = template.Library()


def plural_form(number, forms):
    """The form of a word for `number`: forms are (one, few, many), e.g. (день, дня, дней)."""
    one, few, many = forms
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


@register.filter
def plural(number, forms):
    """{{ n|plural:"день,дня,дней" }}; an empty or non-numeric value takes the «many» form."""
    choices = forms.split(",")
    try:
        return plural_form(number, choices)
    except (TypeError, ValueError):
        return choices[-1]
