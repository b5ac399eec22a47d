"""Demo data: thirty units certified in the three fiscal years before the portal, "imported".

They fill the public registry page and its charts. The demo community (ชุมชนบ้านท่าเกษม) passed
once before, so its step 1 shows "เคยผ่าน มชช."; the imported rows carry a phone, a position or a
coordinator and a masked ID, as the province's spreadsheets do, none of them ever public.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.registry_names import normalise_name
from db.models import RegistryEntry

L, G, N, C = ApplicantType  # leader, group, network, community, in the enum's order

# (years before this one, type, name, subdistrict, village)
UNITS: tuple[tuple[int, ApplicantType, str, str, int], ...] = (
    (4, G, "กลุ่มทอผ้าไหมบ้านแก้ง", "270102", 2),
    (4, L, "นายประยูร สุขใจ", "270201", 4),
    (4, G, "กลุ่มเลี้ยงโคเนื้อบ้านทัพเสด็จ", "270302", 7),
    (4, C, "ชุมชนบ้านคลองหินปูน", "270405", 1),
    (4, G, "กลุ่มจักสานผักตบชวาท่าเกวียน", "270502", 3),
    (4, N, "เครือข่ายกองทุนหมู่บ้านอรัญประเทศ", "270601", 1),
    (4, L, "นางสาวบุษบา ทองมา", "270702", 6),
    (4, G, "กลุ่มแม่บ้านเกษตรกรหนองม่วง", "270802", 5),
    (4, G, "กลุ่มออมทรัพย์บ้านวังใหม่", "270902", 8),
    (4, C, "ชุมชนบ้านหันทราย", "270603", 2),
    (3, C, "ชุมชนบ้านท่าเกษม", "270103", 1),
    (3, G, "กลุ่มทอผ้าไหมบ้านแก้ง", "270102", 2),
    (3, L, "นายสมศักดิ์ รักบ้าน", "270101", 9),
    (3, G, "กลุ่มผลิตข้าวอินทรีย์ไทยอุดม", "270202", 3),
    (3, N, "เครือข่ายวิสาหกิจชุมชนตาพระยา", "270301", 1),
    (3, G, "กลุ่มน้ำพริกแม่บ้านวังน้ำเย็น", "270401", 10),
    (3, L, "นางมณี ศรีวัฒนา", "270503", 2),
    (3, G, "กลุ่มเพาะเห็ดบ้านเมืองไผ่", "270602", 4),
    (3, C, "ชุมชนบ้านพระเพลิง", "270703", 3),
    (3, G, "กลุ่มปลูกผักปลอดสารวังทอง", "270903", 6),
    (2, G, "กลุ่มทอผ้าไหมบ้านแก้ง", "270102", 2),
    (2, G, "กลุ่มสมุนไพรบ้านศาลาลำดวน", "270103", 5),
    (2, L, "นายทองดี มีสุข", "270203", 1),
    (2, C, "ชุมชนบ้านทัพราช", "270306", 2),
    (2, N, "เครือข่ายผู้เลี้ยงไก่พื้นเมืองวังน้ำเย็น", "270403", 1),
    (2, G, "กลุ่มแปรรูปกล้วยบ้านผักขะ", "270503", 7),
    (2, L, "นางสาวจันทร์ฉาย ใจงาม", "270601", 3),
    (2, G, "กลุ่มเลี้ยงปลาบ้านเขาฉกรรจ์", "270701", 8),
    (2, C, "ชุมชนบ้านหนองแวง", "270803", 4),
    (2, G, "กลุ่มทำปุ๋ยหมักวังสมบูรณ์", "270901", 2),
)


def _entry(fy: int, kind: ApplicantType, name: str, sub: str, village: int) -> RegistryEntry:
    leader = kind is ApplicantType.LEADER
    return RegistryEntry(
        fiscal_year=fy,
        type=kind,
        name=name,
        normalized_name=normalise_name(name),
        province_code=sub[:2],
        district_code=sub[:4],
        subdistrict_code=sub,
        village_no=village,
        position="ผู้ใหญ่บ้าน" if leader else None,
        coordinator=None if leader else "นางสาวสมใจ ประสานงาน",
        contact_phone=f"08{village}-555-01{village:02d}",
        national_id_masked="x-xxxx-xxxxx-12-3" if leader else None,
        source="import",
        source_detail="ทะเบียนผู้ผ่าน มชช. ของจังหวัด (ข้อมูลสาธิต)",
    )


def seed(session: Session, *, this_year: int, now: datetime) -> int:
    entries = [_entry(this_year - ago, *unit) for ago, *unit in UNITS]
    for entry in entries:
        entry.created_at = now
    session.add_all(entries)
    return len(entries)
