"""A small XPath 1.0 evaluator over xml.etree elements (lxml is not in the venv).

Supported (enough for screen objects; anything else is an `invalid selector`):
- absolute and relative location paths: `/a/b`, `//a`, `.//a`, `./a`, `a/b`, `..`, `.`, `*`, `node()`
- axes: child, descendant, descendant-or-self, self, parent, ancestor, ancestor-or-self,
  following-sibling, preceding-sibling (written `axis::test`)
- predicates: `[n]`, `[last()]`, `[position()<n]`, `[@a]`, `[@a='v']`, `[@a!="v"]`, `<`, `>`, `<=`, `>=`,
  `and`, `or`, `not(...)`, `contains()`, `starts-with()`, `ends-with()` (XPath 2, but Appium's
  drivers accept it), `normalize-space()`, `string-length()`, `text()`, nested paths (`[Button[@name='x']]`)
- unions `a | b`
Results come back in document order, without duplicates.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET


class XPathError(ValueError):
    pass


_TOKEN = re.compile(r"""\s*(?:
    (?P<str>'[^']*'|"[^"]*") |
    (?P<num>\d+(?:\.\d+)?) |
    (?P<op>//|::|\.\.|!=|<=|>=|[/\[\]()@,|=<>*.]) |
    (?P<name>[A-Za-z_][\w.\-]*)
)""", re.X)

AXES = {"child", "descendant", "descendant-or-self", "self", "parent", "ancestor", "ancestor-or-self",
        "following-sibling", "preceding-sibling"}
FUNCTIONS = {"contains", "starts-with", "ends-with", "not", "last", "position", "normalize-space",
             "string-length", "text", "true", "false", "string", "count", "boolean", "number"}


def tokenize(expr: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise XPathError(f"unexpected character {expr[pos]!r} at {pos}")
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, expr: str):
        self.tokens = tokenize(expr)
        self.i = 0

    def peek(self, k: int = 0):
        j = self.i + k
        return self.tokens[j] if j < len(self.tokens) else (None, None)

    def take(self, value: str | None = None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise XPathError(f"expected {value or 'a token'}, found {tok[1]!r}")
        self.i += 1
        return tok

    def at(self, *values: str) -> bool:
        kind, val = self.peek()
        return kind in ("op", "name") and val in values

    # -- paths --------------------------------------------------------------
    def parse_top(self):
        node = self.parse_union()
        if self.peek()[0] is not None:
            raise XPathError(f"unexpected {self.peek()[1]!r}")
        if node[0] not in ("union", "path", "filter"):
            raise XPathError("the expression is not a location path")
        return node

    def parse_union(self):
        paths = [self.parse_path()]
        while self.at("|"):
            self.take()
            paths.append(self.parse_path())
        return paths[0] if len(paths) == 1 else ("union", paths)

    def starts_step(self) -> bool:
        kind, val = self.peek()
        if kind == "name":
            return not (self.peek(1)[1] == "(" and val not in ("node", "text"))
        return kind == "op" and val in ("*", ".", "..", "@")

    def parse_path(self):
        steps, absolute = [], False
        if self.at("("):  # filter expression: (path)[n]/more/steps
            self.take()
            inner = self.parse_union()
            self.take(")")
            preds = []
            while self.at("["):
                self.take()
                preds.append(self.parse_or())
                self.take("]")
            while self.at("/", "//"):
                if self.take()[1] == "//":
                    steps.append(("descendant-or-self", "node()", []))
                steps.append(self.parse_step())
            return ("filter", inner, preds, steps)
        if self.at("/"):
            self.take()
            absolute = True
            if not self.starts_step():
                return ("path", True, [])
        elif self.at("//"):
            self.take()
            absolute = True
            steps.append(("descendant-or-self", "node()", []))
        steps.append(self.parse_step())
        while self.at("/", "//"):
            if self.take()[1] == "//":
                steps.append(("descendant-or-self", "node()", []))
            steps.append(self.parse_step())
        return ("path", absolute, steps)

    def parse_step(self):
        if self.at("."):
            self.take()
            return ("self", "node()", [])
        if self.at(".."):
            self.take()
            return ("parent", "node()", [])
        if self.at("@"):
            raise XPathError("attribute steps (…/@attr) select attributes, not elements")
        axis = "child"
        kind, val = self.peek()
        if kind == "name" and self.peek(1)[1] == "::":
            if val not in AXES:
                raise XPathError(f"unsupported axis {val!r}")
            axis = val
            self.take()
            self.take("::")
        kind, val = self.peek()
        if kind == "op" and val == "*":
            self.take()
            test = "*"
        elif kind == "name":
            self.take()
            test = val
            if val in ("node", "text") and self.at("("):
                self.take("(")
                self.take(")")
                test = val + "()"
        else:
            raise XPathError(f"expected an element name, found {val!r}")
        preds = []
        while self.at("["):
            self.take()
            preds.append(self.parse_or())
            self.take("]")
        return (axis, test, preds)

    # -- predicate expressions ---------------------------------------------
    def parse_or(self):
        left = self.parse_and()
        while self.at("or"):
            self.take()
            left = ("or", left, self.parse_and())
        return left

    def parse_and(self):
        left = self.parse_cmp()
        while self.at("and"):
            self.take()
            left = ("and", left, self.parse_cmp())
        return left

    def parse_cmp(self):
        left = self.parse_primary()
        if self.at("=", "!=", "<", ">", "<=", ">="):
            op = self.take()[1]
            return ("cmp", op, left, self.parse_primary())
        return left

    def parse_primary(self):
        kind, val = self.peek()
        if kind == "str":
            self.take()
            return ("lit", val[1:-1])
        if kind == "num":
            self.take()
            return ("lit", float(val))
        if self.at("("):
            self.take()
            inner = self.parse_or()
            self.take(")")
            return inner
        if self.at("@"):
            self.take()
            k, name = self.peek()
            if k != "name" and name != "*":
                raise XPathError("expected an attribute name after @")
            self.take()
            return ("attr", name)
        if kind == "name" and self.peek(1)[1] == "(" and val not in ("node",):
            if val not in FUNCTIONS:
                raise XPathError(f"unsupported function {val}()")
            self.take()
            self.take("(")
            args = []
            if not self.at(")"):
                args.append(self.parse_or())
                while self.at(","):
                    self.take()
                    args.append(self.parse_or())
            self.take(")")
            return ("fn", val, args)
        if self.starts_step() or self.at("/", "//"):
            return self.parse_union()
        raise XPathError(f"unexpected {val!r} in predicate")


class Document:
    """An ElementTree root plus the indexes XPath needs (parents, document order)."""

    ROOT = object()  # the document node, parent of the top element

    def __init__(self, top: ET.Element):
        self.top = top
        self.parent: dict = {top: self.ROOT}
        self.order: dict = {self.ROOT: -1}
        for i, el in enumerate(top.iter()):
            self.order[el] = i
            for child in el:
                self.parent[child] = el

    def children(self, node) -> list:
        return [self.top] if node is self.ROOT else list(node)

    def descendants(self, node) -> list:
        out = []
        for child in self.children(node):
            out.append(child)
            out.extend(self.descendants(child))
        return out

    def ancestors(self, node) -> list:
        out = []
        while node is not self.ROOT:
            node = self.parent[node]
            out.append(node)
        return out

    def axis(self, node, axis: str) -> list:
        if axis == "child":
            return self.children(node)
        if axis == "descendant":
            return self.descendants(node)
        if axis == "descendant-or-self":
            return [node] + self.descendants(node)
        if axis == "self":
            return [node]
        if axis == "parent":
            return [] if node is self.ROOT else [self.parent[node]]
        if axis == "ancestor":
            return self.ancestors(node)
        if axis == "ancestor-or-self":
            return [node] + self.ancestors(node)
        if node is self.ROOT:
            return []
        siblings = self.children(self.parent[node])
        idx = next(i for i, s in enumerate(siblings) if s is node)
        if axis == "following-sibling":
            return siblings[idx + 1:]
        if axis == "preceding-sibling":
            return list(reversed(siblings[:idx]))
        raise XPathError(f"unsupported axis {axis}")

    # -- evaluation -----------------------------------------------------------
    def select(self, expr: str, context=None) -> list[ET.Element]:
        try:
            ast = _Parser(expr).parse_top()
        except XPathError:
            raise
        except Exception as exc:  # anything odd in the parser is a bad selector too
            raise XPathError(str(exc)) from None
        nodes = self._eval_path(ast, self.ROOT if context is None else context)
        return [n for n in nodes if n is not self.ROOT]

    def _eval_path(self, ast, context) -> list:
        if ast[0] == "union":
            seen = {}
            for sub in ast[1]:
                for n in self._eval_path(sub, context):
                    seen[id(n)] = n
            return sorted(seen.values(), key=lambda n: self.order[n])
        if ast[0] == "filter":
            _, inner, filter_preds, steps = ast
            current = self._eval_path(inner, context)
            for pred in filter_preds:
                size = len(current)
                current = [n for pos, n in enumerate(current, 1) if self._pred(pred, n, pos, size)]
        else:
            _, absolute, steps = ast
            current = [self.ROOT if absolute else context]
        for axis, test, preds in steps:
            found: dict[int, object] = {}
            for node in current:
                candidates = [n for n in self.axis(node, axis) if self._test(n, test)]
                for pred in preds:
                    size = len(candidates)
                    candidates = [n for pos, n in enumerate(candidates, 1)
                                  if self._pred(pred, n, pos, size)]
                for n in candidates:
                    found[id(n)] = n
            current = sorted(found.values(), key=lambda n: self.order[n])
        return current

    def _test(self, node, test: str) -> bool:
        if test == "node()":
            return True
        if node is self.ROOT or test == "text()":
            return False
        return test == "*" or node.tag == test

    def _pred(self, pred, node, pos: int, size: int) -> bool:
        value = self._value(pred, node, pos, size)
        if isinstance(value, float) and not isinstance(value, bool):
            return pos == value
        return _boolean(value)

    def _value(self, expr, node, pos, size):
        kind = expr[0]
        if kind == "lit":
            return expr[1]
        if kind == "attr":
            return None if node is self.ROOT else node.get(expr[1])
        if kind in ("path", "union", "filter"):
            return self._eval_path(expr, node)
        if kind == "and":
            return _boolean(self._value(expr[1], node, pos, size)) and _boolean(self._value(expr[2], node, pos, size))
        if kind == "or":
            return _boolean(self._value(expr[1], node, pos, size)) or _boolean(self._value(expr[2], node, pos, size))
        if kind == "cmp":
            return _compare(expr[1], self._value(expr[2], node, pos, size), self._value(expr[3], node, pos, size))
        if kind == "fn":
            name, args = expr[1], [self._value(a, node, pos, size) for a in expr[2]]
            if name == "last":
                return float(size)
            if name == "position":
                return float(pos)
            if name == "not":
                return not _boolean(args[0])
            if name == "true":
                return True
            if name == "false":
                return False
            if name == "boolean":
                return _boolean(args[0])
            if name == "count":
                return float(len(args[0])) if isinstance(args[0], list) else 0.0
            if name == "text":
                return (node.text or "") if node is not self.ROOT else ""
            strs = [_string(a) for a in args] or [_string(node.text if node is not self.ROOT else "")]
            if name == "string":
                return strs[0]
            if name == "number":
                try:
                    return float(strs[0])
                except ValueError:
                    return float("nan")
            if name == "normalize-space":
                return " ".join(strs[0].split())
            if name == "string-length":
                return float(len(strs[0]))
            if len(strs) != 2:
                raise XPathError(f"{name}() takes two arguments")
            if name == "contains":
                return strs[1] in strs[0]
            if name == "starts-with":
                return strs[0].startswith(strs[1])
            if name == "ends-with":
                return strs[0].endswith(strs[1])
        raise XPathError(f"cannot evaluate {kind}")


def _string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return (value[0].text or "") if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def _boolean(value) -> bool:
    if isinstance(value, list):
        return bool(value)
    if value is None:
        return False
    return bool(value)


def _compare(op: str, left, right) -> bool:
    if left is None or right is None or left == [] or right == []:
        return False  # an empty node-set compares false with anything
    if isinstance(left, list) or isinstance(right, list):
        left, right = _string(left), _string(right)
    if isinstance(left, float) or isinstance(right, float) or op in ("<", ">", "<=", ">="):
        try:
            left, right = float(left), float(right)
        except (TypeError, ValueError):
            return False
    elif isinstance(left, bool) or isinstance(right, bool):
        left, right = _boolean(left), _boolean(right)
    return {"=": left == right, "!=": left != right, "<": left < right, ">": left > right,
            "<=": left <= right, ">=": left >= right}[op]
