"""A narrow copy of the problems' search vectors (`dialog.models.search`), kept by a trigger."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dialog', '0003_split_and_hiding'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProblemSearchVector',
            fields=[
                ('problem', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='dialog.problem')),
                ('search_vector', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'verbose_name': 'поисковый вектор проблемы',
                'verbose_name_plural': 'поисковые векторы проблем',
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='dialog_problem_vector_only')],
            },
        ),
        migrations.RunSQL(
            sql=[
                """
                CREATE FUNCTION dialog_copy_search_vector() RETURNS trigger AS $$
                BEGIN
                    INSERT INTO dialog_problemsearchvector (problem_id, search_vector)
                    VALUES (NEW.id, NEW.search_vector)
                    ON CONFLICT (problem_id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
                    RETURN NULL;
                END
                $$ LANGUAGE plpgsql
                """,
                """
                CREATE TRIGGER dialog_problem_search_inserted AFTER INSERT ON dialog_problem
                FOR EACH ROW EXECUTE FUNCTION dialog_copy_search_vector()
                """,
                """
                CREATE TRIGGER dialog_problem_search_updated AFTER UPDATE ON dialog_problem
                FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
                EXECUTE FUNCTION dialog_copy_search_vector()
                """,
                """
                INSERT INTO dialog_problemsearchvector (problem_id, search_vector)
                SELECT id, search_vector FROM dialog_problem
                ON CONFLICT (problem_id) DO NOTHING
                """,
            ],
            reverse_sql=[
                "DROP TRIGGER dialog_problem_search_updated ON dialog_problem",
                "DROP TRIGGER dialog_problem_search_inserted ON dialog_problem",
                "DROP FUNCTION dialog_copy_search_vector()",
            ],
        ),
    ]
