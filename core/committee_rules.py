"""The district committee's rules: what a complete evaluation is, and when the chair may resolve."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from core.errors import InvalidInput

POSITIVE_OPINION = "pass"


@dataclass(frozen=True)
class Judgement:
    """One member's answer on one indicator; `reached` None means nothing was chosen yet."""

    title: str
    reached: bool | None
    how: str | None = None


def _filled(text: str | None) -> bool:
    return bool((text or "").strip())


def check_evaluation(
    judgements: Sequence[Judgement],
    opinion: str | None,
    comments: str | None,
    *,
    opinions: Collection[str],
) -> None:
    """Every choice made, and a reason for every negative one; else one Thai message naming all."""
    missing = [f"ตัวชี้วัด “{j.title}” บรรลุหรือยังไม่บรรลุ" for j in judgements if j.reached is None]
    if opinion not in opinions:
        missing.append("ความเห็นโดยรวม")
    if missing:
        raise InvalidInput("กรุณาเลือกให้ครบ: " + " · ".join(missing))
    unexplained = [f"“{j.title}”" for j in judgements if j.reached is False and not _filled(j.how)]
    if unexplained:
        raise InvalidInput(
            "กรุณาเขียนเหตุผลในช่อง “บรรลุอย่างไร / เหตุใดยังไม่บรรลุ” ของตัวชี้วัดที่ยังไม่บรรลุ: "
            + ", ".join(unexplained)
        )
    if opinion != POSITIVE_OPINION and not _filled(comments):
        raise InvalidInput("เมื่อความเห็นโดยรวมไม่ใช่ “ควรผ่าน” กรุณาเขียนข้อเสนอแนะบอกเหตุผลด้วย")


@dataclass(frozen=True)
class Quorum:
    """How many of the district's active committee members (chair included) have evaluated."""

    evaluated: int
    members: int

    @property
    def needed(self) -> int:
        return self.members // 2 + 1  # more than half

    @property
    def reached(self) -> bool:
        return self.evaluated >= self.needed

    def describe(self) -> str:
        return f"ประเมินแล้ว {self.evaluated} จาก {self.members} คน ต้องอย่างน้อย {self.needed} คน"


def require_quorum(quorum: Quorum) -> None:
    if not quorum.reached:
        raise InvalidInput(
            f"ยังบันทึกมติไม่ได้ ต้องมีกรรมการประเมินมากกว่าครึ่งหนึ่งของคณะกรรมการก่อน ({quorum.describe()})"
        )
