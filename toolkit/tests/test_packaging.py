"""The toolkit installs like any package: the built wheel holds every module."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

TOOLKIT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_the_commands(tmp_path):
    # a clean copy: no build/ left over from an earlier build can help
    source = tmp_path / "toolkit"
    shutil.copytree(
        TOOLKIT,
        source,
        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", "tests"),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        path.relative_to(TOOLKIT).as_posix() for path in (TOOLKIT / "ccx").rglob("*.py")
    }
    assert "ccx/commands/outreach.py" in sources
    assert sources <= names, sorted(sources - names)
