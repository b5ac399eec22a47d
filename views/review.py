"""District committee: a submission with everything, my evaluation, and the chair's resolution."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.roles import Role
from core.thai import format_datetime
from core.workflow import STATUS_LABELS, Status
from services import applications, committee, development
from services.clock import to_local, utcnow
from services.committee import ItemInput
from ui import application_view, feedback, forms, runtime, session
from ui.safe import md

TYPE_BY_VALUE = {k.value: label for k, label in TYPE_LABELS.items()}
FILTERS = {"mine": "รอฉันประเมิน", "done": "ฉันประเมินแล้ว", "all": "ทั้งหมด"}


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
    which = left.radio("แสดง", list(FILTERS), format_func=FILTERS.get, horizontal=True)
    kinds = right.multiselect(
        "ประเภท",
        [k.value for k in ApplicantType],
        format_func=TYPE_BY_VALUE.get,
        placeholder="ทุกประเภท",
    )
    wanted = {
        "mine": lambda r: r.status is Status.UNDER_REVIEW and not r.evaluated_by_me,
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
        st.stop()

    st.header("การประเมินของฉัน")
    mine = committee.my_evaluation(db, user.actor, chosen)
    old = {i.indicator_id: i for i in mine.items} if mine else {}
    with st.form(f"evaluate_{chosen}"):
        items = []
        for ind in development.indicators(db, user.actor, chosen):
            st.markdown(f"**{md(ind.title)}**")
            reached = st.radio(
                "บรรลุตัวชี้วัดหรือไม่",
                [True, False],
                horizontal=True,
                key=f"reach_{chosen}_{ind.id}",
                index=0 if old.get(ind.id) is None or old[ind.id].reached else 1,
                format_func={True: "บรรลุ", False: "ยังไม่บรรลุ"}.get,
            )
            how = st.text_input(
                "บรรลุอย่างไร / เหตุใดยังไม่บรรลุ",
                value=(old[ind.id].how or "") if ind.id in old else "",
                key=f"how_{chosen}_{ind.id}",
            )
            items.append(ItemInput(ind.id, reached, how))
        opinion = st.radio(
            "ความเห็นโดยรวม",
            list(committee.OPINIONS),
            horizontal=True,
            format_func=committee.OPINIONS.get,
            index=list(committee.OPINIONS).index(mine.opinion) if mine else 0,
        )
        remarks = st.text_area("ข้อเสนอแนะ", value=(mine.comments or "") if mine else "")
        send = st.form_submit_button("บันทึกการประเมิน", type="primary")
    if send:
        with feedback.shows_errors():
            committee.evaluate(
                db,
                user.actor,
                chosen,
                items=items,
                opinion=opinion,
                comments=remarks,
                expected_version=forms.seen_version(f"eval_{chosen}"),
                now=utcnow(),
            )
            feedback.flash("บันทึกการประเมินแล้ว")
            st.rerun()
    if mine:
        forms.remember_version(f"eval_{chosen}", mine.version)

    if user.actor.is_chair:
        st.header("มติคณะกรรมการ (ประธาน)")
        members_evaluations(
            committee.evaluations_with_names(db, user.actor, chosen),
            development.indicators(db, user.actor, chosen),
        )
        seen = forms.seen_version(f"resolve_{chosen}", 0)
        with st.form(f"resolve_{chosen}"):
            decision = st.radio(
                "มติ",
                ["pass", "revise", "not_pass"],
                horizontal=True,
                format_func={"pass": "ผ่าน", "revise": "ให้ปรับปรุงแก้ไข", "not_pass": "ไม่ผ่าน"}.get,
            )
            revision = st.text_area("สิ่งที่ต้องปรับปรุงแก้ไข (เมื่อให้ปรับปรุง)")
            reasons = st.text_area("เหตุผล")
            meeting = forms.date_field("วันที่ประชุม", today, key=f"meeting_{chosen}")
            decide = st.form_submit_button("บันทึกมติ", type="primary")
        if decide:
            with feedback.shows_errors():
                forms.check_typed()
                committee.resolve(
                    db,
                    user.actor,
                    chosen,
                    decision=decision,
                    reasons=reasons,
                    revision_items=revision,
                    meeting_on=meeting,
                    expected_version=seen,
                    now=utcnow(),
                    today=today,
                )
                feedback.flash("บันทึกมติแล้ว ผู้สมัครและพัฒนากรได้รับแจ้งแล้ว")
                st.rerun()
        forms.remember_version(
            f"resolve_{chosen}", applications.the_application(db, user.actor, chosen).version
        )
