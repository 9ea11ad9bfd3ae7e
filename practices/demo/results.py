"""Structured results of some demo practices: indicators and budget lines, written for the demo
from each practice's own figures. Idempotent: a practice that has rows is left alone."""

import datetime
from decimal import Decimal

from practices.models import BudgetLine, FundingSource, Indicator, Practice

D = Decimal
# slug: (indicators as (name, unit, before, after, measured on), budget lines as (source, ₽))
RESULTS = {
    "obshchestvennaya-priemka-kapremonta": (
        [("Жалобы на качество капремонта за год", "жалоб", D(127), D(41), "2022-12-31")],
        [(FundingSource.LOCAL, 1_800_000)],
    ),
    "modulnaya-vodoochistka-v-sele": (
        [("Содержание железа в питьевой воде", "мг/л", D("2.1"), D("0.2"), "2023-06-15")],
        [(FundingSource.REGIONAL, 20_825_000), (FundingSource.LOCAL, 3_675_000)],
    ),
    "edinaya-dispetcherskaya-zhkh": (
        [
            ("Среднее время выполнения заявки", "дней", D(5), D(2), "2023-03-01"),
            ("Заявки, закрытые с опозданием", "%", D(31), D(8), "2023-03-01"),
        ],
        [(FundingSource.LOCAL, 3_400_000)],
    ),
    "marshrutnaya-set-po-dannym": (
        [("Число маршрутов", "маршрутов", D(74), D(48), "2023-09-01")],
        [(FundingSource.LOCAL, 5_600_000)],
    ),
    "zhile-dlya-molodyh-vrachej": (
        [
            ("Укомплектованность врачебных ставок", "%", D(60), D(86), "2024-01-01"),
            ("Ожидание приёма узкого специалиста", "дней", D(21), D(6), "2024-01-01"),
        ],
        [(FundingSource.LOCAL, 21_000_000)],
    ),
    "semejnyj-centr-odnogo-okna": (
        [("Визитов для оформления помощи семье", "визитов", D(5), D(1), "2023-12-01")],
        [(FundingSource.REGIONAL, 14_000_000), (FundingSource.LOCAL, 5_500_000)],
    ),
    "centr-obrabotki-obrashchenij": (
        [("Ответы на обращения в срок", "%", D(81), D(99), "2023-12-31")],
        [(FundingSource.LOCAL, 5_200_000)],
    ),
    "dobrovolnaya-pozharnaya-druzhina": (
        [("Время прибытия на возгорание", "минут", D(45), D(10), "2023-05-01")],
        [(FundingSource.REGIONAL, 800_000), (FundingSource.LOCAL, 300_000)],
    ),
    "inzhenernye-klassy-v-selskih-shkolah": (
        [("Выпускники, поступившие на технические специальности", "%", D(24), D(62), None)],
        [(FundingSource.LOCAL, 4_300_000), (FundingSource.EXTRA, 5_500_000)],
    ),
    "master-plan-s-zhitelyami": (
        [("Поддержка проекта на публичных слушаниях", "%", D(41), D(86), None)],
        [(FundingSource.LOCAL, 4_000_000), (FundingSource.REGIONAL, 8_000_000)],
    ),
}


def seed(stdout):
    practices = Practice.objects.filter(slug__in=RESULTS).exclude(indicators__isnull=False)
    added = 0
    for practice in practices:
        indicators, lines = RESULTS[practice.slug]
        Indicator.objects.bulk_create(
            Indicator(
                practice=practice,
                sort_order=order,
                name=name,
                unit=unit,
                before=before,
                after=after,
                measured_on=datetime.date.fromisoformat(day) if day else None,
            )
            for order, (name, unit, before, after, day) in enumerate(indicators)
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(practice=practice, sort_order=order, source=source, amount=amount)
            for order, (source, amount) in enumerate(lines)
        )
        added += 1
    stdout.write(f"  практики: показатели и бюджет добавлены к {added}")
