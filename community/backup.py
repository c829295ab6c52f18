"""Backups of the whole site, and bringing one back: `manage.py backup` and `manage.py restore`.

A backup is one .tar.gz archive holding:

- a consistent copy of the database: `pg_dump --format=custom` on PostgreSQL, taken from the same
  snapshot as the row counts, or SQLite's online backup API, which copies a live database safely;
- every uploaded media file, read through the site's storage (a local folder or S3);
- `manifest.json`: the format, the application version, the date, the database engine, the
  row count of every table, the applied migrations, and every file with its size and SHA-256.

Restoring refuses a site that has members unless forced, replaces the database, puts the media
back, then counts every table and hashes every file again against the manifest.
"""

import hashlib
import json
import logging
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

ARCHIVE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024

logger = logging.getLogger(__name__)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


class SiteNotEmpty(BackupError):
    pass


@dataclass
class RestoreReport:
    """What a restore found once done: table by table and file by file, against the manifest."""

    manifest: dict
    tables: list = field(default_factory=list)  # (table, expected rows, rows found)
    files_checked: int = 0
    files_mismatched: list = field(default_factory=list)
    pending_migrations: int | None = 0

    @property
    def tables_mismatched(self):
        return [row for row in self.tables if row[1] != row[2]]

    @property
    def ok(self):
        return not self.tables_mismatched and not self.files_mismatched


def application_version() -> str:
    """The version in pyproject.toml of the code that runs, or of the installed package."""
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return metadata.version("community")
    except metadata.PackageNotFoundError:
        return "unknown"


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


# --- Database ---------------------------------------------------------------------------------


def _count_rows(cursor, tables, quote) -> dict:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(database: sqlite3.Connection) -> list:
    rows = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def _applied_migrations(cursor, quote) -> list:
    cursor.execute(f"SELECT app, name FROM {quote('django_migrations')} ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _sqlite_dump(connection, target: Path) -> dict:
    """Copy the live database with SQLite's online backup API, then count the copy's rows."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()

        def quote(name):
            return '"' + name.replace('"', '""') + '"'

        tables = _count_rows(cursor, _sqlite_tables(copy), quote)
        migrations = _applied_migrations(cursor, quote) if "django_migrations" in tables else []
    finally:
        copy.close()
    return {"tables": tables, "migrations": migrations}


def libpq_environment(settings_dict) -> dict:
    """Connection settings for pg_dump, pg_restore and psql, passed in the environment so that
    the password never shows in the process list."""
    environment = os.environ.copy()
    for variable, value in {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }.items():
        if value:
            environment[variable] = str(value)
    options = settings_dict.get("OPTIONS", {})
    for option, variable in {
        "sslmode": "PGSSLMODE",
        "sslrootcert": "PGSSLROOTCERT",
        "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY",
        "passfile": "PGPASSFILE",
        "service": "PGSERVICE",
    }.items():
        if options.get(option):
            environment[variable] = str(options[option])
    return environment


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools of the server's version "
            "or newer (Debian: apt-get install postgresql-client)."
        )
    return path


def _run(command, *, environment, what):
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.returncode}")
    return result


def _postgresql_dump(connection, target: Path) -> dict:
    """pg_dump from a snapshot shared with this connection, so the counts match the dump."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot start inside a transaction.")
    environment = libpq_environment(connection.settings_dict)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            environment=environment,
            what="pg_dump",
        )
        quote = connection.ops.quote_name
        tables = _count_rows(cursor, connection.introspection.table_names(cursor), quote)
        migrations = _applied_migrations(cursor, quote) if "django_migrations" in tables else []
    return {"tables": tables, "migrations": migrations}


# --- Media ------------------------------------------------------------------------------------


def media_names(storage=None, directory=""):
    """Every file in the media storage, folders first-level sorted, as storage names."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for folder in sorted(folders):
        yield from media_names(storage, posixpath.join(directory, folder) if directory else folder)


class _HashingReader:
    """Reads a file for tarfile while computing its SHA-256."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_media(archive: tarfile.TarFile, storage) -> list:
    files = []
    now = timezone.now().timestamp()
    for name in media_names(storage):
        info = tarfile.TarInfo(MEDIA_PREFIX + name)
        info.size = storage.size(name)
        info.mtime = now
        info.mode = 0o644
        with storage.open(name, "rb") as handle:
            reader = _HashingReader(handle)
            archive.addfile(info, reader)
        files.append({"name": name, "size": info.size, "sha256": reader.digest.hexdigest()})
    return files


# --- Backup -----------------------------------------------------------------------------------


def backup_create(output, *, using="default", include_media=True, storage=None) -> dict:
    """Write the archive to `output` (first as `output.partial`, renamed once complete)."""
    output = Path(output)
    connection = connections[using]
    engine = _engine(connection)
    storage = storage or default_storage
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as workdir:
        database_file = Path(workdir) / DATABASE_FILES[engine]
        dump = (_sqlite_dump if engine == "sqlite" else _postgresql_dump)(connection, database_file)
        manifest = {
            "format": ARCHIVE_FORMAT,
            "application": "community",
            "version": application_version(),
            "created_at": timezone.now().isoformat(timespec="seconds"),
            "database": {
                "engine": engine,
                "file": database_file.name,
                "size": database_file.stat().st_size,
                "sha256": sha256_of(database_file),
                "tables": dump["tables"],
                "migrations": dump["migrations"],
            },
            "media": {"included": include_media, "files": []},
        }
        # The archive holds password hashes and personal data: only its owner may read it.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(database_file, arcname=database_file.name)
            if include_media:
                manifest["media"]["files"] = _add_media(archive, storage)
            payload = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(payload)
            info.mtime = timezone.now().timestamp()
            info.mode = 0o644
            archive.addfile(info, _BytesReader(payload))
    partial.replace(output)
    return manifest


class _BytesReader:
    def __init__(self, data: bytes):
        self.data = memoryview(data)
        self.position = 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end].tobytes()
        self.position += len(chunk)
        return chunk


def read_manifest(archive_path) -> dict:
    with tarfile.open(archive_path, "r:gz") as archive:
        try:
            member = archive.getmember(MANIFEST_NAME)
        except KeyError as error:
            raise BackupError(f"{archive_path} has no {MANIFEST_NAME}: not a backup.") from error
        return json.load(archive.extractfile(member))


# --- Restore ----------------------------------------------------------------------------------


def _quoted(connection):
    return connection.ops.quote_name


def member_count(using="default") -> int:
    """How many members the site has; 0 for a database that was never migrated."""
    connection = connections[using]
    table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute(f"SELECT COUNT(*) FROM {_quoted(connection)(table)}")
        return cursor.fetchone()[0]


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or name != path.as_posix():
        raise BackupError(f"The manifest names a media file outside the media folder: {name!r}")
    return name


def _sqlite_restore(connection, database_file: Path):
    """Copy the backup into the site's database with the online backup API, page by page."""
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(database_file)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _postgresql_restore(connection, database_file: Path):
    """Drop every table, then load the dump, all in one transaction: it all happens or nothing.

    pg_restore turns the dump into SQL, which psql runs after the DROP statements inside a
    single transaction; a failure leaves the database as it was.
    """
    environment = libpq_environment(connection.settings_dict)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    connection.close()
    quote = _quoted(connection)
    drops = "".join(f"DROP TABLE IF EXISTS {quote(table)} CASCADE;\n" for table in tables)
    restore = subprocess.Popen(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--clean",
            "--if-exists",
            "--file=-",
            str(database_file),
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    load = subprocess.Popen(
        [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction"]
        + ["--set=ON_ERROR_STOP=1", "--file=-"],
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        load.stdin.write(drops.encode())
        shutil.copyfileobj(restore.stdout, load.stdin, CHUNK)
    except BrokenPipeError:
        pass
    finally:
        load.stdin.close()
    restore_errors = restore.stderr.read().decode()
    restore.wait()
    load_errors = load.stderr.read().decode()
    load.wait()
    if restore.returncode != 0:
        raise BackupError(f"pg_restore failed: {restore_errors.strip()}")
    if load.returncode != 0:
        raise BackupError(
            f"Loading the database failed, nothing was changed: {load_errors.strip()}"
        )


def _restore_media(workdir: Path, files, storage):
    for entry in files:
        name = _safe_media_name(entry["name"])
        source = workdir / MEDIA_PREFIX / name
        if not source.is_file():
            raise BackupError(f"The archive lacks the media file {name}.")
        if storage.exists(name):
            storage.delete(name)
        with open(source, "rb") as handle:
            saved = storage.save(name, File(handle, name=posixpath.basename(name)))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}.")


def _storage_sha256(storage, name) -> str | None:
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(report: RestoreReport, connection, storage, *, include_media: bool):
    expected = report.manifest["database"]["tables"]
    quote = _quoted(connection)
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for table, rows in sorted(expected.items()):
            if table not in present:
                report.tables.append((table, rows, None))
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            report.tables.append((table, rows, cursor.fetchone()[0]))
    if include_media:
        for entry in report.manifest["media"]["files"]:
            report.files_checked += 1
            if _storage_sha256(storage, entry["name"]) != entry["sha256"]:
                report.files_mismatched.append(entry["name"])


def _pending_migrations(connection) -> int | None:
    """How many of this version's migrations the restored database lacks (None: unknown)."""
    try:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception:
        logger.warning("Could not compare the restored database with the migrations", exc_info=True)
        return None


def restore(
    archive_path, *, using="default", force=False, include_media=True, storage=None
) -> RestoreReport:
    """Bring a backup back into the site's database and media, then check it against the
    manifest. Refuses a site that already has members unless `force` is set."""
    archive_path = Path(archive_path)
    connection = connections[using]
    engine = _engine(connection)
    storage = storage or default_storage
    with tempfile.TemporaryDirectory(prefix="community-restore-") as workdir:
        workdir = Path(workdir)
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(workdir, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"{archive_path} cannot be read: {error}") from error
        manifest_file = workdir / MANIFEST_NAME
        if not manifest_file.is_file():
            raise BackupError(f"{archive_path} has no {MANIFEST_NAME}: not a backup.")
        manifest = json.loads(manifest_file.read_text())
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise BackupError(f"This backup's format ({manifest.get('format')}) is not known.")
        database = manifest["database"]
        if database["engine"] != engine:
            raise BackupError(
                f"This backup holds a {database['engine']} database; this site uses {engine}."
            )
        database_file = workdir / database["file"]
        if not database_file.is_file() or sha256_of(database_file) != database["sha256"]:
            raise BackupError("The database copy in the archive is damaged (its SHA-256 differs).")
        members = member_count(using)
        if members and not force:
            raise SiteNotEmpty(
                f"This site already has {members} members. Restoring replaces the whole "
                "database; run again with --force to do so."
            )
        if engine == "sqlite":
            _sqlite_restore(connection, database_file)
        else:
            _postgresql_restore(connection, database_file)
        connection.close()
        include_media = include_media and manifest["media"]["included"]
        if include_media:
            _restore_media(workdir, manifest["media"]["files"], storage)
    report = RestoreReport(manifest=manifest)
    _verify(report, connection, storage, include_media=include_media)
    report.pending_migrations = _pending_migrations(connection)
    return report
