"""Typed settings, read once from the environment (and .streamlit/secrets.toml if present)."""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VAR = ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR / 'portal.sqlite3'}"
DEMO_PASSWORD = "mchch-demo-2569"
KNOWN_WEAK_COOKIE_KEYS = frozenset({"", "some_key", "changeme", "secret", "dev"})
MIN_COOKIE_KEY_LENGTH = 32


class SettingsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    env: str
    database_url: str
    cookie_key: str
    id_hash_key: str
    cookie_name: str
    cookie_expiry_hours: float
    lockout_max_failures: int
    lockout_window_minutes: int
    max_upload_mb: int
    demo_today: date | None
    public_base_url: str
    smtp_host: str | None
    smtp_port: int
    smtp_sender: str
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    pdf_thai_digits: bool = True  # Thai digits in the printed documents (PDF_THAI_DIGITS=0: Arabic)
    # Where uploaded files' bytes live: "database" (document_contents) or "s3" (a bucket).
    document_store: str = "database"
    s3_endpoint_url: str | None = None  # None: AWS itself; e.g. https://minio.example.go.th
    s3_bucket: str | None = None
    s3_region: str | None = None
    s3_prefix: str = "documents/"
    s3_sse: str = "AES256"  # server-side encryption asked for on each put; "" for none

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def demo(self) -> bool:
        return not self.production


def _secrets_file() -> dict[str, object]:
    path = ROOT / ".streamlit" / "secrets.toml"
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _development_secret(name: str) -> str:
    """A random key kept under var/ so development data and logins survive a restart."""
    path = VAR / name
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    VAR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def _get(name: str, file_values: dict[str, object], default: str | None = None) -> str | None:
    if name in os.environ:
        return os.environ[name]
    value = file_values.get(name)
    return str(value) if value is not None else default


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _check_smtp(env: str, user: str | None, starttls: bool, port: int) -> None:
    if env == "production" and user and not starttls and port != 465:
        raise SettingsError(
            "SMTP_USER is set: in production the password must travel encrypted "
            "(SMTP_STARTTLS=true, or SMTP_PORT=465 for implicit TLS)."
        )


DOCUMENT_STORES = ("database", "s3")


def _check_document_store(store: str, bucket: str | None) -> None:
    if store not in DOCUMENT_STORES:
        raise SettingsError(f"DOCUMENT_STORE must be one of {', '.join(DOCUMENT_STORES)}.")
    if store == "s3" and not bucket:
        raise SettingsError("DOCUMENT_STORE=s3 needs S3_BUCKET (the bucket for the documents).")


def _encryption(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value.lower() in {"", "none", "off", "0"} else value


def load() -> Settings:
    values = _secrets_file()
    env = _get("PORTAL_ENV", values, "development") or "development"
    key = _get("AUTH_COOKIE_KEY", values)
    if env == "production":
        if key is None or key in KNOWN_WEAK_COOKIE_KEYS or len(key) < MIN_COOKIE_KEY_LENGTH:
            raise SettingsError(
                "PORTAL_ENV=production needs AUTH_COOKIE_KEY of at least "
                f"{MIN_COOKIE_KEY_LENGTH} random characters (e.g. `python -c "
                "'import secrets; print(secrets.token_urlsafe(48))'`)."
            )
    elif not key:
        key = _development_secret("cookie_key")
    id_key = _get("NATIONAL_ID_HASH_KEY", values)
    if env == "production" and (id_key is None or len(id_key) < MIN_COOKIE_KEY_LENGTH):
        raise SettingsError(
            "PORTAL_ENV=production needs NATIONAL_ID_HASH_KEY of at least "
            f"{MIN_COOKIE_KEY_LENGTH} random characters (keys the hash of national IDs)."
        )
    demo_today = _get("DEMO_TODAY", values)
    if demo_today and env == "production":
        raise SettingsError("DEMO_TODAY (a moved clock) is not allowed in production.")
    smtp_user = _get("SMTP_USER", values) or None
    smtp_starttls = _flag(_get("SMTP_STARTTLS", values))
    smtp_port = int(_get("SMTP_PORT", values, "25") or 25)
    _check_smtp(env, smtp_user, smtp_starttls, smtp_port)
    document_store = (_get("DOCUMENT_STORE", values, "database") or "database").strip().lower()
    s3_bucket = _get("S3_BUCKET", values) or None
    _check_document_store(document_store, s3_bucket)
    return Settings(
        env=env,
        database_url=_get("DATABASE_URL", values, DEFAULT_DATABASE_URL) or DEFAULT_DATABASE_URL,
        cookie_key=key,
        id_hash_key=id_key or _development_secret("national_id_key"),
        cookie_name=_get("AUTH_COOKIE_NAME", values, "mchch_auth") or "mchch_auth",
        cookie_expiry_hours=float(_get("AUTH_COOKIE_EXPIRY_HOURS", values, "8") or 8),
        lockout_max_failures=int(_get("LOCKOUT_MAX_FAILURES", values, "5") or 5),
        lockout_window_minutes=int(_get("LOCKOUT_WINDOW_MINUTES", values, "15") or 15),
        max_upload_mb=int(_get("MAX_UPLOAD_MB", values, "10") or 10),
        demo_today=date.fromisoformat(demo_today) if demo_today else None,
        # PORTAL_BASE_URL (the link in e-mails); PUBLIC_BASE_URL is its older name.
        public_base_url=_get("PORTAL_BASE_URL", values)
        or _get("PUBLIC_BASE_URL", values, "http://localhost:8501")
        or "",
        smtp_host=_get("SMTP_HOST", values) or None,
        smtp_port=smtp_port,
        smtp_sender=_get("SMTP_FROM", values)
        or _get("SMTP_SENDER", values, "mchch-portal@localhost")
        or "",
        smtp_user=smtp_user,
        smtp_password=_get("SMTP_PASSWORD", values) or None,
        smtp_starttls=smtp_starttls,
        pdf_thai_digits=_flag(_get("PDF_THAI_DIGITS", values, "1")),
        document_store=document_store,
        s3_endpoint_url=_get("S3_ENDPOINT_URL", values) or None,
        s3_bucket=s3_bucket,
        s3_region=_get("S3_REGION", values) or None,
        s3_prefix=_get("S3_PREFIX", values, "documents/") or "",
        s3_sse=_encryption(_get("S3_SSE", values, "AES256")),
    )


@lru_cache(maxsize=1)
def get() -> Settings:
    return load()
