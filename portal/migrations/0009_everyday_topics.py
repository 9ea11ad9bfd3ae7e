"""Everyday names of topics the acts call by their own terms.

An employee says «бродячие собаки», «персданные» and «деньги»; the acts say «животные без
владельцев», «персональные данные» and «денежная выплата». Each entry names a thing, not a
question's wording, so it helps every question and search put that way.
"""

from django.db import migrations

from portal.migrations._synonyms import seeding

SYNONYMS = [
    ("бродячие собаки", "животные без владельцев\nбезнадзорные животные"),
    ("бродячие животные", "животные без владельцев\nбезнадзорные животные"),
    ("персданные", "персональные данные"),
    ("президентский", "Президент Российской Федерации\nПрезидент"),
    ("многодетный", "имеющий трех и более детей\nтрое и более детей\nмногодетная семья"),
    ("деньги", "денежный\nденежная выплата\nденежные средства"),
    # A cap in everyday words; the acts say «не более» and «не может превышать».
    ("потолок", "превышать\nпредельный\nмаксимальный"),
]


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_office_speech")]

    operations = [seeding(SYNONYMS)]
