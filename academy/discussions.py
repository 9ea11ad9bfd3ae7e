"""Course discussions through the shared community engine (docs/community.md).

A course takes comments (and reports of comments, which the engine gives every comment). Its
learners, editors and academy administrators discuss it: the course page shows the block only
to them, and a comment from anyone else is refused before it is stored, whatever sent it.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save

from academy.access import can_read_lessons
from academy.models import CoursePage
from portal.community import registry as community
from portal.community.models import Comment

REFUSED = "Обсуждать курс могут только записанные на него слушатели."


def may_discuss(user, course):
    """Enrolled learners (active or completed), editors and academy administrators."""
    return user is not None and can_read_lessons(user, course)


def refuse_outsiders(sender, instance, **kwargs):
    """The engine asks only whether the course is public; who may write here is ours to say."""
    if instance.pk is not None:
        return  # edits and deletions of a stored comment are the engine's own rules
    course_type = ContentType.objects.get_for_model(CoursePage, for_concrete_model=False)
    if instance.content_type_id != course_type.pk:
        return
    course = CoursePage.objects.filter(pk=instance.object_id).first()
    if course is None or not may_discuss(instance.author, course):
        raise PermissionDenied(REFUSED)


def register():
    community.register(
        CoursePage,
        label="курс",
        features=frozenset({community.COMMENTS}),
        # Nobody «owns» a course in the sense of answering for its discussion.
        author_of=lambda course: None,
        is_public=lambda course: course.live,
        url_of=lambda course: course.url,
    )
    pre_save.connect(refuse_outsiders, sender=Comment, dispatch_uid="academy-course-discussion")
