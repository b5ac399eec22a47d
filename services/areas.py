"""Thai administrative areas by DOPA code, from geothai (data CC BY 4.0, credit "GeoThai")."""

from __future__ import annotations

from functools import cache

import geothai

from core.errors import InvalidInput

CREDIT = "ข้อมูลพื้นที่: GeoThai (CC BY 4.0)"


@cache
def provinces() -> dict[str, str]:
    return {p.code: p.name_th for p in sorted(geothai.provinces(), key=lambda p: p.code)}


@cache
def districts(province_code: str) -> dict[str, str]:
    return {d.code: d.name_th for d in geothai.districts(province_code)}


@cache
def subdistricts(district_code: str) -> dict[str, str]:
    return {s.code: s.name_th for s in geothai.subdistricts(district_code)}


def province_name(code: str | None) -> str:
    return provinces().get(code or "", "-")


def district_name(code: str | None) -> str:
    if not code:
        return "-"
    return districts(code[:2]).get(code, code)


def subdistrict_name(code: str | None) -> str:
    if not code:
        return "-"
    return subdistricts(code[:4]).get(code, code)


def area_label(subdistrict: str | None, district: str | None, province: str | None) -> str:
    parts = []
    if subdistrict:
        parts.append(f"ต.{subdistrict_name(subdistrict)}")
    if district:
        parts.append(f"อ.{district_name(district)}")
    if province:
        parts.append(f"จ.{province_name(province)}")
    return " ".join(parts) or "-"


def check_area(province_code: str, district_code: str, subdistrict_code: str | None) -> None:
    if district_code not in districts(province_code):
        raise InvalidInput("กรุณาเลือกอำเภอให้ถูกต้อง")
    if subdistrict_code is not None and subdistrict_code not in subdistricts(district_code):
        raise InvalidInput("กรุณาเลือกตำบลให้ถูกต้อง")
