"""`{% facet_options %}` and `{% facet_select_options %}`: the markup a template loop gave,
with every value escaped."""

from django import forms
from django.template import Context, Template

from practices.facets import FacetValue


def render(source, **context):
    return Template("{% load facets %}" + source).render(Context(context))


def test_options_with_counts_children_and_a_chosen_one():
    options = [
        FacetValue("zhkh", "ЖКХ", 12, selected=True),
        FacetValue("zhkh-1", "Вода", 3, selected=False, depth=1),
        FacetValue("", "Любой", None, selected=False),
    ]
    html = render("{% facet_options 'sphere' options %}", options=options)
    assert html == (
        '<li><input type="checkbox" name="sphere" value="zhkh" id="facet-sphere-zhkh" checked>'
        '<label for="facet-sphere-zhkh">ЖКХ <span class="facet__count">(12)</span></label></li>'
        '<li class="facet__child"><input type="checkbox" name="sphere" value="zhkh-1" '
        'id="facet-sphere-zhkh-1"><label for="facet-sphere-zhkh-1">Вода '
        '<span class="facet__count">(3)</span></label></li>'
        '<li><input type="checkbox" name="sphere" value="" id="facet-sphere-any">'
        '<label for="facet-sphere-any">Любой</label></li>'
    )


def test_dict_options_radio_and_count_class():
    options = [{"value": "yes", "label": "да", "count": 4, "selected": False}]
    html = render(
        "{% facet_options 'answered' options 'radio' count_class='navigator-facet__count' %}",
        options=options,
    )
    assert '<input type="radio" name="answered" value="yes" id="facet-answered-yes">' in html
    assert '<span class="navigator-facet__count">(4)</span>' in html


def test_values_and_labels_are_escaped():
    options = [{"value": '"><script>', "label": "<b>Москва</b> & область", "count": 1}]
    html = render("{% facet_options 'region' options %}", options=options)
    assert "<script>" not in html and "<b>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    assert "&lt;b&gt;Москва&lt;/b&gt; &amp; область" in html
    select = render("{% facet_select_options options %}", options=options)
    assert select == (
        '<option value="&quot;&gt;&lt;script&gt;">&lt;b&gt;Москва&lt;/b&gt; &amp; область (1)'
        "</option>"
    )


def test_a_chosen_list_box_option_is_selected():
    options = [{"value": "77", "label": "Москва", "count": 2, "selected": True}]
    assert render("{% facet_select_options options %}", options=options) == (
        '<option value="77" selected>Москва (2)</option>'
    )


def test_a_bound_fields_choices_with_the_submitted_one_selected():
    class Form(forms.Form):
        level = forms.ChoiceField(
            choices=[("", "любой"), ("1", "<i>базовый</i>"), ("2", "средний")]
        )

    html = render("{% field_options form.level %}", form=Form({"level": "1"}))
    assert html == (
        '<option value="">любой</option>'
        '<option value="1" selected>&lt;i&gt;базовый&lt;/i&gt;</option>'
        '<option value="2">средний</option>'
    )
    assert 'value="" selected' in render("{% field_options form.level %}", form=Form())


def test_values_are_escaped_as_a_template_escapes_them():
    from django.utils.html import conditional_escape as templates_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from portal.templatetags.facets import conditional_escape

    for value in ['<script>"x" & \'y\'</script>', 7, 2.5, None, mark_safe("<b>ЖКХ</b>"),
                  gettext_lazy("Сбросить")]:  # fmt: skip
        assert conditional_escape(value) == templates_escape(value)
