"""Certificates (ใบประกาศ): their numbers and verification codes.

Numbers read "มชช. <province code>/<fiscal year BE>/<4-digit sequence>", e.g. "มชช. 27/2570/0001":
sequential per province and fiscal year. The caller (services.announce) holds a row lock on the
year's round while it reads the last sequence and issues the next ones, so numbers never
collide. Each certificate also gets a random verification code (10 characters from an alphabet
without look-alikes such as 0/O and 1/I/L) for checking a printed certificate.
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.permission import Actor, Perm
from db.models import Application, Certificate, Round
from services import access

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def certificate_number(province_code: str, fiscal_year: int, sequence: int) -> str:
    return f"มชช. {province_code}/{fiscal_year}/{sequence:04d}"


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def certificate_for(session: Session, actor: Actor, application_id: int) -> Certificate | None:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return session.scalar(select(Certificate).where(Certificate.application_id == application_id))


def number_of(session: Session, application_id: int) -> str | None:
    return session.scalar(
        select(Certificate.number).where(Certificate.application_id == application_id)
    )


def last_sequence(session: Session, rnd: Round) -> int:
    stmt = (
        select(func.max(Certificate.sequence))
        .join(Application, Certificate.application_id == Application.id)
        .join(Round, Application.round_id == Round.id)
        .where(Round.province_code == rnd.province_code, Round.fiscal_year == rnd.fiscal_year)
    )
    return session.scalar(stmt) or 0


def issue(
    session: Session,
    application: Application,
    rnd: Round,
    sequence: int,
    *,
    announced_on: date,
    issued_by_id: int,
) -> Certificate:
    code = new_verification_code()
    while session.scalar(select(Certificate.id).where(Certificate.verification_code == code)):
        code = new_verification_code()
    certificate = Certificate(
        application_id=application.id,
        number=certificate_number(rnd.province_code, rnd.fiscal_year, sequence),
        verification_code=code,
        announced_on=announced_on,
        issued_by_id=issued_by_id,
        sequence=sequence,
    )
    session.add(certificate)
    return certificate
