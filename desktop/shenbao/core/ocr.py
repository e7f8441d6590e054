"""Whether the optional recognition extra (`ocr`) is installed, and how to install it.

Apart from `core.documents` so that the profile editor can say on its first frame what 「从营业执照照片识别」
needs without loading the document readers, which only a photo or an invoice being read uses.
"""

from __future__ import annotations

import importlib.util

OCR_EXTRA = "pip install 'shenbao[ocr]'"
OCR_ADDS = "安装识别扩展（约 390 MB，离线运行）后可读取营业执照照片和扫描件：" + OCR_EXTRA


def ocr_available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "cv2"))
