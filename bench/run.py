"""Run every benchmark under bench/ and print its figures.

Each benchmark is a module bench/bench_*.py with a main() that prints what it
measured; this harness sets Django up once and runs them in turn.
"""

import importlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.test")


def main():
    import django

    django.setup()
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if not modules:
        print("No benchmarks yet: add bench/bench_<name>.py with a main().")
        return
    for name in modules:
        print(f"== {name}")
        started = time.perf_counter()
        importlib.import_module(name).main()
        print(f"   ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
