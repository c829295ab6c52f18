"""Checking and cleaning images that members upload (avatars, staff photos, and later review and
idea photos): one place, so that every upload gets the same safety.

An upload is refused, with a reason a person understands, when it is too large, is not one of
the accepted formats (whatever its file name says), has too many pixels, or is a decompression
bomb. An accepted image is re-encoded from its pixels, which drops its EXIF data (GPS position
included) and anything hidden after the image data.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int


def open_checked_image(upload, limits: ImageLimits) -> Image.Image:
    """Open an uploaded file as an image, or raise ValidationError saying why it is refused."""
    size = getattr(upload, "size", None)
    if size is not None and size > limits.max_bytes:
        raise ValidationError(
            _("This file is %(size)s; images may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limits.max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            image_format = image.format
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("This image has too many pixels to be processed safely."), code="bomb"
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."),
            code="not_an_image",
        ) from error
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _(
                "This kind of image (%(format)s) is not accepted. "
                "Please upload a JPEG, PNG, WebP or GIF."
            )
            % {"format": image_format or "?"},
            code="format",
        )
    if width * height > limits.max_pixels:
        raise ValidationError(
            _(
                "This image is %(width)s × %(height)s pixels; images may have at most "
                "%(megapixels)s megapixels."
            )
            % {"width": width, "height": height, "megapixels": limits.max_pixels // 1_000_000},
            code="too_many_pixels",
        )
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image is damaged or incomplete. Please upload another file."),
            code="damaged",
        ) from error
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation, then drop transparency onto white for JPEG output."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def square_jpeg(image: Image.Image, size: int, name: str) -> ContentFile:
    """Crop to the centre square, resize to `size`, and encode as a JPEG without metadata."""
    square = ImageOps.fit(_flatten(image), (size, size), method=Image.Resampling.LANCZOS)
    return _encode(square, name)


def fitted_jpeg(image: Image.Image, max_side: int, name: str) -> ContentFile:
    """Shrink to fit within `max_side` (never enlarge), encoded as a JPEG without metadata."""
    flat = _flatten(image)
    flat.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _encode(flat, name)


def _encode(image: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")
