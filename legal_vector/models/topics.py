from django.db import models


class Topic(models.Model):
    """A municipal topic of the legal base (local self-government, budget, procurement…).

    Topics form a tree; a topic may point at the portal-wide sphere it corresponds to, so the
    legal base lines up with practices, support measures and dialog problems.
    """

    name = models.CharField("название", max_length=200)
    slug = models.SlugField("код", max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="родительская тема",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    sphere = models.ForeignKey(
        "portal.Sphere",
        verbose_name="сфера",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_topics",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "тема"
        verbose_name_plural = "темы"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/legal/?topic={self.slug}"

    @classmethod
    def with_descendants(cls, slugs) -> list[str]:
        """`slugs` and the slugs of every topic below them: a topic covers its sub-topics.

        The tree is small: one query reads it whole, however deep it is.
        """
        children = {}
        for slug, parent_slug in cls.objects.values_list("slug", "parent__slug"):
            children.setdefault(parent_slug, []).append(slug)
        found, pending = [], list(slugs)
        while pending:
            slug = pending.pop()
            if slug not in found:
                found.append(slug)
                pending.extend(children.get(slug, []))
        return found
