"""District committee: a submission with everything, my evaluation, and the chair's resolution."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
import streamlit as st

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import DomainError
from core.roles import Role
from core.thai import format_date, format_datetime
from core.workflow import STATUS_LABELS, Status
from services import applications, committee, development
from services.clock import to_local, utcnow
from services.committee import ItemInput
from services.review_info import DECISION_LABELS
from ui import application_view, feedback, forms, runtime, session
from ui.safe import md

TYPE_BY_VALUE = {k.value: label for k, label in TYPE_LABELS.items()}
FILTER_KEY = "review_filter"
SHOW_DECIDED = "_review_show_decided"
FILTERS = {"mine": "รอฉันประเมิน", "done": "ฉันประเมินแล้ว", "all": "ทั้งหมด"}
REACHED = {True: "บรรลุ", False: "ยังไม่บรรลุ"}
# The chair's resolution, per application: what was typed (kept through a cancel, a switch to
# another unit or page), the values waiting for ยืนยัน, and a refusal to show after the rerun.
DRAFT, PENDING, REFUSED = "_resolve_draft_{}", "_resolve_pending_{}", "_resolve_refused_{}"


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def members_evaluations(members: list[committee.MemberEvaluation], indicators) -> None:  # type: ignore[no-untyped-def]
    """The chair's view of the committee: each member's opinion, comments and every indicator."""
    st.subheader(f"ผลการประเมินของกรรมการ ({len(members)} คน)")
    if not members:
        st.info("ยังไม่มีกรรมการบันทึกผลการประเมิน")
        return
    tally = Counter(m.opinion_label for m in members)
    st.markdown(" · ".join(f"{label} {n} คน" for label, n in tally.items()))
    for m in members:
        with st.container(border=True):
            st.markdown(f"**{md(m.member_name)}** — {m.opinion_label}")
            st.caption(f"บันทึกล่าสุด {format_datetime(to_local(m.updated_at))}")
            if m.comments:
                st.text(m.comments)

    def cell(item: ItemInput | None) -> str:
        if item is None:
            return "-"
        text = "✅ บรรลุ" if item.reached else "❌ ยังไม่บรรลุ"
        return f"{text} — {item.how}" if item.how else text

    table = pd.DataFrame(
        {
            name: [cell(m.items.get(ind.id)) for ind in indicators]
            for name, m in zip(_unique([m.member_name for m in members]), members, strict=True)
        },
        index=[ind.title for ind in indicators],
    )
    st.markdown("**ผลการประเมินรายตัวชี้วัด**")
    st.dataframe(table, width="stretch")


def decided_block(db, actor, application_id: int) -> None:  # type: ignore[no-untyped-def]
    """The committee's latest resolution on a unit that is no longer waiting for it."""
    d = committee.decided(db, actor, application_id)
    if d is None:
        return
    with st.container(border=True):
        st.subheader("มติคณะกรรมการ")
        st.markdown(f"**มติ:** {md(d.decision_label)}")
        if d.revision_items:
            st.markdown("**สิ่งที่ต้องปรับปรุงแก้ไข**")
            st.text(d.revision_items)
        if d.reasons:
            st.markdown("**เหตุผล**")
            st.text(d.reasons)
        st.markdown(f"**วันที่ประชุม:** {format_date(d.meeting_on) if d.meeting_on else '-'}")
        st.caption(f"บันทึกมติโดย {md(d.decided_by)} เมื่อ {format_datetime(to_local(d.decided_at))}")


def evaluation_form(db, actor, application_id: int) -> None:  # type: ignore[no-untyped-def]
    """A new evaluation starts with nothing chosen; a saved one shows its answers."""
    st.header("การประเมินของฉัน")
    mine = committee.my_evaluation(db, actor, application_id)
    old = {i.indicator_id: i for i in mine.items} if mine else {}
    with st.form(f"evaluate_{application_id}"):
        items = []
        for ind in development.indicators(db, actor, application_id):
            st.markdown(f"**{md(ind.title)}**")
            saved = old.get(ind.id)
            reached = st.radio(
                "บรรลุตัวชี้วัดหรือไม่",
                list(REACHED),
                horizontal=True,
                key=f"reach_{application_id}_{ind.id}",
                index=None if saved is None else (0 if saved.reached else 1),
                format_func=REACHED.get,
            )
            how = st.text_input(
                "บรรลุอย่างไร / เหตุใดยังไม่บรรลุ",
                value=(saved.how or "") if saved else "",
                key=f"how_{application_id}_{ind.id}",
                help="ถ้ายังไม่บรรลุ ต้องเขียนเหตุผล",
            )
            items.append(ItemInput(ind.id, reached, how))
        opinions = list(committee.OPINIONS)
        opinion = st.radio(
            "ความเห็นโดยรวม",
            opinions,
            horizontal=True,
            format_func=committee.OPINIONS.get,
            index=opinions.index(mine.opinion) if mine and mine.opinion in opinions else None,
            key=f"opinion_{application_id}",
        )
        remarks = st.text_area(
            "ข้อเสนอแนะ",
            value=(mine.comments or "") if mine else "",
            key=f"remarks_{application_id}",
            help="ถ้าความเห็นโดยรวมไม่ใช่ “ควรผ่าน” ต้องเขียนเหตุผล",
        )
        send = st.form_submit_button("บันทึกการประเมิน", type="primary")
    if send:
        with feedback.shows_errors():
            committee.evaluate(
                db,
                actor,
                application_id,
                items=items,
                opinion=opinion,
                comments=remarks,
                expected_version=forms.seen_version(f"eval_{application_id}"),
                now=utcnow(),
            )
            feedback.flash("บันทึกการประเมินแล้ว")
            st.rerun()
    if mine:
        forms.remember_version(f"eval_{application_id}", mine.version)


def resolution_form(db, actor, application_id: int, today) -> None:  # type: ignore[no-untyped-def]
    """Step one: the chair types the resolution; a valid one goes to the confirm step."""
    refused = st.session_state.pop(REFUSED.format(application_id), None)
    if refused:
        st.error(refused, icon="⚠️")
    draft = st.session_state.get(DRAFT.format(application_id), {})
    decisions = list(DECISION_LABELS)
    with st.form(f"resolve_{application_id}"):
        decision = st.radio(
            "มติ",
            decisions,
            horizontal=True,
            format_func=DECISION_LABELS.get,
            index=decisions.index(draft["decision"]) if draft.get("decision") else None,
            key=f"resolve_decision_{application_id}",
        )
        revision = st.text_area(
            "สิ่งที่ต้องปรับปรุงแก้ไข (เมื่อให้ปรับปรุง)",
            value=draft.get("revision_items") or "",
            key=f"resolve_revision_{application_id}",
        )
        reasons = st.text_area(
            "เหตุผล", value=draft.get("reasons") or "", key=f"resolve_reasons_{application_id}"
        )
        met = draft["meeting_on"] if "meeting_on" in draft else today.isoformat()
        meeting = forms.date_field(
            "วันที่ประชุม", date.fromisoformat(met) if met else None, key=f"meeting_{application_id}"
        )
        decide = st.form_submit_button("บันทึกมติ", type="primary")
    if not decide:
        return
    typed = {
        "decision": decision,
        "revision_items": revision,
        "reasons": reasons,
        "meeting_on": meeting.isoformat() if meeting else None,
    }
    st.session_state[DRAFT.format(application_id)] = typed
    with feedback.shows_errors():
        forms.check_typed()
        committee.check_resolution(
            db,
            actor,
            application_id,
            decision=decision,
            reasons=reasons,
            revision_items=revision,
            meeting_on=meeting,
            today=today,
        )
        seen = forms.seen_version(f"resolve_{application_id}", 0)
        st.session_state[PENDING.format(application_id)] = typed | {"version": seen}
        st.rerun()


def confirm_resolution(db, actor, application_id: int, pending: dict, today) -> None:  # type: ignore[no-untyped-def,type-arg]
    """Step two: what will be recorded, then ยืนยัน records it or ยกเลิก goes back to the form."""
    meeting = date.fromisoformat(pending["meeting_on"]) if pending["meeting_on"] else None
    st.warning(
        "กรุณาตรวจสอบมติก่อนบันทึก เมื่อบันทึกแล้วจะแก้ไขไม่ได้ และระบบจะแจ้งผู้สมัครกับพัฒนากรทันที",
        icon="⚠️",
    )
    with st.container(border=True):
        st.markdown(f"**มติที่จะบันทึก:** {DECISION_LABELS[pending['decision']]}")
        for label, key in (("สิ่งที่ต้องปรับปรุงแก้ไข", "revision_items"), ("เหตุผล", "reasons")):
            if (pending[key] or "").strip():
                st.markdown(f"**{label}**")
                st.text(pending[key].strip())
        st.markdown(f"**วันที่ประชุม:** {format_date(meeting) if meeting else '-'}")
    yes, no = st.columns(2)
    if no.button("ยกเลิก กลับไปแก้ไข", key=f"resolve_back_{application_id}"):
        st.session_state.pop(PENDING.format(application_id), None)
        st.rerun()
    if yes.button("ยืนยันบันทึกมติ", key=f"resolve_yes_{application_id}", type="primary"):
        st.session_state.pop(PENDING.format(application_id), None)
        try:
            committee.resolve(
                db,
                actor,
                application_id,
                decision=pending["decision"],
                reasons=pending["reasons"],
                revision_items=pending["revision_items"],
                meeting_on=meeting,
                expected_version=pending["version"],
                now=utcnow(),
                today=today,
            )
        except DomainError as error:  # back to the form, with what was typed and the reason
            db.rollback()
            st.session_state[REFUSED.format(application_id)] = error.message
            st.rerun()
        st.session_state.pop(DRAFT.format(application_id), None)
        feedback.flash("บันทึกมติแล้ว ผู้สมัครและพัฒนากรได้รับแจ้งแล้ว")
        st.session_state[SHOW_DECIDED] = True  # the unit just decided left "waiting for me"
        st.rerun()


def resolution_section(db, actor, application_id: int, today) -> None:  # type: ignore[no-untyped-def]
    st.header("มติคณะกรรมการ (ประธาน)")
    members_evaluations(
        committee.evaluations_with_names(db, actor, application_id),
        development.indicators(db, actor, application_id),
    )
    quorum = committee.quorum(db, actor, application_id)
    if not quorum.reached:
        st.session_state.pop(PENDING.format(application_id), None)
        st.warning(
            f"ยังบันทึกมติไม่ได้: {quorum.describe()} "
            "(ต้องมีกรรมการประเมินมากกว่าครึ่งหนึ่งของคณะกรรมการ รวมประธาน) "
            "เมื่อกรรมการประเมินครบแล้ว แบบบันทึกมติจะแสดงที่นี่",
            icon="⏳",
        )
        return
    st.info(f"กรรมการ{quorum.describe()} บันทึกมติได้")
    pending = st.session_state.get(PENDING.format(application_id))
    if pending is not None:
        confirm_resolution(db, actor, application_id, pending, today)
    else:
        resolution_form(db, actor, application_id, today)
    forms.remember_version(
        f"resolve_{application_id}", applications.the_application(db, actor, application_id).version
    )


user = session.require_user()
if user.role is not Role.COMMITTEE:
    st.stop()
district = user.actor.district_code or ""
today = runtime.clock().today()
st.title("พิจารณาผลการประเมินตนเอง")
feedback.show_flash()

with feedback.shows_errors(), runtime.db() as db:
    rows = committee.queue(db, user.actor, district)
    left, right = st.columns(2)
    # The chair's work on a unit ends with the resolution, not with their own evaluation.
    filters = FILTERS | ({"mine": "รอฉันประเมินหรือลงมติ"} if user.actor.is_chair else {})
    if st.session_state.pop(SHOW_DECIDED, False):
        st.session_state[FILTER_KEY] = "done"  # set before the radio exists in this run
    which = left.radio(
        "แสดง", list(filters), format_func=filters.get, horizontal=True, key=FILTER_KEY
    )
    kinds = right.multiselect(
        "ประเภท",
        [k.value for k in ApplicantType],
        format_func=TYPE_BY_VALUE.get,
        placeholder="ทุกประเภท",
    )
    wanted = {
        "mine": lambda r: (
            r.status is Status.UNDER_REVIEW and (user.actor.is_chair or not r.evaluated_by_me)
        ),
        "done": lambda r: r.evaluated_by_me,
        "all": lambda r: True,
    }[which]
    shown = [r for r in rows if wanted(r) and (not kinds or r.applicant_type in kinds)]
    if not shown:
        st.info("ไม่มีรายการในมุมมองนี้")
        st.stop()
    names = {
        r.application_id: f"{r.applicant_name} · {STATUS_LABELS[r.status]} · "
        f"ประเมินแล้ว {r.evaluations} คน"
        for r in shown
    }
    # The labels carry the status and count, which a decision changes: the box then becomes a
    # new widget, so it starts from the unit chosen last instead of jumping to the first one.
    ids = list(names)
    last = st.session_state.get("_review_chosen")
    chosen = st.selectbox(
        "รายการ", ids, format_func=names.get, index=ids.index(last) if last in ids else 0
    )
    st.session_state["_review_chosen"] = chosen
    application_view.show(db, user.actor, chosen, today)
    row = next(r for r in shown if r.application_id == chosen)
    if row.status is not Status.UNDER_REVIEW:
        decided_block(db, user.actor, chosen)
        members_evaluations(
            committee.evaluations_with_names(db, user.actor, chosen),
            development.indicators(db, user.actor, chosen),
        )
    else:
        evaluation_form(db, user.actor, chosen)
        if user.actor.is_chair:
            resolution_section(db, user.actor, chosen, today)
