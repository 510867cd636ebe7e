"""One screen interface, iOS and Android implementations: every screen class of pages/mobile implements the
protocol of pages/mobile/protocols.py that the mobile steps name (same methods, same parameters, return types
that implement the protocol's return types), no screen passes for another in `Scenario.on`, and the steps
never import a platform's screen class.

No type checker is pinned in pyproject.toml: the check is made here, on the annotations as Python resolves
them (typing.get_type_hints), which is what a structural type checker compares too.
"""
from __future__ import annotations

import ast
import inspect
import pathlib
import types
import typing

import pytest

import pages.mobile.protocols as P
from pages.mobile import MobileApp, android, base, common, ios

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Each concrete screen -> the protocols it implements (both platforms' computers screens are « Computers »).
IMPLEMENTS: dict[type, set[type]] = {
    common.SignInScreen: {P.SignInForm},
    ios.IOSComputersScreen: {P.Computers, P.OpensStoreHelp},
    ios.PacksScreen: {P.PackChoice},
    ios.AppStoreSheet: {P.PurchaseSheet},
    ios.PurchasedScreen: {P.PurchaseConfirmation},
    ios.HelpScreen: {P.StoreHelp},
    android.AndroidComputersScreen: {P.Computers},
    android.BuyDialog: {P.BuyWindow},
    android.Browser: {P.AccountBrowser},
    MobileApp: {P.App},
}
SCREEN_PROTOCOLS = typing.get_args(P.Screen)
PLATFORM_MODULES = (ios, android, common)


def members(protocol: type) -> dict[str, object]:
    """What a protocol asks for: its methods and properties (not typing's machinery)."""
    return {name: value for name, value in vars(protocol).items()
            if not name.startswith("_") and (callable(value) or isinstance(value, property))}


def function_of(member: object):
    return member.fget if isinstance(member, property) else member


def returns(owner: type, member: object) -> object:
    hints = typing.get_type_hints(function_of(member))
    if "return" not in hints:
        return inspect.Signature.empty
    declared = hints["return"]
    return owner if declared is typing.Self else declared


def alternatives(annotation: object) -> tuple:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return typing.get_args(annotation)
    return (annotation,)


def implements(cls: type, protocol: type, seen: set | None = None) -> list[str]:
    """Why `cls` does not implement `protocol` (empty: it does), return types followed recursively."""
    seen = set() if seen is None else seen
    if (cls, protocol) in seen or cls is protocol:
        return []
    seen.add((cls, protocol))
    if typing.Protocol not in getattr(protocol, "__mro__", ()):  # a plain type: str, list[str]…
        plain = typing.get_origin(protocol) or protocol
        return [] if isinstance(plain, type) and issubclass(typing.get_origin(cls) or cls, plain) else [
            f"{cls!r} is not {protocol!r}"]
    problems = []
    for name, wanted in members(protocol).items():
        got = inspect.getattr_static(cls, name, None)
        where = f"{cls.__name__}.{name} ({protocol.__name__})"
        if got is None:
            problems.append(f"{where}: missing")
            continue
        if isinstance(wanted, property) != isinstance(got, property):
            problems.append(f"{where}: {'a property' if isinstance(wanted, property) else 'a method'} expected")
            continue
        if not isinstance(wanted, property):
            asked, given = inspect.signature(wanted), inspect.signature(got)
            shape = [(p.name, p.kind, p.default) for p in asked.parameters.values()]
            if shape != [(p.name, p.kind, p.default) for p in given.parameters.values()]:
                problems.append(f"{where}: parameters {list(given.parameters)} instead of {list(asked.parameters)}")
        declared, actual = returns(protocol, wanted), returns(cls, got)
        if actual is inspect.Signature.empty:
            problems.append(f"{where}: no return annotation (the protocol says {declared})")
            continue
        if actual == declared:
            continue
        for option in alternatives(actual):
            why = [implements(option, target, seen) for target in alternatives(declared)]
            if all(why):
                problems.append(f"{where}: returns {option} where the protocol says {declared}: "
                                + "; ".join(w for ws in why for w in ws))
    return problems


@pytest.mark.parametrize("cls", list(IMPLEMENTS), ids=lambda cls: cls.__name__)
def test_screen_implements_its_protocols(cls):
    problems = [p for protocol in IMPLEMENTS[cls] for p in implements(cls, protocol)]
    assert not problems, "\n".join(problems)


def test_every_screen_class_is_mapped_to_a_protocol():
    """A new screen object must say which interface the steps see it through."""
    screens = {cls for module in PLATFORM_MODULES for cls in vars(module).values()
               if isinstance(cls, type) and issubclass(cls, base.Screen) and cls.__module__ == module.__name__}
    abstract = {common.ComputersScreen}  # the part both platforms' computers screens share
    assert screens - abstract - set(IMPLEMENTS) == set()
    # and every protocol a step can be on is implemented on some platform
    assert set(SCREEN_PROTOCOLS) <= {p for ps in IMPLEMENTS.values() for p in ps}


@pytest.mark.parametrize("cls", [c for c in IMPLEMENTS if issubclass(c, base.Screen)], ids=lambda c: c.__name__)
def test_no_screen_passes_for_another(cls):
    """`Scenario.on(Protocol, …)` checks the current screen with isinstance, which only looks at method names:
    a screen that also had another screen's methods would let a step run on the wrong screen."""
    matched = {protocol for protocol in SCREEN_PROTOCOLS
               if all(inspect.getattr_static(cls, name, None) is not None for name in members(protocol))}
    assert matched == IMPLEMENTS[cls] & set(SCREEN_PROTOCOLS)


class Sloppy:
    def sign_in(self, login: str, password: str) -> None: ...


class WrongReturn:
    def offers(self) -> dict[str, str]: ...
    def choose(self, formula: str) -> ios.HelpScreen: ...
    def wait_until_shown(self) -> WrongReturn: ...


def test_the_check_sees_a_wrong_implementation():
    """The checker itself: a missing method, other parameters, a return type that is not the protocol's."""
    problems = implements(Sloppy, P.SignInForm)
    assert any("Sloppy.error" in p and "missing" in p for p in problems)
    assert any("Sloppy.sign_in" in p and "parameters" in p for p in problems)
    assert any("WrongReturn.choose" in p and "returns" in p for p in implements(WrongReturn, P.PackChoice))


def mobile_step_modules() -> list[pathlib.Path]:
    """The step modules that drive the apps, and the scenario world they share: those that use pages.mobile."""
    candidates = [*sorted((ROOT / "steps").glob("*.py")), ROOT / "fixtures" / "world.py"]
    return [path for path in candidates if "pages.mobile" in path.read_text("utf-8")]


def test_steps_never_import_a_platform_screen():
    concrete = {cls.__name__ for cls in IMPLEMENTS} | {"ComputersScreen"}  # (protocols.Screen is the union)
    found = []
    modules = mobile_step_modules()
    assert {p.name for p in modules} >= {"mobile.py", "world.py"}
    for path in modules:
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pages.mobile"):
                if node.module != "pages.mobile.protocols":
                    found.append(f"{path.name}:{node.lineno} from {node.module} import …")
            elif isinstance(node, ast.Import) and any(a.name.startswith("pages.mobile") for a in node.names):
                found.append(f"{path.name}:{node.lineno} import {', '.join(a.name for a in node.names)}")
            elif isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in concrete:
                    found.append(f"{path.name}:{node.lineno} names {name}")
    assert not found, "steps name a platform's screen class instead of a protocol:\n" + "\n".join(found)
