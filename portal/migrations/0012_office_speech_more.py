"""More of municipal employees' everyday words for what the acts say in their own terms.

A fourth question set written blind (session 16) asked in words no entry knew: a complaint
«расписать» (assign) to the official complained about, an employee who wants «подрабатывать»
and must «предупредить» (the act: «с предварительным уведомлением … выполнять иную
оплачиваемую работу»), a letter that «оскорбляет» and «угрожает», a firm of someone's «брат».
Each entry is an ordinary word and the act's term for the same thing, not a question's
wording, as in `0008_office_speech`.
"""

from django.db import migrations

from portal.migrations._synonyms import seeding

SYNONYMS = [
    # People.
    ("специалистка", "служащий"),
    ("брат", "родственники\nблизкое родство"),
    ("сестра", "родственники\nблизкое родство"),
    ("муж", "супруг"),
    ("жена", "супруга\nсупруг"),
    # Papers.
    ("справка о доходах", "сведения о доходах"),
    ("методичка", "методические рекомендации"),
    # Actions.
    ("расписать", "направить\nнаправлять"),
    ("подрабатывать", "иная оплачиваемая работа\nсовместительство"),
    ("предупредить", "уведомить\nуведомление"),
    ("предупреждать", "уведомлять\nуведомление"),
    ("оскорблять", "оскорбительные выражения"),
    ("угрожать", "угрозы\nугроза"),
    ("по сути", "по существу"),
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("portal", "0011_postings_term_bytewise")]

    operations = [seeding(SYNONYMS)]
