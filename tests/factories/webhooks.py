import factory
from factory.django import DjangoModelFactory

from webhooks.models import Webhook


class WebhookFactory(DjangoModelFactory):
    class Meta:
        model = Webhook

    name = factory.Sequence(lambda n: f"Site public {n}")
    url = "http://127.0.0.1:9/hook"
    secret = factory.Sequence(lambda n: f"secret-de-test-{n}")
