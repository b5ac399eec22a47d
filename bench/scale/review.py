"""Step 7 and after: the committee's evaluations and resolution, the province's announcement
(certificate and registry entry); and writing the application's own rows once its walk ended."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from core.registry_names import normalise_name
from services import areas
from services.certificates import CODE_ALPHABET, CODE_LENGTH, certificate_number
from services.committee import RESOLUTION_TITLES

if TYPE_CHECKING:
    from bench.scale.flow import Applications, State

STATUS_OF = {"pass": "passed", "revise": "revision_requested", "not_pass": "not_passed"}
REASONS = {
    "pass": "บรรลุตัวชี้วัดทุกข้อ มีหลักฐานการดำเนินงานครบถ้วน",
    "revise": None,
    "not_pass": "ยังไม่บรรลุตัวชี้วัดส่วนใหญ่ และหลักฐานการดำเนินงานไม่เพียงพอ",
}
REVISION = "เพิ่มหลักฐานการดำเนินกิจกรรมและสรุปผลตัวชี้วัดให้ชัดเจน"


def _decisions(f: Applications, fate: str) -> list[str]:
    if fate == "revise":
        return ["revise"]
    final = "not_pass" if fate == "not_pass" else "pass"
    return ["revise", final] if f.rng.random() < 0.12 else [final]


def _to_committee(f: Applications, s: State, t: datetime) -> None:
    d = s.unit.district
    s.row.update(status="under_review", to_committee_at=t, version=s.row["version"] + 1)  # type: ignore[operator]
    f.event(s, "submitted_to_committee", s.unit.owner, t)
    staff = f.world.committee[d] + f.world.officers[d]
    f.notify(s, staff, "to_committee", f"เสนอผลการประเมินตนเอง: {s.unit.name}", t)


def review(f: Applications, s: State, fate: str, t: datetime) -> None:
    t = f.later(t, 1, 7)
    _to_committee(f, s, t)
    decisions = _decisions(f, fate)
    for n, decision in enumerate(decisions):
        t = _cycle(f, s, decision, t)
        if n + 1 < len(decisions):
            _to_committee(f, s, f.later(t, 10, 40))
            t = s.row["to_committee_at"]  # type: ignore[assignment]
    if decisions[-1] == "pass" and fate == "certify":
        _announce(f, s, f.later(t, 7, 45))


def _cycle(f: Applications, s: State, decision: str, sent: datetime) -> datetime:
    rng, members = f.rng, f.world.committee[s.unit.district]
    last = sent
    for member in members:
        at = f.later(sent, 3, 20)
        ev = s.evaluations.get(member)
        if ev is None:
            ev = s.evaluations[member] = {
                "id": f.sink.next_id("committee_evaluations"),
                "version": 0,
            }
        reached = {i: decision == "pass" or rng.random() < 0.5 for i in s.indicators}
        ev.update(
            member_id=member,
            opinion=decision,
            updated_at=at,
            version=ev["version"] + 1,  # type: ignore[operator]
            comments="หลักฐานครบ บรรลุตัวชี้วัด" if decision == "pass" else "ยังขาดหลักฐานบางตัวชี้วัด",
            reached=reached,
        )
        f.event(
            s,
            "committee_evaluated",
            member,
            at,
            entity="evaluation",
            entity_id=ev["id"],
            opinion=decision,
        )
        last = max(last, at)
    at = f.later(last, 0, 3)
    chair = members[0]
    rid = f.sink.next_id("resolutions")
    f.sink.add(
        "resolutions",
        id=rid,
        application_id=s.row["id"],
        decision=decision,
        reasons=REASONS[decision],
        revision_items=REVISION if decision == "revise" else None,
        meeting_on=at.date(),
        decided_by_id=chair,
        decided_at=at,
    )
    s.row.update(status=STATUS_OF[decision], version=s.row["version"] + 1)  # type: ignore[operator]
    f.event(
        s, "committee_resolved", chair, at, entity="resolution", entity_id=rid, decision=decision
    )
    name = s.unit.name[:200]
    f.notify(
        s,
        [s.unit.owner, *f.world.officers[s.unit.district]],
        "resolution",
        f"{RESOLUTION_TITLES[decision]} · {name}",
        at,
        REVISION if decision == "revise" else REASONS[decision],
    )
    if decision == "pass":
        title = (
            f"รอประกาศผล: {name} ผ่านมติคณะกรรมการ มชช. อำเภอ{areas.district_name(s.unit.district)}"
        )
        f.notify(
            s,
            f.world.province_staff[s.unit.district[:2]],
            "awaiting_announcement",
            title,
            at,
            REASONS["pass"],
        )
    return at


def _code(f: Applications) -> str:
    while True:
        code = "".join(f.rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in f.codes:
            f.codes.add(code)
            return code


def _announce(f: Applications, s: State, at: datetime) -> None:
    u, province = s.unit, s.unit.district[:2]
    issuer = f.world.province_staff[province][0]
    f.sequence[(province, s.fy)] += 1
    seq = f.sequence[(province, s.fy)]
    cid = f.sink.next_id("certificates")
    number = certificate_number(province, s.fy, seq)
    code = _code(f)
    f.sink.add(
        "certificates",
        id=cid,
        application_id=s.row["id"],
        number=number,
        verification_code=code,
        announced_on=at.date(),
        issued_by_id=issuer,
        sequence=seq,
    )
    leader = u.type == "leader"
    normalized = normalise_name(u.name)
    f.registry_keys.setdefault((s.fy, u.district), set()).add((u.type, normalized))
    f.sink.add(
        "registry_entries",
        id=f.sink.next_id("registry_entries"),
        fiscal_year=s.fy,
        type=u.type,
        name=u.name,
        normalized_name=normalized,
        province_code=province,
        district_code=u.district,
        subdistrict_code=u.subdistrict,
        village_no=u.village_no,
        position=u.position if leader else None,
        coordinator=None if leader else u.owner_name,
        contact_phone=u.phone,
        national_id_hash=u.national_id_hash if leader else None,
        national_id_masked=u.national_id_masked if leader else None,
        source="portal",
        application_id=s.row["id"],
        certificate_id=cid,
        created_at=at,
    )
    s.row.update(status="certified", version=s.row["version"] + 1)  # type: ignore[operator]
    f.event(s, "results_announced", issuer, at, entity="certificate", entity_id=cid, number=number)
    f.notify(
        s,
        [u.owner, *f.world.officers[u.district]],
        "announced",
        f"ประกาศผลแล้ว: {u.name[:200]} ผ่านการรับรอง มชช. ปีงบประมาณ {s.fy}",
        at,
        f"ใบประกาศเลขที่ {number} รหัสตรวจสอบใบประกาศ {code}",
    )


def finish(f: Applications, s: State) -> None:
    """The application's row and the rows kept until its walk ended (they change on the way)."""
    sink = f.sink
    sink.add("applications", **s.row)
    f.statuses[str(s.row["status"])] += 1
    for doc in s.documents:
        data = doc.pop("data")
        sink.add("documents", **doc)
        sink.add_content(str(doc["sha256"]), data)
    for ev in s.evaluations.values():
        reached = ev.pop("reached")
        sink.add("committee_evaluations", application_id=s.row["id"], **ev)
        for indicator, ok in reached.items():  # type: ignore[attr-defined]
            sink.add(
                "evaluation_items",
                id=sink.next_id("evaluation_items"),
                evaluation_id=ev["id"],
                indicator_id=indicator,
                reached=ok,
                how="มีบันทึกและภาพถ่ายประกอบ" if ok else "ยังไม่พบหลักฐาน",
            )
