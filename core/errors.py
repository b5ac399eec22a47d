"""Named domain errors. Each carries a Thai message that the UI shows as it is."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rule violation; `message` is Thai text safe to show to the user."""

    default_message = "ไม่สามารถดำเนินการได้"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class InvalidInput(DomainError):
    default_message = "ข้อมูลที่กรอกไม่ถูกต้อง"


class InvalidNationalId(InvalidInput):
    default_message = "เลขประจำตัวประชาชนไม่ถูกต้อง"


class PermissionDenied(DomainError):
    default_message = "คุณไม่มีสิทธิ์ทำรายการนี้"


class NotFound(DomainError):
    default_message = "ไม่พบข้อมูลที่ต้องการ"


class TransitionNotAllowed(DomainError):
    default_message = "ไม่สามารถทำรายการนี้ได้ในสถานะปัจจุบันของใบสมัคร"


class StaleData(DomainError):
    default_message = (
        "ข้อมูลนี้ถูกแก้ไขโดยผู้อื่นระหว่างที่คุณทำงาน ระบบแสดงข้อมูลล่าสุดแล้ว กรุณาตรวจสอบและทำรายการอีกครั้ง"
    )


class LoginFailed(DomainError):
    default_message = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"


class LoginLocked(DomainError):
    default_message = "เข้าสู่ระบบผิดหลายครั้งเกินกำหนด กรุณารอสักครู่แล้วลองใหม่"
