from django.core.management.base import BaseCommand, CommandError

from legal_vector import evaluation
from legal_vector.evaluation import (
    BOT_SET,
    DEV2_SET,
    DEV3_SET,
    DEV4_SET,
    HELDOUT_SET,
    SEARCH_SET,
    SETS_DIR,
    Documents,
)

# The sets written blind, each scored on its own (never in `--set all`).
BLIND_SETS = {
    "heldout": HELDOUT_SET,
    "dev2": DEV2_SET,
    "dev3": DEV3_SET,
    "dev4": DEV4_SET,
}


class Command(BaseCommand):
    help = (
        "Измеряет правовой поиск и бота на размеченных наборах tests/legal_vector/accuracy/: "
        "доля пустых выдач, нужный документ и норма в первой пятерке, точность трех цитат бота "
        "(отдельно ответы из текста актов и из базы вопросов и ответов). --set heldout — "
        "отложенный набор вопросов к боту, на котором бота не настраивают; в --set all он не "
        "входит; --set dev2, --set dev3 и --set dev4 — второй, третий и четвертый наборы, "
        "написанные вслепую (на первых двух теперь настраивают). "
        "Нужна загруженная демо-база: manage.py seed_demo."
    )

    def add_arguments(self, parser):
        sets = ("bot", "search", "all", *BLIND_SETS)
        parser.add_argument("--set", choices=sets, default="all")
        parser.add_argument("--verbose", action="store_true", help="перечислить промахи")
        parser.add_argument("--folder", default=str(SETS_DIR), help="папка с наборами")

    def handle(self, *args, set, verbose, folder, **options):  # noqa: A002 — the option's name
        documents = Documents()
        if not documents.by_title:
            raise CommandError("В базе нет документов: загрузите демо-базу (manage.py seed_demo).")
        if set in ("search", "all"):
            self._search(evaluation.load_set(SEARCH_SET, folder), documents, verbose)
        if set in ("bot", "all"):
            self._bot(evaluation.load_set(BOT_SET, folder), documents, verbose)
        if set in BLIND_SETS:
            self._bot(evaluation.load_set(BLIND_SETS[set], folder), documents, verbose)

    def _missing(self, items, documents):
        missing = documents.missing(items)
        if missing:
            self.stderr.write("Нет в базе документов из набора: " + ", ".join(missing))

    def _search(self, items, documents, verbose):
        self._missing(items, documents)
        report = evaluation.evaluate_search(items, documents)
        self.stdout.write(f"Поиск: запросов {len(items)}")
        self.stdout.write(f"  пустая выдача: {report.zero_results()}")
        self.stdout.write(f"  документ в первой пятерке: {report.document_top5()}")
        self.stdout.write(f"  норма в первой пятерке: {report.unit_top5()}")
        for style, rate in report.by_style().items():
            self.stdout.write(f"    документ в пятерке, {style}: {rate}")
        if verbose:
            for outcome in report.misses():
                what = "пусто" if outcome.empty else "; ".join(outcome.found(documents))
                expected = "; ".join(" ".join(filter(None, a)) for a in outcome.item["answers"])
                self.stdout.write(
                    f"  ПРОМАХ «{outcome.item['query']}»: ждали {expected}; найдено: {what}"
                )

    def _bot(self, items, documents, verbose):
        self._missing(items, documents)
        report = evaluation.evaluate_bot(items, documents)
        answerable = report.answerable
        self.stdout.write(
            f"Бот: вопросов {len(items)}, из них с ответом в базе {len(answerable)}, "
            f"без акта в базе {len(report.without_act)}"
        )
        self.stdout.write(f"  верная норма первой цитатой: {report.top1()}")
        self.stdout.write(f"  верная норма среди трех цитат: {report.top3()}")
        for route, rate in report.by_route().items():
            name = "из текста актов" if route == "text" else "из базы вопросов и ответов"
            self.stdout.write(f"    ответ {name}: {rate}")
        for style, rate in report.by_style().items():
            self.stdout.write(f"    формулировка {style}: {rate}")
        self.stdout.write(f"  без акта — честное «не уверен»: {report.honest_without_act()}")
        self.stdout.write(f"  «не уверен» на вопрос с ответом в базе: {report.unsure_answerable()}")
        self.stdout.write(f"  уверенные ошибки: {len(report.confidently_wrong())}")
        if verbose:
            for outcome in report.misses():
                expected = "; ".join(" ".join(a) for a in outcome.item["answers"]) or "нет акта"
                cited = "; ".join(text for _, _, text in outcome.cited) or "ничего"
                self.stdout.write(
                    f"  ПРОМАХ [{outcome.route}] «{outcome.item['question']}»: ждали {expected}; "
                    f"процитировано: {cited}"
                )
