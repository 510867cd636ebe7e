"""The article's « always / never » rules, each written once over what the customer sees (rules.seen), and checked
on every page and screen every scenario shows, on every channel, after every step (fixtures/watch.py).

A check of a step reads the one sentence it names; an invariant reads the whole page: a refund offered on a page no
step reads, a price without its unit, an Apple notice on a web subscription, a link whose text names one party and
whose target another, a buy button beside an active subscription, a date that does not fit the pack.

Each invariant answers, for one page or screen, the elements that break it (empty: it holds). It only speaks where
its subject is on the page (a page without a subscription panel says nothing about the buy button): the watch counts,
per rule, the pages and screens where it applied.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rules import catalogue
from rules.seen import Node, Seen

# -- words ---------------------------------------------------------------------------------------------------------
# Verbs and nouns that offer to end or pay back a subscription (annuler, annulation, rembourser, remboursement,
# résilier, résiliation, se désabonner, désabonnement, mettre fin, arrêter l'abonnement).
CANCEL_OR_REFUND = re.compile(r"annul|rembours|r[ée]sili|d[ée]sabonn|mettre fin|arr[êe]ter (?:mon |l')abonnement",
                              re.I)
NEGATION = re.compile(r"(?<!\w)(?:ne|n'|ni|pas|jamais|aucun|aucune|non|impossible|interdit|exclu)(?!\w)", re.I)
# A title names a topic (« Remboursement et annulation »); it offers something only with a verb.
OFFER_VERB = re.compile(r"annul(?:er|ez)|rembours(?:er|ez)|r[ée]sili(?:er|ez)|d[ée]sabonn(?:er|ez)|"
                        r"(?:demande[rz]?|obten(?:ir|ez)) (?:un |le |une |l')?(?:rembours|annul)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# The systems' own dialogs that stop a payment in progress: the App Store's sheet and the bank's challenge. Their
# « Annuler » abandons a purchase not yet made; it never ends a subscription.
PAYMENT_IN_PROGRESS = re.compile(r"App Store|cadre de paiement|3-D Secure", re.I)

# An amount as the customer could read it, right or wrong: « 19,99 € », « 19,99 » (no unit), « 19.99 € », « € 19,99 »,
# « 19,99 EUR ». A number with a dot and no euro (a version, « 14.5 ») is no amount.
AMOUNT = re.compile(r"(?<![\w,.])\d[\d \u00a0\u202f]*,\d{2}(?!\d)(?:[ \u00a0\u202f]?€)?|"
                    r"(?<![\w,.])\d+\.\d{2}[ \u00a0\u202f]?€|€\s?\d+(?:[.,]\d+)?|"
                    r"\d+(?:[.,]\d{2})?\s?(?:EUR|euros?)(?!\w)")
FRENCH_AMOUNT = re.compile(r"^\d{1,3}(?:[\u00a0\u202f ]\d{3})*,\d{2}[\u00a0\u202f ]€$")
NOTHING_CHARGED = 0
ENDS_ON = re.compile(r"jusqu'au\s+(?:\S+\s+)?(\d{2})/(\d{2})/(\d{4})", re.I)
ACTIVE = re.compile(r"Abonnement actif", re.I)
NONE_ACTIVE = re.compile(r"Aucun abonnement actif", re.I)
BOUGHT_ON = re.compile(r"[Aa]chet[ée] sur\s*:?\s*(?:l')?(App Store|Site web|le site web)", re.I)
BUY = re.compile(r"^acheter l'abonnement$", re.I)  # Android may show it in capitals (textAllCaps)
APPLE_NOTICE = re.compile(r"Parallels ne peut pas traiter", re.I)


@dataclass(frozen=True)
class Violation:
    rule: str
    fact: str          # what the customer sees, in French, naming the element
    element: str = ""  # the element as seen (its words)


@dataclass(frozen=True)
class Context:
    """What an invariant may know besides the page: the account's day (test clock included) and, when the run
    created the account, the first day a subscription period of this scenario may have begun."""
    today: dt.date
    periods_from: dt.date | None = None


@dataclass(frozen=True)
class Invariant:
    rules: tuple[str, ...]
    says: str  # the rule as the report's list of watches says it
    check: Callable[[Seen, Context], Iterator[Violation] | None]
    applies: Callable[[Seen], bool]


def cents(amount: str) -> int:
    return int(re.sub(r"\D", "", amount) or 0)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def _in_payment_in_progress(node: Node) -> bool:
    return any(a.role in ("dialog", "alertdialog", "iframe") and PAYMENT_IN_PROGRESS.search(a.name or a.words())
               for a in node.ancestors())


def _leaf_texts(seen: Seen) -> Iterator[tuple[Node, str]]:
    for node in seen.nodes():
        for said in (node.name, node.text):
            if said:
                yield node, said


# -- R05: no way to cancel or to get a refund -------------------------------------------------------------------
def no_cancel_or_refund(seen: Seen, context: Context) -> Iterator[Violation]:
    stops_a_payment = bool(PAYMENT_IN_PROGRESS.search(seen.where))  # the bank's frame, the App Store's sheet
    for node in seen.nodes():
        label = node.name or (node.text if node.is_control else "")
        if (node.is_control and label and CANCEL_OR_REFUND.search(label) and not stops_a_payment
                and not _in_payment_in_progress(node)):
            yield Violation("R05", f"{seen.where} offre {node.said_as()}, qui annulerait ou rembourserait "
                                   "l'abonnement", label)
    for node, said in _leaf_texts(seen):
        if node.is_control:
            continue
        offers = OFFER_VERB if node.role == "heading" else CANCEL_OR_REFUND
        for sentence in sentences(said):
            if offers.search(sentence) and not NEGATION.search(sentence):
                yield Violation("R05", f"{seen.where} propose d'annuler ou de rembourser l'abonnement : "
                                       f"« {sentence.strip()} »", sentence.strip())


# -- R06, R07, R18: App Store questions to Apple, web orders to Cleverbridge -------------------------------------
def _parties(text: str) -> set[str]:
    return {p.name for p in catalogue.PARTIES if p.words.search(text)}


def links_name_their_party(seen: Seen, context: Context) -> Iterator[Violation]:
    for node in seen.nodes():
        if node.role != "link":
            continue
        label = node.name or node.text
        by_name = _parties(label)
        target = node.url or (label if label.startswith("http") else "")
        by_target = {p.name for p in catalogue.PARTIES if target and p.link_target.search(target)}
        if target and by_name != by_target and (by_name or by_target):
            yield Violation(_party_rule(by_name or by_target),
                            f"{seen.where} : le lien « {label} » mène à {target or 'une autre adresse'}, qui n'est pas "
                            f"celle de {', '.join(sorted(by_name)) or 'la partie qu’il nomme'}", label)
        beside = " ".join(s.words() for s in (node.parent.children if node.parent else []) if s is not node)
        others = _parties(beside) - (by_name or by_target)
        party = by_name or by_target
        if party and others:
            yield Violation(_party_rule(party), f"{seen.where} : le texte à côté du lien « {label} » parle de "
                            f"{', '.join(sorted(others))}, le lien de {', '.join(sorted(party))}", beside.strip())


def _party_rule(parties: set[str]) -> str:
    return "R06" if "Apple" in parties else "R18"


def _bought_on(seen: Seen) -> str | None:
    match = BOUGHT_ON.search(seen.text())
    if match is None:
        return None
    return "app_store" if "app store" in match.group(1).lower() else "web"


def apple_notice_matches_source(seen: Seen, context: Context) -> Iterator[Violation]:
    source = _bought_on(seen)
    notice = next((n for n, said in _leaf_texts(seen) if APPLE_NOTICE.search(said)), None)
    apple_links = [n for n in seen.nodes() if n.role == "link" and catalogue.APPLE.link_target.search(n.url or "")]
    if source == "web" and (notice is not None or apple_links):
        yield Violation("R07", f"{seen.where} renvoie vers Apple un abonnement acheté sur le site web",
                        (notice.words() if notice else apple_links[0].name))
    if source == "app_store" and seen.channel == "portail" and (notice is None or not apple_links) and not seen.busy():
        yield Violation("R07", f"{seen.where} montre un abonnement acheté sur l'App Store sans dire que Parallels ne "
                               "peut pas le rembourser ni renvoyer vers le service client d'Apple")


# -- R15: the buy button if and only if no subscription is active -------------------------------------------------
def _buy_buttons(seen: Seen) -> list[Node]:
    return [n for n in seen.nodes() if n.role == "button" and BUY.match((n.name or n.text).strip())
            and not any(a.role in ("dialog", "alertdialog") for a in n.ancestors())]


def buy_button_iff_no_subscription(seen: Seen, context: Context) -> Iterator[Violation]:
    text = seen.text()
    buttons = _buy_buttons(seen)
    if NONE_ACTIVE.search(text) and not buttons and not seen.busy():  # a loading screen: the button may come
        yield Violation("R15", f"{seen.where} dit qu'aucun abonnement n'est actif mais n'offre pas le bouton "
                               "« Acheter l'abonnement »")
    elif ACTIVE.search(text.replace("Aucun abonnement actif", "")) and buttons:
        yield Violation("R15", f"{seen.where} offre le bouton « Acheter l'abonnement » alors qu'un abonnement est "
                               "actif", buttons[0].name or buttons[0].text)


# -- R16: every amount is the price of the pack it names, in French; dates fit the pack --------------------------
def _lines(seen: Seen) -> Iterator[Node]:
    """The smallest units a customer reads as one line: a row, an item, a paragraph, a text."""
    for node in seen.nodes():
        if node.role in ("row", "listitem", "paragraph", "status", "text", "definition", "cell", "heading",
                         "radio", "button") and not any(c.role in ("row", "listitem", "paragraph") for c in
                                                        node.children):
            yield node


def _page_pack(seen: Seen) -> catalogue.Pack | None:
    main = next((n for n in seen.nodes() if n.role == "main"), seen.root)
    return catalogue.pack_named(main.words())


def amounts_are_pack_prices(seen: Seen, context: Context) -> Iterator[Violation]:
    page_pack = _page_pack(seen)
    for line in _lines(seen):
        words = line.words()
        found = AMOUNT.findall(words)
        if not found:
            continue
        for amount in found:
            if not FRENCH_AMOUNT.match(amount.strip()):
                yield Violation("R16", f"{seen.where} écrit un montant hors du format français (« 19,99 € ») : "
                                       f"« {amount.strip()} »", words)
        pack = catalogue.pack_named(words) or (page_pack if line.role != "radio" else None)
        if pack is None:
            continue
        for amount in found:
            value = cents(amount)
            if value not in (pack.cents, NOTHING_CHARGED):
                yield Violation("R16", f"{seen.where} affiche {amount.strip()} pour le pack {pack.label}, dont le prix "
                                       f"est {pack.cents // 100},{pack.cents % 100:02d} €", words)
    chosen = [n for n in seen.nodes() if n.role == "radio" and "checked" in n.attrs and catalogue.pack_named(n.name)]
    for total in (n for n in seen.nodes() if n.role == "status" and AMOUNT.search(n.words())):
        if len(chosen) == 1:
            pack = catalogue.pack_named(chosen[0].name)
            if cents(AMOUNT.search(total.words()).group()) != pack.cents:
                yield Violation("R16", f"{seen.where} : le total {total.words()} ne correspond pas au pack choisi "
                                       f"« {pack.label} »", total.words())


def end_dates_fit_the_pack(seen: Seen, context: Context) -> Iterator[Violation]:
    page_pack = _page_pack(seen)
    for line in _lines(seen):
        words = line.words()
        match = ENDS_ON.search(words)
        if match is None:
            continue
        day, month, year = (int(g) for g in match.groups())
        try:
            ends = dt.date(year, month, day)
        except ValueError:
            yield Violation("R16", f"{seen.where} affiche une date qui n'existe pas : {match.group(0)}", words)
            continue
        pack = catalogue.pack_named(words) or page_pack
        if pack is None:
            continue
        began = catalogue.add_months(ends, -pack.months)
        slack = dt.timedelta(days=1)
        late = began > context.today + slack
        early = context.periods_from is not None and began < context.periods_from - slack
        if late or early or ends <= context.today - slack:
            yield Violation("R16", f"{seen.where} : « {match.group(0)} » ne correspond pas à un abonnement "
                                   f"{pack.label} en cours (aujourd'hui pour le compte : {context.today:%d/%m/%Y})",
                            words)


def _says(pattern: re.Pattern) -> Callable[[Seen], bool]:
    return lambda seen: bool(pattern.search(seen.text()))


INVARIANTS = (
    Invariant(("R05",), "aucune commande, aucun lien ni aucune phrase n'offre d'annuler ou de rembourser",
              no_cancel_or_refund, lambda seen: True),
    Invariant(("R06", "R18"), "un lien nomme la partie où il mène (Apple, Cleverbridge), et le texte à côté aussi",
              links_name_their_party, lambda seen: any(n.role == "link" for n in seen.nodes())),
    Invariant(("R07",), "l'avis App Store (Parallels ne peut pas rembourser, contacter Apple) pour un abonnement App "
                     "Store, jamais pour un abonnement acheté sur le site web", apple_notice_matches_source,
              lambda seen: _bought_on(seen) is not None),
    Invariant(("R15",), "le bouton « Acheter l'abonnement » si et seulement si aucun abonnement n'est actif",
              buy_button_iff_no_subscription, _says(re.compile(r"abonnement actif", re.I))),
    Invariant(("R16",), "chaque montant est le prix du pack qu'il nomme, au format français (19,99 €)",
              amounts_are_pack_prices, _says(AMOUNT)),
    Invariant(("R16",), "la date de fin d'un abonnement correspond à son pack et à son achat",
              end_dates_fit_the_pack, _says(ENDS_ON)),
)


def watch(seen: Seen, context: Context) -> tuple[list[Violation], list[str]]:
    """The violations on one page or screen, and the rules watched there (those whose subject it shows)."""
    violations, watched = [], []
    for invariant in INVARIANTS:
        if not invariant.applies(seen):
            continue
        watched.extend(invariant.rules)
        violations.extend(invariant.check(seen, context) or ())
    return violations, sorted(set(watched))
