"""Abbreviations and slang of municipal offices for what the acts say in full.

A second set of questions written blind (`tests/legal_vector/accuracy/bot_dev2.json`) asked
with office shorthand («НМЦК», «ПОС», «ПДн»), slang («анонимка», «косяк», «подработка»,
«родня») and plain verbs («забрать назад» for «отозвать»); the acts hold none of these words.
Each entry is one meaning whose wordings search and the legal bot treat as equivalent (matched
by lemmas); entries sharing a wording with an existing one join its meaning, and existing terms
are left as editors keep them.
"""

from django.db import migrations

from portal.migrations._synonyms import seeding

SYNONYMS = [
    ("НМЦК", "начальная (максимальная) цена контракта\nначальная цена контракта"),
    ("ПОС", "платформа обратной связи"),
    ("ПДн", "персональные данные"),
    ("анонимка", "анонимное обращение\nне указана фамилия"),
    ("забрать назад", "отозвать\nотзыв"),
    ("родня", "родственники\nродство\nблизкое родство"),
    ("народные избранники", "депутаты"),
    ("подработка", "иная оплачиваемая работа\nсовместительство"),
    ("косяк", "ошибка\nнеточность"),
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_everyday_wordings")]

    operations = [seeding(SYNONYMS)]
