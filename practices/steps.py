"""The steps of writing a practice on the site: which fields and rows each step asks for and
when a step counts as complete.

Each step is its own page (`practices:step`) with its own form (`PracticeForm` cut down to the
step's fields) and validation; a valid step is saved whole, an invalid one not at all. A draft
is submitted to moderation only when every required step is complete. See docs/practices.md,
«Writing on the site».
"""

from dataclasses import dataclass

from practices.attachment_forms import attachment_rows
from practices.forms import PracticeForm, result_formsets

REVIEW = "review"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()  # "indicators", "budget", "attachments"
    required: bool = True

    def form(self, data=None, instance=None):
        return PracticeForm(data, instance=instance, only=self.fields)

    def row_formsets(self, data, files, instance):
        """The step's rows (indicators, budget lines, files), bound when `data` is given."""
        formsets = []
        if "indicators" in self.rows or "budget" in self.rows:
            indicators, budget = result_formsets(data, instance, files)
            pairs = (("indicators", indicators), ("budget", budget))
            formsets += [formset for name, formset in pairs if name in self.rows]
        if "attachments" in self.rows:
            formsets.append(attachment_rows(data, files, instance))
        return formsets

    def is_complete(self, practice):
        """Every field the step's form requires has a value; an optional step counts as
        complete once something was entered in it."""
        if not self.required:
            return any(_has_value(practice, name) for name in self.fields) or any(
                _has_rows(practice, name) for name in self.rows
            )
        form = self.form(instance=practice)
        return all(_has_value(practice, n) for n in self.fields if form.fields[n].required)


STEPS = (
    Step("about", "О чём практика", ("title", "spheres", "key_result")),
    Step("story", "Проблема и решение", ("problem", "solution", "steps")),
    Step("results", "Результаты", ("results", "lessons"), rows=("indicators",)),
    Step("money", "Сроки и деньги", ("started_year", "budget", "funding_sources"), ("budget",)),
    Step("files", "Документы и фотографии", rows=("attachments",), required=False),
    Step(
        "contacts",
        "Контакты ответственного",
        ("contact_name", "contact_position", "contact_email", "contact_phone"),
        required=False,
    ),
)
BY_SLUG = {step.slug: step for step in STEPS}
SLUGS = (*BY_SLUG, REVIEW)


def _has_value(practice, name):
    if name == "spheres":
        return practice.spheres.exists() if practice.pk else False
    value = getattr(practice, name)
    return value not in (None, "") and not (isinstance(value, str) and not value.strip())


def _has_rows(practice, name):
    relation = {"indicators": "indicators", "budget": "budget_lines", "attachments": "attachments"}
    return practice.pk is not None and getattr(practice, relation[name]).exists()


def neighbour(slug, offset):
    """The step `offset` places from `slug` (the review page after the last step); None
    before the first."""
    position = SLUGS.index(slug) + offset
    return SLUGS[position] if 0 <= position < len(SLUGS) else None


def progress(practice):
    """[(step, complete)] for the step list; nothing is complete before the draft exists."""
    return [(step, practice is not None and step.is_complete(practice)) for step in STEPS]


def missing(practice):
    """The required steps not yet complete: submission waits for them."""
    return [step for step in STEPS if step.required and not step.is_complete(practice)]


def first_incomplete(practice):
    gaps = missing(practice)
    return gaps[0].slug if gaps else REVIEW
