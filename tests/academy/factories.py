"""Builders of an academy tree for tests: index → track → course → lessons, a quiz."""

from wagtail.models import Page

from academy.models import AcademyIndexPage, CoursePage, LessonPage, Question, Quiz, TrackPage


def academy_index():
    existing = AcademyIndexPage.objects.first()
    if existing:
        return existing
    root = Page.objects.get(depth=1)
    home = root.get_children().first()
    return home.add_child(instance=AcademyIndexPage(title="Академия", slug="academy-pages"))


def make_quiz(title="Итоговый тест", **options):
    quiz = Quiz(title=title, shuffle=False, **options)
    quiz.save()
    Question.objects.create(
        quiz=quiz, sort_order=0, kind="single", prompt="Столица РФ?", choices="*Москва\nКазань"
    )
    Question.objects.create(
        quiz=quiz, sort_order=1, kind="multiple", prompt="Чётные числа?", choices="*2\n3\n*4"
    )
    Question.objects.create(
        quiz=quiz, sort_order=2, kind="true_false", prompt="2+2=4", accepted="верно"
    )
    Question.objects.create(
        quiz=quiz, sort_order=3, kind="short_text", prompt="ФЗ об МСУ?", accepted="131-ФЗ\n131"
    )
    Question.objects.create(
        quiz=quiz, sort_order=4, kind="number", prompt="Пи?", number="3.14", tolerance="0.01"
    )
    return quiz


RIGHT = {0: ["0"], 1: ["0", "2"], 2: ["true"], 3: ["131 фз"], 4: ["3,141"]}


def right_answers(attempt):
    """Right answers keyed as the attempt's form sends them, found from the snapshot."""
    answers = {}
    for question in attempt.questions:
        if (
            question["kind"] == "single"
            or question["kind"] == "true_false"
            or question["kind"] == "multiple"
        ):
            answers[str(question["id"])] = list(question["key"])
        elif question["kind"] == "short_text":
            answers[str(question["id"])] = ["«131-ФЗ»"]
        else:
            answers[str(question["id"])] = ["3,141"]
    return answers


def make_course(title="Основы цифровой трансформации", lessons=2, quiz=None, track=None, **fields):
    index = academy_index()
    if track is None:
        track = TrackPage.objects.child_of(index).first() or index.add_child(
            instance=TrackPage(title="Цифровые технологии", slug="digital", summary="Трек")
        )
    fields.setdefault("level", "basic")
    fields.setdefault("hours", 8)
    fields.setdefault("summary", "Кратко о курсе")
    course = track.add_child(instance=CoursePage(title=title, final_quiz=quiz, **fields))
    for number in range(lessons):
        course.add_child(
            instance=LessonPage(
                title=f"Урок {number + 1}",
                body=[("text", f"<p>Текст урока {number + 1}</p>")],
                minutes=10,
            )
        )
    return CoursePage.objects.get(pk=course.pk)
