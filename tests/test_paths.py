"""The shipped resources are found through importlib.resources: in the checkout, in a zip, and in an installed
wheel (where the checkout's folders are not there to fall back on)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from inspector import paths

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "inspector" / "resources"

PROBE = """
import json, inspector, inspector.paths as p
print(json.dumps({
    "package": inspector.__file__,
    "samples": [str(s) for s in p.sample_documents()],
    "templates": str(p.builtin_templates_file()),
    "translation": str(p.translation_file("en")),
    "icon": str(p.resource_path("icons", "inspector.png")),
}))
"""


def test_the_lookups_name_the_files_shipped_in_the_package():
    assert [s.name for s in paths.sample_documents()] == sorted(s.name for s in SOURCE.glob("samples/*.txt"))
    assert paths.builtin_templates_file().read_bytes() == (SOURCE / "templates" / "builtin.json").read_bytes()
    assert paths.translation_file("en").read_bytes() == (SOURCE / "translations" / "inspector_en.qm").read_bytes()


def test_a_resource_inside_a_zip_is_copied_out_to_a_real_file(tmp_path):
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("inspector/resources/templates/builtin.json", '{"templates": []}')
    real = paths.real_path(zipfile.Path(archive, "inspector/resources/templates/builtin.json"))
    assert isinstance(real, Path) and real.is_file()
    assert real.read_text(encoding="utf-8") == '{"templates": []}'


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """The project built as a wheel and unpacked into a folder of its own (dependencies come from this venv).
    It is built from a copy of the sources: setuptools reuses a ``build/`` folder, whose stale files would hide a
    resource missing from package-data."""
    out = tmp_path_factory.mktemp("wheel")
    source = out / "source"
    shutil.copytree(ROOT / "inspector", source / "inspector", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(out / "dist"), str(source)], check=True,
                   capture_output=True)
    wheel = next((out / "dist").glob("inspector-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(out / "site"), str(wheel)], check=True,
                   capture_output=True)
    return out / "site"


def test_an_installed_wheel_finds_its_samples_templates_translation_and_icon_inside_itself(installed_wheel, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed_wheel)}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True, timeout=60)
    found = json.loads(done.stdout)
    assert Path(found["package"]).is_relative_to(installed_wheel)  # not the checkout's copy
    samples = [Path(s) for s in found["samples"]]
    assert [s.name for s in samples] == sorted(s.name for s in SOURCE.glob("samples/*.txt"))
    for item in [*samples, Path(found["templates"]), Path(found["translation"]), Path(found["icon"])]:
        assert item.is_relative_to(installed_wheel) and item.is_file(), item
    templates = json.loads(Path(found["templates"]).read_text(encoding="utf-8"))["templates"]
    assert len(templates) == len(json.loads((SOURCE / "templates" / "builtin.json").read_text("utf-8"))["templates"])
