# The events a webhook can be told about are declared by the apps that own them
# (`community.webhook_events`); the deliveries' choices are read from that registry. Nothing
# changes in the database.

import community.webhook_events
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0015_product_counts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhookdelivery",
            name="event",
            field=models.CharField(
                choices=community.webhook_events.choices, max_length=40, verbose_name="event"
            ),
        ),
    ]
