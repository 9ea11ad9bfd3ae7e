"""Positions a course or programme addresses; matched against the free-text position in profiles."""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models


class Position(models.TextChoices):
    HEAD = "head", "глава МО"
    DEPUTY = "deputy", "заместитель главы"
    DIGITAL = "digital", "специалист по цифровизации"
    FINANCE = "finance", "специалист по финансам и бюджету"
    HR = "hr", "специалист по кадрам"
    LAWYER = "lawyer", "юрист администрации"
    SPECIALIST = "specialist", "специалист администрации"
    DEPUTY_COUNCIL = "council", "депутат представительного органа"


# Word stems that reveal a position in the text people type into their profile.
POSITION_STEMS = {
    Position.HEAD: ("глава", "мэр"),
    Position.DEPUTY: ("заместител", "замглав"),
    Position.DIGITAL: ("цифров", "информатиз", "ит-", "it"),
    Position.FINANCE: ("финанс", "бюджет", "бухгалт", "экономист"),
    Position.HR: ("кадр", "hr", "персонал"),
    Position.LAWYER: ("юрист", "юридическ", "правов"),
    Position.SPECIALIST: ("специалист", "инспектор", "консультант"),
    Position.DEPUTY_COUNCIL: ("депутат", "председатель совета", "председатель думы"),
}


def positions_of(text):
    """The positions a profile's free-text position matches ("Глава сельского поселения")."""
    lowered = (text or "").lower()
    found = [
        position for position, stems in POSITION_STEMS.items() if any(s in lowered for s in stems)
    ]
    # "Заместитель главы" is a deputy, not a head.
    if Position.DEPUTY in found and Position.HEAD in found:
        found.remove(Position.HEAD)
    return found


class PositionsField(ArrayField):
    """A list of positions edited as checkboxes in the admin."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("base_field", models.CharField(max_length=20, choices=Position.choices))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=Position.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=self.verbose_name,
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("base_field", None)
        return name, path, args, kwargs
