"""Fail when an addon's test module is not imported by its tests/__init__.py.

Odoo's own runner (odoo-bin --test-enable, OCA CI) only runs the test
modules the package imports; pytest-odoo finds them all. Usage:
    python tools/check_test_imports.py ADDON_DIR...
"""

import ast
import sys
from pathlib import Path


def imported_modules(init):
    names = set()
    for node in ast.walk(ast.parse(init.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update(alias.name for alias in node.names)
            if node.module:
                names.add(node.module)
    return names


def missing(addon):
    tests = Path(addon) / "tests"
    if not tests.is_dir():
        return []
    imported = imported_modules(tests / "__init__.py")
    return [
        path for path in sorted(tests.glob("test_*.py")) if path.stem not in imported
    ]


def main(addons):
    forgotten = [path for addon in addons for path in missing(addon)]
    for path in forgotten:
        print(f"{path}: not imported in {path.parent / '__init__.py'}")
    return 1 if forgotten else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
