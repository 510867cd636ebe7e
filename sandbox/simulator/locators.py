"""Locator strategies, evaluated over the page-source XML the way real drivers do.

iOS (XCUITest): accessibility id / id / name -> attribute `name`; class name -> element type (`Button`
gets the `XCUIElementType` prefix, as the driver does); xpath; `-ios predicate string` and `-ios class
chain` (subsets below; `XCUIElementTypeAny` / `*` in chains, `elementType == 9` in predicates).
Android (UiAutomator2): accessibility id -> `content-desc`; id -> `resource-id` (a bare id gets the
`appPackage` prefix, as UiAutomator2 does); class name -> `class`; xpath; `-android uiautomator`
(subset below).

Subsets (anything else is refused as `invalid selector`, with the supported forms in the message):
- predicate: `attr OP value` joined by AND / OR / NOT and parentheses, attr in name, label, value,
  type, elementType, identifier, enabled, visible, accessible, hittable, placeholderValue, traits, index
  (and their wd... names); OP in ==, !=, CONTAINS, BEGINSWITH, ENDSWITH, LIKE (with `*`/`?` wildcards),
  MATCHES, optional [c] / [cd] modifiers.
- class chain: `/`-separated segments `Type` or `*`, optional `**/` prefix per segment, each with
  optional `[n]` / `[-n]` indices and `` [`predicate`] `` conditions.
- UiSelector: `new UiSelector()` followed by .text .textContains .textStartsWith .textMatches
  .resourceId .resourceIdMatches .description .descriptionContains .descriptionStartsWith
  .className .classNameMatches .clickable .enabled .selected .checked .index .instance.
"""
from __future__ import annotations

import fnmatch
import re
import unicodedata
import xml.etree.ElementTree as ET

from sandbox.simulator.errors import WebDriverError, invalid_selector, refused_by_wda
from sandbox.simulator.xpath import Document, XPathError

IOS_STRATEGIES = ("accessibility id", "id", "name", "xpath", "class name", "-ios predicate string",
                  "-ios class chain")
ANDROID_STRATEGIES = ("accessibility id", "id", "xpath", "class name", "-android uiautomator")

PREDICATE_HELP = ("formes acceptées / supported: name == 'x', label == 'x', value == 'x', type == 'X', "
                  "elementType == 9, hittable == 1, placeholderValue == 'x', label CONTAINS 'x', BEGINSWITH, "
                  "ENDSWITH, LIKE, MATCHES, !=, AND, OR, NOT, parentheses")
CLASS_CHAIN_HELP = "forme acceptée / supported: **/XCUIElementTypeButton[`name == \"x\"`][1]/..."
UIAUTOMATOR_HELP = ("forme acceptée / supported: new UiSelector().text(\"x\") .textContains .resourceId "
                    ".description .className .index .instance ...")


def find(doc: Document, platform: str, using: str, value: str, context: ET.Element | None,
         package: str) -> list[ET.Element]:
    strategies = IOS_STRATEGIES if platform == "ios" else ANDROID_STRATEGIES
    if using not in strategies:
        raise invalid_selector(f"Locator Strategy '{using}' is not supported for this session. "
                               f"Stratégies acceptées / supported: {', '.join(strategies)}")
    if not isinstance(value, str):
        raise WebDriverError("InvalidArgumentError", "'value' must be a string", replace=True)
    scope = doc.descendants(context if context is not None else Document.ROOT)
    if using == "xpath":
        try:
            return doc.select(value, context)
        except XPathError as exc:
            raise invalid_selector(
                f"Invalid XPath expression {value!r}: {exc}. "
                f"Expression XPath invalide (sous-ensemble XPath 1.0 du simulateur, voir APPS.md).") from None
    if platform == "ios":
        if using in ("accessibility id", "id", "name"):
            return [el for el in scope if el.get("name") == value]
        if using == "class name":
            # appium-xcuitest-driver@05ce2be lib/commands/find.ts: "UIA" dropped, "XCUIElementType" prefixed
            name = value[3:] if value.startswith("UIA") else value
            name = name if name.startswith("XCUIElementType") else f"XCUIElementType{name}"
            if name not in IOS_TYPE_CODES:
                raise refused_by_wda(f"'{value}' is not a valid XCUIElementType (class name); e.g. "
                                     f"XCUIElementTypeButton / Button")
            return [el for el in scope if name == "XCUIElementTypeAny" or el.tag == name]
        if using == "-ios predicate string":
            test = parse_predicate(value)
            return [el for el in scope if test(el)]
        return class_chain(value, doc, context)
    if using == "accessibility id":
        return [el for el in scope if el.get("content-desc") == value]
    if using == "id":
        # ElementLocationHelpers.rewriteIdLocator: a locator not of the form package:type/name gets
        # "<appPackage>:id/" in front
        full = value if RESOURCE_ID.match(value) else f"{package}:id/{value}"
        return [el for el in scope if el.get("resource-id") == full]
    if using == "class name":
        return [el for el in scope if el.get("class") == value]
    return uiautomator(value, scope)


# -- NSPredicate subset -------------------------------------------------------
_PRED_TOKEN = re.compile(r"""\s*(?:(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)
    |(?P<op>==|!=|=|&&|\|\||[()])|(?P<word>[A-Za-z_][\w.]*(?:\[[a-z]+\])?))""", re.X)
PRED_ATTRS = {"name": "name", "identifier": "name", "label": "label", "value": "value", "type": "type",
              "elementType": "elementType", "enabled": "enabled", "visible": "visible", "accessible": "accessible",
              "hittable": "hittable", "placeholderValue": "placeholderValue", "traits": "traits", "index": "index",
              "wdName": "name", "wdLabel": "label", "wdValue": "value", "wdType": "type", "wdEnabled": "enabled",
              "wdVisible": "visible", "wdAccessible": "accessible", "wdHittable": "hittable",
              "wdPlaceholderValue": "placeholderValue", "wdTraits": "traits", "wdIndex": "index"}
PRED_OPS = {"==", "=", "!=", "CONTAINS", "BEGINSWITH", "ENDSWITH", "LIKE", "MATCHES"}
BOOLEAN_ATTRS = {"enabled", "visible", "accessible", "hittable"}
# XCUIElementType by its number, as `elementType == 9` compares it
# (WebDriverAgent@c279b4c: WebDriverAgentLib/Utilities/FBElementTypeTransformer.m)
IOS_TYPE_CODES = {f"XCUIElementType{name}": code for code, name in enumerate((
    "Any Other Application Group Window Sheet Drawer Alert Dialog Button RadioButton RadioGroup CheckBox "
    "DisclosureTriangle PopUpButton ComboBox MenuButton ToolbarButton Popover Keyboard Key NavigationBar TabBar "
    "TabGroup Toolbar StatusBar Table TableRow TableColumn Outline OutlineRow Browser CollectionView Slider "
    "PageIndicator ProgressIndicator ActivityIndicator SegmentedControl Picker PickerWheel Switch Toggle Link "
    "Image Icon SearchField ScrollView ScrollBar StaticText TextField SecureTextField DatePicker TextView Menu "
    "MenuItem MenuBar MenuBarItem Map WebView IncrementArrow DecrementArrow Timeline RatingIndicator "
    "ValueIndicator SplitGroup Splitter RelevanceIndicator ColorWell HelpTag Matte DockItem Ruler RulerMarker "
    "Grid LevelIndicator Cell LayoutArea LayoutItem Handle Stepper Tab TouchBar StatusItem").split())}
RESOURCE_ID = re.compile(r"^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+/\S+$")


def _fold(text: str, mods: str) -> str:
    if "c" in mods:
        text = text.lower()
    if "d" in mods:
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return text


def parse_predicate(expr: str):
    tokens, pos = [], 0
    while pos < len(expr.rstrip()):
        m = _PRED_TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise invalid_selector(f"Invalid predicate {expr!r} near {expr[pos:pos + 12]!r}; {PREDICATE_HELP}")
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
    state = {"i": 0}

    def peek():
        return tokens[state["i"]] if state["i"] < len(tokens) else (None, None)

    def take():
        tok = peek()
        state["i"] += 1
        return tok

    def bad(why: str):
        return invalid_selector(f"Invalid predicate {expr!r}: {why}; {PREDICATE_HELP}")

    def is_kw(tok, *words):
        return tok[0] in ("word", "op") and tok[1].upper() in words

    def p_or():
        left = p_and()
        while is_kw(peek(), "OR", "||"):
            take()
            right = p_and()
            left = (lambda a, b: lambda el: a(el) or b(el))(left, right)
        return left

    def p_and():
        left = p_not()
        while is_kw(peek(), "AND", "&&"):
            take()
            right = p_not()
            left = (lambda a, b: lambda el: a(el) and b(el))(left, right)
        return left

    def p_not():
        if is_kw(peek(), "NOT", "!"):
            take()
            inner = p_not()
            return lambda el: not inner(el)
        if peek() == ("op", "("):
            take()
            inner = p_or()
            if take() != ("op", ")"):
                raise bad("missing )")
            return inner
        return p_cmp()

    def p_cmp():
        kind, attr = take()
        if kind != "word" or attr not in PRED_ATTRS:
            raise bad(f"unknown attribute {attr!r}")
        kind, op = take()
        if op is None:
            raise bad("missing operator")
        base, _, mods = op.partition("[")
        if base.upper() not in PRED_OPS:
            raise bad(f"unsupported operator {op!r}")
        base, mods = base.upper(), mods.rstrip("]")
        kind, raw = take()
        if kind == "str":
            val = raw[1:-1].replace("\\'", "'").replace('\\"', '"')
        elif kind == "num":
            val = raw
        elif kind == "word" and raw.upper() in ("TRUE", "YES", "FALSE", "NO"):
            val = "1" if raw.upper() in ("TRUE", "YES") else "0"
        else:
            raise bad(f"expected a value after {op}")
        key = PRED_ATTRS[attr]

        def test(el, key=key, base=base, val=val, mods=mods):
            actual = el.get(key) if key != "elementType" else str(IOS_TYPE_CODES.get(el.tag, ""))
            if key in BOOLEAN_ATTRS and actual is not None:
                actual = "1" if actual == "true" else "0"
                expected = {"true": "1", "false": "0"}.get(val.lower(), val)
            else:
                expected = val
            if actual is None:
                return base == "!="
            a, e = _fold(actual, mods), _fold(expected, mods)
            if base == "MATCHES":
                return re.fullmatch(e, a) is not None
            return {"==": a == e, "=": a == e, "!=": a != e, "CONTAINS": e in a, "BEGINSWITH": a.startswith(e),
                    "ENDSWITH": a.endswith(e), "LIKE": fnmatch.fnmatchcase(a, e)}[base]
        return test

    result = p_or()
    if peek()[0] is not None:
        raise bad(f"unexpected {peek()[1]!r}")
    return result


# -- class chain subset -------------------------------------------------------
_SEGMENT = re.compile(r"(\*\*/)?(\*|XCUIElementType\w+)((?:\[(?:-?\d+|`[^`]*`)\])*)")


def class_chain(chain: str, doc: Document, context: ET.Element | None) -> list[ET.Element]:
    # The chain starts from the application element (or from the element searched from).
    start = context if context is not None else doc.top.find("XCUIElementTypeApplication")
    if start is None:
        start = doc.top
    current, pos = [start], 0
    if not chain:
        raise invalid_selector(f"Empty class chain; {CLASS_CHAIN_HELP}")
    while pos < len(chain):
        m = _SEGMENT.match(chain, pos)
        if not m:
            raise invalid_selector(f"Invalid class chain {chain!r} near {chain[pos:pos + 20]!r}; {CLASS_CHAIN_HELP}")
        deep, typ, conds = m.group(1), m.group(2), m.group(3)
        found: list = []
        for node in current:
            pool = doc.descendants(node) if deep else list(node)
            if typ not in ("*", *IOS_TYPE_CODES):
                raise refused_by_wda(f"Invalid class chain {chain!r}: '{typ}' is not an XCUIElementType; "
                                     f"{CLASS_CHAIN_HELP}")
            pool = [el for el in pool if typ in ("*", "XCUIElementTypeAny") or el.tag == typ]
            for cond in re.findall(r"\[(-?\d+|`[^`]*`)\]", conds):
                if cond.startswith("`"):
                    test = parse_predicate(cond[1:-1])
                    pool = [el for el in pool if test(el)]
                else:
                    n = int(cond)
                    if n == 0:
                        raise invalid_selector("Class chain indices start at 1 (or -1 from the end)")
                    pool = pool[n - 1:n] if n > 0 else pool[n:len(pool) + n + 1]
            found.extend(el for el in pool if el not in found)
        current = sorted(found, key=lambda el: doc.order[el])
        pos = m.end()
        if pos < len(chain):
            if chain[pos] != "/":
                raise invalid_selector(f"Invalid class chain {chain!r}: expected '/' at {pos}; {CLASS_CHAIN_HELP}")
            pos += 1
    return current


# -- UiSelector subset --------------------------------------------------------
_UI_CALL = re.compile(r"""\.(\w+)\(\s*("(?:[^"\\]|\\.)*"|-?\d+|true|false)\s*\)""")
UI_METHODS = {
    "text": ("text", "eq"), "textContains": ("text", "contains"), "textStartsWith": ("text", "startswith"),
    "textMatches": ("text", "matches"), "resourceId": ("resource-id", "eq"),
    "resourceIdMatches": ("resource-id", "matches"), "description": ("content-desc", "eq"),
    "descriptionContains": ("content-desc", "contains"), "descriptionStartsWith": ("content-desc", "startswith"),
    "descriptionMatches": ("content-desc", "matches"), "className": ("class", "eq"),
    "classNameMatches": ("class", "matches"), "clickable": ("clickable", "eq"), "enabled": ("enabled", "eq"),
    "selected": ("selected", "eq"), "checked": ("checked", "eq"), "checkable": ("checkable", "eq"),
    "focusable": ("focusable", "eq"), "scrollable": ("scrollable", "eq"), "index": ("index", "eq"),
    "packageName": ("package", "eq"),
}


def uiautomator(selector: str, scope: list[ET.Element]) -> list[ET.Element]:
    text = selector.strip().rstrip(";").strip()
    if not text.startswith("new UiSelector()"):
        raise invalid_selector(f"Unsupported UiAutomator expression {selector!r}; {UIAUTOMATOR_HELP}")
    rest, conditions, instance = text[len("new UiSelector()"):], [], None
    pos = 0
    while pos < len(rest):
        m = _UI_CALL.match(rest, pos)
        if not m:
            raise invalid_selector(f"Unsupported UiAutomator expression {selector!r} near "
                                   f"{rest[pos:pos + 20]!r}; {UIAUTOMATOR_HELP}")
        method, raw = m.group(1), m.group(2)
        arg = raw[1:-1].replace('\\"', '"') if raw.startswith('"') else raw
        if method == "instance":
            instance = int(arg)
        elif method in UI_METHODS:
            conditions.append((*UI_METHODS[method], arg))
        else:
            raise invalid_selector(f"UiSelector method .{method}() is not supported; {UIAUTOMATOR_HELP}")
        pos = m.end()

    def ok(el) -> bool:
        for attr, how, arg in conditions:
            actual = el.get(attr) or ""
            if how == "eq" and actual != arg:
                return False
            if how == "contains" and arg not in actual:
                return False
            if how == "startswith" and not actual.startswith(arg):
                return False
            if how == "matches" and not re.fullmatch(arg, actual):
                return False
        return True

    found = [el for el in scope if ok(el)]
    if instance is not None:
        found = found[instance:instance + 1]
    return found
