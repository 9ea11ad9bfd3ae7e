from academy.models.attempts import (
    Accommodation,
    Attempt,
    AttemptError,
    AttemptEvent,
    AttemptStatus,
)
from academy.models.certificates import Certificate, CertificateSequence
from academy.models.feedback import CourseFeedback
from academy.models.learning import (
    Cohort,
    Enrollment,
    EnrollmentError,
    EnrollmentStatus,
    LessonCompletion,
    ManagerScope,
    recommended_courses,
)
from academy.models.pages import (
    AcademyIndexPage,
    CourseFormat,
    CoursePage,
    EnrolmentMode,
    LessonPage,
    Level,
    TrackPage,
)
from academy.models.positions import Position, positions_of
from academy.models.programmes import CertificateTemplate, Programme, ProgrammeCourse
from academy.models.quizzes import Question, QuestionKind, Quiz, ReviewPolicy
from academy.models.webinars import Webinar, WebinarError, WebinarRegistration

__all__ = [
    "recommended_courses",
    "AcademyIndexPage",
    "Accommodation",
    "Attempt",
    "AttemptError",
    "AttemptEvent",
    "AttemptStatus",
    "Certificate",
    "CertificateSequence",
    "CertificateTemplate",
    "Cohort",
    "CourseFeedback",
    "CourseFormat",
    "CoursePage",
    "EnrolmentMode",
    "Enrollment",
    "EnrollmentError",
    "EnrollmentStatus",
    "LessonCompletion",
    "LessonPage",
    "Level",
    "ManagerScope",
    "Position",
    "Programme",
    "ProgrammeCourse",
    "Question",
    "QuestionKind",
    "Quiz",
    "ReviewPolicy",
    "TrackPage",
    "Webinar",
    "WebinarError",
    "WebinarRegistration",
    "positions_of",
]
