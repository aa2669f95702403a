"""Every regular expression in newsclean runs in linear time, whatever the text (issue 15).

A 16 kB line of "- - - ..." once took 15 s to clean: the photo-credit patterns read a run of
separators again from each of its characters. This test finds every compiled pattern the
package holds (module attributes, what tuples, lists, sets and dicts of them hold, and the
attributes of classes and objects defined in the package) and checks with
``tests.unit.linearity`` that its search time grows linearly on adversarial texts.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import newsclean
from tests.unit.linearity import Pattern, superlinear_shape

# How far into containers, classes and objects the walk goes (a tuple of tuples is two levels).
MAX_DEPTH = 3


def package_modules() -> Iterator[ModuleType]:
    """The package and each of its modules, imported."""
    yield newsclean
    for name in module_names(Path(newsclean.__file__).parent, "newsclean."):
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as missing:
            # An optional dependency that is not installed (the local runner's moto, say);
            # a module of the package that does not import is a failure.
            if (missing.name or "").startswith("newsclean"):
                raise


def module_names(folder: Path, prefix: str) -> Iterator[str]:
    """Every module under ``folder``, those of namespace packages (rules/ has no __init__.py) too."""
    for info in pkgutil.iter_modules([str(folder)], prefix):
        yield info.name
    for sub in sorted(folder.iterdir()):
        if sub.is_dir() and sub.name.isidentifier() and any(sub.glob("*.py")):
            yield from module_names(sub, f"{prefix}{sub.name}.")


def package_patterns() -> dict[str, Pattern]:
    """Every compiled pattern the package's modules hold, by where it was first found: the name a
    module gives it, else the way to it through a container, class or object."""
    modules = list(package_modules())
    finder = _Finder()
    for named in (True, False):
        for module in modules:
            for name, value in vars(module).items():
                # Modules and classes it imports are walked where they are defined.
                imported = inspect.ismodule(value) or (inspect.isclass(value) and value.__module__ != module.__name__)
                if isinstance(value, re.Pattern) == named and not imported:
                    finder.visit(f"{module.__name__}.{name}", value, 0)
    return {where: pattern for where, pattern in finder.found.values()}


class _Finder:
    """Walks what a module holds, a few levels down, and keeps each pattern it meets once."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[str, Pattern]] = {}
        self.seen: set[int] = set()

    def visit(self, where: str, value: object, depth: int) -> None:
        if isinstance(value, re.Pattern):
            self.found.setdefault(id(value), (where, value))
            return
        if depth > MAX_DEPTH or id(value) in self.seen:
            return
        self.seen.add(id(value))
        for step, item in _held(value):
            self.visit(where + step, item, depth + 1)


def _held(value: object) -> list[tuple[str, object]]:
    """What a container, or a class or an object of the package, holds: (how it is reached, value)."""
    if isinstance(value, dict):
        return [(f"[{key!r}]", item) for key, item in value.items()]
    if isinstance(value, tuple | list):
        return [(f"[{index}]", item) for index, item in enumerate(value)]
    if isinstance(value, set | frozenset):
        return [(f"[{index}]", item) for index, item in enumerate(sorted(value, key=repr))]
    if inspect.isclass(value):
        return [(f".{name}", item) for name, item in vars(value).items()] if _ours(value) else []
    if _ours(type(value)) and not inspect.ismodule(value):
        # An object of the package's own (a rule in a pipeline's list): its attributes.
        return [(f".{name}", getattr(value, name, None)) for name in _attribute_names(value)]
    return []


def _attribute_names(value: object) -> list[str]:
    """An object's attributes: those in its ``__dict__`` and its slots."""
    names = list(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        slots = getattr(cls, "__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return names


def _ours(cls: type) -> bool:
    return cls.__module__.startswith("newsclean")


PATTERNS = package_patterns()


@pytest.mark.parametrize("where", sorted(PATTERNS))
def test_pattern_runs_in_linear_time(where: str) -> None:
    found = superlinear_shape(PATTERNS[where])
    assert found is None, f"{where} takes super-linear time on {found}"


def test_the_patterns_of_every_module_are_found_wherever_they_are_held() -> None:
    from newsclean.content import language
    from newsclean.content.rules import chrome
    from newsclean.fields import bylines, titles
    from newsclean.html import tagscan

    expected = [
        bylines._LABELLED_CREDIT,
        bylines._COPYRIGHT_CREDIT,
        titles._SEPARATOR,
        chrome._TICKER,
        *(pattern for _, pattern in language._SCRIPTS),  # only in a tuple of tuples
        *tagscan._RAW_TEXT_END.values(),  # only in a dict
    ]
    found = {id(pattern) for pattern in PATTERNS.values()}
    assert all(id(pattern) in found for pattern in expected)


def test_patterns_held_by_classes_and_objects_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.content.rules import chrome

    in_class, in_object = re.compile("held by a class"), re.compile("held by an object")
    monkeypatch.setattr(chrome.EmptyBlock, "SEEN_IN_CLASS", in_class, raising=False)
    rule = chrome.EmptyBlock()
    monkeypatch.setattr(chrome, "A_RULE", (rule,), raising=False)
    monkeypatch.setattr(rule, "seen_in_object", in_object, raising=False)
    assert {in_class, in_object} <= set(package_patterns().values())


def test_the_check_flags_a_quadratic_pattern() -> None:
    # The shape of the credit patterns that took 15 s on a 16 kB line.
    assert superlinear_shape(re.compile(r"^(.*?)[-, ]+:$")) is not None
    # Possessive alone is not enough for a search: it starts again at each character of the run.
    assert superlinear_shape(re.compile(r"[-, ]++:")) is not None


def test_the_check_passes_the_linear_form_of_it() -> None:
    assert superlinear_shape(re.compile(r"^(.*?)(?<![-, ])[-, ]++:$")) is None
    assert superlinear_shape(re.compile(r"(?<![-, ])[-, ]++:")) is None
