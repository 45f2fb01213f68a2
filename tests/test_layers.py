"""The design's layers hold: network ← events ← members ← home, each importing only those
below it. Every module's imports (inside functions too) and every template's {% url %}
names are checked, so an upward dependency fails here with its file and line."""

import ast
import re
from pathlib import Path

from django.urls import get_resolver

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["network", "events", "members", "home"]
# The composition root wires the apps together and may import any of them.
COMPOSITION_ROOT = {"network/urls.py", "network/settings", "network/wsgi.py", "network/asgi.py"}
URL_TAG = re.compile(r"""{%\s*url\s+['"]([\w:-]+)['"]""")


def layer_of_module(name):
    top = name.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def in_composition_root(path):
    relative = path.relative_to(ROOT).as_posix()
    return any(relative == root or relative.startswith(root + "/") for root in COMPOSITION_ROOT)


def imported_modules(tree, package):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside the same app
                yield node.lineno, package
            elif node.module:
                yield node.lineno, node.module


def upward_imports():
    found = []
    for app in LAYERS:
        for path in (ROOT / app).rglob("*.py"):
            if in_composition_root(path):
                continue
            own = LAYERS.index(app)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, module in imported_modules(tree, app):
                layer = layer_of_module(module)
                if layer is not None and layer > own:
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


def url_layers():
    """Which app serves each URL name, from the view's module."""
    names = {}

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                module = getattr(pattern.callback, "__module__", "") or ""
                names[f"{namespace}{pattern.name}"] = layer_of_module(module)

    walk(get_resolver().url_patterns)
    return names


def upward_template_links():
    served_by = url_layers()
    found = []
    for app in LAYERS:
        own = LAYERS.index(app)
        for path in (ROOT / "templates" / app).rglob("*.html"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for name in URL_TAG.findall(line):
                    layer = served_by.get(name)
                    if layer is not None and layer > own:
                        found.append(f"{path.relative_to(ROOT)}:{number} links to {name}")
    return found


def test_no_module_imports_a_higher_layer():
    assert upward_imports() == []


def test_no_template_links_to_a_view_of_a_higher_layer():
    assert upward_template_links() == []


def test_the_check_would_catch_an_upward_import(tmp_path):
    tree = ast.parse("def f():\n    from members.models import MemberProfile\n")
    assert [
        module for _line, module in imported_modules(tree, "network") if layer_of_module(module) > 0
    ] == ["members.models"]


def test_no_migration_depends_on_a_higher_layer():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files, not the database
    found = []
    for (app, name), migration in loader.disk_migrations.items():
        if app not in LAYERS:
            continue
        for dependency_app, dependency in migration.dependencies:
            if dependency_app in LAYERS and LAYERS.index(dependency_app) > LAYERS.index(app):
                found.append(f"{app}/migrations/{name} depends on {dependency_app}.{dependency}")
    assert found == []
