"""Benchmark data of the portal itself: 300,000 municipal employees at scale 1.

Users are written with PostgreSQL COPY in batches, each batch in its own transaction, and get
numbered e-mails (`bench-0000042@bench.invalid`). The number of bench users already in the
database tells where to resume, so running the generator twice never duplicates anything and a
larger scale only adds the missing users.
"""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.accounts import roles
from portal.accounts.models import User
from portal.municipalities.models import Municipality
from portal.registry import app_modules

USERS_AT_SCALE_1 = 300_000
BATCH_SIZE = 50_000
EMAIL_DOMAIN = "bench.invalid"
# The one password of every bench user; hashed once, not 300,000 times.
BENCH_PASSWORD = "Bench-Parol-2026"
VERIFIED_SHARE = 0.8

# (name, path, needs_login) of the pages `make bench` loads; needs_login is False, True (the
# bench login user) or the e-mail of another bench user (see `user_for`).
BENCH_URLS = [
    ("home", "/", False),
    ("cabinet", "/cabinet/", True),
]

MALE = (
    ["Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков"],
    ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Николай", "Павел", "Олег"],
    ["Алексеевич", "Дмитриевич", "Сергеевич", "Андреевич", "Михайлович", "Игоревич"],
)
FEMALE = (
    ["Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Морозова", "Волкова"],
    ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария"],
    ["Алексеевна", "Дмитриевна", "Сергеевна", "Андреевна", "Михайловна", "Игоревна"],
)
POSITIONS = [
    "Глава администрации",
    "Заместитель главы администрации",
    "Начальник юридического отдела",
    "Главный специалист отдела экономики",
    "Ведущий специалист по земельным отношениям",
    "Специалист по благоустройству",
    "Начальник финансового управления",
    "Консультант отдела муниципальных закупок",
]


def app_of(module) -> str:
    """`practices.bench` → `practices`: the app a bench module belongs to."""
    return module.__name__.rsplit(".", 1)[0]


def bench_modules(apps=None):
    """The bench modules of every app, lower layers first, or only those of `apps` (a set of
    names such as {"practices", "dialog"}; "portal" is one of them). An unknown name is an
    error rather than a silently empty run."""
    modules = list(app_modules("bench"))
    if apps is None:
        return modules
    known = [app_of(module) for module in modules]
    unknown = set(apps) - set(known)
    if unknown:
        raise CommandError(
            f"Нет бенчмарка у приложений: {', '.join(sorted(unknown))} (есть: {', '.join(known)})."
        )
    return [module for module in modules if app_of(module) in apps]


def email_for(number: int) -> str:
    return f"bench-{number:07d}@{EMAIL_DOMAIN}"


def bench_users():
    return User.objects.filter(email__startswith="bench-", email__endswith=f"@{EMAIL_DOMAIN}")


def login_user() -> User:
    """The bench user whose session loads the signed-in pages."""
    user = bench_users().filter(is_verified=True).order_by("pk").first()
    if user is None:
        raise CommandError("No verified bench user: run `manage.py generate_bench_data` first.")
    return user


def user_for(login) -> User:
    """The user a bench page signs in as: `True` is `login_user()`, a string is the e-mail of
    another bench user (an app's manager, say), made by that app's generator."""
    if login is True:
        return login_user()
    user = bench_users().filter(email=login).first()
    if user is None:
        raise CommandError(f"No bench user {login}: run `manage.py generate_bench_data` first.")
    return user


def generate(scale, stdout):
    target = round(USERS_AT_SCALE_1 * scale)
    existing = bench_users().count()
    if existing >= target:
        stdout.write(f"portal: {existing} bench users already there (needed {target}).")
        return
    municipality_ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    if not municipality_ids:
        raise CommandError("No municipalities: run `manage.py migrate` to load reference data.")
    writer = _UserWriter(municipality_ids)
    for start in range(existing, target, BATCH_SIZE):
        writer.write_batch(start, min(start + BATCH_SIZE, target))
        stdout.write(f"portal: {min(start + BATCH_SIZE, target)} of {target} bench users.")
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(User._meta.db_table)}")


class _UserWriter:
    """Writes numbered bench users with COPY, then their role and confirmed e-mail."""

    def __init__(self, municipality_ids):
        self.municipality_ids = municipality_ids
        self.now = timezone.now()
        self.employee_group_id = Group.objects.get(name=roles.EMPLOYEE).pk
        template = User(password=make_password(BENCH_PASSWORD), email="", is_active=True)
        # Every concrete column gets its model default, so fields added later still load.
        self.fields = [field for field in User._meta.concrete_fields if not field.primary_key]
        self.template = {
            field.attname: field.get_db_prep_save(getattr(template, field.attname), connection)
            for field in self.fields
        }

    def write_batch(self, start, stop):
        with transaction.atomic():
            self._copy_users(start, stop)
            self._add_roles_and_addresses(start, stop)

    def _copy_users(self, start, stop):
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        table = connection.ops.quote_name(User._meta.db_table)
        rng = random.Random(start)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for number in range(start, stop):
                row = self._row(number, rng)
                copy.write_row([row[field.attname] for field in self.fields])

    def _row(self, number, rng):
        last_names, first_names, patronymics = MALE if rng.random() < 0.45 else FEMALE
        joined = self.now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        verified = rng.random() < VERIFIED_SHARE
        return {
            **self.template,
            "email": email_for(number),
            "last_name": rng.choice(last_names),
            "first_name": rng.choice(first_names),
            "patronymic": rng.choice(patronymics),
            "position": rng.choice(POSITIONS),
            "municipality_id": rng.choice(self.municipality_ids),
            "is_verified": verified,
            "verified_at": joined + timedelta(days=1) if verified else None,
            "date_joined": joined,
        }

    def _add_roles_and_addresses(self, start, stop):

        quote = connection.ops.quote_name
        users = quote(User._meta.db_table)
        memberships = quote(User.groups.through._meta.db_table)
        addresses = quote(EmailAddress._meta.db_table)
        batch = [email_for(start), email_for(stop - 1)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {memberships} (user_id, group_id) SELECT id, %s FROM {users} "
                "WHERE email BETWEEN %s AND %s AND is_verified",
                [self.employee_group_id, *batch],
            )
            cursor.execute(
                f'INSERT INTO {addresses} (user_id, email, verified, "primary") '
                f"SELECT id, email, true, true FROM {users} WHERE email BETWEEN %s AND %s",
                batch,
            )


@require_GET
def trivial_view(request):
    """Public: a do-nothing page, the baseline `make bench` measures every page against.

    Routed only when BENCH_TRIVIAL_VIEW=1.
    """
    return HttpResponse("ok", content_type="text/plain")
