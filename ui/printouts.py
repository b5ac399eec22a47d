"""Download buttons for the printed documents: the PDF is built only when the button is pressed.

The button hands Streamlit a function that Streamlit runs on the click, on its own thread: it
opens its own database session and goes through the same service (and permission check) as
anything else. The date and the acting user are taken now, on the page, not at the click.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.permission import Actor
from services import flyer, printouts
from services.clock import utcnow
from ui import runtime

LABELS = {
    "summary": ("พิมพ์สรุปผลการประเมินตนเอง (PDF)", "🖨️"),
    "application_form": ("พิมพ์ใบสมัคร (PDF)", "🖨️"),
    "certificate": ("ดาวน์โหลดใบประกาศ (PDF)", "🏅"),
}


def _builder(kind: str, actor: Actor, application_id: int) -> Callable[[], bytes]:
    today = runtime.clock().today()

    def build() -> bytes:
        with runtime.db() as db:
            if kind == "summary":
                made = printouts.summary(db, actor, application_id, today=today, now=utcnow())
            elif kind == "application_form":
                made = printouts.application_form(
                    db, actor, application_id, today=today, now=utcnow()
                )
            else:
                made = printouts.certificate(db, actor, application_id, now=utcnow())
            return made.data

    return build


def file_name(kind: str, application_id: int) -> str:
    return {
        "summary": f"summary-{application_id}.pdf",
        "application_form": f"application-{application_id}.pdf",
        "certificate": f"certificate-{application_id}.pdf",
    }[kind]


def download(kind: str, actor: Actor, application_id: int, *, key: str | None = None) -> None:
    label, icon = LABELS[kind]
    st.download_button(
        label,
        data=_builder(kind, actor, application_id),
        file_name=file_name(kind, application_id),
        mime="application/pdf",
        icon=icon,
        key=key or f"print_{kind}_{application_id}",
        on_click="ignore",
    )


def row(db, actor: Actor, application_id: int, *, key: str = "") -> None:  # type: ignore[no-untyped-def]
    """The documents of one application side by side: its form, its summary, its certificate
    once the province has announced it."""
    kinds = ["application_form", "summary"]
    if printouts.certificate_of(db, actor, application_id) is not None:
        kinds.append("certificate")
    for column, kind in zip(st.columns(len(kinds)), kinds, strict=True):
        with column:
            download(kind, actor, application_id, key=f"print_{key}{kind}_{application_id}")


def flyer_download(actor: Actor, district_code: str, *, key: str = "print_flyer") -> None:
    """The district's publicity flyer (built on the tap, like the other documents)."""
    today = runtime.clock().today()

    def build() -> bytes:
        with runtime.db() as db:
            return flyer.flyer(db, actor, district_code, today=today, now=utcnow()).data

    st.download_button(
        "พิมพ์ใบประชาสัมพันธ์ของอำเภอ (PDF)",
        data=build,
        file_name=f"flyer-{district_code}.pdf",
        mime="application/pdf",
        icon="🖨️",
        key=key,
        on_click="ignore",
        type="primary",
    )
