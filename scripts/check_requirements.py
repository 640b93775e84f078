"""`pip check` limited to the project's own requirements and what they pull in.

check_requirements.py requirements.txt [...]  exits 1 when a required package (or one of its dependencies)
is missing or conflicts; conflicts among the distribution's other packages (a rolling release's own
inconsistencies, e.g. python-dateutil without tzdata) are printed as warnings only.
"""

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement


def canonical(name: str) -> str:
    """The normalised form of a distribution name (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(paths) -> list:
    """The requirements listed in requirements files (comments, options and blank lines skipped)."""
    found = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("-r "):  # an included file, relative to this one
                found += read_requirements([Path(path).parent / line[3:].strip()])
            elif line and not line.startswith("-"):
                found.append(Requirement(line))
    return found


def closure(requirements) -> set:
    """Canonical names of the required distributions and, recursively, of their installed dependencies."""
    seen, todo = set(), list(requirements)
    while todo:
        requirement = todo.pop()
        name = canonical(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            try:
                dependency = Requirement(text)
            except InvalidRequirement:
                continue
            if dependency.marker is None or dependency.marker.evaluate({"extra": ""}):
                todo.append(dependency)
    return seen


def main(argv) -> int:
    """Run pip check; fail only on lines about the project's own dependency tree."""
    ours = closure(read_requirements(argv))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    failures = 0
    for line in result.stdout.splitlines():
        words = line.split()
        if not words or words[0].startswith("No"):
            continue
        if canonical(words[0]) in ours:  # a package the project needs has a broken dependency
            print("pip check: {}".format(line))
            failures += 1
        else:
            print("pip check (not a project requirement, ignored): {}".format(line))
    if result.returncode != 0 and not result.stdout.strip():
        print(result.stderr, file=sys.stderr)
        return result.returncode
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
