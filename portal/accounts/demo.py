"""Demo users, one per role, with known passwords (never run in production: see seed_demo)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction

from portal.accounts import roles
from portal.accounts.models import User, VerificationRequest
from portal.municipalities.models import Municipality

DEMO_PASSWORD = "Demo-Portal-2026"
# A fixed secret so a person can add the demo staff accounts to an authenticator app.
DEMO_TOTP_SECRET = "MUNICIPALITETYDEMOTOTPSECRET2345"

# (e-mail, last name, first name, patronymic, position, roles, verified)
DEMO_USERS = [
    (
        "employee@demo.local",
        "Соколова",
        "Анна",
        "Викторовна",
        "Главный специалист отдела ЖКХ",
        [roles.EMPLOYEE],
        True,
    ),
    (
        "unverified@demo.local",
        "Лебедев",
        "Максим",
        "Андреевич",
        "Специалист по работе с обращениями",
        [],
        False,
    ),
    (
        "editor@demo.local",
        "Кузнецова",
        "Ольга",
        "Сергеевна",
        "Редактор портала",
        [roles.EDITOR],
        True,
    ),
    (
        "moderator@demo.local",
        "Морозов",
        "Дмитрий",
        "Игоревич",
        "Модератор портала",
        [roles.MODERATOR],
        True,
    ),
    (
        "lawyer@demo.local",
        "Васильева",
        "Екатерина",
        "Павловна",
        "Юрист-консультант",
        [roles.LAWYER],
        True,
    ),
    (
        "expert@demo.local",
        "Новиков",
        "Сергей",
        "Николаевич",
        "Федеральный эксперт по ЖКХ",
        [roles.EXPERT],
        True,
    ),
    (
        "legal-editor@demo.local",
        "Орлова",
        "Марина",
        "Юрьевна",
        "Редактор правовой базы",
        [roles.LEGAL_EDITOR],
        True,
    ),
    (
        "applicant@demo.local",
        "Зайцев",
        "Пётр",
        "Ильич",
        "Заместитель главы администрации",
        [],
        False,
    ),
    (
        "admin@demo.local",
        "Павлов",
        "Игорь",
        "Олегович",
        "Администратор портала",
        [roles.ADMINISTRATOR],
        True,
    ),
]


def seed(stdout):
    municipalities = list(Municipality.objects.order_by("-population", "pk")[: len(DEMO_USERS)])
    if not municipalities:
        stdout.write(
            "ВНИМАНИЕ: в справочнике нет муниципальных образований — демо-пользователи не созданы."
        )
        return
    stdout.write(f"Демо-пользователи (пароль у всех: {DEMO_PASSWORD}):")
    for index, row in enumerate(DEMO_USERS):
        user = _demo_user(row, municipalities[index % len(municipalities)])
        role = ", ".join(sorted(user.role_names)) or "без роли, не подтверждён"
        stdout.write(f"  {user.email:<24} {role}")
    stdout.write(
        "Сотрудникам с ролями для входа в /admin/ и /cms/ нужен код TOTP: добавьте в приложение-"
        f"аутентификатор секрет {DEMO_TOTP_SECRET} (одинаковый у всех демо-сотрудников)."
    )


@transaction.atomic
def _demo_user(row, municipality):
    email, last_name, first_name, patronymic, position, role_names, verified = row
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "last_name": last_name,
            "first_name": first_name,
            "patronymic": patronymic,
            "position": position,
            "municipality": municipality,
            "is_staff": bool(set(role_names) & set(roles.STAFF_ROLES)),
            "is_superuser": roles.ADMINISTRATOR in role_names,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*Group.objects.filter(name__in=role_names))
    if verified:
        user.verify()
    elif email.startswith("applicant@"):
        # Someone waiting in the moderators' queue.
        VerificationRequest.submit(user, municipality, position, "Телефон приёмной в профиле.")
    if (
        user.needs_two_factor
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user
