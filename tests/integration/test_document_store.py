"""The document store under the service: hash checks on read, shared copies, orphans, S3 setup."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from core.applicant_types import ApplicantType
from core.roles import Role
from db.base import utcnow
from db.models import AuditEvent, Document, DocumentContent
from services import audit, documents, storage
from services.auth import actor_of
from services.storage import StoredFileCorrupt, StoredFileMissing, gc
from tests.factories import make_application, make_round, make_user

PDF = b"%PDF-1.4\n%id card scan\n"
OTHER = b"%PDF-1.4\n%someone else's file\n"


@pytest.fixture
def owner(db):
    return make_user(db, Role.APPLICANT)


@pytest.fixture
def leader_app(db, owner):
    return make_application(db, owner, make_round(db), kind=ApplicantType.LEADER, name="นายทดสอบ")


def _upload(db, now, owner, application, code="id_card", data=PDF):
    return documents.upload_requirement(
        db, actor_of(db, owner), application.id, code, f"{code}.pdf", data, now=now
    )


def _overwrite(db, store, key: str, data: bytes) -> None:
    """What a disk fault or a hand-edited bucket would do: other bytes under the same key."""
    if store.transactional:
        db.execute(update(DocumentContent).where(DocumentContent.sha256 == key).values(data=data))
    else:
        store.client.put_object(Bucket=store.bucket, Key=store._name(key), Body=data)


def _views(db) -> int:
    query = select(func.count(AuditEvent.id)).where(AuditEvent.action == "personal_document_viewed")
    return db.scalar(query)


def test_a_document_opens_with_exactly_the_bytes_uploaded(
    db, now, owner, leader_app, document_store
):
    doc = _upload(db, now, owner, leader_app)
    assert documents.open_document(db, actor_of(db, owner), doc.id, now=now)[2] == PDF


def test_a_corrupted_copy_is_refused_and_no_view_is_logged(
    db, now, owner, leader_app, document_store
):
    doc = _upload(db, now, owner, leader_app)
    _overwrite(db, document_store, doc.sha256, OTHER)
    with pytest.raises(StoredFileCorrupt, match="ไม่ตรงกับไฟล์ที่อัปโหลด"):
        documents.open_document(db, actor_of(db, owner), doc.id, now=now)
    assert _views(db) == 0


def test_a_missing_copy_is_a_clear_error(db, now, owner, leader_app, document_store):
    doc = _upload(db, now, owner, leader_app)
    document_store.delete(doc.sha256)
    assert not document_store.exists(doc.sha256)
    with pytest.raises(StoredFileMissing, match="ไม่พบเนื้อไฟล์"):
        documents.open_document(db, actor_of(db, owner), doc.id, now=now)


def test_identical_uploads_share_one_copy_and_removing_one_keeps_the_other(
    db, now, owner, leader_app, document_store
):
    other_owner = make_user(db, Role.APPLICANT)
    other_app = make_application(db, other_owner, make_round(db, fy=2571), name="กลุ่มอื่น")
    mine = _upload(db, now, owner, leader_app, "application_form")
    theirs = _upload(db, now, other_owner, other_app, "application_form")
    assert mine.sha256 == theirs.sha256
    assert list(document_store.keys()) == [mine.sha256]

    documents.remove_requirement(
        db, actor_of(db, owner), leader_app.id, "application_form", now=now
    )
    assert gc.collect(db, document_store, now=utcnow() + timedelta(hours=2)) == []
    assert documents.open_document(db, actor_of(db, other_owner), theirs.id, now=now)[2] == PDF


def test_a_failed_transaction_leaves_no_document_and_at_most_an_orphan_gc_removes(
    db, now, owner, leader_app, document_store, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(RuntimeError):
        _upload(db, now, owner, leader_app)
    db.rollback()
    assert db.scalar(select(func.count(Document.id))) == 0
    key = storage.key_of(PDF)
    # The database rolls its copy back with the row; a bucket keeps a harmless orphan.
    assert document_store.exists(key) is not document_store.transactional

    later = utcnow() + timedelta(hours=2)
    assert gc.collect(db, document_store, now=later, dry_run=True) == (
        [] if document_store.transactional else [key]
    )
    gc.collect(db, document_store, now=later)
    assert not document_store.exists(key)


def test_gc_keeps_every_copy_a_document_names(db, now, owner, leader_app, document_store):
    kept = _upload(db, now, owner, leader_app)
    orphan = document_store.put(OTHER, "application/pdf")
    removed = gc.collect(db, document_store, now=utcnow() + timedelta(hours=2))
    assert removed == [orphan]
    assert document_store.exists(kept.sha256) and not document_store.exists(orphan)


def test_gc_leaves_a_bucket_object_written_within_the_hour(db, now, s3_settings):
    from services.storage import s3

    store = s3.from_settings(s3_settings)
    key = store.put(OTHER, "application/pdf")
    assert gc.collect(db, store, now=utcnow()) == []
    assert store.exists(key)
    assert gc.collect(db, store, now=utcnow(), min_age=timedelta(0)) == [key]


def test_bucket_objects_are_encrypted_private_and_named_by_their_hash(s3_settings):
    from services.storage import s3

    store = s3.from_settings(s3_settings)
    key = store.put(PDF, "application/pdf")
    assert key == storage.key_of(PDF)
    name = f"documents/{key}"
    head = store.client.head_object(Bucket=store.bucket, Key=name)
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/pdf"
    grants = store.client.get_object_acl(Bucket=store.bucket, Key=name)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all("URI" not in g["Grantee"] for g in grants)  # no AllUsers / AuthenticatedUsers


def test_the_gc_command_lists_with_dry_run_and_then_removes_orphans(
    database_url, engine, monkeypatch, capsys
):
    import manage
    import settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("DOCUMENT_STORE", raising=False)
    settings.get.cache_clear()
    orphan = storage.key_of(OTHER)
    with engine.begin() as conn:  # committed: the command uses its own connection
        conn.execute(DocumentContent.__table__.insert().values(sha256=orphan, data=OTHER))
    try:
        assert manage.main(["gc-documents", "--dry-run"]) == 0
        assert orphan in capsys.readouterr().out
        assert _stored(engine) == [orphan]
        assert manage.main(["gc-documents"]) == 0
        assert "ลบแล้ว: 1" in capsys.readouterr().out
        assert _stored(engine) == []
    finally:
        with engine.begin() as conn:
            conn.execute(DocumentContent.__table__.delete())
        settings.get.cache_clear()


def _stored(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(DocumentContent.sha256)))
