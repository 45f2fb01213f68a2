"""A backup (pg_dump and the media folder) restores into a site that serves the same pages."""

import re
import shutil
import subprocess

import pytest

from tests.deploy import (
    ABOUT_PATH,
    CASE_PATH,
    DOCUMENT_BYTES,
    create_database,
    database_url,
    drop_database,
    text_of,
)

pytestmark = pytest.mark.deploy


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, f"{command[0]}: {result.stderr}"


def test_a_restored_backup_serves_the_same_pages_and_files(
    deployment, server_a, start_server, tmp_path, visitor
):
    # The backup, as README describes it: the database in pg_dump's own format, and a
    # copy of the media folder.
    dump = tmp_path / "samverkan.dump"
    database = deployment.env["DATABASE_URL"]
    run("pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={dump}", database)
    shutil.copytree(deployment.media_root, tmp_path / "media-backup")

    # The restore: an empty database of another name, pg_restore, the media folder back,
    # and a server that shares nothing with the original but the Redis server.
    restored = f"{deployment.database}_restored"
    create_database(restored)
    server = None
    try:
        run("pg_restore", "--no-owner", "--no-acl", f"--dbname={database_url(restored)}", str(dump))
        media = shutil.copytree(tmp_path / "media-backup", tmp_path / "media")
        server = start_server(
            "restored",
            DATABASE_URL=database_url(restored),
            MEDIA_ROOT=str(media),
            CACHE_KEY_PREFIX=f"{deployment.env['CACHE_KEY_PREFIX']}-restored",
        )

        for path in ["/", "/case/", CASE_PATH, "/nyheter/", ABOUT_PATH]:
            before, after = visitor.get(server_a, path), visitor.get(server, path)
            assert (after.status_code, text_of(after)) == (before.status_code, text_of(before))
            assert after.status_code == 200, path

        about = visitor.get(server, ABOUT_PATH).text
        document = re.search(r'href="(/documents/\d+/[^"]+)"', about).group(1)
        download = visitor.get(server, document)
        assert download.status_code == 200
        assert download.content == DOCUMENT_BYTES
    finally:
        if server:
            server.stop()
        drop_database(restored)
