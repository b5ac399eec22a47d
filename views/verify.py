"""District officer: check an application's documents and qualifications, accept or return it;
and follow any application of the district, with its timeline."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.applicant_types import QUALIFICATIONS, TYPE_LABELS
from core.roles import Role
from core.thai import format_fiscal_year
from core.workflow import STATUS_LABELS, Status
from services import applications, areas, documents, home, verification
from services.clock import utcnow
from ui import application_view, feedback, forms, runtime, session
from ui import documents as document_ui
from ui import printouts as printouts_ui
from ui import timeline as timeline_ui
from ui.safe import md

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
district = user.actor.district_code or ""
today = runtime.clock().today()
st.title("ตรวจสอบใบสมัคร")
feedback.show_flash()

MODES = {"waiting": "รอตรวจสอบ", "all": "ทุกใบสมัครในอำเภอ"}
FORM = "vf_"  # the review and decision forms' keys: dropped when they were filled on a stale screen
CLICKED = "_verify_clicked"
NEVER_SHOWN = -1  # no version is ever -1: an action on an application never shown here is stale


# A click is kept by its callback and carried out before the list is read: if another tab has
# meanwhile moved the application out of this list, the action is still tried, and refused aloud.
def _review_clicked(application_id: int, document_id: int) -> None:
    st.session_state[CLICKED] = {
        "application_id": application_id,
        "document_id": document_id,
        "accepted": st.session_state.get(f"{FORM}ok_{document_id}") == "accepted",
        "reason": st.session_state.get(f"{FORM}reason_{document_id}") or "",
    }


def _decide_clicked(application_id: int, accept: bool) -> None:
    st.session_state[CLICKED] = {
        "application_id": application_id,
        "accept": accept,
        "confirmed": bool(st.session_state.get(f"{FORM}confirm_{application_id}")),
        "note": st.session_state.get(f"{FORM}note_{application_id}") or "",
    }


def _carry_out(clicked: dict[str, Any]) -> None:
    application_id = clicked["application_id"]
    seen = forms.seen_version(f"verify_{application_id}", NEVER_SHOWN)
    with feedback.shows_errors(stale_reset=FORM), runtime.db() as db:
        if "document_id" in clicked:
            verification.review_document(
                db,
                user.actor,
                application_id,
                clicked["document_id"],
                accepted=clicked["accepted"],
                reason=clicked["reason"],
                expected_version=seen,
                now=utcnow(),
            )
            feedback.flash("บันทึกผลตรวจเอกสารแล้ว")
        else:
            verification.decide(
                db,
                user.actor,
                application_id,
                accept=clicked["accept"],
                note=clicked["note"],
                qualifications_confirmed=clicked["confirmed"],
                expected_version=seen,
                now=utcnow(),
            )
            feedback.flash("รับใบสมัครแล้ว" if clicked["accept"] else "ส่งกลับให้ผู้สมัครแก้ไขแล้ว")
        for key in [k for k in st.session_state if str(k).startswith(FORM)]:
            del st.session_state[key]  # the forms show what is now stored
        st.rerun()


clicked = st.session_state.pop(CLICKED, None)
if clicked is not None:
    _carry_out(clicked)

with feedback.shows_errors(), runtime.db() as db:
    rows = home.district_home(db, user.actor, district, today)
    mode = st.radio("แสดง", list(MODES), format_func=MODES.get, horizontal=True, key="verify_mode")
    if mode == "all":
        if not rows:
            st.info(f"ยังไม่มีผู้สมัครในอำเภอ{areas.district_name(district)}")
            st.stop()
        names = {
            r.application_id: f"{r.applicant_name} · {r.type_label} · "
            f"{format_fiscal_year(r.fiscal_year)} · {r.status_label}"
            for r in rows
        }
        chosen = st.selectbox("ใบสมัครในอำเภอ", list(names), format_func=names.get)
        application_view.show(db, user.actor, chosen, today, comment=True)
        st.stop()
    waiting = [r for r in rows if r.status is Status.SUBMITTED]
    if not waiting:
        st.info(f"ไม่มีใบสมัครที่รอตรวจสอบในอำเภอ{areas.district_name(district)}")
        st.stop()
    names = {r.application_id: f"{r.applicant_name} · {r.type_label}" for r in waiting}
    chosen = st.selectbox("ใบสมัครที่รอตรวจสอบ", list(names), format_func=names.get)
    application = applications.the_application(db, user.actor, chosen)
    a = application.applicant
    st.subheader(md(a.name))
    st.caption(
        f"{TYPE_LABELS[a.type]} · {areas.area_label(a.subdistrict_code, a.district_code, None)}"
        f" · สถานะ: {STATUS_LABELS[application.status]}"
    )
    printouts_ui.download("application_form", user.actor, chosen, key=f"verify_form_{chosen}")
    application_view.details(application)
    problems = applications.problems(db, application, today)
    for p in problems:
        st.warning(p, icon="⚠️")

    st.markdown("**เอกสาร**")
    for item in documents.checklist(db, user.actor, chosen):
        if not item.document_id:
            if item.requirement.required:
                st.markdown(f"⬜ {item.requirement.label} — ไม่ได้แนบ")
            continue
        with st.container(border=True):
            st.markdown(f"{document_ui.mark(item)} {item.requirement.label}")
            document_ui.download_button(
                user.actor,
                item.document_id,
                "เปิดดูไฟล์",
                key=f"open_{item.document_id}",
                file_name=item.filename or f"document-{item.document_id}.pdf",
            )
            with st.form(f"review_{item.document_id}"):
                st.radio(
                    "ผลการตรวจ",
                    ["accepted", "rejected"],
                    horizontal=True,
                    format_func=verification.REVIEW_STATES.get,
                    index=1 if item.review_status == "rejected" else 0,
                    key=f"{FORM}ok_{item.document_id}",
                )
                st.text_input(
                    "เหตุผล (ถ้าไม่ถูกต้อง ผู้สมัครจะเห็น)",
                    value=item.review_reason or "",
                    key=f"{FORM}reason_{item.document_id}",
                )
                st.form_submit_button(
                    "บันทึกผลตรวจเอกสาร", on_click=_review_clicked, args=(chosen, item.document_id)
                )

    st.markdown("**คุณสมบัติ**")
    st.markdown("\n".join(f"- {q.text}" for q in QUALIFICATIONS[a.type]))
    with st.form(f"decide_{chosen}"):
        st.checkbox("ยืนยันว่าผู้สมัครมีคุณสมบัติครบตามที่ระบุ", key=f"{FORM}confirm_{chosen}")
        st.text_area("ข้อความถึงผู้สมัคร (จำเป็นเมื่อส่งกลับให้แก้ไข)", key=f"{FORM}note_{chosen}")
        c1, c2 = st.columns(2)
        c1.form_submit_button(
            "รับใบสมัคร", type="primary", on_click=_decide_clicked, args=(chosen, True)
        )
        c2.form_submit_button("ส่งกลับให้แก้ไข", on_click=_decide_clicked, args=(chosen, False))
    forms.remember_version(f"verify_{chosen}", application.version)
    with st.expander("ความเคลื่อนไหวของใบสมัคร"):
        timeline_ui.show(db, user.actor, chosen, key=f"verify_timeline_{chosen}")
