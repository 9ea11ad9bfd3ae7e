"""More everyday wordings of municipal employees for what the acts say.

Asked in their own words («ТСЖ», «очередь на соцжильё», «паспорт», «сотрудник администрации»,
«напечатать в газете»), people used words the acts never hold; each entry below is one meaning
whose wordings search and the legal bot treat as equivalent (matched by lemmas). Entries
sharing a wording with an existing one join its meaning. Existing terms are left as editors
keep them.
"""

from django.db import migrations

SYNONYMS = [
    ("ТСЖ", "товарищество собственников жилья"),
    ("ЖСК", "жилищный кооператив\nжилищно-строительный кооператив"),
    ("соцжильё", "социальный наём\nдоговор социального найма"),
    ("очередь", "учёт\nучёт нуждающихся"),
    ("фирма", "юридическое лицо\nорганизация"),
    ("житель", "гражданин\nнаселение"),
    ("сотрудник администрации", "муниципальный служащий\nслужащий"),
    ("работник администрации", "муниципальный служащий"),
    ("правление", "управление"),
    ("напечатать", "опубликовать\nопубликование\nофициальное опубликование\nобнародование"),
    ("газета", "печатное издание\nофициальное опубликование"),
    ("паспорт", "документ, удостоверяющий личность"),
    ("письмо", "письменное обращение"),
    ("доверенность", "документ, подтверждающий полномочия представителя"),
    ("монополист", "субъект естественной монополии\nестественная монополия"),
    ("газ", "газоснабжение"),
    ("электричество", "электроснабжение"),
    ("отопление", "теплоснабжение"),
    ("канализация", "водоотведение"),
    ("снести стену", "перепланировка\nпереустройство"),
    ("перепланировка", "переустройство"),
    ("переслать", "пересылать\nпереадресация"),
    ("рассказывать", "разглашать\nразглашение"),
    ("личные данные", "персональные данные"),
    ("смета", "сметный\nпроектно-сметный"),
    ("посёлок", "поселение"),
    ("район", "муниципальный район"),
    ("объединить", "объединение\nпреобразование"),
    ("отчитаться", "отчёт\nотчитываться"),
    ("благодарность", "вознаграждение\nподарок"),
    ("сорвать сроки", "просрочка\nнарушение срока"),
    ("жаловаться", "обжаловать\nжалоба"),
]  # fmt: skip


def load(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    for term, expansions in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"expansions": expansions})


def unload(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    for term, expansions in SYNONYMS:
        SearchSynonym.objects.filter(term=term, expansions=expansions).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_search_log")]

    operations = [migrations.RunPython(load, unload)]
