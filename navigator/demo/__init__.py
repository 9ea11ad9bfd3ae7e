"""Demo content of the navigator: `seed(stdout)` is called by `manage.py seed_demo`.

Idempotent: measures are matched by their `demo-…` source id and pages by slug, so a second
run only adds what is missing.
"""

from wagtail.models import Site

from navigator.demo.measures import seed_measures
from navigator.demo.solutions import SOLUTIONS
from navigator.models import ReadySolutionIndexPage, ReadySolutionPage, SupportMeasure
from portal.models import Sphere

INDEX_SLUG = "gotovye-resheniya"


def seed(stdout):
    seed_measures(stdout)
    index = _solution_index()
    created = sum(_solution(index, row) for row in SOLUTIONS)
    stdout.write(f"  готовые решения: создано {created}, всего {len(SOLUTIONS)}")


def _solution_index():
    root = Site.objects.get(is_default_site=True).root_page
    index = ReadySolutionIndexPage.objects.child_of(root).first()
    if index is None:
        index = ReadySolutionIndexPage(
            title="Готовые решения",
            slug=INDEX_SLUG,
            intro="<p>Типовые задачи муниципалитетов: пошаговый план и меры поддержки, "
            "которые помогут его оплатить.</p>",
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    return index


def _solution(index, row):
    slug, title, problem, result, sphere_slugs, steps, measure_keys, resources = row
    if ReadySolutionPage.objects.filter(slug=slug).exists():
        return False
    measures = [_demo_measure(key) for key in measure_keys]
    page = ReadySolutionPage(
        title=title,
        slug=slug,
        problem=problem,
        result=result,
        steps=[
            ("step", {"title": t, "text": f"<p>{text}</p>", "measures": []}) for t, text in steps
        ],
        measures=[("measure", measure) for measure in measures if measure is not None],
        resources=[("link", {"kind": k, "title": name, "url": url}) for k, name, url in resources],
    )
    index.add_child(instance=page)
    page.spheres.set(Sphere.objects.filter(slug__in=sphere_slugs))
    page.save_revision().publish()
    return True


def _demo_measure(key):
    """The first wave of a federal measure, or the first region's copy of a regional one."""
    return (
        SupportMeasure.objects.filter(source_id__startswith=f"demo-{key}-").order_by("pk").first()
    )
