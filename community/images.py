"""Checking and cleaning images that members upload (avatars, staff photos, review photos and
idea images): one place, so that every upload gets the same safety.

An upload is refused, with a reason a person understands, when it is too large, is not one of
the accepted formats (whatever its file name says), has too many pixels, or is a decompression
bomb; its size and pixel count are checked from its header, before any pixel is decoded.

An accepted image is decoded no larger than its copies need (`max_side`): a JPEG is decoded at
a reduced scale by the JPEG library itself (draft mode), other formats are reduced by a whole
factor as soon as they are decoded, so that the memory a large upload holds stays bounded. Its
EXIF orientation is applied, then everything but its pixels is dropped: the stored copies are
re-encoded from pixels alone, with no comment, EXIF (GPS position included), XMP, ICC profile,
text chunk, or anything hidden after the image data. An animated GIF or WebP keeps its first
frame, stored still.
"""

import io
import math
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

# Pillow decodes WebP only through its animation decoder, which holds two full canvases and a
# copy of the pixels (about 15 bytes a pixel) and cannot decode at a reduced scale: a WebP is
# held to fewer pixels than other formats, so that it too stays within 200 MB (an 8-megapixel
# WebP review photo adds 169 MB, as a 40-megapixel PNG does: bench/images.py).
WEBP_MAX_PIXELS = 8_000_000

# The modes `Image.reduce` averages correctly; any other (palette, one-bit, 16-bit) is first
# converted to the mode given by `_reducible_mode`.
REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK", "I", "F"}
# Rows converted at a time when a mode that cannot be reduced as it is must be converted first:
# a strip of the widest accepted image, not a second copy of the whole.
STRIP_ROWS = 256

ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int
    max_pixels: int


def open_checked_image(upload, limits: ImageLimits, *, max_side: int | None = None) -> Image.Image:
    """Open an uploaded file as an image, or raise ValidationError saying why it is refused.

    The image comes back decoded, turned the way its EXIF orientation says, and with nothing
    but its pixels. `max_side` is the largest width or height of any copy the caller makes
    from it: the image is then decoded reduced, but never below `max_side` on its shorter side
    (enough for a square crop of that side and for a fit within a box of that side). Without
    it, the image is decoded at full size.
    """
    image = open_checked_header(upload, limits)
    image_format = image.format
    if max_side and image_format == "JPEG":
        # The JPEG library decodes at 1/2, 1/4 or 1/8 scale, keeping both sides >= max_side.
        image.draft(image.mode, (max_side, max_side))
    try:
        image.load()
        orientation = _orientation(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image is damaged or incomplete. Please upload another file."),
            code="damaged",
        ) from error
    return _pixels_only(image, orientation, max_side)


def open_checked_header(upload, limits: ImageLimits) -> Image.Image:
    """Check an uploaded file from its header alone (its size, format and pixel count, and
    that it is no decompression bomb), without decoding a pixel: what a request can afford
    before it hands the file to the task worker. Raises ValidationError saying why it is
    refused; returns the image opened but not decoded."""
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
    max_pixels = limits.max_pixels
    if image_format == "WEBP":
        max_pixels = min(max_pixels, WEBP_MAX_PIXELS)
    if width * height > max_pixels:
        raise ValidationError(
            _(
                "This image is %(width)s × %(height)s pixels; images may have at most "
                "%(megapixels)s megapixels."
            )
            % {"width": width, "height": height, "megapixels": max_pixels // 1_000_000},
            code="too_many_pixels",
        )
    return image


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation, read before the metadata that holds it is dropped; an
    unreadable EXIF block counts as none (the pixels are what the member sent)."""
    try:
        return image.getexif().get(ExifTags.Base.Orientation, 1)
    except (SyntaxError, ValueError, TypeError, KeyError, IndexError, OSError):
        return 1


def _reducible_mode(image: Image.Image) -> str:
    if image.mode in REDUCIBLE_MODES:
        return image.mode
    if image.mode in ("P", "PA"):
        has_alpha = image.mode == "PA" or "transparency" in image.info
        return "RGBA" if has_alpha else "RGB"
    if image.mode == "1":
        return "L"
    if image.mode.startswith("I;16"):
        return "I"
    return "RGBA" if image.has_transparency_data else "RGB"


def _reduced(image: Image.Image, factor: int) -> Image.Image:
    """The image shrunk by a whole `factor` (each pixel the average of a factor × factor box),
    converted strip by strip when its mode cannot be averaged as it is."""
    mode = _reducible_mode(image)
    if mode == image.mode:
        return image.reduce(factor)
    width, height = image.size
    reduced = Image.new(mode, (math.ceil(width / factor), math.ceil(height / factor)))
    rows = factor * max(1, STRIP_ROWS // factor)
    for top in range(0, height, rows):
        strip = image.crop((0, top, width, min(top + rows, height))).convert(mode)
        reduced.paste(strip.reduce(factor), (0, top // factor))
    return reduced


def _pixels_only(image: Image.Image, orientation: int, max_side: int | None) -> Image.Image:
    """Reduce (when asked), keep transparency as an alpha channel, apply the orientation, and
    drop every piece of metadata (comment, EXIF, XMP, ICC profile, text chunks)."""
    factor = min(image.size) // max_side if max_side else 1
    if factor >= 2:
        image = _reduced(image, factor)
    elif image.mode in ("P", "PA") and _reducible_mode(image) == "RGBA":
        # The palette's transparent index lives in `info`, which is about to be emptied.
        image = image.convert("RGBA")
    if method := ORIENTATIONS.get(orientation):
        image = image.transpose(method)
    image.info = {}
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """Apply any EXIF orientation still there, then drop transparency onto white for JPEG."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
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
    """Encode pixels alone: from a fresh image, whatever `info` the given one carries (Pillow's
    JPEG writer copies a comment from it), and with every metadata option explicitly empty."""
    pixels = Image.new(image.mode, image.size)
    pixels.paste(image)
    buffer = io.BytesIO()
    pixels.save(
        buffer,
        format="JPEG",
        quality=86,
        optimize=True,
        progressive=True,
        comment=b"",
        exif=b"",
        xmp=b"",
        icc_profile=None,
        extra=b"",
    )
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")
