"""Benchmark of large uploaded images: time and resident memory, in the request and the worker.

    .venv/bin/python bench/images.py
    .venv/bin/python bench/images.py --reuse         # keep the migrated, seeded database

A PostgreSQL database (`community_bench_images` on BENCH_POSTGRES, by default
postgres://postgres@127.0.0.1:5432) is dropped, created, migrated and given the demo content,
with the database task backend (django-tasks-db), so that background work waits for a worker
as in production. Then, each in a fresh process (so that each peak is its own), through the
site's own addresses with Django's test client, signed in as the demo member:

- "avatar": one 39.9-megapixel PNG (just under the 40-megapixel limit, under 8 MB) sent as the
  member's avatar on the profile page;
- "review photo": a review with that PNG as its one photo;
- "six photos": a review with six such PNGs (the most a review takes);
- "worker": `manage.py db_worker --batch`, which runs every task the requests queued (the
  resized copies of the photos, when they are made there) and stops.

For each: the time of the request (or of the worker's run), the process's resident memory just
before it (Django and the code loaded), its peak during it (VmHWM from /proc/self/status,
which counts Pillow's pixel buffers; Python's tracemalloc does not see them), and the
difference, which is what the upload itself held. Targets (issue 32): at most 200 MB extra per
upload, the six-photo review answered in under 3 s.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "community_bench_images"
# 7,300 × 5,465 = 39,894,500 pixels: just under AVATAR_MAX_PIXELS (40,000,000).
LARGE_SIZE = (7300, 5465)
RUNS = ("avatar", "review photo", "six photos", "worker")
MEGABYTE = 1024 * 1024


def environment(work: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        DJANGO_SETTINGS_MODULE="community.settings.dev",
        # Without DEBUG, Django does not keep every query in memory.
        DEBUG="0",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        MEDIA_ROOT=str(work / "media"),
        UPLOADS_ROOT=str(work / "uploads"),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    return env


def recreate_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def large_png(path: Path) -> None:
    """A 39.9-megapixel RGB PNG of about 6 MB: gradients under a coarse texture, a photo's
    worth of pixels that PNG still compresses under the 8 MB limit."""
    from PIL import Image, ImageOps

    width, height = LARGE_SIZE
    red = Image.linear_gradient("L").resize(LARGE_SIZE)
    green = Image.radial_gradient("L").resize(LARGE_SIZE)
    blue = red.transpose(Image.Transpose.ROTATE_180)
    texture = Image.effect_noise((width // 16, height // 16), 60)
    texture = ImageOps.posterize(texture.resize(LARGE_SIZE, Image.Resampling.BICUBIC), 3)
    image = Image.merge(
        "RGB", (Image.blend(red, texture, 0.5), green, Image.blend(blue, texture, 0.3))
    )
    image.save(path, format="PNG")


# --- In a Django process -----------------------------------------------------------------------


def _status_megabytes(name) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no " + name)


def _reset_peak():
    """Start the peak (VmHWM) again from the current resident memory (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def prepare():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    print(json.dumps({"ok": True}))


def measure(run: str, image_path: str):
    """Runs inside Django (see `--measure`): prints the figures as JSON on its last line."""
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from community.demo import DEMO_EMAIL
    from community.models import Member, ProductPage
    from reviews.models import Review

    member = Member.objects.get(email=DEMO_EMAIL)
    client = Client()
    client.force_login(member)
    data = Path(image_path).read_bytes()

    def upload(number=1):
        return SimpleUploadedFile(f"large-{number}.png", data, content_type="image/png")

    def product_to_review():
        reviewed = Review.objects.filter(author=member).values_list("product_id", flat=True)
        return (
            ProductPage.objects.live()
            .filter(locale__language_code="en")
            .exclude(pk__in=reviewed)
            .order_by("pk")
            .first()
        )

    def review_post(photos):
        product = product_to_review()
        return client.post(
            f"/reviews/write/{product.pk}/",
            {
                "rating": 4,
                "title": f"A benchmark review: {run}",
                # Different words each time: the same text twice is refused as a duplicate.
                "text": f"It works well, and the photos show it ({run}, {time.time()}).",
                "photos": photos,
            },
        )

    # Warm up: the first request loads templates, middleware and translations.
    client.get("/accounts/profile/")
    if run == "avatar":
        handle = member.handle
        files = {
            "display_name": member.display_name,
            "handle": handle,
            "bio": member.bio,
            "preferred_language": member.preferred_language or "en",
            "avatar_upload": upload(),
        }

        def action():
            return client.post("/accounts/profile/", files)
    elif run == "review photo":

        def action():
            return review_post([upload()])
    elif run == "six photos":
        photos = [upload(number) for number in range(1, 7)]

        def action():
            return review_post(photos)
    else:

        def action():
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    before = _status_megabytes("VmRSS")
    _reset_peak()
    started = time.perf_counter()
    response = action()
    seconds = time.perf_counter() - started
    peak = _status_megabytes("VmHWM")
    status = getattr(response, "status_code", None)
    if status is not None and status != 302:
        import re

        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)<', response.content.decode())
        raise SystemExit(f"{run}: the site answered {status}, not a redirect: {errors}")
    from reviews.models import ReviewPhoto

    print(
        json.dumps(
            {
                "run": run,
                "seconds": round(seconds, 2),
                "rss_before_mb": round(before),
                "peak_mb": round(peak),
                "extra_mb": round(peak - before),
                "photos_stored": ReviewPhoto.objects.filter(review__author=member).count(),
            }
        )
    )


# --- Outside Django ----------------------------------------------------------------------------


def run_django(arguments, env):
    completed = subprocess.run(
        [sys.executable, __file__, *arguments], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if completed.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{completed.stdout}\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--image", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        return prepare()
    if options.measure:
        return measure(options.measure, options.image)

    with tempfile.TemporaryDirectory(prefix="bench-images-") as folder:
        work = Path(folder)
        env = environment(work)
        image = work / "large.png"
        large_png(image)
        width, height = LARGE_SIZE
        megapixels = width * height / 1e6
        megabytes = image.stat().st_size / MEGABYTE
        print(
            f"image: {width} × {height} PNG, {megapixels:.1f} MP, {megabytes:.1f} MB",
            flush=True,
        )
        if not options.reuse:
            recreate_database()
            run_django(["--prepare"], env)
        results = []
        for run in RUNS:
            result = run_django(["--measure", run, "--image", str(image)], env)
            results.append(result)
            print(json.dumps(result), flush=True)
    print()
    print("| upload | seconds | RSS before (MB) | peak (MB) | extra (MB) |")
    print("|---|---|---|---|---|")
    for result in results:
        print(
            f"| {result['run']} | {result['seconds']} | {result['rss_before_mb']} | "
            f"{result['peak_mb']} | {result['extra_mb']} |"
        )


if __name__ == "__main__":
    main()
