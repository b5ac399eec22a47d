"""Public: ทะเบียนผู้ผ่าน มชช. — find a certified unit, open its page, download the list, charts."""

from __future__ import annotations

import math

import streamlit as st

import settings
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.roles import Role
from core.thai import format_count, format_fiscal_year
from services import areas, data_versions, registry_public, rounds
from services.clock import utcnow
from ui import charts, feedback, runtime, session
from ui.registry import unit_link
from ui.safe import md

PAGE_SIZE = 20
PAGE = "registry_page"
CACHE_SECONDS = 300  # the registry renews at once (its version); new rounds within 5 min
CACHE_ENTRIES = 2000  # distinct searches kept per process (a page of 20 rows each)


def _first_page() -> None:
    st.session_state[PAGE] = 1


def _move(step: int) -> None:
    st.session_state[PAGE] = max(1, st.session_state.get(PAGE, 1) + step)


def _districts(province_codes: list[str]) -> dict[str | None, str]:
    many = len(province_codes) > 1
    return {None: "ทุกอำเภอ"} | {
        code: f"{name} จ.{areas.province_name(p)}" if many else name
        for p in sorted(province_codes)
        for code, name in areas.districts(p).items()
    }


def _area(row: registry_public.PublicRow) -> str:
    parts = [f"หมู่ {row.village_no}" if row.village_no else ""]
    parts += [f"ต.{row.subdistrict_name}" if row.subdistrict_name else ""]
    return " ".join([*filter(None, parts), f"อ.{row.district_name}"])


def _table(rows: list[registry_public.PublicRow]) -> str:
    """One unit a list item (a table's four columns do not fit a phone): the name as the link,
    then type, area and year on the line below."""
    return "\n".join(
        f"- **{unit_link(r.name, r.entry_id)}**  \n"
        f"  {md(r.type_label)} · {md(_area(r))} · {format_fiscal_year(r.fiscal_year)}"
        for r in rows
    )


st.title("ทะเบียนผู้ผ่าน มชช.")
st.caption(
    "รายชื่อผู้นำชุมชน กลุ่ม/องค์กรชุมชน เครือข่าย และชุมชน ที่ผ่านการรับรองมาตรฐานการพัฒนาชุมชน "
    "แสดงเฉพาะชื่อ ประเภท พื้นที่ และปีที่ผ่าน กดที่ชื่อเพื่อดูรายละเอียดของแต่ละหน่วย"
)


# Public data, the same for everyone: kept per process for every session, keyed on the registry's
# version (one primary-key read a run), so an import or an announcement shows on the next click in
# every process, and an unchanged answer is never counted twice over a million units.
@st.cache_data(ttl=CACHE_SECONDS, max_entries=CACHE_ENTRIES, show_spinner=False)
def _choices(database_url: str, version: int) -> tuple[list[int], list[str]]:
    """The years and provinces the registry holds."""
    with runtime.read() as db:
        provinces = set(registry_public.provinces(db)) | set(rounds.provinces_with_rounds(db))
        return registry_public.fiscal_years(db), sorted(provinces)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=CACHE_ENTRIES, show_spinner=False)
def _counts(database_url: str, version: int, filters: dict[str, object]) -> registry_public.Counts:
    """The charts' counts: three passes over the matching units."""
    with runtime.read() as db:
        return registry_public.counts(db, **filters)


@st.cache_data(ttl=CACHE_SECONDS, max_entries=CACHE_ENTRIES, show_spinner=False)
def _search(
    database_url: str, version: int, filters: dict[str, object], page: int
) -> tuple[list[registry_public.PublicRow], int]:
    with runtime.read() as db:
        return registry_public.search(db, **filters, page=page, page_size=PAGE_SIZE)  # type: ignore[arg-type]


url = settings.get().database_url
with runtime.read() as db:
    version = data_versions.current(db, data_versions.REGISTRY)
years, provinces = _choices(url, version)
districts = _districts(provinces)

left, middle, right = st.columns([2, 1, 1])
name = left.text_input("ชื่อ (บางส่วนก็ได้)", key="registry_name", on_change=_first_page)
# Labels as dicts, not lambdas: AppTest keeps format_func in the (pickled) session state.
kinds: dict[ApplicantType | None, str] = {None: "ทุกประเภท"} | dict(TYPE_LABELS)
kind = middle.selectbox(
    "ประเภท",
    list(kinds),
    format_func=kinds.get,
    key="registry_type",
    on_change=_first_page,
)
year_labels = {None: "ทุกปี"} | {y: format_fiscal_year(y) for y in years}
year = right.selectbox(
    "ปีงบประมาณ",
    list(year_labels),
    format_func=year_labels.get,
    key="registry_year",
    on_change=_first_page,
)
left, right = st.columns(2)
district = left.selectbox(
    "อำเภอ",
    list(districts),
    format_func=districts.get,
    key="registry_district",
    on_change=_first_page,
)
subdistricts = {None: "ทุกตำบล"} | (areas.subdistricts(district) if district else {})
subdistrict = right.selectbox(
    "ตำบล",
    list(subdistricts),
    format_func=subdistricts.get,
    key=f"registry_subdistrict_{district}",
    on_change=_first_page,
    disabled=not district,
)
filters = {
    "name": name,
    "type": kind,
    "district_code": district,
    "subdistrict_code": subdistrict,
    "fiscal_year": year,
}

total = 0
with feedback.shows_errors():
    page = st.session_state.get(PAGE, 1)
    rows, total = _search(url, version, filters, page)
    pages = max(1, math.ceil(min(total, registry_public.COUNT_CAP + 1) / PAGE_SIZE))
    if page > pages:  # fewer units than when the page was picked
        st.session_state[PAGE] = page = pages
        rows, _ = _search(url, version, filters, page)
    st.markdown(f"พบ **{format_count(total, registry_public.COUNT_CAP)}** หน่วย")
    if not rows:
        st.info("ไม่พบหน่วยที่ตรงกับที่ค้นหา ลองพิมพ์ชื่อให้สั้นลง หรือเลือก “ทุกปี” / “ทุกอำเภอ”")
    else:
        st.markdown(_table(rows))
        back, where, ahead = st.columns([1, 2, 1])
        back.button("‹ หน้าก่อน", on_click=_move, args=(-1,), disabled=page <= 1, key="registry_back")
        of = format_count(pages, registry_public.COUNT_CAP // PAGE_SIZE)
        where.caption(f"หน้า {page:,} จาก {of} (หน้าละ {PAGE_SIZE} หน่วย)")
        ahead.button(
            "หน้าถัดไป ›",
            on_click=_move,
            args=(1,),
            disabled=page >= pages,  # past the counted units the filters narrow the list down
            key="registry_next",
        )


def _csv() -> bytes:
    with runtime.read() as db:
        return registry_public.csv_bytes(db, **filters)


st.download_button(
    "ดาวน์โหลดรายชื่อตามที่ค้นหา (CSV)",
    data=_csv,
    file_name="registry.csv",
    mime="text/csv",
    icon="⬇️",
    on_click="ignore",
    key="registry_csv",
)
st.caption(f"ไฟล์มีเฉพาะข้อมูลที่เปิดเผยได้ ไม่มีเลขประจำตัวประชาชนหรือเบอร์โทรศัพท์ · {areas.CREDIT}")

if total:
    counted = _counts(url, version, filters)
    st.subheader("จำนวนผู้ผ่าน มชช. ตามที่ค้นหา")
    by_year, by_type, by_district = st.tabs(["ตามปีงบประมาณ", "ตามประเภท", "ตามอำเภอ"])
    by_year.vega_lite_chart(
        spec=charts.count_bars({str(y): n for y, n in counted.by_year.items()}, "ปี", unit="หน่วย"),
        width="stretch",
    )
    by_type.vega_lite_chart(
        spec=charts.count_bars(
            {TYPE_LABELS[t]: n for t, n in counted.by_type.items()}, "ประเภท", unit="หน่วย"
        ),
        width="stretch",
    )
    by_district.vega_lite_chart(
        spec=charts.count_bars(
            {areas.district_name(d): n for d, n in counted.by_district.items()},
            "อำเภอ",
            unit="หน่วย",
        ),
        width="stretch",
    )

user = session.current()
if user is not None and user.role is Role.PROVINCE_OFFICER:

    def _internal() -> bytes:
        with runtime.db() as db:  # the download is recorded in the audit log
            return registry_public.internal_xlsx(db, user.actor, now=utcnow())

    st.subheader("สำหรับสำนักงานพัฒนาชุมชนจังหวัด")
    st.download_button(
        "ดาวน์โหลดทะเบียนฉบับใช้ภายใน (Excel)",
        data=_internal,
        file_name="registry-internal.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon="🔐",
        on_click="ignore",
        key="registry_internal",
    )
    st.caption(
        "มีตำแหน่ง ผู้ประสานงาน เบอร์โทรศัพท์ และเลขประจำตัวประชาชนแบบปกปิดบางส่วน "
        "ใช้ภายในสำนักงานเท่านั้น ระบบบันทึกทุกครั้งที่ดาวน์โหลด"
    )
