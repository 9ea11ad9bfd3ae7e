from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F
from django.urls import reverse

from portal.search.vectors import weighted_search_vector


def unit_url(document_id, stable_key):
    """The lasting address of a unit (the document's, for an empty key).

    It redirects to the page that shows the unit: a large document is read in parts.
    """
    if not stable_key:
        return reverse("legal_vector:document", args=[document_id])
    return reverse("legal_vector:unit", args=[document_id, stable_key])


class UnitKind(models.TextChoices):
    PREAMBLE = "preamble", "преамбула"
    SECTION = "section", "раздел"
    CHAPTER = "chapter", "глава"
    ARTICLE = "article", "статья"
    PART = "part", "часть"
    POINT = "point", "пункт"
    SUBPOINT = "subpoint", "подпункт"
    PARAGRAPH = "paragraph", "абзац"
    RESOLUTION = "resolution", "резолютивная часть"
    CLOSING = "closing", "заключительные реквизиты"
    APPROVED = "approved", "утверждённый документ"
    APPENDIX = "appendix", "приложение"


class StructuralUnitQuerySet(models.QuerySet):
    def current(self):
        """Units of the current editions: what search and the bot should read."""
        return self.filter(is_current=True)

    def in_force(self):
        """Units of current editions of documents in force."""
        return self.current().filter(document_status="in_force")

    def with_document(self):
        return self.select_related("document")


class StructuralUnit(models.Model):
    """A node of an edition's structure (раздел → глава → статья → часть → пункт → подпункт).

    `stable_key` (e.g. `st14.1/ch2/p5`) is derived from the numbers along the path, not from
    database ids, so the same article keeps its key in every edition and links, bookmarks and
    subscriptions survive amendments. `short_label` («ч. 2 ст. 14.1») is computed on import.
    """

    edition = models.ForeignKey(
        "legal_vector.Edition",
        verbose_name="редакция",
        on_delete=models.CASCADE,
        related_name="units",
    )
    # Denormalised from the edition: search and backlinks filter by document without a join.
    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="входит в",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField("вид", max_length=16, choices=UnitKind.choices)
    number = models.CharField("номер", max_length=32, blank=True)
    heading = models.TextField("заголовок", blank=True)
    text = models.TextField("текст", blank=True)
    note = models.TextField("редакционные примечания", blank=True)
    is_repealed = models.BooleanField("утратил силу", default=False)
    # Edition marks of a legal system's export, e.g. {"kind": "inserted", "text": "п. 3.5.1
    # введен постановлением … от 15.04.2026 N 300", "acts": [{"date": "2026-04-15",
    # "number": "300"}]}; kinds: amended, inserted, repealed (importing/export.py).
    change_marks = models.JSONField(
        "отметки об изменениях",
        default=list,
        db_default=models.Value([], models.JSONField()),
        blank=True,
    )
    stable_key = models.CharField("постоянный ключ", max_length=200)
    short_label = models.CharField("обозначение", max_length=200, blank=True)
    position = models.PositiveIntegerField("порядок")
    depth = models.PositiveSmallIntegerField("уровень вложенности", default=0)
    search_vector = weighted_search_vector(
        [(("number", "heading"), "A"), (("text",), "C")], fold_yo=True
    )
    # What the unit is about as one compressed word vector (100 bytes, `bot.meaning`): the
    # bot finds a question worded without the unit's words by it. Empty until computed.
    meaning = models.BinaryField("смысловой вектор", null=True, blank=True, editable=False)
    # Copies of the edition's and the document's fields, kept up to date by database triggers
    # (migration 0004) on every insert and update: search filters, counts and ranks units by
    # them inside one index, without joins (docs/search.md). Read them from the database only:
    # a unit saved in this process still holds the defaults in memory.
    is_current = models.BooleanField("в текущей редакции", default=False, editable=False)
    document_kind = models.CharField(max_length=32, blank=True, editable=False)
    document_level = models.CharField(max_length=16, blank=True, editable=False)
    document_status = models.CharField(max_length=16, blank=True, editable=False)
    document_region_id = models.BigIntegerField(null=True, blank=True, editable=False)
    document_adopted_on = models.DateField(null=True, blank=True, editable=False)
    document_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = StructuralUnitQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = "структурная единица"
        verbose_name_plural = "структурные единицы"
        constraints = [
            models.UniqueConstraint(fields=["edition", "stable_key"], name="legal_unit_unique_key"),
            models.UniqueConstraint(fields=["edition", "position"], name="legal_unit_position"),
        ]
        indexes = [
            # One index answers the text and the facet filters together (btree_gin), for the
            # current editions only.
            GinIndex(
                fields=[
                    "search_vector",
                    "document_status",
                    "document_kind",
                    "document_level",
                    "document_region_id",
                    "document_year",
                ],
                condition=models.Q(is_current=True),
                name="legal_unit_search_current",
            ),
            # «Newest first» over many matches walks this index instead of sorting them all.
            models.Index(
                F("document_adopted_on").desc(nulls_last=True),
                condition=models.Q(is_current=True),
                name="legal_unit_current_newest",
            ),
            models.Index(fields=["document", "stable_key"], name="legal_unit_doc_key"),
        ]

    def __str__(self):
        return self.short_label or self.get_kind_display()

    def get_absolute_url(self):
        return unit_url(self.document_id, self.stable_key)

    def label(self):
        """The unit's designation in a citation, e.g. «ч. 1 ст. 14» (empty for a preamble)."""
        return self.short_label

    def citation(self):
        """The full citation, e.g. «ч. 1 ст. 14 Федерального закона от 06.10.2003 № 131-ФЗ»;
        inside an approved document «п. 3.5.1 Порядка, утв. постановлением … № 771».

        Reads `self.document`: select it with the unit (`with_document()`) in lists.
        """
        if not self.short_label:
            return self.document.requisites()
        if self.in_approved_document:
            return f"{self.short_label}, утв. {self.document.requisites_instrumental()}"
        return f"{self.short_label} {self.document.requisites_genitive()}"

    @property
    def in_approved_document(self):
        """Keys of approved documents and all they hold start with «utv» (importing/tree.py)."""
        return self.stable_key.startswith("utv")

    @property
    def norm_key(self):
        """The key of the norm the unit belongs to: its article («st14»), or in an approved
        document its point («utv1/p2.3»), so the bot quotes three norms, not one norm thrice."""
        parts = self.stable_key.split("/")
        return "/".join(parts[:2]) if self.in_approved_document else parts[0]

    @property
    def change_mark_list(self):
        """The marks with their kind named in Russian, for the document page."""
        names = {"amended": "Изменён", "inserted": "Введён", "repealed": "Утратил силу"}
        return [{**mark, "name": names.get(mark.get("kind"), "")} for mark in self.change_marks]

    @property
    def title_line(self):
        """How the unit opens in the text: «Статья 14. Heading», «1)», «а)»."""
        if self.kind in (UnitKind.APPROVED, UnitKind.APPENDIX, UnitKind.RESOLUTION):
            return self.heading
        if self.kind in (UnitKind.SECTION, UnitKind.CHAPTER, UnitKind.ARTICLE):
            name = self.get_kind_display().capitalize()
            head = f"{name} {self.number}."
            return f"{head} {self.heading}" if self.heading else head
        if self.kind == UnitKind.SUBPOINT or (self.kind == UnitKind.POINT and self.number):
            return f"{self.number})" if self.kind == UnitKind.SUBPOINT else f"{self.number}."
        if self.kind == UnitKind.PART:
            return f"{self.number}."
        return ""
