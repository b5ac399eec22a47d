"""An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …) through boto3.

Objects are private (no ACL, no public or presigned URL is ever made): the portal reads the
bytes itself after its permission check and access log. Server-side encryption is asked for
on every put (S3_SSE, default AES256) where the endpoint supports it. The bucket is outside
the database transaction: a put whose transaction then fails leaves an object no document
names, harmless because its name is its hash, and `manage.py gc-documents` removes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import settings
from services.storage import StoredFileMissing, key_of, verified

MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Store:
    transactional = False

    def __init__(
        self, client: Any, bucket: str, *, prefix: str = "documents/", sse: str = ""
    ) -> None:
        self.client, self.bucket, self.prefix, self.sse = client, bucket, prefix, sse

    def _name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def put(self, data: bytes, content_type: str) -> str:
        key = key_of(data)
        extra = {"ServerSideEncryption": self.sse} if self.sse else {}
        # Written even when present: a fresh LastModified keeps gc-documents away from the
        # object while this upload's transaction is still open.
        self.client.put_object(
            Bucket=self.bucket,
            Key=self._name(key),
            Body=data,
            ContentType=content_type,
            Metadata={"sha256": key},
            **extra,
        )
        return key

    def get(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.ClientError as error:
            if _code(error) in MISSING:
                raise StoredFileMissing() from error
            raise
        return verified(key, response["Body"].read())

    def _written(self, key: str) -> datetime | None:
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._name(key))
        except self.client.exceptions.ClientError as error:
            if _code(error) in MISSING:
                return None
            raise
        return _naive_utc(head["LastModified"])

    def exists(self, key: str) -> bool:
        return self._written(key) is not None

    def delete(self, key: str, *, written_before: datetime | None = None) -> None:
        if written_before is not None:
            written = self._written(key)
            if written is None or written >= written_before:
                return
        self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def keys(self, *, written_before: datetime | None = None) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                if written_before is None or _naive_utc(item["LastModified"]) < written_before:
                    yield item["Key"].removeprefix(self.prefix)

    def release(self, keys: Iterable[str]) -> None:
        """Nothing now: the bucket is not in the transaction (gc-documents removes them)."""


def _code(error: Any) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def client_for(conf: settings.Settings) -> Any:
    import boto3
    from botocore.config import Config

    # Checksums only where the API requires them: S3-compatible servers on premises do not
    # all accept the newer default ones; the portal checks each file's SHA-256 itself.
    config = Config(
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        retries={"max_attempts": 3, "mode": "standard"},
        s3={"addressing_style": "path"} if conf.s3_endpoint_url else None,
    )
    return boto3.client(
        "s3", endpoint_url=conf.s3_endpoint_url, region_name=conf.s3_region, config=config
    )


def from_settings(conf: settings.Settings) -> S3Store:
    return S3Store(client_for(conf), conf.s3_bucket or "", prefix=conf.s3_prefix, sse=conf.s3_sse)


@lru_cache(maxsize=1)
def _cached(conf: settings.Settings) -> S3Store:
    return from_settings(conf)


def configured() -> S3Store | None:
    """The bucket store when DOCUMENT_STORE=s3 (one client per process), else None."""
    conf = settings.get()
    return _cached(conf) if conf.document_store == "s3" else None


LOOPBACK = ("localhost", "127.0.0.1", "::1", "[::1]")


def production_problem(conf: settings.Settings) -> str | None:
    """Why this bucket cannot serve production, or None (for the operator, like the other
    start-up refusals)."""
    from urllib.parse import urlsplit

    import boto3

    if not conf.s3_endpoint_url and not conf.s3_region:
        return "DOCUMENT_STORE=s3 needs S3_ENDPOINT_URL (MinIO, Ceph, …) or S3_REGION (AWS)."
    if conf.s3_endpoint_url:
        parts = urlsplit(conf.s3_endpoint_url)
        if parts.scheme != "https" and parts.hostname not in LOOPBACK:
            return "S3_ENDPOINT_URL must be https:// in production: personal documents go there."
    if boto3.session.Session().get_credentials() is None:
        return (
            "DOCUMENT_STORE=s3 found no credentials: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY (or an instance role)."
        )
    store = from_settings(conf)
    try:
        store.client.head_bucket(Bucket=store.bucket)
    except Exception as error:  # any failure means not ready: say which
        where = conf.s3_endpoint_url or "AWS"
        return f"S3_BUCKET {store.bucket!r} cannot be reached at {where}: {error}"
    return None
