"""The officer's invitation widgets: the invitation form, one invitation's card with its actions,
and one past unit with its "invite again" button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st
from sqlalchemy.orm import Session

from core.applicant_types import TYPE_LABELS
from core.errors import DomainError, PermissionDenied, StaleData
from core.permission import Actor
from core.publicity import CONTACT_METHOD_LABELS, LINK_METHOD_LABELS, OUTCOME_LABELS, Outcome
from core.thai import format_date
from services import areas, invitations, past_units
from services.clock import utcnow
from services.invitations import InvitationInput, InvitationRow
from ui import feedback, forms, runtime
from ui.safe import md

INVITE_FROM = "_invite_from_entry"  # the past unit whose invitation form is open
OUTCOME_ICONS = {Outcome.NO_ANSWER: "⏳", Outcome.APPLIED: "✅", Outcome.DECLINED: "✖️"}
FORM = "invf_"  # the card forms' keys, dropped when a save came from a stale screen
NOTICE = "_invitation_notice"  # (invitation id, level, message) for its card


def invitation_form(
    key: str, initial: InvitationInput, district_code: str, *, today: date, submit: str
) -> InvitationInput | None:
    """The fields of an invitation; returns what was typed when the button was pressed."""
    k = f"{key}_{forms.nonce(key)}"
    kinds = dict(TYPE_LABELS)
    subdistricts: dict[str | None, str] = {None: "ไม่ระบุ"} | areas.subdistricts(district_code)
    methods = dict(CONTACT_METHOD_LABELS)
    with st.form(k):
        kind = st.selectbox(
            "ประเภท",
            list(kinds),
            index=list(kinds).index(initial.type) if initial.type else None,
            format_func=kinds.get,
            placeholder="เลือกประเภท",
            key=f"{k}_type",
        )
        name = st.text_input(
            "ชื่อผู้นำชุมชน / กลุ่ม / เครือข่าย / ชุมชน",
            value=initial.name,
            max_chars=invitations.NAME_LIMIT,
            key=f"{k}_name",
        )
        left, right = st.columns(2)
        subdistrict = left.selectbox(
            "ตำบล",
            list(subdistricts),
            index=list(subdistricts).index(initial.subdistrict_code)
            if initial.subdistrict_code in subdistricts
            else 0,
            format_func=subdistricts.get,
            key=f"{k}_sub",
        )
        village = right.text_input(
            "หมู่ที่ / หมู่บ้าน", value=initial.village or "", max_chars=200, key=f"{k}_village"
        )
        left, right = st.columns(2)
        contact = left.text_input(
            "ชื่อผู้ประสานงาน", value=initial.contact_name or "", max_chars=200, key=f"{k}_contact"
        )
        phone = right.text_input(
            "เบอร์โทรศัพท์",
            value=initial.phone or "",
            max_chars=40,
            placeholder="เช่น 081-234-5678",
            key=f"{k}_phone",
        )
        left, right = st.columns(2)
        with left:
            contacted = forms.date_field("วันที่เชิญ", initial.contacted_on or today, key=f"{k}_on")
        method = right.selectbox(
            "วิธีการเชิญ",
            list(methods),
            index=None,
            format_func=methods.get,
            placeholder="เลือกวิธีการเชิญ",
            key=f"{k}_method",
        )
        note = st.text_area("บันทึกเพิ่มเติม (ถ้ามี)", max_chars=invitations.NOTE_LIMIT, key=f"{k}_note")
        sent = st.form_submit_button(submit, type="primary")
    if not sent:
        return None
    return InvitationInput(
        type=kind,
        name=name,
        subdistrict_code=subdistrict,
        village=village,
        contact_name=contact,
        phone=phone,
        contacted_on=contacted,
        method=method,
        note=note,
        registry_entry_id=initial.registry_entry_id,
    )


def save_invitation(key: str, actor: Actor, data: InvitationInput, *, today: date) -> bool:
    """Saves; a refused save shows why and keeps the form as typed."""
    with feedback.shows_errors(), runtime.db() as db:
        forms.check_typed()
        found = invitations.invite(db, actor, data, today=today, now=utcnow())
        forms.next_form(key)
        if found.new:
            feedback.flash(f"บันทึกการเชิญ {found.invitation.name} แล้ว")
        else:
            feedback.flash(
                f"{found.invitation.name} อยู่ในรายการเชิญของปีนี้แล้ว "
                "บันทึกเป็นการติดต่ออีกครั้งของรายการเดิม (ไม่นับซ้ำ)"
            )
        return True
    return False


# ----------------------------------------------------------------------------- one invitation


def _summary(row: InvitationRow) -> None:
    where = " · ".join(filter(None, [row.village, row.area]))
    st.markdown(f"**{md(row.name)}**  \n{md(TYPE_LABELS[row.type])} · {md(where)}")
    who = " · ".join(filter(None, [row.contact_name, row.phone]))
    if who:
        st.caption(f"ผู้ประสานงาน: {md(who)}")
    if row.from_registry:
        st.caption("📜 เคยผ่าน มชช. (เชิญจากทะเบียน)")
    for on, method, note in row.contacts:
        extra = f" — {md(note)}" if note else ""
        st.caption(f"📞 {format_date(on, short=True)} · {CONTACT_METHOD_LABELS[method]}{extra}")
    outcome = f"{OUTCOME_ICONS[row.outcome]} ผล: {OUTCOME_LABELS[row.outcome]}"
    if row.outcome_note:
        outcome += f" — {md(row.outcome_note)}"
    st.markdown(outcome)
    if row.linked_name:
        how = f" · จับคู่โดย{LINK_METHOD_LABELS[row.link_method]}" if row.link_method else ""
        st.success(f"ลงทะเบียนแล้ว: {md(row.linked_name)}{how}", icon="🔗")


def _notify(row_id: int, level: str, message: str) -> None:
    """A card's message, shown in that card after the rerun (not at the top of a long page)."""
    st.session_state[NOTICE] = (row_id, level, message)


def _show_notice(row_id: int) -> None:
    found = st.session_state.get(NOTICE)
    if not found or found[0] != row_id:
        return
    del st.session_state[NOTICE]
    _, level, message = found
    if level == "success":
        st.success(message, icon="✅")
    else:
        st.warning(message, icon="⚠️")


def _act(row: InvitationRow, message: str, action: Callable[[Session, int], object]) -> None:
    """Runs a card action against the version this user last saw. On success, or when someone
    else changed the invitation meanwhile (what this user chose is dropped and the card shows
    the current state), the card says so; other refusals show where the button was."""
    seen = forms.seen_version(f"inv_{row.id}", row.version) or row.version
    try:
        with runtime.db() as db:
            action(db, seen)
    except StaleData as error:
        feedback.forget_inputs(f"{FORM}{row.id}_")
        _notify(row.id, "warning", error.message)
        st.rerun()
    except DomainError as error:
        st.error(error.message, icon="🔒" if isinstance(error, PermissionDenied) else "⚠️")
        return
    _notify(row.id, "success", message)
    st.rerun()


def invitation_card(
    row: InvitationRow, actor: Actor, unlinked: dict[int, str], *, today: date
) -> None:
    with st.container(border=True):
        _summary(row)
        for s in row.suggestions:
            unit = f" ({md(s.unit_name)})" if s.unit_name else ""
            st.info(
                f"อาจเป็นผู้ลงทะเบียน: {md(s.person_name)}{unit} — {md(', '.join(s.reasons))}",
                icon="🔎",
            )
            if st.button(
                "ยืนยันว่าเป็นหน่วยเดียวกัน", key=f"{FORM}{row.id}_pair_{s.user_id}", type="primary"
            ):
                _act(
                    row,
                    "จับคู่การเชิญกับผู้ลงทะเบียนแล้ว",
                    lambda db, seen, uid=s.user_id: invitations.link(
                        db, actor, row.id, uid, expected_version=seen, now=utcnow()
                    ),
                )
        with st.expander("บันทึกการติดต่อ ผลการเชิญ หรือจับคู่ผู้ลงทะเบียน"):
            _contact_form(row, actor, today)
            _outcome_form(row, actor)
            _link_controls(row, actor, unlinked)
        _show_notice(row.id)
    forms.remember_version(f"inv_{row.id}", row.version)


def _contact_form(row: InvitationRow, actor: Actor, today: date) -> None:
    methods = dict(CONTACT_METHOD_LABELS)
    k = f"{FORM}{row.id}_c{forms.nonce(f'inv_contact_{row.id}')}"
    with st.form(k):
        st.markdown("**ติดต่ออีกครั้ง**")
        left, right = st.columns(2)
        with left:
            on = forms.date_field("วันที่ติดต่อ", today, key=f"{k}_on")
        method = right.selectbox(
            "วิธี", list(methods), index=None, format_func=methods.get, placeholder="เลือกวิธี"
        )
        note = st.text_input("บันทึก (ถ้ามี)", max_chars=invitations.NOTE_LIMIT)
        sent = st.form_submit_button("บันทึกการติดต่อ")
    if sent:
        with feedback.shows_errors(), runtime.db() as db:
            forms.check_typed()
            invitations.add_contact(
                db,
                actor,
                row.id,
                contacted_on=on,
                method=method,
                note=note,
                today=today,
                now=utcnow(),
            )
            forms.next_form(f"inv_contact_{row.id}")
            _notify(row.id, "success", f"บันทึกการติดต่อ {row.name} แล้ว")
            st.rerun()


def _outcome_form(row: InvitationRow, actor: Actor) -> None:
    outcomes = dict(OUTCOME_LABELS)
    with st.form(f"{FORM}{row.id}_outcome"):
        st.markdown("**ผลการเชิญ**")
        picked = st.radio(
            "ผล",
            list(outcomes),
            index=list(outcomes).index(row.outcome),
            format_func=outcomes.get,
            horizontal=True,
            key=f"{FORM}{row.id}_outcome_pick",
        )
        note = st.text_input(
            "เหตุผลหรือบันทึก (ถ้ามี)",
            value=row.outcome_note or "",
            max_chars=invitations.NOTE_LIMIT,
            key=f"{FORM}{row.id}_outcome_note",
        )
        sent = st.form_submit_button("บันทึกผล")
    if sent:
        _act(
            row,
            "บันทึกผลการเชิญแล้ว",
            lambda db, seen: invitations.set_outcome(
                db, actor, row.id, picked, note=note, expected_version=seen, now=utcnow()
            ),
        )


def _link_controls(row: InvitationRow, actor: Actor, unlinked: dict[int, str]) -> None:
    if row.linked_user_id is not None:
        if forms.confirmed("ยกเลิกการจับคู่", key=f"{FORM}{row.id}_unlink", warning="จับคู่ใหม่ได้ภายหลัง"):
            _act(
                row,
                "ยกเลิกการจับคู่แล้ว",
                lambda db, seen: invitations.unlink(
                    db, actor, row.id, expected_version=seen, now=utcnow()
                ),
            )
        return
    if not unlinked:
        st.caption("ยังไม่มีผู้ลงทะเบียนในอำเภอที่ยังไม่ได้จับคู่กับการเชิญ")
        return
    with st.form(f"{FORM}{row.id}_link"):
        st.markdown("**จับคู่กับผู้ลงทะเบียน** (เมื่อแน่ใจว่าเป็นหน่วยเดียวกัน)")
        picked = st.selectbox(
            "ผู้ลงทะเบียน",
            list(unlinked),
            index=None,
            format_func=unlinked.get,
            placeholder="เลือกผู้ลงทะเบียน",
        )
        sent = st.form_submit_button("จับคู่")
    if sent:
        if picked is None:
            st.error("กรุณาเลือกผู้ลงทะเบียน", icon="⚠️")
            return
        _act(
            row,
            "จับคู่การเชิญกับผู้ลงทะเบียนแล้ว",
            lambda db, seen: invitations.link(
                db, actor, row.id, picked, expected_version=seen, now=utcnow()
            ),
        )


# ----------------------------------------------------------------------------- one past unit


def past_unit_summary(unit: past_units.PastUnit) -> None:
    village = f"หมู่ {unit.village_no} · " if unit.village_no else ""
    years = ", ".join(str(y) for y in unit.years)
    st.markdown(
        f"**{md(unit.name)}**  \n{md(TYPE_LABELS[unit.type])} · {village}{md(unit.area)}"
        f" · ผ่าน มชช. ปีงบประมาณ {years}"
    )
    if unit.invited_this_year:
        st.caption("✅ เชิญแล้วในปีนี้ (เชิญอีกครั้งจะบันทึกเป็นการติดต่อครั้งใหม่)")


def past_unit_item(unit: past_units.PastUnit, actor: Actor, district: str, *, today: date) -> None:
    with st.container(border=True):
        past_unit_summary(unit)
        if st.session_state.get(INVITE_FROM) != unit.entry_id:
            if st.button("เชิญสมัครอีกครั้ง", key=f"past_{unit.entry_id}"):
                st.session_state[INVITE_FROM] = unit.entry_id
                st.rerun()
            return
        with runtime.db() as db:
            initial = past_units.from_past_unit(db, actor, unit.entry_id)
        key = f"invite_past_{unit.entry_id}"
        data = invitation_form(key, initial, district, today=today, submit="บันทึกการเชิญ")
        if st.button("ยกเลิก", key=f"past_{unit.entry_id}_cancel"):
            st.session_state.pop(INVITE_FROM, None)
            st.rerun()
        if data is not None and save_invitation(key, actor, data, today=today):
            st.session_state.pop(INVITE_FROM, None)
            st.rerun()
