"""When the academy's pages change, what is stored or cached about them follows.

- Each enrolment stores its next lesson (`Enrollment.next_lesson`, for «Продолжить»):
  publishing, unpublishing, moving or deleting a lesson changes which lesson that is for every
  learner of its course, so their enrolments are recounted here, in the editor's transaction.
- Lesson pages read their course's outline from the cache (`LessonPage.outline`): any save,
  move or deletion of an academy page bumps its version. So does any change of a Wagtail view
  restriction: the outline keeps the ids of each lesson's (`LessonPage.get_view_restrictions`).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from academy.models import AcademyIndexPage, CoursePage, Enrollment, LessonPage, TrackPage
from academy.models.pages import PAGES_VERSION
from portal import caching

ACADEMY_PAGES = (AcademyIndexPage, TrackPage, CoursePage, LessonPage)


def refresh_course(course_id):
    if course_id is not None:
        Enrollment.objects.filter(course_id=course_id).refresh_next_lessons()


def _course_id(lesson):
    """The lesson's course, by path: the page row may already be deleted."""
    parent_path = lesson.path[: -LessonPage.steplen]
    return CoursePage.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def lesson_published_or_removed(sender, instance, **kwargs):
    refresh_course(_course_id(instance))


def lesson_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    for course_id in {parent_page_before.pk, parent_page_after.pk}:
        refresh_course(course_id)


def bump_pages(**kwargs):
    caching.bump(PAGES_VERSION)


def register():
    uid = "academy-lesson-changes"
    page_published.connect(lesson_published_or_removed, sender=LessonPage, dispatch_uid=uid)
    page_unpublished.connect(lesson_published_or_removed, sender=LessonPage, dispatch_uid=uid)
    post_delete.connect(lesson_published_or_removed, sender=LessonPage, dispatch_uid=uid)
    post_page_move.connect(lesson_moved, sender=LessonPage, dispatch_uid=uid)
    for model in ACADEMY_PAGES:
        uid = f"academy-pages-{model.__name__}"
        post_save.connect(bump_pages, sender=model, dispatch_uid=uid)
        post_delete.connect(bump_pages, sender=model, dispatch_uid=uid)
        post_page_move.connect(bump_pages, sender=model, dispatch_uid=uid)
    uid = "academy-pages-restrictions"
    post_save.connect(bump_pages, sender=PageViewRestriction, dispatch_uid=uid)
    post_delete.connect(bump_pages, sender=PageViewRestriction, dispatch_uid=uid)
