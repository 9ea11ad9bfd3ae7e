"""Demo discussion of practices: comments, «полезно», adoptions. Idempotent (unique rows)."""

from portal.accounts.models import User
from portal.community.models import Comment, Reaction
from portal.municipalities.models import Municipality
from practices.models import Adoption, Practice

COMMENTS = [
    "Спасибо за подробное описание! Сколько времени заняла подготовка документов?",
    "Мы пробовали похожее, но без участия жителей — не взлетело. Ваш опыт очень кстати.",
    "Подскажите, как договорились с региональным оператором? У нас он не идёт на контакт.",
    "Очень полезно, особенно раздел о том, что не сработало.",
    "Есть ли у вас шаблон технического задания? Готовы поделиться своими наработками.",
]
REPLIES = [
    "Около двух месяцев, основное время ушло на согласования.",
    "Напишите нам через «Задать вопрос автору» — пришлём документы.",
]
SHOWN = 40


def seed(stdout):
    users = list(User.objects.filter(email__endswith="@demo.local", is_verified=True)[:6])
    if not users:
        stdout.write("  обсуждение практик: нет демо-пользователей")
        return
    practices = list(Practice.objects.published().order_by("pk")[:SHOWN])
    municipalities = list(Municipality.objects.order_by("-population")[:60])
    for number, practice in enumerate(practices):
        fields = Comment.target_fields(practice)
        if not Comment.objects.filter(**fields).exists():
            for shift in range(1 + number % 3):
                top = Comment.objects.create(
                    author=users[(number + shift) % len(users)],
                    text=COMMENTS[(number + shift) % len(COMMENTS)],
                    **fields,
                )
                if shift == 0:
                    Comment.objects.create(
                        author=users[(number + 1) % len(users)],
                        parent=top,
                        text=REPLIES[number % len(REPLIES)],
                        **fields,
                    )
        for user in users[: 1 + number % len(users)]:
            Reaction.toggle(user, practice, True)
        for shift in range(number % 4):
            municipality = municipalities[(number * 3 + shift) % len(municipalities)]
            if municipality.pk != practice.municipality_id:
                Adoption.objects.get_or_create(
                    practice=practice,
                    municipality=municipality,
                    defaults={"note": "Внедрили по описанию, адаптировав под наш бюджет."},
                )
    stdout.write(f"  обсуждение практик: {len(practices)} практик с комментариями и отметками")
