"""The portal's roles. Each is a Django group created by a data migration."""

EMPLOYEE = "Муниципальный служащий"
EDITOR = "Редактор контента"
MODERATOR = "Модератор"
LAWYER = "Юрист"
EXPERT = "Эксперт"
ADMINISTRATOR = "Администратор"

ALL_ROLES = [EMPLOYEE, EDITOR, MODERATOR, LAWYER, EXPERT, ADMINISTRATOR]
# Roles that reach admin screens and therefore must use two-factor authentication.
STAFF_ROLES = [EDITOR, MODERATOR, LAWYER, EXPERT, ADMINISTRATOR]
