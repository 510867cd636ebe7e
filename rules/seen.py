"""What the customer sees on a page or a screen, as an accessibility tree: roles, names, texts, link targets.

The one shape for every channel is Playwright's ARIA snapshot (YAML: ``- role "name" [attribute]: text``, children
indented, ``/url`` for a link's target). The portal's pages give it directly (``Locator.aria_snapshot()``); the apps'
screens are turned into it from their page source (pages/mobile/screen_copy.py), so an approved copy of an iOS screen
reads like the Android one and like a portal page, and every invariant reads them all the same way.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

KEY = re.compile(r'^(?P<role>[a-z/]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)$')
ATTR = re.compile(r"\[([\w-]+)(?:=([^\]]*))?\]")
CONTROLS = frozenset({"button", "link", "menuitem", "tab", "radio", "checkbox", "option", "switch", "textbox",
                      "combobox"})


@dataclass(eq=False)
class Node:
    role: str
    name: str = ""
    text: str = ""
    url: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_control(self) -> bool:
        return self.role in CONTROLS

    def words(self) -> str:
        """Everything this node and its descendants say, in reading order, on one line."""
        parts = [p for p in (self.name, self.text) if p and not (self.role == "textbox" and p == self.text)]
        parts += [child.words() for child in self.children]
        return " ".join(p for p in parts if p)

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def said_as(self) -> str:
        """The node as a failure message names it: « le bouton « Annuler » »."""
        kind = ROLE_WORDS.get(self.role, f"l'élément {self.role}")
        label = self.name or self.text
        return f"{kind} « {label} »" if label else kind


ROLE_WORDS = {"button": "le bouton", "link": "le lien", "text": "le texte", "paragraph": "le paragraphe",
              "heading": "le titre", "listitem": "la ligne", "row": "la ligne", "cell": "la cellule",
              "status": "le message", "alert": "l'alerte", "alertdialog": "la fenêtre", "dialog": "la fenêtre",
              "tab": "l'onglet", "menuitem": "l'entrée de menu", "radio": "le choix", "option": "l'option",
              "textbox": "le champ", "listitem ": "la ligne"}


@dataclass
class Seen:
    """One page or screen as the customer sees it: `where` names it in French (« la page « Panier » »)."""
    channel: str   # portail | iOS | Android
    where: str
    root: Node
    copy: str      # the ARIA snapshot text it was read from

    def nodes(self) -> Iterator[Node]:
        for child in self.root.children:
            yield from child.walk()

    def text(self) -> str:
        return self.root.words()

    def busy(self) -> bool:
        """Still loading (a progress indicator, aria-busy): what is absent may only not have arrived yet."""
        return any(n.role == "progressbar" or "busy" in n.attrs for n in self.nodes())


def _unescape(name: str) -> str:
    return name.replace('\\"', '"').replace("\\\\", "\\")


def _node(key: str, value, parent: Node) -> Node:
    match = KEY.match(key.strip())
    if match is None:  # a text node written as a bare string
        node = Node("text", text=key, parent=parent)
        parent.children.append(node)
        return node
    node = Node(match["role"], _unescape(match["name"] or ""), parent=parent,
                attrs={m.group(1): m.group(2) or "" for m in ATTR.finditer(match["attrs"] or "")})
    parent.children.append(node)
    if isinstance(value, list):
        _children(value, node)
    elif value is not None:
        node.text = str(value)
    return node


def _children(items: list, parent: Node) -> None:
    for item in items:
        if isinstance(item, str):
            _node(item, None, parent)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "/url":
                    parent.url = str(value)
                elif key.startswith("/"):
                    parent.attrs[key[1:]] = str(value)
                else:
                    _node(key, value, parent)


# libyaml's loader, where PyYAML was built with it, reads the same tree eleven times faster (measured on the approved
# copies): it runs after every step of every scenario.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def parse(copy: str, channel: str, where: str) -> Seen:
    """An ARIA snapshot read as a tree. Every scalar stays a string (YAML's BaseLoader): « 59997 » is no number."""
    root = Node("document")
    loaded = yaml.load(copy, Loader=_LOADER) or []
    _children(loaded if isinstance(loaded, list) else [loaded], root)
    return Seen(channel, where, root, copy)
