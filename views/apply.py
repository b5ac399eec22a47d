"""Step 1: the application — form per type, lead team, advisors, documents, send to the officer."""

from __future__ import annotations

import streamlit as st

import settings
from core.applicant_types import ID_CARD_REMINDER, TYPE_LABELS, ApplicantType
from core.workflow import STATUS_LABELS, Section, Status, can_edit
from services import applications, documents, registry_public
from services.clock import utcnow
from ui import application_form, area_picker, current, feedback, forms, runtime, uploads
from ui import documents as document_ui
from ui import printouts as printouts_ui
from ui import registry as registry_ui
from ui.safe import md
from ui.uploads import size_label

user = current.step_header(1)
conf = settings.get()
today = runtime.clock().today()
feedback.show_flash()

with runtime.db() as db:
    application = applications.current_application(db, user.actor)
    if application is None:
        st.markdown("เลือกประเภทผู้สมัคร แล้วกรอกข้อมูลเบื้องต้น บันทึกไว้ก่อนแล้วค่อยเติมได้")
        kind = st.radio(
            "สมัครในนาม", list(ApplicantType), format_func=TYPE_LABELS.get, key="new_kind"
        )
        district, subdistrict = area_picker.show(
            key="new_area",
            district=user.actor.district_code,
            subdistrict=None,
            province=user.actor.province_code or "27",
        )
        with st.form("start"):
            form, errors = application_form.fields(kind, None, today=today, key="new")
            started = st.form_submit_button("บันทึกและเริ่มใบสมัคร", type="primary")
        if started:
            with feedback.shows_errors():
                if errors:
                    raise forms.InvalidInput(" · ".join(errors))
                forms.check_typed()
                form.district_code, form.subdistrict_code = district or "", subdistrict
                applications.start(
                    db, user.actor, form, id_key=conf.id_hash_key, today=today, now=utcnow()
                )
                feedback.flash("เริ่มใบสมัครแล้ว เติมข้อมูลต่อได้เลย")
                st.rerun()
        st.stop()

    a = application.applicant
    editable = can_edit(application.status, Section.APPLICATION)
    st.markdown(f"**{TYPE_LABELS[a.type]}** · สถานะ: **{STATUS_LABELS[application.status]}**")
    registry_ui.certified_before(registry_public.certified_before(db, user.actor, application.id))
    problems = applications.problems(db, application, today)
    if application.status is Status.RETURNED and application.officer_note:
        st.warning(f"พัฒนากรขอให้แก้ไข: {md(application.officer_note)}", icon="↩️")
    if not editable:
        st.info("ใบสมัครส่งแล้ว แก้ไขไม่ได้ในขณะนี้", icon="🔒")

    st.subheader("ข้อมูลผู้สมัคร")
    if editable:
        seen = forms.seen_version("application", application.version)
        district, subdistrict = area_picker.show(
            key="area", district=a.district_code, subdistrict=a.subdistrict_code
        )
        with st.form("application"):
            form, errors = application_form.fields(a.type, a, today=today, key="app")
            saved = st.form_submit_button("บันทึกร่าง")
        if saved:
            with feedback.shows_errors(stale_reset="app_"):
                if errors:
                    raise forms.InvalidInput(" · ".join(errors))
                forms.check_typed()
                form.district_code, form.subdistrict_code = district or "", subdistrict
                applications.update(
                    db,
                    user.actor,
                    application.id,
                    form,
                    expected_version=seen,
                    id_key=conf.id_hash_key,
                    today=today,
                    now=utcnow(),
                )
                feedback.flash("บันทึกร่างแล้ว")
                st.rerun()
        forms.remember_version("application", application.version)
    else:
        st.markdown(f"{md(a.name)}")

    st.subheader("ทีมนำการพัฒนา")
    for m in application.lead_team:
        st.markdown(f"- {md(m.name)} · {md(m.team_role or '-')} · {md(m.contact or '-')}")
        if editable and forms.confirmed(f"ลบ {md(m.name)} ออกจากทีม", key=f"rm_team_{m.id}"):
            with feedback.shows_errors():
                applications.remove_team_member(db, user.actor, application.id, m.id, now=utcnow())
                st.rerun()
    if editable:
        with st.form(f"team_{forms.nonce('team')}"):
            name = st.text_input("ชื่อ-นามสกุล")
            role = st.text_input("บทบาทในทีม", placeholder="เช่น ประธาน เลขานุการ")
            contact = st.text_input("ช่องทางติดต่อ")
            if st.form_submit_button("เพิ่มในทีม"):
                with feedback.shows_errors():
                    applications.add_team_member(
                        db,
                        user.actor,
                        application.id,
                        name=name,
                        team_role=role,
                        contact=contact,
                        now=utcnow(),
                    )
                    forms.next_form("team")
                    st.rerun()

    st.subheader("คณะที่ปรึกษา (ถ้ามี)")
    for adv in application.advisors:
        where = "ในชุมชน" if adv.inside_community else "นอกชุมชน"
        account = " · มีบัญชีในระบบ" if adv.user_id else ""
        st.markdown(f"- {md(adv.name)} · {where} · {md(adv.contact or '-')}{account}")
        if editable and forms.confirmed(f"ลบที่ปรึกษา {md(adv.name)}", key=f"rm_adv_{adv.id}"):
            with feedback.shows_errors():
                applications.remove_advisor(db, user.actor, application.id, adv.id, now=utcnow())
                st.rerun()
        if editable and not adv.user_id:
            with st.expander(f"เชิญ {md(adv.name)} ใช้ระบบในฐานะที่ปรึกษา"), st.form(f"invite_{adv.id}"):
                username = st.text_input("ตั้งชื่อผู้ใช้ให้ที่ปรึกษา (อังกฤษตัวเล็ก/ตัวเลข)")
                if st.form_submit_button("สร้างบัญชีที่ปรึกษา"):
                    with feedback.shows_errors():
                        password = applications.invite_advisor(
                            db,
                            user.actor,
                            application.id,
                            adv.id,
                            username=username,
                            now=utcnow(),
                        )
                        st.success(
                            f"สร้างบัญชีแล้ว แจ้งที่ปรึกษา: ชื่อผู้ใช้ {md(username.strip().lower())} "
                            f"รหัสผ่านชั่วคราว {password} (แสดงครั้งเดียว ให้เปลี่ยนหลังเข้าระบบ)"
                        )
    if editable:
        with st.form(f"advisor_{forms.nonce('advisor')}"):
            name = st.text_input("ชื่อที่ปรึกษา")
            inside = st.radio(
                "เป็นบุคคล",
                [True, False],
                horizontal=True,
                format_func={True: "ในชุมชน", False: "นอกชุมชน"}.get,
            )
            contact = st.text_input("ช่องทางติดต่อที่ปรึกษา")
            if st.form_submit_button("เพิ่มที่ปรึกษา"):
                with feedback.shows_errors():
                    applications.add_advisor(
                        db,
                        user.actor,
                        application.id,
                        name=name,
                        inside_community=inside,
                        contact=contact,
                        now=utcnow(),
                    )
                    forms.next_form("advisor")
                    st.rerun()

    st.subheader("เอกสารประกอบการสมัคร")
    for item in documents.checklist(db, user.actor, application.id):
        req = item.requirement
        optional = "" if req.required or "ถ้ามี" in req.label else " (ถ้ามี)"
        with st.container(border=True):
            st.markdown(f"{document_ui.mark(item)} **{req.label}**{optional}")
            if req.code == "id_card":
                st.warning(ID_CARD_REMINDER, icon="🛡️")
            if req.code == "application_form":
                st.caption(
                    "พิมพ์ใบสมัครจากข้อมูลที่กรอกไว้ ลงชื่อ แล้วถ่ายรูปหรือสแกนมาแนบที่นี่ (กรอกข้อมูลด้านบนให้ครบก่อนพิมพ์)"
                )
                printouts_ui.download("application_form", user.actor, application.id)
            if item.document_id:
                st.caption(f"แนบแล้ว: {md(item.filename)} ({size_label(item.size or 0)})")
            document_ui.review_line(item, can_replace=editable)
            if editable:
                returned = item.review_status == documents.RETURNED
                uploads.upload_box(
                    document_ui.REPLACE_HINT
                    if returned
                    else ("แนบไฟล์" if not item.document_id else "แนบไฟล์ใหม่แทนไฟล์เดิม"),
                    key=f"doc_{req.code}",
                    on_upload=lambda name, data, code=req.code: documents.upload_requirement(
                        db, user.actor, application.id, code, name, data, now=utcnow()
                    ),
                )
                if item.document_id and forms.confirmed("ลบไฟล์นี้", key=f"rm_doc_{req.code}"):
                    with feedback.shows_errors():
                        documents.remove_requirement(
                            db, user.actor, application.id, req.code, now=utcnow()
                        )
                        st.rerun()

    if editable:
        st.subheader("ส่งใบสมัคร")
        if problems:
            st.warning(
                "ยังส่งไม่ได้ ต้องเติมให้ครบก่อน:\n\n" + "\n".join(f"- {p}" for p in problems), icon="📋"
            )
        if st.button("ส่งใบสมัครให้พัฒนากรตรวจสอบ", type="primary", disabled=bool(problems)):
            with feedback.shows_errors():
                applications.submit(db, user.actor, application.id, today=today, now=utcnow())
                feedback.flash("ส่งใบสมัครแล้ว ทำขั้นที่ 2 ต่อได้เลยระหว่างรอพัฒนากรตรวจสอบ")
                st.rerun()
