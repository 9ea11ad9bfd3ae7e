"""Everyday verbs of municipal employees for the actions the acts name.

People ask what to do in their own verbs («ответить на письмо», «выложить на сайте», «купить
без торгов», «кто разрешает снести стену»); the acts name the action in their own words
(«рассмотрение обращения», «размещение», «закупка у единственного поставщика»,
«согласование»). Each entry is one meaning whose wordings search and the legal bot treat as
equivalent, in the shared synonym table (`portal.SearchSynonym`, editable in admin); entries
sharing a wording join one meaning. Verbs with a legal sense of their own are left out:
«отвечать» (to be responsible), «дать», «определить».
"""

from django.db import migrations

from portal.migrations._synonyms import seeding

SYNONYMS = [
    ("ответить", "рассмотреть\nрассмотрение\nдать ответ"),
    ("выложить", "разместить\nразмещение"),
    ("выкладывать", "размещать\nразмещение"),
    ("повесить", "разместить\nразмещение"),
    ("поменять", "изменить\nизменение"),
    ("менять", "изменять\nизменение"),
    ("купить", "закупить\nприобрести\nприобретение"),
    ("покупать", "закупать\nприобретать\nприобретение"),
    ("заплатить", "оплатить\nоплата"),
    ("проверять", "контролировать\nконтроль\nнадзор"),
    ("следить", "контролировать\nконтроль\nнадзор"),
    ("разрешить", "согласовать\nсогласование"),
    ("разрешать", "согласовывать\nсогласование"),
    ("помочь", "поддержать\nподдержка\nсодействие"),
    ("помогать", "поддерживать\nподдержка\nсодействие"),
    ("завести", "создать\nсоздание"),
    ("заводить", "создавать\nсоздание"),
    ("получить", "получение\nпредоставление"),
    ("уволить", "увольнение\nосвобождение от должности"),
    ("выбирать", "избирать\nизбрание"),
    ("выбрать", "избрать\nизбрание"),
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("legal_vector", "0009_search_log_in_portal"),
        ("portal", "0006_everyday_wordings"),
    ]

    operations = [seeding(SYNONYMS)]
