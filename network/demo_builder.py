"""The demo's builder, shared by every app's demo and the tests' factories.

The content itself is data: each app keeps named records in `<app>/fixtures/demo/*.json`.
This module reads them, creates and publishes a page of any type from a record (found
again by its slug, so a second run changes nothing), and draws the demo's pictures with
Pillow, in the site's colours, the same way on every run.
"""

import io
import json
import random
import unicodedata
import zlib
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

DEMO_COLLECTION = "Demobilder"


def fixture(app_label, name):
    """The named demo data file of an app: <app>/fixtures/demo/<name>.json."""
    path = Path(apps.get_app_config(app_label).path) / "fixtures" / "demo" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def from_data(model, record):
    """A record's values as the model's fields hold them (dates from ISO text, stream
    blocks from their JSON form); relations and other names pass through as they are."""
    values = {}
    for name, value in record.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is not None and field.concrete and not field.is_relation:
            value = field.to_python(value)
        values[name] = value
    return values


def publish_child(parent, model, slug, **fields):
    """The child page of this type with this slug, created and published if it is missing.

    `model` is a page class or its label ("home.StandardPage"). A callable value is called
    only when the page is created, so that what belongs to a new page (its picture) is not
    made again for one that exists. `tags` are set after the page has its place in the tree.
    """
    if isinstance(model, str):
        model = apps.get_model(model)
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    fields = {name: value() if callable(value) else value for name, value in fields.items()}
    tags = fields.pop("tags", None)
    page = model(slug=slug, **from_data(model, fields))
    parent.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


# Pictures -----------------------------------------------------------------

# The site's colours (network/static/css/site.css).
BLUE = (0x17, 0x40, 0x6D)
NAVY = (0x0F, 0x2C, 0x4C)
GREEN = (0x0B, 0x6B, 0x5C)
PALE_GREEN = (0xE3, 0xF3, 0xEF)
MINT = (0x8F, 0xD3, 0xC5)
YELLOW = (0xFF, 0xBF, 0x47)
PALE_YELLOW = (0xFF, 0xF4, 0xD6)
SURFACE = (0xF4, 0xF6, 0xF9)

# A picture's background (from, to) and shapes' colours, with their names for the alt text.
SCHEMES = [
    ((NAVY, BLUE), "mörkblå", (MINT, YELLOW), "mintgrönt och gult"),
    ((GREEN, NAVY), "grön och mörkblå", (PALE_GREEN, YELLOW), "ljusgrönt och gult"),
    ((SURFACE, PALE_GREEN), "ljus", (BLUE, GREEN), "blått och grönt"),
    ((BLUE, GREEN), "blå och grön", (PALE_YELLOW, MINT), "ljusgult och mintgrönt"),
]
MONOGRAM_GRADIENTS = [(NAVY, BLUE), (GREEN, NAVY), (BLUE, GREEN), (GREEN, BLUE)]
MOTIFS = {
    "rings": "överlappande ringar",
    "discs": "genomskinliga cirklar",
    "arcs": "bågar i flera lager",
    "bands": "diagonala band",
}
PICTURE_SIZE = (960, 540)
MONOGRAM_SIZE = 320
SUPERSAMPLE = 2
MONOGRAM_FONTS = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf"]


def _rng(key):
    # crc32 rather than hash(): the same picture for the same key in every process.
    return random.Random(zlib.crc32(key.encode("utf-8")))


def _gradient(size, start, end, direction):
    """A linear gradient; direction 0 top to bottom, 1 left to right, 2 diagonal."""
    ramp = Image.linear_gradient("L")
    if direction == 1:
        ramp = ramp.rotate(90)
    elif direction == 2:
        ramp = Image.blend(ramp, ramp.rotate(90), 0.5)
    mask = ramp.resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _circle(x, y, radius):
    return (x - radius, y - radius, x + radius, y + radius)


def _shapes(motif, size, colours, rng):
    """A motif's shapes, each (colour, opacity, "ring", "disc" or "band", where)."""
    width, height = size
    if motif == "rings":
        for n in range(3):
            x = rng.randint(width // 5, width * 4 // 5)
            y = rng.randint(height // 4, height * 3 // 4)
            radius = rng.randint(height // 4, height // 2)
            yield colours[n % 2], 220, "ring", _circle(x, y, radius)
    elif motif == "discs":
        for n in range(5):
            x, y = rng.randint(0, width), rng.randint(0, height)
            radius = rng.randint(height // 6, height // 2)
            yield colours[n % 2], rng.randint(90, 170), "disc", _circle(x, y, radius)
    elif motif == "arcs":
        x, y = rng.choice([(0, height), (width, height), (0, 0), (width, 0)])
        for n in range(6, 0, -1):
            yield colours[n % 2], 70 + 25 * (6 - n), "disc", _circle(x, y, n * height // 5)
    else:  # bands
        band = width // 7
        offset = rng.randint(0, band)
        for n in range(-2, 9, 2):
            left = offset + n * band
            corners = [(left, height), (left + band, height)]
            corners += [(left + band + height, 0), (left + height, 0)]
            yield colours[(n // 2) % 2], rng.randint(90, 160), "band", corners


def _paint(image, shapes):
    """Paint shapes over an image, each drawn larger and scaled down for smooth edges."""
    big = (image.width * SUPERSAMPLE, image.height * SUPERSAMPLE)
    for colour, opacity, shape, where in shapes:
        mask = Image.new("L", big, 0)
        draw = ImageDraw.Draw(mask)
        if shape == "band":
            draw.polygon(where, fill=opacity)
        elif shape == "ring":
            draw.ellipse(where, outline=opacity, width=big[1] // 14)
        else:
            draw.ellipse(where, fill=opacity)
        image.paste(colour, mask=mask.resize(image.size, Image.Resampling.BOX))
    return image


def _encode(image, kind="JPEG"):
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 85} if kind == "JPEG" else {}))
    return out.getvalue()


def draw_picture(key, size=PICTURE_SIZE):
    """An abstract picture in the site's colours, the same for the same key, with an alt text
    that says what it shows. Returns (JPEG bytes, alt text)."""
    rng = _rng(key)
    background, background_name, colours, colour_names = rng.choice(SCHEMES)
    motif = rng.choice(list(MOTIFS))
    image = _gradient(size, *background, rng.randrange(3))
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    _paint(image, _shapes(motif, big, colours, rng))
    alt = f"Abstrakt bild: {MOTIFS[motif]} i {colour_names} mot {background_name} bakgrund."
    return _encode(image), alt


def initials(name, most=3):
    """Initials of a name's words, leaving out small words: "Sveriges Kommuner och
    Regioner" gives SKR; a one-word name in capitals (KTH) stays as it is."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isupper()]
    if len(words) == 1 and words[0].isupper():
        return words[0][:most]
    return "".join(word[0] for word in words[:most]).upper() or name[:1].upper()


def _font(letters, size):
    """A bold system font with Swedish letters, or else Pillow's own (ASCII only: Å as A)."""
    for name in MONOGRAM_FONTS:
        try:
            return ImageFont.truetype(name, size), letters
        except OSError:
            continue
    ascii_letters = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
    return ImageFont.load_default(size=size), ascii_letters


def draw_monogram(key, letters, size=MONOGRAM_SIZE, rounded=False):
    """Letters in white on a gradient of the site's colours: a member's portrait (JPEG), or
    on a rounded square, an organisation's logo (PNG). Returns the file's bytes."""
    rng = _rng(key)
    image = _gradient((size, size), *rng.choice(MONOGRAM_GRADIENTS), 2)
    font, letters = _font(letters, size * 9 // 20)
    if font.getlength(letters) > size * 0.58:  # two or three wide letters: smaller, to fit
        font, letters = _font(letters, int(font.size * size * 0.58 / font.getlength(letters)))
    ImageDraw.Draw(image).text((size / 2, size / 2), letters, font=font, anchor="mm", fill="white")
    if not rounded:
        return _encode(image)
    big = size * SUPERSAMPLE
    corners = Image.new("L", (big, big), 0)
    ImageDraw.Draw(corners).rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 6, fill=255)
    image.putalpha(corners.resize((size, size), Image.Resampling.BOX))
    return _encode(image, "PNG")


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)


def save_image(title, data, filename, description=""):
    """A Wagtail image in the demo's collection, with its alt text as its description."""
    image = get_image_model()(
        title=title,
        description=description,
        collection=demo_collection(),
        file=ImageFile(io.BytesIO(data), name=filename),
    )
    image.save()
    return image


def picture(title, slug, size=PICTURE_SIZE):
    """A Wagtail image for a page (news, case, event), with an alt text in its description."""
    data, alt = draw_picture(title, size)
    return save_image(title, data, f"{slug}.jpg", description=alt)


def logo(organisation):
    letters = initials(organisation.name)
    data = draw_monogram(organisation.slug, letters, rounded=True)
    return save_image(
        f"Logotyp: {organisation.name}",
        data,
        f"logotyp-{organisation.slug}.png",
        description=f"Logotyp för {organisation.name}",
    )


def portrait(name, key):
    """A member's monogram portrait, as a file for an ImageField."""
    return ContentFile(draw_monogram(key, initials(name, most=2)), name="portrait.jpg")
