"""Everyday words of municipal employees for what the acts say in their own terms.

The development sets' questions in an employee's words («бумаги», «отдел перегружен», «в первую
очередь», «сколько народу нужно, чтобы решение было действительным», «тратить свои деньги на
поездки») share no word with the rules they ask about («документы», «большая нагрузка на
структурное подразделение», «приоритетным», «сход правомочен», «возмещение расходов на
проезд»). Each entry is an ordinary word and the terms the acts use for the same thing, not a
question's wording: it helps every question asked that way. Entries sharing a wording with an
existing one join its meaning, and existing terms are left as editors keep them.
"""

from django.db import migrations

from portal.migrations._synonyms import seeding

SYNONYMS = [
    # Things and people, as they are called at work and in the acts.
    ("бумаги", "документы"),
    ("отдел", "структурное подразделение\nподразделение"),
    # Not «работник»: a labour-law term the acts keep apart from «муниципальный служащий».
    ("сотрудник", "служащий"),
    ("сотрудница", "служащий"),
    ("человек", "граждане\nфизическое лицо"),
    ("народ", "жители\nграждане\nнаселение"),
    ("городок", "город\nгородское поселение"),
    ("ведомство", "государственный орган\nорган власти\nорган, предоставляющий услуги"),
    ("земля", "земельный участок\nземельный"),
    ("поездка", "проезд\nкомандировка"),
    ("факт", "обстоятельство\nдовод"),
    ("одинаковый", "одноимённый\nоднородный\nидентичный"),
    # States and qualities.
    ("перегрузка", "перегружен\nнагрузка\nбольшая нагрузка"),
    ("в первую очередь", "приоритетный\nприоритет\nпреимущественно"),
    ("кворум", "правомочный\nправомочность"),
    ("действительный", "правомочный"),
    # Actions: the everyday verb and the act's verb or action noun.
    ("тратить", "потратить\nрасходовать\nрасходы"),
    ("вернуть", "возвратить\nвозврат\nвозместить\nвозмещение"),
    ("исправить", "уточнить\nуточнённый"),
    ("завершить", "закончить\nпрекратить\nпрекращение"),
    ("просить", "требовать\nзапрашивать"),
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_abbreviations_and_slang")]

    operations = [seeding(SYNONYMS)]
