"""A region's report counts exactly the people the manager may see there, whatever mix of
region and municipality scopes they hold (the scopes are read once per request)."""

from academy import reports
from academy.models import Enrollment, ManagerScope
from portal.accounts import roles
from tests.academy.factories import make_course
from tests.factories import MunicipalityFactory, UserFactory


def counted(manager, course, region):
    _, rows = reports.course_rows(manager, course, region)
    return {row["user__municipality_id"]: row["enrolled"] for row in rows}


def test_region_reports_keep_each_scope(db):
    course = make_course(title="Отчётный", lessons=1)
    a1, b1 = MunicipalityFactory(), MunicipalityFactory()
    a2 = MunicipalityFactory(region=a1.region)
    b2 = MunicipalityFactory(region=b1.region)
    other = MunicipalityFactory()
    for municipality in (a1, a2, b1, b2, other):
        for person in UserFactory.create_batch(2, municipality=municipality):
            Enrollment.enrol(person, course)
    manager = UserFactory(roles=[roles.EMPLOYEE, roles.ACADEMY_MANAGER])
    ManagerScope.objects.create(user=manager, region=a1.region)
    ManagerScope.objects.create(user=manager, municipality=b1)

    assert counted(manager, course, a1.region) == {a1.pk: 2, a2.pk: 2}
    assert counted(manager, course, b1.region) == {b1.pk: 2}
    assert counted(manager, course, other.region) == {}
    _, rows = reports.course_rows(manager, course)  # the course's regions
    by_region = {row["user__municipality__region_id"]: row["enrolled"] for row in rows}
    assert by_region == {a1.region_id: 4, b1.region_id: 2}


def test_a_region_the_manager_sees_whole_is_filtered_once(db):
    """The scope's filter would repeat the region's, and PostgreSQL, multiplying the two
    estimates, walked every user of the region instead of the course's enrolments."""
    course = make_course(title="Отчётный", lessons=1)
    home, near = MunicipalityFactory(), MunicipalityFactory()
    manager = UserFactory(roles=[roles.EMPLOYEE, roles.ACADEMY_MANAGER])
    ManagerScope.objects.create(user=manager, region=home.region)
    ManagerScope.objects.create(user=manager, municipality=near)

    _, rows = reports.course_rows(manager, course, home.region)
    assert str(rows.query).count('"region_id"') == 1
    _, rows = reports.course_rows(manager, course, near.region)
    assert str(rows.query).count('"region_id"') == 2  # the region's, then the scopes' filter
