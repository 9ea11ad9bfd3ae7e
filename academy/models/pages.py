"""The academy's Wagtail tree: AcademyIndexPage → TrackPage → CoursePage → LessonPage."""

from django.contrib.postgres.indexes import GinIndex
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Length
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from academy.access import can_read_lessons, reads_lessons
from academy.blocks import LESSON_BLOCKS
from academy.models.positions import Position, PositionsField
from portal import caching
from portal.search.vectors import weighted_search_vector

# The version of everything stored about the academy's pages (lesson outlines): bumped when any
# academy page is saved, moved or deleted. The lifetime bounds what no signal tells (a site's
# hostname changing the addresses).
PAGES_VERSION = "academy:pages"
OUTLINE_SECONDS = 3600


def _restriction_above():
    """A view restriction on the page or one of its ancestors: Wagtail's `public()` as part of
    the same query, where `public()` first reads every restriction in a query of its own."""
    return PageViewRestriction.objects.filter(
        page__path=Left(OuterRef("path"), Length("page__path"))
    )


class Level(models.TextChoices):
    BASIC = "basic", "начальный"
    MIDDLE = "middle", "средний"
    ADVANCED = "advanced", "продвинутый"


class CourseFormat(models.TextChoices):
    SELF_PACED = "self_paced", "в своём темпе"
    COHORT = "cohort", "в потоке с датами"


class EnrolmentMode(models.TextChoices):
    OPEN = "open", "свободная запись"
    REQUEST = "request", "по заявке с одобрением"
    ASSIGNED = "assigned", "только по назначению"


class AcademyIndexPage(Page):
    """The root of the academy's pages; /academy/ itself is the catalogue view."""

    intro = models.TextField("вводный абзац", blank=True)

    content_panels = [*Page.content_panels, "intro"]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["academy.TrackPage"]
    max_count = 1

    class Meta:
        verbose_name = "академия"
        verbose_name_plural = "академия"

    def serve(self, request, *args, **kwargs):
        return redirect("academy:index")


class TrackPage(Page):
    summary = models.TextField("о треке", max_length=600)

    content_panels = [*Page.content_panels, "summary"]
    parent_page_types = ["academy.AcademyIndexPage"]
    subpage_types = ["academy.CoursePage"]

    class Meta:
        verbose_name = "трек"
        verbose_name_plural = "треки"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().order_by("path")
        return context

    @classmethod
    def live_choices(cls):
        """(slug, title) of the live tracks in order, for the catalogue's filter; stored until
        any academy page is saved, moved or deleted (PAGES_VERSION)."""
        key = caching.versioned_key(PAGES_VERSION, "tracks")
        choices = cache.get(key)
        if choices is None:
            choices = list(cls.objects.live().order_by("path").values_list("slug", "title"))
            cache.set(key, choices, OUTLINE_SECONDS)
        return choices


class CoursePage(Page):
    summary = models.TextField("кратко о курсе", max_length=600)
    audience = PositionsField(verbose_name="для кого (должности)")
    level = models.CharField("уровень", max_length=10, choices=Level.choices, db_index=True)
    format = models.CharField(
        "формат", max_length=12, choices=CourseFormat.choices, default=CourseFormat.SELF_PACED
    )
    hours = models.PositiveSmallIntegerField("объём, академических часов", db_index=True)
    enrolment_mode = models.CharField(
        "запись", max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    prerequisites = ParentalManyToManyField(
        "academy.CoursePage", verbose_name="сначала пройти", blank=True, related_name="+"
    )
    final_quiz = models.ForeignKey(
        "academy.Quiz",
        verbose_name="итоговый тест",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Курс завершён, когда пройдены обязательные уроки и этот тест.",
    )
    requires_webinar = models.BooleanField("нужно посетить вебинар курса", default=False)
    certificate_template = models.ForeignKey(
        "academy.CertificateTemplate",
        verbose_name="шаблон сертификата",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="обложка",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        "summary",
        MultiFieldPanel(
            [
                FieldRowPanel(["level", "format", "hours"]),
                "audience",
                "enrolment_mode",
                "prerequisites",
            ],
            heading="Кому и как",
        ),
        MultiFieldPanel(
            ["final_quiz", "requires_webinar", "certificate_template"],
            heading="Завершение и сертификат",
        ),
        "cover",
    ]
    # The page title lives in wagtailcore_page; a generated column reads only its own table, so
    # save() copies the title here for the catalogue's search vector (title > summary).
    search_title = models.CharField(max_length=255, default="", db_default="", editable=False)
    search_vector = weighted_search_vector(
        [(("search_title",), "A"), (("summary",), "B")], fold_yo=True
    )
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["academy.TrackPage"]
    subpage_types = ["academy.LessonPage"]

    class Meta:
        verbose_name = "курс"
        verbose_name_plural = "курсы"
        indexes = [GinIndex(fields=["search_vector"], name="academy_course_search")]

    def save(self, *args, **kwargs):
        self.search_title = self.title
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_title"}
        return super().save(*args, **kwargs)

    @cached_property
    def lessons(self):
        return list(LessonPage.objects.child_of(self).live().order_by("path"))

    @classmethod
    def unlisted_ids(cls):
        """Ids of the courses the catalogue leaves out: not live, or under a view restriction on
        them or above; usually none. Stored until any academy page or view restriction is
        saved, moved or deleted (PAGES_VERSION): the catalogue excludes them by id instead of
        joining the page tree and looking for restrictions above every course on each request
        (its count then reads the course table alone)."""
        key = caching.versioned_key(PAGES_VERSION, "unlisted-courses")
        ids = cache.get(key)
        if ids is None:
            listed = cls.objects.live().exclude(Exists(_restriction_above()))
            unlisted = cls.objects.exclude(pk__in=listed.values("pk")).order_by("pk")
            ids = list(unlisted.values_list("pk", flat=True))
            cache.set(key, ids, OUTLINE_SECONDS)
        return ids

    @property
    def required_lesson_ids(self):
        return [lesson.pk for lesson in self.lessons if lesson.is_required]

    def get_absolute_url(self):
        return self.url

    @property
    def audience_labels(self):
        return [Position(value).label for value in self.audience if value in Position.values]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        enrollment = None
        if request.user.is_authenticated:
            enrollment = self.enrollments.filter(user=request.user).first()
        context["enrollment"] = enrollment
        context["lessons"] = self.lessons
        context["webinars"] = self.webinars.order_by("starts_at")[:10]
        context["enrol_url"] = reverse("academy:enrol", args=[self.pk])
        context["may_discuss"] = can_read_lessons(request.user, self)
        return context


class LessonPage(Page):
    module = models.CharField(
        "модуль", max_length=200, blank=True, help_text="Уроки с одним модулем идут группой."
    )
    is_required = models.BooleanField("обязательный", default=True)
    minutes = models.PositiveSmallIntegerField("минут на урок", default=15)
    body = StreamField(LESSON_BLOCKS, verbose_name="содержание", use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(["module", "is_required", "minutes"]),
        FieldPanel("body"),
    ]
    parent_page_types = ["academy.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "урок"
        verbose_name_plural = "уроки"

    def get_url_parts(self, request=None):
        """A lesson's address is /academy/lessons/<id>/ (`academy.views.lessons`): found there
        by its id in one query, where its address in the tree costs Wagtail two queries per
        level. The tree's address keeps serving it too."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, root_url, _ = parts
        return site_id, root_url, reverse("academy:lesson", args=[self.pk])

    @classmethod
    def live_by_id(cls, pk):
        """The live lesson `pk` with its course's outline, or None. Stored with the outlines'
        version (any academy page saved, published, moved or deleted bumps it): a visit
        unpickles a few KB in one cache round trip instead of joining the lesson's two tables
        and reading the outline on its own."""
        key = caching.versioned_key(PAGES_VERSION, "lesson", pk)
        lesson = cache.get(key)
        if lesson is None:
            lesson = cls.objects.live().filter(pk=pk).first()
            if lesson is None:
                return None
            lesson.outline  # noqa: B018 (a cached property: the stored copy carries it)
            lesson.__dict__.pop("course", None)  # only needed to build the outline
            cache.set(key, lesson, OUTLINE_SECONDS)
        return lesson

    @cached_property
    def course(self):
        """The parent course, by the tree's path (one query, whatever the parent's type)."""
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    @cached_property
    def outline(self):
        """The course's id, title and address, its live lessons (id, title, address) in order,
        and each lesson's view restrictions (ids, on the lesson and above): what a lesson page
        shows around its own text and what its serve hook checks. Stored until any academy
        page is saved, moved or deleted, or a view restriction changes (`academy.course_changes`
        bumps PAGES_VERSION); read once per request, one cache round trip."""
        course_path = self.path[: -self.steplen]
        key = caching.versioned_key(PAGES_VERSION, "outline", course_path)
        outline = cache.get(key)
        if outline is None:
            course = self.course
            lessons = list(
                LessonPage.objects.child_of(course)
                .live()
                .order_by("path")
                .only("id", "title", "url_path", "path", "depth", "alias_of")
            )
            outline = {
                "course": {"pk": course.pk, "title": course.title, "url": course.url},
                "lessons": [
                    {"pk": lesson.pk, "title": lesson.title, "url": lesson.url}
                    for lesson in lessons
                ],
                "restrictions": _lesson_restrictions(course, lessons),
            }
            cache.set(key, outline, OUTLINE_SECONDS)
        return outline

    def serve(self, request, *args, **kwargs):
        """Enrolled learners, editors and academy administrators only."""
        if not request.user.is_authenticated:
            # auth.views loads the user model on import, which fails while models are loading.
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        outline = self.outline
        enrollment = self._enrollment_of(request.user, outline["course"]["pk"])
        if not reads_lessons(request.user, enrollment):
            raise PermissionDenied("Уроки доступны после записи на курс.")
        request.academy_lesson = {"outline": outline, "enrollment": enrollment}
        return super().serve(request, *args, **kwargs)

    def _enrollment_of(self, user, course_id):
        """The user's enrolment on the course (its status only: the page asks whether they are
        learning) with «урок пройден» as an EXISTS, or None. Through the enrolment model's own
        manager (reached by the course's relation: this module imports no model above it);
        `user.enrollments` cost 0.4 ms more to build the same query."""
        enrollments = CoursePage.enrollments.rel.related_model.objects
        done = self.completions.filter(user_id=OuterRef("user_id"))
        found = (
            enrollments.filter(user_id=user.pk, course_id=course_id)
            .only("status")
            .annotate(lesson_done=Exists(done))[:1]
        )
        return next(iter(found), None)

    def get_view_restrictions(self):
        """Wagtail's view restrictions on this lesson and above (what its serve hook checks),
        by the ids in the stored outline. A lesson without restrictions, the usual case, costs
        no query where Wagtail's costs two. A lesson outside the outline (a draft, in the
        admin) and the admin's privacy view get Wagtail's own queryset."""
        ids = self.outline["restrictions"].get(self.pk) if self.live else None
        if ids is None:
            return super().get_view_restrictions()
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        served = getattr(request, "academy_lesson", None) or {
            "outline": self.outline,
            "enrollment": None,
        }
        enrollment, lessons = served["enrollment"], served["outline"]["lessons"]
        index_of = next((i for i, lesson in enumerate(lessons) if lesson["pk"] == self.pk), 0)
        context.update(
            course=served["outline"]["course"],
            previous_lesson=lessons[index_of - 1] if index_of > 0 else None,
            next_lesson=lessons[index_of + 1] if index_of + 1 < len(lessons) else None,
            done=bool(enrollment and enrollment.lesson_done),
            enrollment=enrollment,
        )
        return context


def _lesson_restrictions(course, lessons):
    """{lesson id: ids of the view restrictions on it, its course and above}, in two queries.
    Aliases are left out: theirs are their source page's, which Wagtail's own query finds."""
    lessons = [lesson for lesson in lessons if lesson.alias_of_id is None]
    shared = list(course.get_view_restrictions().values_list("pk", flat=True))
    own = {}
    restricted = PageViewRestriction.objects.filter(page__in=[lesson.pk for lesson in lessons])
    for page_id, pk in restricted.values_list("page_id", "pk"):
        own.setdefault(page_id, []).append(pk)
    return {lesson.pk: shared + own.get(lesson.pk, []) for lesson in lessons}
