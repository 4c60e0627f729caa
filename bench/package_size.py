"""5. Deployment package sizes: each function's code zipped, and the layer as `sam build` makes
it (python/ holding craftkit_projects and shared/requirements.txt installed for Lambda's arm64
Python 3.13, boto3 and botocore left to the runtime)."""

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from bench import invoke
from bench.report import Figure

SECTION = "5. Package size (zipped / unzipped)"
ROOT = Path(__file__).resolve().parent.parent
FUNCTION_BUDGET_BYTES = 256 * 1024
LAYER_BUDGET_BYTES = 5 * 1024 * 1024
PIP_TIMEOUT_S = 300
# Lambda's runtime ships these; the layer must not carry its own copies.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer")


def _files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def zipped_size(root: Path) -> tuple[int, int]:
    """(zipped bytes, unzipped bytes) of a folder's contents, deflated as sam build does."""
    buffer = io.BytesIO()
    unzipped = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in _files(root):
            archive.write(path, path.relative_to(root))
            unzipped += path.stat().st_size
    return len(buffer.getvalue()), unzipped


def _build_layer(target: Path) -> None:
    python_dir = target / "python"
    shutil.copytree(
        ROOT / "shared" / "craftkit_projects",
        python_dir / "craftkit_projects",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--no-compile", "--platform", "manylinux2014_aarch64", "--only-binary=:all:",
        "--python-version", "3.13", "--implementation", "cp",
        "--target", str(python_dir), "-r", str(ROOT / "shared" / "requirements.txt"),
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"pip could not build the layer:\n{done.stderr[-2000:]}")


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.2f} MB"


def run(log: Callable[[str], None]) -> list[Figure]:
    figures = []
    for function in invoke.FUNCTIONS:
        zipped, unzipped = zipped_size(ROOT / "functions" / function)
        figures.append(
            Figure(
                SECTION,
                f"function {function}",
                f"{_kb(zipped)} / {_kb(unzipped)}",
                "< 256 KB zipped",
                zipped < FUNCTION_BUDGET_BYTES,
                {"zippedBytes": zipped, "unzippedBytes": unzipped},
            )
        )
    log("building the layer with pip (manylinux2014_aarch64, cp313)")
    with tempfile.TemporaryDirectory(prefix="craftkit-layer-") as temp:
        layer = Path(temp)
        _build_layer(layer)
        zipped, unzipped = zipped_size(layer)
        installed = sorted(p.name for p in (layer / "python").iterdir() if p.is_dir())
    bundled = [name for name in RUNTIME_PROVIDED if name in installed]
    problem = f"  [bundles {', '.join(bundled)}]" if bundled else ""
    figures.append(
        Figure(
            SECTION,
            "layer (craftkit_projects + requirements)",
            f"{_mb(zipped)} / {_mb(unzipped)}{problem}",
            "< 5 MB zipped",
            zipped < LAYER_BUDGET_BYTES and not bundled,
            {"zippedBytes": zipped, "unzippedBytes": unzipped, "contents": installed},
        )
    )
    return figures
