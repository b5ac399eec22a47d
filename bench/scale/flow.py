"""One application's year, as the services would have written it, cut at `now`.

Each application is given a fate (left as a draft, returned and dropped, dropped while
developing, revised, not passed, certified) and walks the workflow of core/workflow.py step by
step; a step whose time would be after `now` does not happen, so the status is always the one
the last step reached, and every row a status implies (documents, indicators, assessments,
evaluations, the resolution, the certificate and its registry entry) is there.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bench.scale import develop, files, names, review
from bench.scale.sink import Sink
from bench.scale.staff import World
from core.applicant_types import TYPE_LABELS, ApplicantType, required_documents
from services.applications import SENT, SENT_AGAIN

FATES = ("draft", "returned", "dropout", "revise", "not_pass", "certify")
FATE_WEIGHTS = (6, 4, 14, 4, 7, 65)


class Stop(Exception):
    """The next step would happen after `now`: the application stays where it is."""


@dataclass
class Unit:
    id: int
    type: str
    name: str
    owner: int
    owner_name: str
    phone: str
    district: str
    subdistrict: str
    village_no: int
    national_id_hash: str | None
    national_id_masked: str | None
    position: str | None


@dataclass
class State:
    unit: Unit
    fy: int
    row: dict[str, object]
    indicators: list[int] = field(default_factory=list)
    documents: list[dict[str, object]] = field(default_factory=list)
    evaluations: dict[int, dict[str, object]] = field(default_factory=dict)
    advisor_users: list[int] = field(default_factory=list)


class Applications:
    Stop = Stop

    def __init__(self, sink: Sink, rng: random.Random, world: World, now: datetime) -> None:
        self.sink, self.rng, self.world, self.now = sink, rng, world, now
        self.sequence: Counter[tuple[str, int]] = Counter()
        self.codes: set[str] = set()
        self.registry_keys: dict[tuple[int, str], set[tuple[str, str]]] = {}
        self.statuses: Counter[str] = Counter()

    # --- helpers -------------------------------------------------------------------------
    def later(self, t: datetime, lo: int, hi: int) -> datetime:
        t = t + timedelta(days=self.rng.randint(lo, hi), minutes=self.rng.randint(0, 480))
        if t > self.now:
            raise Stop
        return t

    def check(self, t: datetime) -> datetime:
        if t > self.now:
            raise Stop
        return t

    def at(self, day: date) -> datetime:
        return datetime.combine(day, datetime.min.time()) + timedelta(
            hours=self.rng.randint(1, 10), minutes=self.rng.randint(0, 59)
        )

    def event(self, s: State, action: str, actor: int, at: datetime, **kw: object) -> None:
        entity, entity_id = kw.pop("entity", None), kw.pop("entity_id", None)
        self.sink.add(
            "audit_events",
            id=self.sink.next_id("audit_events"),
            at=at,
            actor_id=actor,
            action=action,
            application_id=s.row["id"],
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(kw, ensure_ascii=False, default=str) if kw else None,
        )
        s.row["updated_at"] = max(s.row["updated_at"], at)  # type: ignore[type-var]

    def notify(
        self,
        s: State,
        users: list[int],
        kind: str,
        title: str,
        at: datetime,
        body: str | None = None,
    ) -> None:
        for uid in sorted(set(users)):
            read = None
            if at < self.now - timedelta(days=10) and self.rng.random() < 0.85:
                read = at + timedelta(hours=self.rng.randint(1, 120))
            self.sink.add(
                "notifications",
                id=self.sink.next_id("notifications"),
                user_id=uid,
                kind=kind,
                title=title[:299],
                body=body,
                application_id=s.row["id"],
                created_at=at,
                read_at=read,
            )

    def _document(
        self,
        s: State,
        code: str | None,
        label: str,
        at: datetime,
        *,
        personal: bool = False,
        photo: bool = False,
        **links: object,
    ) -> None:
        stem = code or "evidence"
        made = files.png(self.rng, stem) if photo else files.pdf(self.rng, stem, label)
        doc_id = self.sink.next_id("documents")
        s.documents.append(
            dict(
                id=doc_id,
                application_id=s.row["id"],
                requirement_code=code,
                filename=made.filename,
                content_type=made.content_type,
                size=len(made.data),
                sha256=made.sha256,
                personal=personal,
                uploaded_by_id=s.unit.owner,
                uploaded_at=at,
                data=made.data,
                **links,
            )
        )
        kind = "document_uploaded" if code else "evidence_uploaded"
        self.event(s, kind, s.unit.owner, at, entity="document", entity_id=doc_id, code=code)

    # --- one application -----------------------------------------------------------------
    def application(self, unit: Unit, fy: int) -> None:
        rng = self.rng
        round_id, cadence, opens = self.world.rounds[(unit.district[:2], fy)]
        fate = rng.choices(FATES, FATE_WEIGHTS)[0]
        span = max(0, min(80, (self.now.date() - opens).days - 1))
        started = self.at(opens + timedelta(days=rng.randint(0, span)))
        started = min(started, self.now - timedelta(minutes=5))
        row: dict[str, object] = dict(
            id=self.sink.next_id("applications"),
            applicant_id=unit.id,
            round_id=round_id,
            status="draft",
            version=1,
            created_at=started,
            updated_at=started,
        )
        s = State(unit, fy, row)
        with contextlib.suppress(Stop):  # the walk reached `now`
            self._walk(s, fate, cadence, started)
        review.finish(self, s)

    def _walk(self, s: State, fate: str, cadence: int, t: datetime) -> None:
        rng, u = self.rng, s.unit
        self.event(s, "application_started", u.owner, t)
        self._people(s, t)
        kind = ApplicantType(u.type)
        wanted = [
            r
            for r in required_documents(kind)
            if r.required or s.advisor_users or rng.random() < 0.3
        ]
        if fate == "draft":
            wanted = wanted[: rng.randint(0, len(wanted))]
        for r in wanted:
            self._document(
                s,
                r.code,
                r.label,
                t + timedelta(minutes=rng.randint(5, 600)),
                personal=r.personal,
                photo=r.code == "photo",
            )
        if fate == "draft":
            self.event(s, "application_saved", u.owner, self.later(t, 0, 5))
            raise Stop
        t = self._submit(s, self.later(t, 1, 20), again=False)
        if fate == "returned" or rng.random() < 0.12:
            t = self._return(s, self.later(t, 1, 7))
            if fate == "returned":
                raise Stop
            t = self._resubmit(s, self.later(t, 1, 10))
        t = self._accept(s, self.later(t, 1, 10))
        t = develop.develop(self, s, fate, cadence, t)
        review.review(self, s, fate, t)

    def _people(self, s: State, t: datetime) -> None:
        rng = self.rng
        for n in range(rng.randint(2, 4)):
            self.sink.add(
                "lead_team_members",
                id=self.sink.next_id("lead_team_members"),
                application_id=s.row["id"],
                name=names.person(rng),
                team_role=names.TEAM_ROLES[min(n, 4)],
                contact=names.phone(rng),
            )
        pool = self.world.advisors.get(s.unit.district[:2], [])
        for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
            linked = pool and rng.random() < 0.5
            user_id, name = rng.choice(pool) if linked else (None, names.person(rng))
            self.sink.add(
                "advisors",
                id=self.sink.next_id("advisors"),
                application_id=s.row["id"],
                name=name,
                inside_community=not linked and rng.random() < 0.6,
                contact=names.phone(rng),
                user_id=user_id,
            )
            if user_id is not None:
                s.advisor_users.append(user_id)
            self.event(s, "advisor_added", s.unit.owner, t + timedelta(minutes=30))

    def _title(self, s: State, prefix: str) -> str:
        return f"{prefix}{s.unit.name} ({TYPE_LABELS[ApplicantType(s.unit.type)]})"

    def _submit(self, s: State, t: datetime, *, again: bool) -> datetime:
        s.row.update(status="submitted", submitted_at=t, version=s.row["version"] + 1)  # type: ignore[operator]
        self.event(s, "application_submitted", s.unit.owner, t)
        officers = self.world.officers[s.unit.district]
        self.notify(s, officers, "submitted", self._title(s, SENT_AGAIN if again else SENT), t)
        return t

    def _return(self, s: State, t: datetime) -> datetime:
        officer = self.world.officers[s.unit.district][0]
        doc = self.rng.choice(s.documents) if s.documents else None
        note = "เอกสารไม่ชัดเจน กรุณาแนบใหม่" if doc else "กรุณากรอกข้อมูลผู้สมัครให้ครบถ้วน"
        if doc:
            doc.update(
                review_status="rejected", review_reason="สแกนไม่ชัด อ่านไม่ได้", reviewed_by_id=officer
            )
            self.event(
                s,
                "document_reviewed",
                officer,
                t,
                entity="document",
                entity_id=doc["id"],
                result="rejected",
            )
        s.row.update(status="returned", officer_note=note, version=s.row["version"] + 1)  # type: ignore[operator]
        self.event(s, "application_returned", officer, t, note=note)
        self.notify(s, [s.unit.owner], "returned", "พัฒนากรส่งกลับให้แก้ไข", t, note)
        return t

    def _resubmit(self, s: State, t: datetime) -> datetime:
        for doc in [d for d in s.documents if d.get("review_status") == "rejected"]:
            s.documents.remove(doc)
            self.event(
                s, "document_removed", s.unit.owner, t, entity="document", entity_id=doc["id"]
            )
            self._document(
                s,
                doc["requirement_code"],
                "แก้ไขแล้ว",
                t,
                personal=bool(doc["personal"]),
                photo=doc["content_type"] == "image/png",
            )  # type: ignore[arg-type]
        return self._submit(s, t + timedelta(minutes=20), again=True)

    def _accept(self, s: State, t: datetime) -> datetime:
        officer = self.world.officers[s.unit.district][0]
        for doc in s.documents:
            doc.update(review_status="accepted", review_reason=None, reviewed_by_id=officer)
            self.event(
                s,
                "document_reviewed",
                officer,
                t,
                entity="document",
                entity_id=doc["id"],
                result="accepted",
            )
        s.row.update(
            status="accepted",
            accepted_at=t,
            qualifications_confirmed=True,
            officer_note=None,
            version=s.row["version"] + 1,
        )  # type: ignore[operator]
        self.event(s, "application_accepted", officer, t, note="")
        self.notify(s, [s.unit.owner], "accepted", "ใบสมัครผ่านการตรวจสอบแล้ว", t)
        return t
