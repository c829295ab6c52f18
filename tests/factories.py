"""Factories for the community's data, shared by every test module."""

import io

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Member, Notification, StaffCard, Team
from community.roles import Role

DEFAULT_PASSWORD = "a-long-test-password-1"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member whose e-mail address is verified (pass `verified=False` for one who is not)."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for role in extracted:
                self.groups.add(Group.objects.get(name=Role(role).value))
            self.__dict__.pop("role_names", None)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    slug = "support"
    kind = Team.Kind.SUPPORT
    name_en = "Support"
    name_fr = "Assistance"


class StaffCardFactory(factory.django.DjangoModelFactory):
    """An active staff card, for a member who holds the Staff role."""

    class Meta:
        model = StaffCard

    member = factory.SubFactory(MemberFactory, roles=[Role.STAFF])
    real_name = factory.Faker("name")
    role_title_en = "Support specialist"
    role_title_fr = "Conseillère support"
    team = factory.SubFactory(TeamFactory)
    spoken_languages = ["en", "fr"]


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(MemberFactory)
    kind = "welcome"
    params = factory.LazyAttribute(lambda n: {"name": n.recipient.display_name})
    url = "/"


def image_upload(name="photo.jpg", *, size=(800, 600), image_format="JPEG", exif=None, colour="teal"):
    """An uploaded image file made by Pillow, optionally carrying EXIF data."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=image_format, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
