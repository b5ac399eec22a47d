"""Province → district → subdistrict, by DOPA code (names from GeoThai)."""

from __future__ import annotations

import streamlit as st

from services import areas


def show(*, key: str, district: str | None, subdistrict: str | None, province: str = "27"):  # type: ignore[no-untyped-def]
    """(district_code, subdistrict_code), either may be None; not inside a form: it cascades."""
    provinces = areas.provinces()
    codes = list(provinces)
    start = (district or province)[:2]
    chosen_province = st.selectbox(
        "จังหวัด",
        codes,
        index=codes.index(start) if start in codes else 0,
        format_func=provinces.get,
        key=f"{key}_province",
    )
    districts = areas.districts(chosen_province)
    d_codes = list(districts)
    chosen_district = st.selectbox(
        "อำเภอ",
        d_codes,
        index=d_codes.index(district) if district in d_codes else None,
        format_func=districts.get,
        key=f"{key}_district",
        placeholder="เลือกอำเภอ",
    )
    if chosen_district is None:
        return None, None
    subs = areas.subdistricts(chosen_district)
    s_codes = list(subs)
    chosen_sub = st.selectbox(
        "ตำบล",
        s_codes,
        index=s_codes.index(subdistrict) if subdistrict in s_codes else None,
        format_func=subs.get,
        key=f"{key}_subdistrict_{chosen_district}",
        placeholder="เลือกตำบล",
    )
    st.caption(areas.CREDIT)
    return chosen_district, chosen_sub
