"""The plugin runs where most planners run QGIS, on Windows: its code (outside scripts/ and tests/) calls
nothing POSIX-only, and the programs it starts open no console window. Read from the source, no QGIS."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKIP = {"scripts", "tests", "build", "libs", "bench", "data", "docs", ".venv", ".git"}
POSIX_MODULES = {"pwd", "grp", "fcntl", "resource", "termios", "tty", "pty", "crypt", "posix", "syslog"}
POSIX_OS = {
    "fork",
    "forkpty",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getpwuid",
    "chown",
    "lchown",
    "fchown",
    "setsid",
    "setuid",
    "setgid",
    "killpg",
    "getpgid",
    "setpgrp",
    "mkfifo",
    "getloadavg",
    "sync",
}
POSIX_SIGNALS = {
    "SIGKILL",
    "SIGHUP",
    "SIGQUIT",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
    "SIGCHLD",
    "SIGPIPE",
    "SIGSTOP",
}
SUBPROCESS_CALLS = {"Popen", "run", "call", "check_call", "check_output"}


def plugin_files():
    """Every Python file of the plugin as installed (what QGIS loads), outside scripts/ and tests/."""
    for path in sorted(REPO.rglob("*.py")):
        parts = path.relative_to(REPO).parts
        if parts[0] in SKIP or "vendor" in parts:
            continue
        yield path


def posix_only(tree) -> list:
    """(line, what) of every POSIX-only call, import, constant or path literal in a parsed module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in POSIX_MODULES and node.level == 0:
                found.append((node.lineno, node.module))
            if node.module == "os" and {a.name for a in node.names} & POSIX_OS:
                found.append((node.lineno, "from os import POSIX-only name"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "os" and node.attr in POSIX_OS:
                found.append((node.lineno, "os." + node.attr))
            if node.value.id == "signal" and node.attr in POSIX_SIGNALS:
                found.append((node.lineno, "signal." + node.attr))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value == "/tmp" or node.value.startswith(("/tmp/", "/dev/", "/proc/", "/var/tmp")):
                found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.keyword) and node.arg == "shell":
            if not (isinstance(node.value, ast.Constant) and node.value.value is False):
                found.append((node.lineno, "shell=True"))
    return found


def console_windows(tree) -> list:
    """(line, call) of every subprocess call that does not say creationflags (a console on Windows)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        target = node.func.value
        if isinstance(target, ast.Name) and target.id == "subprocess" and node.func.attr in SUBPROCESS_CALLS:
            if "creationflags" not in {k.arg for k in node.keywords}:
                found.append((node.lineno, "subprocess." + node.func.attr))
    return found


def test_the_rules_catch_what_they_are_meant_to():
    sample = ast.parse(
        "import os, fcntl, signal, subprocess\nfrom pwd import getpwnam\nos.getuid()\nos.killpg(1, 9)\n"
        "signal.SIGKILL\nopen('/tmp/x')\nsubprocess.run('ls', shell=True)\n"
        "subprocess.Popen(['x'], creationflags=getattr(subprocess, 'CREATE_NO_WINDOW', 0))\n"
    )
    whats = [what for _line, what in posix_only(sample)]
    assert whats.count("fcntl") == 1 and "pwd" in whats and "os.getuid" in whats and "os.killpg" in whats
    assert "signal.SIGKILL" in whats and "'/tmp/x'" in whats and "shell=True" in whats
    assert console_windows(sample) == [(7, "subprocess.run")]


def test_plugin_code_calls_nothing_posix_only():
    files = list(plugin_files())
    assert any(p.name == "worker.py" for p in files) and any(p.name == "guard.py" for p in files)
    offenders = [
        "{}:{} {}".format(path.relative_to(REPO), line, what)
        for path in files
        for line, what in posix_only(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_programs_the_plugin_starts_open_no_console_window():
    offenders = [
        "{}:{} {}".format(path.relative_to(REPO), line, what)
        for path in plugin_files()
        for line, what in console_windows(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
    worker_start = (REPO / "core" / "tagging" / "vectorised.py").read_text(encoding="utf-8")
    assert 'creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)' in worker_start
