

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_moderators_verify_legal_editor_site'),
        ('portal', '0003_outbox_and_form_submissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='Interest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sphere', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='portal.sphere')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='interests', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'сфера работы пользователя',
                'verbose_name_plural': 'сферы работы пользователей',
                'constraints': [models.UniqueConstraint(fields=('user', 'sphere'), name='one_interest_per_sphere')],
            },
        ),
    ]
