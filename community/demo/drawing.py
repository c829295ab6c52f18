"""Pictures for the demo site, drawn with Pillow: products, portraits and landscapes."""

import functools
import io
import math
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Pictures are drawn at twice their size, then halved, which smooths every edge.
PRODUCT_IMAGE_SIZE = (1200, 800)
PORTRAIT_DRAWING_SIZE = 1024

WHITE = (255, 255, 255)
INK = (33, 37, 46)
METAL = (196, 199, 205)


# --- Drawing helpers -----------------------------------------------------------------------


@functools.cache
def _font(size, *, bold=True):
    """DejaVu when the system has it (it has every accent), else Pillow's own scalable font."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, int(size))
    except OSError:
        return ImageFont.load_default(size=int(size))


def _shade(colour, factor):
    """Darker below 1, lighter (towards white) above 1."""
    if factor <= 1:
        return tuple(round(c * factor) for c in colour[:3])
    return _mix(colour, WHITE, min(factor - 1, 1))


def _mix(first, second, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(first[:3], second[:3], strict=True))


def _is_light(colour):
    red, green, blue = colour[:3]
    return 0.299 * red + 0.587 * green + 0.114 * blue > 150


def _gradient(size, start, end, *, radial=False):
    """From `start` to `end`: top to bottom, or centre to edges when `radial`."""
    width, height = size
    if radial:
        mask = Image.radial_gradient("L").resize(size, Image.Resampling.BILINEAR)
    else:
        column = Image.linear_gradient("L").resize((1, height), Image.Resampling.BILINEAR)
        mask = column.resize(size, Image.Resampling.NEAREST)
    channels = [
        mask.point([round(a + (b - a) * value / 255) for value in range(256)])
        for a, b in zip(start, end, strict=True)
    ]
    return Image.merge("RGB", channels)


def _soft_shadow(canvas, box, *, opacity=70, colour=(0, 0, 0)):
    """A blurred ellipse under something, drawn small and enlarged so blurring costs little."""
    scale = 8
    x0, y0, x1, y1 = box
    pad = (x1 - x0) / 4
    region = tuple(
        int(value)
        for value in (
            max(x0 - pad, 0),
            max(y0 - pad, 0),
            min(x1 + pad, canvas.width),
            min(y1 + pad, canvas.height),
        )
    )
    width, height = region[2] - region[0], region[3] - region[1]
    small = Image.new("L", (width // scale, height // scale), 0)
    ellipse = (
        (x0 - region[0]) / scale,
        (y0 - region[1]) / scale,
        (x1 - region[0]) / scale,
        (y1 - region[1]) / scale,
    )
    ImageDraw.Draw(small).ellipse(ellipse, fill=opacity)
    small = small.filter(ImageFilter.GaussianBlur(radius=(x1 - x0) / scale / 10))
    canvas.paste(colour, region, small.resize((width, height), Image.Resampling.BILINEAR))


def _jpeg_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()


class _Pen:
    """Draws in units around a centre, so each product is described once at any size."""

    def __init__(self, draw, cx, cy, unit):
        self.draw, self.cx, self.cy, self.unit = draw, cx, cy, unit

    def box(self, x0, y0, x1, y1):
        u = self.unit
        return (self.cx + x0 * u, self.cy + y0 * u, self.cx + x1 * u, self.cy + y1 * u)

    def point(self, x, y):
        return (self.cx + x * self.unit, self.cy + y * self.unit)

    def rect(self, x0, y0, x1, y1, fill, radius=0.0, outline=None, width=0.0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=radius * self.unit,
            fill=fill,
            outline=outline,
            width=round(width * self.unit),
        )

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0.0):
        self.draw.ellipse(
            self.box(x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * self.unit)
        )

    def circle(self, x, y, r, fill=None, outline=None, width=0.0):
        self.ellipse(x - r, y - r, x + r, y + r, fill=fill, outline=outline, width=width)

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(
            self.box(x0, y0, x1, y1), start, end, fill=fill, width=round(width * self.unit)
        )

    def chord(self, x0, y0, x1, y1, start, end, fill):
        self.draw.chord(self.box(x0, y0, x1, y1), start, end, fill=fill)

    def polygon(self, points, fill):
        self.draw.polygon([self.point(x, y) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        self.draw.line(
            [self.point(x, y) for x, y in points], fill=fill, width=round(width * self.unit)
        )

    def text(self, x, y, text, size, fill, *, bold=True):
        self.draw.text(
            self.point(x, y), text, font=_font(size * self.unit, bold=bold), fill=fill, anchor="mm"
        )


# Each product is drawn within about four units wide and five high around its centre.


def draw_coffee_machine(pen, body, accent):
    pen.rect(-1.5, -2.3, 1.5, 2.2, body, radius=0.35)
    pen.rect(-1.5, -2.3, 1.5, -1.5, _shade(body, 1.2), radius=0.35)
    pen.rect(-1.5, -1.8, 1.5, -1.5, _shade(body, 1.2))
    pen.rect(-1.5, -1.55, 1.5, -1.45, accent)
    pen.rect(-1.0, -2.08, 0.25, -1.72, (28, 32, 38), radius=0.08)
    pen.text(-0.38, -1.9, "93°", 0.22, (140, 230, 190))
    pen.circle(0.68, -1.9, 0.15, fill=accent)
    pen.circle(1.1, -1.9, 0.15, fill=_shade(accent, 1.4))
    pen.rect(-1.15, -1.3, 1.15, 1.62, _shade(body, 0.55), radius=0.22)
    pen.rect(-0.58, -1.3, 0.58, -0.92, METAL, radius=0.06)
    pen.rect(-2.15, -0.9, -0.35, -0.68, (30, 30, 32), radius=0.11)
    pen.rect(-2.15, -0.9, -1.65, -0.68, accent, radius=0.11)
    pen.rect(-0.52, -0.96, 0.52, -0.66, (72, 74, 80), radius=0.06)
    pen.line([(-0.12, -0.66), (-0.12, 0.5)], (111, 64, 38), 0.05)
    pen.line([(0.12, -0.66), (0.12, 0.5)], (111, 64, 38), 0.05)
    pen.ellipse(0.28, 0.56, 0.72, 0.98, outline=WHITE, width=0.1)
    pen.rect(-0.48, 0.45, 0.48, 1.2, WHITE, radius=0.16)
    pen.ellipse(-0.44, 0.4, 0.44, 0.56, fill=(120, 72, 44))
    pen.rect(-1.22, 1.22, 1.22, 1.62, (160, 162, 168), radius=0.08)
    for x in (-0.9, -0.5, -0.1, 0.3, 0.7):
        pen.line([(x, 1.32), (x + 0.2, 1.32)], (120, 122, 128), 0.05)
    pen.line([(1.32, -1.0), (1.36, 0.7)], METAL, 0.12)
    pen.rect(-1.62, 2.02, 1.62, 2.32, _shade(body, 0.45), radius=0.1)


def draw_kettle(pen, body, accent):
    dark = (45, 45, 50)
    pen.rect(0.8, -1.85, 2.05, 1.0, None, radius=0.55, outline=dark, width=0.3)
    pen.polygon([(-1.2, -0.95), (-2.15, -1.6), (-2.28, -1.38), (-1.2, -0.15)], body)
    pen.rect(-1.4, -1.45, 1.4, 1.78, body, radius=0.55)
    pen.rect(-1.4, -0.2, -1.05, 1.6, _shade(body, 1.18), radius=0.17)
    pen.rect(-1.05, -1.68, 1.05, -1.25, _shade(body, 0.8), radius=0.2)
    pen.rect(-0.32, -2.0, 0.32, -1.6, dark, radius=0.14)
    pen.rect(-0.24, -0.7, 0.24, 1.3, (214, 236, 246), radius=0.12)
    pen.rect(-0.24, 0.25, 0.24, 1.3, (86, 166, 218), radius=0.12)
    for y in (-0.4, -0.1, 0.2):
        pen.line([(0.24, y), (0.42, y)], WHITE, 0.04)
    pen.rect(-1.6, 1.72, 1.6, 2.12, dark, radius=0.15)
    for number, x in enumerate((-0.8, -0.4, 0.0, 0.4, 0.8)):
        pen.circle(x, 1.92, 0.08, fill=accent if number == 3 else (90, 90, 96))
    for offset in (0.0, 0.35):
        pen.arc(-2.6 + offset, -2.6, -2.0 + offset, -1.9, 200, 340, (255, 255, 255, 150), 0.06)


def draw_headphones(pen, body, accent):
    pen.arc(-1.75, -2.25, 1.75, 1.45, 180, 360, body, 0.36)
    pen.arc(-1.52, -2.02, 1.52, 1.22, 200, 340, _shade(body, 0.6), 0.14)
    for side in (-1, 1):
        x0, x1 = sorted((side * 1.82, side * 1.52))
        pen.rect(x0, -0.62, x1, 0.3, METAL, radius=0.06)
        x0, x1 = sorted((side * 2.15, side * 1.1))
        pen.rect(x0, -0.05, x1, 1.95, body, radius=0.48)
        x0, x1 = sorted((side * 1.28, side * 0.95))
        pen.rect(x0, 0.08, x1, 1.82, (40, 40, 46), radius=0.16)
        pen.circle(side * 1.66, 0.95, 0.36, outline=accent, width=0.08)
        pen.circle(side * 1.66, 0.95, 0.12, fill=_shade(body, 1.3))


def draw_bike_lamp(pen, body, accent):
    for length in (2.5, 4.0, 5.5):
        spread = length * 0.4
        pen.polygon(
            [(1.3, -0.4), (1.3 + length, -0.4 - spread), (1.3 + length, 0.3 + spread), (1.3, 0.3)],
            (255, 244, 190, 40),
        )
    pen.rect(-4.0, 0.86, 4.0, 1.26, (150, 152, 160), radius=0.2)
    pen.rect(-4.0, 0.86, 4.0, 0.96, (200, 202, 210), radius=0.05)
    pen.rect(-0.45, 0.25, 0.45, 1.4, (30, 30, 32), radius=0.12)
    pen.rect(-1.85, -0.62, 1.45, 0.52, body, radius=0.52)
    pen.rect(-1.6, -0.5, 1.1, -0.3, _shade(body, 1.35), radius=0.1)
    pen.circle(-0.7, -0.66, 0.12, fill=accent)
    for number, x in enumerate((-1.3, -1.1, -0.9, -0.7)):
        pen.circle(x, 0.22, 0.05, fill=(120, 230, 140) if number < 3 else (80, 80, 84))
    pen.ellipse(0.95, -0.7, 1.65, 0.6, fill=METAL)
    pen.ellipse(1.07, -0.58, 1.53, 0.48, fill=(255, 244, 190))
    pen.ellipse(1.18, -0.42, 1.42, 0.32, fill=WHITE)


def draw_backpack(pen, body, accent):
    dark = _shade(body, 0.55)
    pen.arc(-0.55, -2.65, 0.55, -1.55, 180, 360, (50, 50, 54), 0.16)
    for side in (-1, 1):
        x0, x1 = sorted((side * 1.78, side * 1.2))
        pen.rect(x0, -1.35, x1, 1.95, dark, radius=0.25)
    pen.rect(-1.42, -2.05, 1.42, 2.2, body, radius=0.7)
    pen.rect(-1.42, -2.05, 1.42, -0.35, _shade(body, 0.85), radius=0.7)
    for x in (-0.65, 0.65):
        pen.rect(x - 0.11, -0.9, x + 0.11, 0.35, (50, 50, 54), radius=0.04)
        pen.rect(x - 0.17, 0.1, x + 0.17, 0.38, METAL, radius=0.05)
    pen.rect(-1.0, 0.65, 1.0, 1.92, _shade(body, 0.92), radius=0.3)
    pen.line([(-0.82, 0.88), (0.82, 0.88)], (50, 50, 54), 0.05)
    pen.rect(0.45, 0.8, 0.62, 1.12, accent, radius=0.05)
    pen.rect(-0.32, 1.25, 0.32, 1.52, accent, radius=0.08)


def draw_thermostat(pen, body, accent):
    pen.rect(-1.95, -1.95, 1.95, 1.95, (255, 255, 255, 120), radius=0.45)
    pen.circle(0, 0, 1.62, fill=body)
    pen.circle(0, 0, 1.62, outline=_shade(body, 0.8), width=0.05)
    pen.circle(0, 0, 1.3, fill=(24, 27, 34))
    pen.arc(-1.08, -1.08, 1.08, 1.08, 135, 405, (70, 72, 82), 0.1)
    pen.arc(-1.08, -1.08, 1.08, 1.08, 135, 300, accent, 0.1)
    pen.text(0, -0.05, "21°", 0.72, WHITE)
    pen.ellipse(-0.16, 0.5, 0.16, 0.8, fill=(110, 200, 120))
    pen.line([(0, 0.55), (0, 0.8)], (24, 27, 34), 0.03)


@dataclass(frozen=True)
class ProductLook:
    draw: object
    body: tuple
    accent: tuple
    other_body: tuple
    background: tuple
    background_end: tuple


def _product_canvas(look, variant, name):
    """One of three pictures of a product: on its own, close up, or in two colours."""
    width, height = PRODUCT_IMAGE_SIZE[0] * 2, PRODUCT_IMAGE_SIZE[1] * 2
    if variant == "hero":
        canvas = _gradient((width, height), look.background, look.background_end)
    elif variant == "close-up":
        canvas = _gradient(
            (width, height), _shade(look.background, 1.3), look.background_end, radial=True
        )
    else:
        canvas = Image.new("RGB", (width, height), _shade(look.background, 1.15))
    draw = ImageDraw.Draw(canvas, "RGBA")
    if variant == "hero":
        draw.ellipse((width * 0.52, -height * 0.3, width * 1.15, height * 0.6), fill=(*WHITE, 40))
        unit = height / 6.4
        _soft_shadow(
            canvas,
            (
                width / 2 - 2.2 * unit,
                height / 2 + 1.9 * unit,
                width / 2 + 2.2 * unit,
                height / 2 + 2.7 * unit,
            ),
        )
        look.draw(_Pen(draw, width / 2, height / 2 - 0.1 * unit, unit), look.body, look.accent)
        ink = INK if _is_light(look.background_end) else WHITE
        draw.text(
            (height * 0.07, height * 0.93), name, font=_font(height * 0.055), fill=ink, anchor="ls"
        )
    elif variant == "close-up":
        draw.ellipse((-width * 0.2, height * 0.4, width * 0.35, height * 1.2), fill=(*WHITE, 36))
        look.draw(_Pen(draw, width * 0.56, height * 0.62, height / 3.3), look.body, look.accent)
    else:
        dot = height / 40
        for row in range(0, height, int(dot * 4)):
            for column in range(0, width, int(dot * 4)):
                draw.ellipse(
                    (column, row, column + dot * 0.5, row + dot * 0.5),
                    fill=(*_shade(look.background, 0.85), 255),
                )
        unit = height / 7.5
        for position, body in ((0.3, look.body), (0.7, look.other_body)):
            cx = width * position
            _soft_shadow(
                canvas,
                (cx - 2 * unit, height / 2 + 1.9 * unit, cx + 2 * unit, height / 2 + 2.6 * unit),
                opacity=55,
            )
            look.draw(_Pen(draw, cx, height / 2, unit), body, look.accent)
    return canvas.reduce(2)


# --- Portraits and avatars -------------------------------------------------------------------


@dataclass(frozen=True)
class PortraitLook:
    background: tuple
    skin: tuple
    hair: tuple
    hair_style: str  # short, long, bun, curly, cropped
    shirt: tuple
    glasses: bool = False


def _portrait(look, initials=""):
    """A friendly drawn bust on a coloured background, with a name badge showing the initials."""
    size = PORTRAIT_DRAWING_SIZE
    canvas = _gradient((size, size), _shade(look.background, 1.35), look.background, radial=True)
    pen = _Pen(ImageDraw.Draw(canvas, "RGBA"), 0, 0, size)
    skin_shadow = _shade(look.skin, 0.86)
    if look.hair_style == "long":
        pen.rect(0.285, 0.22, 0.715, 0.76, look.hair, radius=0.16)
    pen.rect(0.43, 0.5, 0.57, 0.78, skin_shadow, radius=0.05)
    pen.ellipse(0.12, 0.72, 0.88, 1.36, fill=look.shirt)
    pen.polygon([(0.41, 0.725), (0.5, 0.85), (0.59, 0.725)], skin_shadow)
    pen.line([(0.4, 0.73), (0.5, 0.855), (0.6, 0.73)], _shade(look.shirt, 1.3), 0.014)
    pen.ellipse(0.305, 0.39, 0.36, 0.5, fill=skin_shadow)
    pen.ellipse(0.64, 0.39, 0.695, 0.5, fill=skin_shadow)
    pen.ellipse(0.33, 0.2, 0.67, 0.63, fill=look.skin)
    if look.hair_style == "cropped":
        pen.chord(0.325, 0.185, 0.675, 0.5, 185, 355, look.hair)
    else:
        pen.chord(0.31, 0.165, 0.69, 0.52, 180, 360, look.hair)
        pen.polygon([(0.335, 0.335), (0.62, 0.33), (0.4, 0.4)], look.hair)
    if look.hair_style == "long":
        pen.rect(0.3, 0.3, 0.365, 0.66, look.hair, radius=0.03)
        pen.rect(0.635, 0.3, 0.7, 0.66, look.hair, radius=0.03)
    elif look.hair_style == "bun":
        pen.circle(0.5, 0.15, 0.085, fill=look.hair)
    elif look.hair_style == "curly":
        for angle in range(180, 361, 20):
            radians = math.radians(angle)
            pen.circle(
                0.5 + 0.18 * math.cos(radians),
                0.36 + 0.19 * math.sin(radians),
                0.065,
                fill=look.hair,
            )
    brow = _shade(look.hair, 0.8)
    for x in (0.43, 0.57):
        pen.arc(x - 0.04, 0.385, x + 0.04, 0.43, 200, 340, brow, 0.012)
        pen.ellipse(x - 0.017, 0.43, x + 0.017, 0.47, fill=(44, 36, 36))
        pen.circle(x - 0.005, 0.443, 0.006, fill=WHITE)
        cheek = x - 0.03 if x < 0.5 else x + 0.03
        pen.circle(cheek, 0.515, 0.028, fill=(236, 120, 110, 70))
    pen.arc(0.485, 0.45, 0.515, 0.51, 20, 160, _shade(look.skin, 0.75), 0.01)
    pen.arc(0.44, 0.5, 0.56, 0.57, 20, 160, (130, 56, 56), 0.013)
    if look.glasses:
        frame = (40, 40, 46) if _is_light(look.skin) else (232, 196, 110)
        for x in (0.43, 0.57):
            pen.ellipse(x - 0.048, 0.413, x + 0.048, 0.487, outline=frame, width=0.009)
        pen.line([(0.478, 0.448), (0.522, 0.448)], frame, 0.009)
    if initials:
        pen.rect(0.56, 0.86, 0.78, 0.95, WHITE, radius=0.02)
        pen.rect(0.56, 0.86, 0.78, 0.875, _shade(look.background, 0.8), radius=0.01)
        pen.text(0.67, 0.915, initials, 0.052, _shade(look.shirt, 0.7))
    return canvas.reduce(2)


def _landscape_avatar(sky, sky_end, hills, sun):
    """The kind of holiday picture people choose as their avatar: hills under a big sun."""
    size = PORTRAIT_DRAWING_SIZE
    canvas = _gradient((size, size), sky, sky_end)
    pen = _Pen(ImageDraw.Draw(canvas, "RGBA"), 0, 0, size)
    pen.circle(0.66, 0.42, 0.16, fill=sun)
    pen.circle(0.66, 0.42, 0.22, fill=(*sun, 60))
    pen.polygon(
        [(-0.1, 1.0), (-0.1, 0.62), (0.3, 0.5), (0.62, 0.7), (0.9, 0.6), (1.1, 0.66), (1.1, 1.0)],
        _shade(hills, 1.25),
    )
    pen.polygon(
        [(-0.1, 1.0), (-0.1, 0.78), (0.35, 0.68), (0.75, 0.82), (1.1, 0.74), (1.1, 1.0)], hills
    )
    return canvas.reduce(2)


# Drawing is deterministic, so each picture is drawn once per process however often the demo
# is seeded (the tests seed it many times).


@functools.cache
def product_jpeg(look, variant, name):
    return _jpeg_bytes(_product_canvas(look, variant, name))


@functools.cache
def avatar_png(look, initials=""):
    """A portrait for a `PortraitLook`, else a landscape in the given colours."""
    if isinstance(look, PortraitLook):
        picture = _portrait(look, initials)
    else:
        picture = _landscape_avatar(*look)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def png_upload(data, name):
    return SimpleUploadedFile(f"{name}.png", data, content_type="image/png")
