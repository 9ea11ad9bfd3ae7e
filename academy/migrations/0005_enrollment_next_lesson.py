import django.db.models.deletion
from django.db import migrations, models

# The same rule as Enrollment.refresh_progress(): the first live lesson of the course, in the
# tree's order, that the learner has not done; none when all are done. Set-based, so that
# 300,000 enrolments take seconds. A lesson's course is its parent: the path less one step
# (Wagtail's tree has steps of four characters).
FILL_NEXT_LESSON = """
WITH lessons AS (
    SELECT course.id AS course_id, lesson.id AS lesson_id, lesson.path
    FROM academy_lessonpage
    JOIN wagtailcore_page lesson ON lesson.id = academy_lessonpage.page_ptr_id
    JOIN wagtailcore_page course ON course.path = left(lesson.path, -4)
    WHERE lesson.live
),
pending AS (
    SELECT DISTINCT ON (enrollment.id) enrollment.id AS enrollment_id, lessons.lesson_id
    FROM academy_enrollment enrollment
    JOIN lessons ON lessons.course_id = enrollment.course_id
    WHERE NOT EXISTS (
        SELECT 1 FROM academy_lessoncompletion done
        WHERE done.user_id = enrollment.user_id AND done.lesson_id = lessons.lesson_id
    )
    ORDER BY enrollment.id, lessons.path
)
UPDATE academy_enrollment SET next_lesson_id = pending.lesson_id
FROM pending WHERE academy_enrollment.id = pending.enrollment_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0004_accommodation_granted_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrollment",
            name="next_lesson",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="academy.lessonpage",
            ),
        ),
        migrations.RunSQL(FILL_NEXT_LESSON, migrations.RunSQL.noop),
    ]
