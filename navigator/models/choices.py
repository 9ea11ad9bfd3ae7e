"""Vocabularies of support measures."""

from django.db import models

# One window for «скоро завершается»: the urgent badge, the home block and the bookmarks' list of
# deadlines all mean measures whose application window ends within this many days.
CLOSING_SOON_DAYS = 14


class MeasureKind(models.TextChoices):
    SUBSIDY = "subsidy", "субсидия"
    GRANT = "grant", "грант"
    CONTEST = "contest", "конкурс"
    BUDGET_LOAN = "budget_loan", "бюджетный кредит"
    BENEFIT = "benefit", "льгота"
    METHODICAL = "methodical", "методическая поддержка"
    CONSULTING = "consulting", "консультационная поддержка"
    TRAINING = "training", "обучение"
    PROPERTY = "property", "имущественная поддержка"


class MeasureLevel(models.TextChoices):
    FEDERAL = "federal", "федеральная"
    REGIONAL = "regional", "региональная"


class MeasureStatus(models.TextChoices):
    UPCOMING = "upcoming", "скоро"
    OPEN = "open", "идёт приём"
    CLOSED = "closed", "приём завершён"


class Recurrence(models.TextChoices):
    ONE_OFF = "one_off", "разовый отбор"
    ANNUAL = "annual", "ежегодно"
    PERMANENT = "permanent", "постоянно"


class ProgrammeKind(models.TextChoices):
    NATIONAL_PROJECT = "national_project", "национальный проект"
    STATE_PROGRAMME = "state_programme", "государственная программа"


class ApplicationStatus(models.TextChoices):
    PLANNED = "planned", "планируем"
    PREPARING = "preparing", "готовим заявку"
    APPLIED = "applied", "заявка подана"
    WON = "won", "поддержка получена"
    REJECTED = "rejected", "отказ"
