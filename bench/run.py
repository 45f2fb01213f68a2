"""Run every benchmark under bench/ and print its figures.

Each benchmark is a module bench/bench_*.py with a main() that prints what it
measured; this harness sets Django up once and runs them in turn.
"""

import importlib
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.test")
# A database of the benchmarks' own, thrown away afterwards: never the demo's.
BENCH_DB = Path(tempfile.mkdtemp(prefix="samverkan-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"
os.environ.pop("REDIS_URL", None)


def main():
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # no collected static here

    django.setup()
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if not modules:
        print("No benchmarks yet: add bench/bench_<name>.py with a main().")
        return
    try:
        for name in modules:
            print(f"== {name}")
            started = time.perf_counter()
            importlib.import_module(name).main()
            print(f"   ({time.perf_counter() - started:.1f} s)")
    finally:
        BENCH_DB.unlink(missing_ok=True)
        BENCH_DB.parent.rmdir()


if __name__ == "__main__":
    main()
