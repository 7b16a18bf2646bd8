"""Writing a finished file (a PDF, a workbook, a sync bundle) atomically: a temporary name
beside the target, flushed to disk, renamed, the folder flushed. A failure leaves the old file
(if any) as it was and says in Chinese what to do."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from ..domain.errors import KnownError

_REASONS = {
    errno.ENOSPC: "空间不足，请清理磁盘、删掉一些文件或换一个U盘",
    errno.EROFS: "U盘或磁盘是只读的（可能拨到了写保护），请打开写保护或换一个位置",
    errno.ENOENT: "找不到这个文件夹（U盘插好了吗？）",
    errno.ENOTDIR: "路径中有一段不是文件夹，请换一个位置",
    errno.EIO: "读写出错，U盘或磁盘可能坏了，请换一个",
}


def write_atomically(
    data: bytes,
    target: Path,
    *,
    what: str = "文件",
    opened_in: str = "别的程序",
    make_parents: bool = False,
) -> Path:
    """Write ``data`` to ``target``. ``what`` names the file in messages (登记卡, 同步包 …);
    ``opened_in`` the program that may hold it open (PDF阅读器, Excel/WPS). A missing folder is
    refused (a USB stick that is not plugged in, a mistyped path) unless ``make_parents``:
    folders are never made behind the user's back."""
    target = Path(target)
    if not target.parent.is_dir() and not make_parents:
        raise KnownError(
            f"找不到文件夹 {target.parent}，它不存在或U盘没插好。请选一个已有的文件夹。"
        )
    tmp = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        if hasattr(os, "O_DIRECTORY"):  # the rename itself reaches the disk (POSIX)
            fd = os.open(target.parent, os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
            reason = (
                f"没有写入权限，或这个文件正在{opened_in}里打开。请关掉它，"
                "或换一个文件名、文件夹（U盘可能是只读的）"
            )
        else:
            reason = _REASONS.get(err.errno or 0, f"写入出错（错误代码 {err.errno}）")
        raise KnownError(f"无法写入 {target}：{reason}。{what}没有写成。") from err
    return target
