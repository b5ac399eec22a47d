"""The name key of the registry of certified units: the same unit typed twice gets the same key.

Deliberately conservative, so two different units never share a key: only differences a reader
cannot see are removed. No prefix such as "กลุ่ม" or "บ้าน" is dropped and no spelling is
guessed; a real difference in the name stays a different unit.

- Unicode NFC;
- SARA AM typed as NIKHAHIT + SARA AA (ํา, looks the same as ำ) becomes SARA AM;
- zero-width characters (U+200B-U+200D, U+2060, U+FEFF) from copied text are removed;
- Thai digits become Arabic digits ("หมู่ ๓" = "หมู่ 3");
- runs of whitespace become one space, none at either end;
- casefold (English letters in a name, e.g. "OTOP").
"""

from __future__ import annotations

import re
import unicodedata

from core.thai import to_arabic_digits

_SARA_AM_SPLIT = "\u0e4d\u0e32"
_SARA_AM = "\u0e33"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"\s+")


def normalise_name(name: str | None) -> str:
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace(_SARA_AM_SPLIT, _SARA_AM).translate(_ZERO_WIDTH)
    text = to_arabic_digits(text)
    return _SPACES.sub(" ", text).strip().casefold()
