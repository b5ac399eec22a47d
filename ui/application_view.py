"""An application's content, read-only, with its printable documents: for advisors, the
district officer and the committee."""

from __future__ import annotations

import streamlit as st

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.indicator_templates import LEVELS
from core.schedule import ROUND_STATE_LABELS
from core.thai import format_date
from core.workflow import STATUS_LABELS
from services import applications, areas, assessments, development
from ui import comments as comments_ui
from ui import printouts as printouts_ui
from ui import timeline as timeline_ui
from ui.safe import md


def _line(label: str, value) -> str:  # type: ignore[no-untyped-def]
    return f"- {label}: {md(value) if value not in (None, '') else '-'}"


def details(application) -> None:  # type: ignore[no-untyped-def]
    """Step 1 as the applicant filled it in: what the officer checks the qualifications against."""
    a = application.applicant
    lines = [
        _line("หมู่ที่", a.village_no),
        _line("หมู่บ้าน", a.village_name),
        _line("โทรศัพท์", a.phone),
        _line("ที่อยู่", a.address),
    ]
    if a.type is ApplicantType.LEADER:
        formal = {True: "เป็นทางการ", False: "ไม่เป็นทางการ"}.get(a.position_formal, "-")
        lines += [
            _line("เลขประจำตัวประชาชน", a.national_id_masked),
            _line("ตำแหน่ง", f"{a.position or '-'} ({formal})"),
            _line("อาศัยในชุมชนตั้งแต่", format_date(a.domiciled_since)),
            _line("ผลงานกับชุมชน", a.activities_record),
        ]
    elif a.type is ApplicantType.COMMUNITY:
        lines += [
            _line("หมู่บ้านในอาณาเขต", a.territory_villages),
            _line("แนวเขต", a.boundary_description),
            _line("จำนวนครัวเรือน", a.households),
            _line("วันที่ประชาคมมีมติ", format_date(a.resolution_date)),
        ]
    else:
        lines += [
            _line("วันที่ก่อตั้ง", format_date(a.founded_on)),
            _line("จำนวนสมาชิก", a.member_count),
            _line("วันที่สมาชิกมีมติ", format_date(a.resolution_date)),
        ]
    st.markdown("\n".join(lines))
    team = [f"{m.name} ({m.team_role or '-'})" for m in application.lead_team]
    advisors = [
        f"{x.name} ({'ในชุมชน' if x.inside_community else 'นอกชุมชน'})" for x in application.advisors
    ]
    st.markdown(_line("ทีมนำการพัฒนา", ", ".join(team)) + "\n" + _line("ที่ปรึกษา", ", ".join(advisors)))


def show(db, actor, application_id: int, today, *, comment: bool = False) -> None:  # type: ignore[no-untyped-def]
    application = applications.the_application(db, actor, application_id)
    a = application.applicant
    st.subheader(md(a.name))
    st.caption(
        f"{TYPE_LABELS[a.type]} · {areas.area_label(a.subdistrict_code, a.district_code, None)}"
        f" · {STATUS_LABELS[application.status]}"
    )
    printouts_ui.row(db, actor, application_id, key="view_")
    indicators = development.indicators(db, actor, application_id)
    st.markdown(f"**ตัวชี้วัด ({len(indicators)})**")
    for n, ind in enumerate(indicators, start=1):
        goal = f"ฐาน {md(ind.baseline or '-')} → เป้าหมาย {md(ind.target or '-')}"
        st.markdown(f"{n}\\. {md(ind.title)} — {goal}")
        if comment:
            with st.container(border=True):
                comments_ui.box(
                    db, actor, application_id, "indicator", ind.id, key=f"v_ind_{ind.id}"
                )
    st.markdown("**แผนพัฒนา**")
    for act in development.plan(db, actor, application_id):
        st.markdown(
            f"- {md(act.title)} ({format_date(act.starts_on, short=True)}–"
            f"{format_date(act.ends_on, short=True)}) · {md(act.responsible or '-')}"
        )
        if comment:
            with st.container(border=True):
                comments_ui.box(
                    db, actor, application_id, "activity", act.id, key=f"v_act_{act.id}"
                )
    st.markdown("**บันทึกการพัฒนา**")
    for log in development.logs(db, actor, application_id)[:20]:
        st.markdown(f"- {format_date(log.done_on, short=True)}: {md(log.description)}")
    st.markdown("**การประเมินตนเอง**")
    for view in assessments.rounds_of(db, actor, application_id, today):
        st.markdown(
            f"- รอบที่ {view.number} ({format_date(view.due, short=True)}): "
            f"{ROUND_STATE_LABELS[view.state]}"
        )
        if view.assessment and view.assessment.submitted_at:
            for ind in indicators:
                score = view.scores.get(ind.id)
                if score:
                    st.caption(
                        f"{md(ind.title)}: {LEVELS.get(score.level or 0, '-')} · "
                        f"{score.progress_percent or 0:.0f}%"
                    )
    if comment:
        st.markdown("**ความเห็นต่อสรุปผล**")
        comments_ui.box(db, actor, application_id, "summary", None, key="v_summary")
    if application.achievements or application.lessons:
        st.markdown("**สรุปผล**")
        st.text(
            f"สิ่งที่ทำได้: {application.achievements or '-'}\n"
            f"สิ่งที่ได้เรียนรู้: {application.lessons or '-'}\n"
            f"สิ่งที่จะทำต่อ: {application.next_steps or '-'}"
        )
    with st.expander("ความเคลื่อนไหวของใบสมัคร"):
        timeline_ui.show(db, actor, application_id, key=f"timeline_{application_id}")
