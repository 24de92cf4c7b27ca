"""Is a process still running? Used to tell stale locks, recovery files and temporaries from
those of a live argmap."""

from __future__ import annotations

import contextlib
import os
import socket
import sys


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (a zombie counts as dead).

    >>> pid_alive(os.getpid())
    True
    """
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would stop the process
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    # A killed child that nobody has waited for yet is a zombie: its work is over.
    with contextlib.suppress(OSError, IndexError):
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]
        if state in (b"Z", b"X"):
            return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE


def boot_id() -> str:
    """An id of this boot of this machine: a process id means nothing after a reboot."""
    with contextlib.suppress(OSError), open("/proc/sys/kernel/random/boot_id", "rb") as f:
        return f.read().decode("ascii", "replace").strip()
    with contextlib.suppress(OSError, ValueError), open("/proc/stat", encoding="ascii") as f:
        for line in f:
            if line.startswith("btime "):
                return "btime-" + line.split()[1]
    return ""


def hostname() -> str:
    """This machine's name."""
    return socket.gethostname()


def same_live_process(pid: int, host: str, boot: str) -> bool:
    """Whether a record of (pid, host, boot) names a process that still runs here.

    A record from another host counts as live (we cannot check it); one from an earlier
    boot, or of a pid that no longer runs, does not.
    """
    if pid <= 0:
        return False  # a record without a process: nobody is working on it
    if host != hostname():
        return True
    if boot and boot_id() and boot != boot_id():
        return False
    return pid_alive(pid)
