from django.contrib.postgres.indexes import GinIndex
from django.db import connections, models, transaction
from django.db.models import F
from django.urls import reverse

from portal.search.vectors import weighted_search_vector


class DocumentKind(models.TextChoices):
    FEDERAL_LAW = "federal_law", "федеральный закон"
    CODE = "code", "кодекс"
    DECREE = "decree", "указ"
    RESOLUTION = "resolution", "постановление"
    REGIONAL_LAW = "regional_law", "региональный закон"
    MUNICIPAL_ACT = "municipal_act", "муниципальный правовой акт"
    MUNICIPAL_TEMPLATE = "municipal_template", "шаблон МПА"
    COURT_DECISION = "court_decision", "судебный акт"
    AGENCY_LETTER = "agency_letter", "письмо ведомства"
    GUIDELINES = "guidelines", "методические рекомендации"


# How the kind is named in requisites («Федеральный закон от …») and inside a citation
# («ч. 1 ст. 14 Федерального закона от …»).
KIND_NOMINATIVE = {
    DocumentKind.FEDERAL_LAW: "Федеральный закон",
    DocumentKind.CODE: "Кодекс",
    DocumentKind.DECREE: "Указ",
    DocumentKind.RESOLUTION: "Постановление",
    DocumentKind.REGIONAL_LAW: "Закон",
    DocumentKind.MUNICIPAL_ACT: "Муниципальный правовой акт",
    DocumentKind.MUNICIPAL_TEMPLATE: "Шаблон муниципального правового акта",
    DocumentKind.COURT_DECISION: "Судебный акт",
    DocumentKind.AGENCY_LETTER: "Письмо",
    DocumentKind.GUIDELINES: "Методические рекомендации",
}
KIND_GENITIVE = {
    DocumentKind.FEDERAL_LAW: "Федерального закона",
    DocumentKind.CODE: "Кодекса",
    DocumentKind.DECREE: "Указа",
    DocumentKind.RESOLUTION: "постановления",
    DocumentKind.REGIONAL_LAW: "Закона",
    DocumentKind.MUNICIPAL_ACT: "муниципального правового акта",
    DocumentKind.MUNICIPAL_TEMPLATE: "шаблона муниципального правового акта",
    DocumentKind.COURT_DECISION: "судебного акта",
    DocumentKind.AGENCY_LETTER: "письма",
    DocumentKind.GUIDELINES: "методических рекомендаций",
}
# After «утв.»: «п. 3.5.1 Порядка, утв. постановлением … от 03.06.2025 № 771».
KIND_INSTRUMENTAL = {
    DocumentKind.FEDERAL_LAW: "Федеральным законом",
    DocumentKind.CODE: "Кодексом",
    DocumentKind.DECREE: "Указом",
    DocumentKind.RESOLUTION: "постановлением",
    DocumentKind.REGIONAL_LAW: "Законом",
    DocumentKind.MUNICIPAL_ACT: "муниципальным правовым актом",
    DocumentKind.MUNICIPAL_TEMPLATE: "шаблоном муниципального правового акта",
    DocumentKind.COURT_DECISION: "судебным актом",
    DocumentKind.AGENCY_LETTER: "письмом",
    DocumentKind.GUIDELINES: "методическими рекомендациями",
}
# A stored citation name in the genitive, turned to follow «утв.»: «постановления …» ->
# «постановлением …».
GENITIVE_TO_INSTRUMENTAL = {
    "постановления": "постановлением",
    "распоряжения": "распоряжением",
    "решения": "решением",
    "приказа": "приказом",
    "указа": "указом",
    "закона": "законом",
}


class DocumentLevel(models.TextChoices):
    FEDERAL = "federal", "федеральный"
    REGIONAL = "regional", "региональный"
    MUNICIPAL = "municipal", "муниципальный"


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", "действует"
    NOT_YET = "not_yet", "не вступил в силу"
    REPEALED = "repealed", "утратил силу"
    SUSPENDED = "suspended", "приостановлен"


STATUS_BADGE = {
    DocumentStatus.IN_FORCE: "ok",
    DocumentStatus.NOT_YET: "warn",
    DocumentStatus.SUSPENDED: "warn",
    DocumentStatus.REPEALED: "bad",
}


class DocumentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=DocumentStatus.IN_FORCE)

    def popular(self):
        return self.order_by("-view_count", "-adopted_on", "pk")

    def add_views(self, count):
        """Add `count` views. Views are not worth a disk flush: when this is its own
        transaction, the commit does not wait for the write-ahead log, so a crash may lose a few
        views and nothing else."""
        connection = connections[self.db]
        with transaction.atomic(using=self.db), connection.cursor() as cursor:
            if len(connection.atomic_blocks) == 1:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            return self.update(view_count=F("view_count") + count)

    def recent(self):
        return self.order_by("-adopted_on", "-pk")

    def identified_by(self, kind, number, adopted_on):
        """The document with these requisites: the identity used by the importer."""
        return self.filter(kind=kind, number=number, adopted_on=adopted_on)


class Document(models.Model):
    """A legal act of the base with its requisites, status and provenance."""

    kind = models.CharField("вид", max_length=32, choices=DocumentKind.choices)
    title = models.CharField("название", max_length=1000)
    number = models.CharField("номер", max_length=64, blank=True)
    adopted_on = models.DateField("дата принятия")
    issuing_body = models.CharField("принявший орган", max_length=300, blank=True)
    level = models.CharField("уровень", max_length=16, choices=DocumentLevel.choices)
    region = models.ForeignKey(
        "municipalities.Region",
        verbose_name="субъект РФ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_documents",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name="муниципальное образование",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_documents",
    )
    status = models.CharField(
        "статус", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    topics = models.ManyToManyField(
        "legal_vector.Topic", verbose_name="темы", blank=True, related_name="documents"
    )
    register_number = models.CharField(
        "номер в регистре МПА",
        max_length=40,
        blank=True,
        help_text="Для муниципальных актов: RU + код МО + год + порядковый номер.",
    )
    citation_name = models.CharField(
        "название для цитаты",
        max_length=300,
        blank=True,
        help_text="В родительном падеже, например «Бюджетного кодекса Российской Федерации». "
        "Если пусто, цитата строится из вида, даты и номера.",
    )
    source = models.CharField("источник", max_length=300, blank=True)
    imported_at = models.DateTimeField("когда импортирован", null=True, blank=True)
    checksum = models.CharField("контрольная сумма файла", max_length=64, blank=True)
    view_count = models.PositiveIntegerField("просмотры", default=0, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    search_vector = weighted_search_vector(
        [(("number", "title", "issuing_body"), "B")], fold_yo=True
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "pk"]
        verbose_name = "правовой акт"
        verbose_name_plural = "правовые акты"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "adopted_on"],
                condition=~models.Q(number=""),
                name="legal_document_identity",
            ),
            models.UniqueConstraint(
                fields=["register_number"],
                condition=~models.Q(register_number=""),
                name="legal_document_register_number",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="legal_document_search"),
            GinIndex(
                fields=["title"], name="legal_document_title_trgm", opclasses=["gin_trgm_ops"]
            ),
            models.Index(fields=["status", "kind"], name="legal_document_status_kind"),
            models.Index(fields=["level", "region"], name="legal_document_level_region"),
            models.Index(fields=["-adopted_on", "id"], name="legal_document_adopted"),
            models.Index(fields=["-view_count", "-adopted_on"], name="legal_document_popular"),
            models.Index(fields=["number"], name="legal_document_number"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal_vector:document", args=[self.pk])

    @property
    def is_in_force(self):
        return self.status == DocumentStatus.IN_FORCE

    @property
    def status_badge(self):
        """CSS modifier of the status badge: ok, warn or bad."""
        return STATUS_BADGE.get(self.status, "warn")

    def _date_and_number(self):
        parts = [f"от {self.adopted_on:%d.%m.%Y}"]
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts)

    def requisites(self):
        """E.g. «Федеральный закон от 06.10.2003 № 131-ФЗ»; codes are named by their title."""
        name = self.title if self.kind == DocumentKind.CODE else KIND_NOMINATIVE[self.kind]
        return f"{name} {self._date_and_number()}"

    def requisites_genitive(self):
        """The requisites as they follow a unit in a citation: «Федерального закона от …»."""
        if self.citation_name:
            return self.citation_name
        return f"{KIND_GENITIVE[self.kind]} {self._date_and_number()}"

    def requisites_instrumental(self):
        """As the approving act after «утв.»: «постановлением администрации … № 771»."""
        first, _, rest = self.citation_name.partition(" ")
        instrumental = GENITIVE_TO_INSTRUMENTAL.get(first.lower())
        if instrumental and rest:
            instrumental = instrumental.capitalize() if first[:1].isupper() else instrumental
            return f"{instrumental} {rest}"
        return f"{KIND_INSTRUMENTAL[self.kind]} {self._date_and_number()}"

    def citation(self):
        return self.requisites()
