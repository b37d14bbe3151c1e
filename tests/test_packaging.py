"""`pip install .` (not editable), then `storydiff` from any folder finds the bundled sample story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_links_to_the_top_level_seeds() -> None:
    bundled = ROOT / "tui" / "seeds"
    assert bundled.is_dir() and (ROOT / "seeds").is_dir()
    assert sorted(p.name for p in bundled.glob("*.txt")) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert '"seeds/*.txt"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_installed_storydiff_opens_the_bundled_seeds_from_any_folder(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    wheels = tmp_path / "wheels"
    subprocess.run([str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=600)
    (wheel,) = wheels.glob("storydiff-*.whl")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(venv / "bin" / "storydiff"), "where"], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    samples = Path(next(line for line in where.stdout.splitlines() if line.startswith("samples:")).split(":", 1)[1].strip())
    assert samples.is_dir() and str(samples).startswith(str(venv)), samples
    assert len(list(samples.glob("*.txt"))) == 5
    # The reader's own loading of them (no terminal needed).
    check = "from tui.core.loading import default_seeds_dir, load_paths; a, e = load_paths([str(default_seeds_dir())]); print(len(a), len(e))"
    loaded = subprocess.run([str(python), "-c", check], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert loaded.stdout.split() == ["5", "0"], loaded.stderr


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if "pytest" in line and line.startswith("    "))
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert command in ci
    assert command.startswith("python3 -m venv .venv && ")
