"""The house's rules, read from the code: imports run one way and no room imports another's in
a circle.

Ground floor ``core`` (shared web machinery) <- the apps <- the project ``portal``. An app may
use another app only through its seams (models, selectors, services, signals, blocks), never
its admin or views. Every import counts, at module level or inside a function.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
GROUND_FLOOR = "core"
PROJECT_PACKAGE = "portal"
APPS = ["news", "sidebar", "ratings", "stats", "schedule", "documents", "alerts", "outbox", "organisation", "twofactor", "contact", "questions", "consultations", "polls", "pages", "review", "audit"]
PACKAGES = [GROUND_FLOOR, *APPS, PROJECT_PACKAGE]
# What one app may import from another.
NOT_SEAMS = {"admin", "views", "urls", "forms"}


def modules():
    """(module name, path) of every module of ours, migrations included."""
    for package in PACKAGES:
        for path in sorted((PROJECT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def imported_names(module, path):
    """Every module of ours that ``module`` imports (with the names it takes from each)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = ast.walk(tree)
    package_parts = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package_parts[: len(package_parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module
            names = [target] + [f"{target}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in PACKAGES:
                yield name


def import_graph():
    """Package -> {imported package: [(module, imported name), ...]}."""
    graph = defaultdict(lambda: defaultdict(list))
    for module, path in modules():
        package = module.split(".")[0]
        for name in imported_names(module, path):
            target = name.split(".")[0]
            if target != package:
                graph[package][target].append((module, name))
    return graph


def test_the_ground_floor_imports_no_app_and_not_the_project():
    graph = import_graph()
    assert dict(graph[GROUND_FLOOR]) == {}


def test_no_app_imports_the_project():
    graph = import_graph()
    for app in APPS:
        assert PROJECT_PACKAGE not in graph[app], graph[app][PROJECT_PACKAGE]


def test_apps_import_each_other_in_one_direction_only():
    graph = import_graph()
    edges = {(app, other) for app in APPS for other in graph[app] if other in APPS}
    circles = sorted((a, b) for a, b in edges if (b, a) in edges)
    assert circles == [], {edge: graph[edge[0]][edge[1]] for edge in circles}


def test_an_app_reaches_another_app_only_through_its_seams():
    graph = import_graph()
    for app in APPS:
        for other in APPS:
            for module, name in graph[app].get(other, []):
                room = name.split(".")[1] if "." in name else ""
                assert room not in NOT_SEAMS, f"{module} imports {name}"


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_circle_between_modules(package):
    """An import inside a function counts too: importing late hides a circle, it does not
    break it."""
    edges = {module: set(imported_names(module, path)) for module, path in modules()}
    known = {module for module, _path in modules()}
    graph = {
        module: {_closest(name, known) for name in names} - {None, module}
        for module, names in edges.items()
    }
    circle = _find_circle(graph, start_prefix=package)
    assert circle is None, " -> ".join(circle)


def _closest(name, known):
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _find_circle(graph, start_prefix):
    visiting, done = [], set()

    def visit(node):
        if node in done:
            return None
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            found = visit(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        if node.split(".")[0] == start_prefix:
            found = visit(node)
            if found:
                return found
    return None
