"""Models of the apps on a simulated device, driven by the shared store.

One `Device` per Appium session: installed apps with their state (Appium app states 0..4), the
foreground app, and per app a runtime (screen, history, form values). A screen is a small builder
returning a `Screen` of nodes; a tap runs the node's action. Screens read the store every time they
are rendered, so a subscription bought on another channel shows on the next command.
See APPS.md for the screens, their elements and transitions.
"""
from __future__ import annotations

import datetime as dt
import re
import shlex
import time
from dataclasses import dataclass, field
from urllib.parse import quote

from sandbox.config import SandboxConfig
from sandbox.simulator.errors import WebDriverError
from sandbox.simulator.ui import Alert, Node, Profile, Screen
from sandbox.store import PACKS, Store, StoreError

IOS_APP = "com.parallels.access"
ANDROID_APP = "com.parallels.client"
CHROME = "com.android.chrome"
SPRINGBOARD = "com.apple.springboard"
LAUNCHER = "com.google.android.apps.nexuslauncher"

# Appium's app states (mobile: queryAppState)
NOT_INSTALLED, NOT_RUNNING, BACKGROUND_SUSPENDED, BACKGROUND, FOREGROUND = 0, 1, 2, 3, 4

IOS_PACKS = {"1m": ("Mensuel", "par mois"), "1y": ("Annuel", "par an")}
WRONG_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."
MISSING_CREDENTIALS = "Saisissez votre adresse e-mail et votre mot de passe."
APPLE_SUPPORT_URL = "https://www.apple.com/fr/support/contact/"
# Progressive loading: how long after a screen is shown each part of its data arrives (ms, times the sandbox's
# `loading_scale` or the session's `pa:loadingScale`). A real app shows its title at once, then loads the
# computers and the subscription from the network (two requests: they arrive apart), the App Store's prices
# from StoreKit (`Product.products(for:)`). While a part is loading an activity indicator (`loadingIndicator`)
# stands in for it; once every part has arrived the screen exposes its loaded signal (`<screen>Loaded`,
# APPS.md). Screens without data (sign-in, help, confirmation) are whole at once.
LOADING_MS = {
    "ios": {"computers": {"list": 150, "subscription": 300}, "packs": {"prices": 200},
            "purchased": {"transaction": 250}},  # StoreKit's final alert, once the transaction has gone through
    "android": {"computers": {"list": 200, "subscription": 350}},
}


def euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} \u20ac"


def pack_price(pack: str) -> str:
    return f"{euros(PACKS[pack][2])} {IOS_PACKS[pack][1]}"


@dataclass
class AppRuntime:
    app_id: str
    state: int = NOT_RUNNING
    screen: str = ""
    stack: list[str] = field(default_factory=list)
    form: dict[str, str] = field(default_factory=dict)
    error: str = ""
    pending_pack: str | None = None
    storekit: str = ""  # iOS purchase in progress: "sheet", "confirm" (sign-in / side button), "done" (final alert)
    account_id: int | None = None
    url: str = ""
    scroll: int = 0  # how far the current screen's content is scrolled (window units)
    shown_at: dict[str, float] = field(default_factory=dict)  # screen -> when it was (re)loaded (monotonic)
    keyboard: str = ""  # iOS: the field with the keyboard focus (the keyboard is up while set)


class AppModel:
    app_id = ""
    name = ""
    start_screen = ""
    screens: dict[str, str] = {}      # screen name -> builder method name
    actions: dict[str, str] = {}      # action name -> handler method name

    def __init__(self, device: "Device"):
        self.device = device

    def launch(self, rt: AppRuntime) -> None:
        rt.screen, rt.stack, rt.form, rt.error, rt.pending_pack, rt.scroll = self.start_screen, [], {}, "", None, 0
        rt.shown_at, rt.keyboard, rt.storekit = {}, "", ""

    def screen(self, rt: AppRuntime) -> Screen:
        return getattr(self, self.screens[rt.screen])(rt)

    def act(self, rt: AppRuntime, action: str) -> None:
        handler = self.actions.get(action)
        if handler is None:
            raise WebDriverError("UnknownError", f"no handler for action {action!r}", replace=True)
        getattr(self, handler)(rt)

    def back(self, rt: AppRuntime) -> None:
        if rt.stack:  # the screen below was loaded already: it comes back as it was
            self.device.go(rt, rt.stack.pop(), push=False, reload=False)


class ParallelsApp(AppModel):
    """What the iOS and Android Parallels Access apps share: sign-in and computers."""
    start_screen = "signin"
    mutations_prefix = ""

    @property
    def store(self) -> Store:
        return self.device.store

    def launch(self, rt: AppRuntime) -> None:
        super().launch(rt)
        if rt.account_id is not None and self.store.account(rt.account_id) is None:
            rt.account_id = None
        rt.screen = "computers" if rt.account_id is not None else "signin"

    def mutation(self, name: str) -> bool:
        return name in self.device.config.mutations

    # -- sign-in -------------------------------------------------------------
    def signin_screen(self, rt: AppRuntime) -> Screen:
        body = [
            # the app's artwork above the form: on a phone the form ends in the lower half, under the keyboard
            Node("image", "parallelsLogo", "Parallels Access"),
            Node("text", "signInIntro", "Connectez-vous avec votre compte Parallels."),
            Node("field", "emailField", "Adresse e-mail", value=rt.form.get("emailField", ""), action="focus"),
            Node("secure", "passwordField", "Mot de passe", value=rt.form.get("passwordField", ""),
                 action="focus"),
            Node("button", "signInButton", "Se connecter", action="sign_in"),
        ]
        if rt.error:
            body.append(Node("text", "signInError", rt.error))
        return Screen(self.name, self.app_id, "Connexion", "signInTitle", body)

    def sign_in(self, rt: AppRuntime) -> None:
        email, password = rt.form.get("emailField", ""), rt.form.get("passwordField", "")
        if not email or not password:
            rt.error = MISSING_CREDENTIALS
            return
        account_id = self.store.authenticate(email, password)
        if account_id is None:
            rt.error = WRONG_CREDENTIALS
            return
        rt.account_id, rt.error, rt.form = account_id, "", {}
        self.device.go(rt, "computers", push=False)

    def sign_out(self, rt: AppRuntime) -> None:
        rt.account_id = None
        rt.stack = []
        self.device.go(rt, "signin", push=False)

    def focus(self, rt: AppRuntime) -> None:
        pass

    def keyboard_return(self, rt: AppRuntime) -> None:
        """The return key: « suivant » on the e-mail field moves to the password, « OK » on the password
        field hides the keyboard (the app resigns the first responder: APPS.md)."""
        rt.keyboard = "passwordField" if rt.keyboard == "emailField" else ""

    # -- computers -----------------------------------------------------------
    def computers_body(self, rt: AppRuntime) -> list[Node]:
        account_id = rt.account_id
        body: list[Node] = []
        if not self.device.loaded(rt, "list", "subscription"):
            body.append(self.device.spinner())
        if not self.device.loaded(rt, "list"):
            return body
        cells = [Node("cell", "computerCell", c["name"], action="open_computer", region="side",
                      children=[Node("text", "computerName", c["name"]), Node("text", "computerOs", c["os"])])
                 for c in self.store.computers(account_id)]
        if cells:
            body.append(Node("table", "computersList", region="side", children=cells))
        else:
            body.append(Node("text", "noComputers", "Aucun ordinateur n'est encore associé à ce compte.",
                             region="side"))
        if not self.device.loaded(rt, "subscription"):
            return body
        sub = self.store.active_subscription(account_id)
        if sub is not None:
            body.append(Node("text", "subscriptionStatus",
                             f"Abonnement actif : {sub.pack_label}, acheté sur {sub.source_label}, "
                             f"valable jusqu'au {sub.ends_at.astimezone(dt.timezone.utc):%d/%m/%Y}."))
        else:
            body.append(Node("text", "subscriptionStatus", "Aucun abonnement actif."))
        if sub is None or self.mutation(f"{self.mutations_prefix}button_despite_subscription"):
            body.append(Node("button", "buySubscriptionButton", "Acheter l'abonnement", action="buy"))
        return body

    def open_computer(self, rt: AppRuntime) -> None:
        pass  # remote access itself is out of scope


class IOSParallelsApp(ParallelsApp):
    app_id = IOS_APP
    name = "Parallels Access"
    mutations_prefix = "ios_"
    screens = {"signin": "signin_screen", "computers": "computers_screen", "packs": "packs_screen",
               "purchased": "purchased_screen", "help": "help_screen"}
    actions = {"sign_in": "sign_in", "sign_out": "sign_out", "focus": "focus", "buy": "open_packs",
               "open_computer": "open_computer", "help": "open_help", "back": "back",
               "choose_1m": "choose_1m", "choose_1y": "choose_1y", "sheet_subscribe": "sheet_subscribe",
               "sheet_cancel": "sheet_cancel", "continue": "finish_purchase", "sheet_confirm": "sheet_confirm",
               "storekit_ok": "storekit_ok"}

    def computers_screen(self, rt: AppRuntime) -> Screen:
        body = self.computers_body(rt)
        body.append(Node("button", "helpButton", "Aide", action="help"))
        body.append(Node("button", "signOutButton", "Se déconnecter", action="sign_out"))
        return Screen(self.name, self.app_id, "Ordinateurs", "computersTitle", body,
                      loaded_id=self.device.loaded_id(rt, "computersLoaded"))

    def open_packs(self, rt: AppRuntime) -> None:
        rt.error = ""
        self.device.go(rt, "packs")

    def open_help(self, rt: AppRuntime) -> None:
        self.device.go(rt, "help")

    def packs_screen(self, rt: AppRuntime) -> Screen:
        intro = ("Choisissez votre formule :" if self.mutation("ios_packs_intro_changed") else
                 "Choisissez la formule de renouvellement de votre abonnement :")
        body = [Node("text", "packsIntro", intro)]
        if not self.device.loaded(rt, "prices"):
            body.append(self.device.spinner())
        for pack, ident in (("1m", "packMonthly"), ("1y", "packYearly")) if self.device.loaded(rt, "prices") else ():
            body.append(Node("button", f"{ident}Button", IOS_PACKS[pack][0], action=f"choose_{pack}"))
            body.append(Node("text", f"{ident}Price", pack_price(pack)))
        if rt.error:
            body.append(Node("text", "purchaseError", rt.error))
        body.append(Node("button", "backButton", "Retour", action="back"))
        alert = None
        # StoreKit's purchase, presented by the system outside the app (Cancel on the left, the action on the
        # right), in the steps of Apple's sandbox (developer.apple.com/documentation/storekit/in-app_purchase/
        # testing_in-app_purchase_transactions: the App Store asks to sign in, the prompt says
        # « [Environment: Sandbox] »): the purchase sheet, the confirmation, then a final alert (purchased_screen).
        if rt.pending_pack and rt.storekit == "sheet":
            label = IOS_PACKS[rt.pending_pack][0]
            alert = Alert("App Store",
                          f"Parallels Access : abonnement {label}, {pack_price(rt.pending_pack)}. "
                          f"Le paiement est effectué par l'App Store.",
                          [("Annuler", "sheet_cancel"), ("S'abonner", "sheet_subscribe")], system=True)
        elif rt.pending_pack and rt.storekit == "confirm":
            alert = Alert("Identifiant Apple", "Confirmez l'achat avec le mot de passe de votre identifiant Apple. "
                          "[Environment: Sandbox]",
                          [("Annuler", "sheet_cancel"), ("Se connecter", "sheet_confirm")], system=True)
        return Screen(self.name, self.app_id, "Abonnement", "packsTitle", body, alert,
                      loaded_id=self.device.loaded_id(rt, "packsLoaded"))

    def choose_1m(self, rt: AppRuntime) -> None:
        rt.pending_pack, rt.error, rt.storekit = "1m", "", "sheet"

    def choose_1y(self, rt: AppRuntime) -> None:
        rt.pending_pack, rt.error, rt.storekit = "1y", "", "sheet"

    def sheet_subscribe(self, rt: AppRuntime) -> None:
        rt.storekit = "confirm"

    def sheet_confirm(self, rt: AppRuntime) -> None:
        pack, rt.pending_pack, rt.storekit = rt.pending_pack, None, ""
        try:
            self.store.buy_in_app_store(rt.account_id, pack)
        except StoreError as exc:
            rt.error = str(exc)
            return
        rt.storekit = "done"
        self.device.go(rt, "purchased", push=False)

    def storekit_ok(self, rt: AppRuntime) -> None:
        rt.storekit = ""

    def sheet_cancel(self, rt: AppRuntime) -> None:
        pack, rt.pending_pack, step, rt.storekit = rt.pending_pack, None, rt.storekit, ""
        if self.mutation("ios_sheet_cancel_buys") and step == "sheet":
            try:
                self.store.buy_in_app_store(rt.account_id, pack)
            except StoreError:
                pass

    def purchased_screen(self, rt: AppRuntime) -> Screen:
        alert = None
        if rt.storekit == "done" and self.device.loaded(rt, "transaction"):
            alert = Alert("Tout est prêt", "Votre achat a bien été effectué. [Environment: Sandbox]",
                          [("OK", "storekit_ok")], system=True)
        return Screen(self.name, self.app_id, "Abonnement", "purchasedTitle", [
            Node("text", "purchaseSuccess", "Merci ! Votre abonnement est actif."),
            Node("button", "continueButton", "Continuer", action="continue"),
        ], alert)

    def finish_purchase(self, rt: AppRuntime) -> None:
        rt.stack = []
        self.device.go(rt, "computers", push=False)

    def help_screen(self, rt: AppRuntime) -> Screen:
        return Screen(self.name, self.app_id, "Aide", "helpTitle", [
            Node("text", "helpAppStoreText",
                 "Pour toute question sur un achat effectué sur l'App Store, contactez le service client "
                 f"d'Apple : {APPLE_SUPPORT_URL}"),
            Node("link", "appleSupportLink", APPLE_SUPPORT_URL, action="focus"),
            Node("text", "helpNoDirectRequestsText",
                 "Parallels ne peut pas traiter directement les demandes d'achat ou de remboursement "
                 "d'un achat effectué sur l'App Store."),
            Node("text", "helpNoRefundText",
                 "Un abonnement actif ne peut être ni remboursé ni annulé. Les remboursements partiels "
                 "ne sont pas autorisés."),
            Node("button", "backButton", "Retour", action="back"),
        ])


class AndroidParallelsApp(ParallelsApp):
    app_id = ANDROID_APP
    name = "Parallels Access"
    mutations_prefix = "android_"
    screens = {"signin": "signin_screen", "computers": "computers_screen", "buyDialog": "dialog_screen"}
    actions = {"sign_in": "sign_in", "sign_out": "sign_out", "focus": "focus", "buy": "open_dialog",
               "open_computer": "open_computer", "dialog_buy": "dialog_buy", "dialog_ok": "dialog_ok"}

    def computers_screen(self, rt: AppRuntime) -> Screen:
        body = self.computers_body(rt)
        body.append(Node("button", "signOutButton", "Se déconnecter", action="sign_out"))
        return Screen(self.name, self.app_id, "Ordinateurs", "computersTitle", body,
                      loaded_id=self.device.loaded_id(rt, "computersLoaded"))

    def open_dialog(self, rt: AppRuntime) -> None:
        self.device.go(rt, "buyDialog")

    def dialog_screen(self, rt: AppRuntime) -> Screen:
        # A stock AlertDialog: positive button (button1) « Acheter l'abonnement », negative (button2) « OK ».
        alert = Alert("Acheter l'abonnement",
                      "Achetez l'abonnement dans votre navigateur." if self.mutation("android_dialog_message_changed")
                      else "L'abonnement Parallels Access s'achète sur la page Parallels Access de votre "
                      "compte Parallels.",
                      [("OK", "dialog_ok"), ("Acheter l'abonnement", "dialog_buy")]
                      if self.mutation("android_dialog_buttons_swapped") else
                      [("Acheter l'abonnement", "dialog_buy"), ("OK", "dialog_ok")])
        return Screen(self.name, self.app_id, None, "", [], alert, modal_only=True)

    def dialog_ok(self, rt: AppRuntime) -> None:
        if self.mutation("android_ok_buys"):
            try:
                self.store.grant_subscription(rt.account_id, "1m", "web")
            except StoreError:
                pass
        if self.mutation("android_ok_keeps_window"):
            return
        self.back(rt)
        if self.mutation("android_ok_opens_browser"):
            self.device.open_browser(self.device.config.portal_url.rstrip("/") + "/parallels-access")

    def dialog_buy(self, rt: AppRuntime) -> None:
        """The browser opens the customer's own account: the signed-in app hands it a one-time sign-in link to the
        Parallels Access page (the phone's browser shares no session with the app)."""
        self.back(rt)
        path = "/parallels-access?onglet=ordinateurs"
        if self.mutation("android_handoff_wrong_url"):
            path = "/compte?onglet=profil"
        if not self.mutation("android_handoff_signed_out") and rt.account_id is not None:
            path = f"/connexion/lien/{self.store.sign_in_link(rt.account_id)}?suite={quote(path, safe='')}"
        self.device.open_browser(self.device.config.portal_url.rstrip("/") + path)


class ChromeApp(AppModel):
    app_id = CHROME
    name = "Chrome"
    start_screen = "browser"
    screens = {"browser": "browser_screen"}
    actions = {"focus": "focus"}

    def browser_screen(self, rt: AppRuntime) -> Screen:
        # Chrome shows the address without its scheme (« 127.0.0.1:8080/parallels-access?... »).
        shown = re.sub(r"^[a-z]+://", "", rt.url)
        body = [
            Node("field", "", "Rechercher ou saisir une adresse Web", value=shown, action="focus",
                 rid="com.android.chrome:id/url_bar"),
            Node("web", "", rt.url, rid="com.android.chrome:id/compositor_view_holder"),
        ]
        return Screen(self.name, self.app_id, None, "", body)

    def focus(self, rt: AppRuntime) -> None:
        pass

    def back(self, rt: AppRuntime) -> None:
        # Back from the page opened by the app returns to the app that opened it.
        self.device.activate(self.device.launched_app)


class HomeScreen(AppModel):
    start_screen = "home"
    screens = {"home": "home_screen"}
    actions = {"open_parallels": "open_parallels"}

    def __init__(self, device: "Device", app_id: str):
        super().__init__(device)
        self.app_id = app_id
        self.name = "SpringBoard" if app_id == SPRINGBOARD else "Pixel Launcher"

    def home_screen(self, rt: AppRuntime) -> Screen:
        return Screen(self.name, self.app_id, None, "", [
            Node("icon", "Parallels Access", "Parallels Access", action="open_parallels", rid="",
                 desc="Parallels Access")])

    def open_parallels(self, rt: AppRuntime) -> None:
        self.device.activate(self.device.launched_app)

    def back(self, rt: AppRuntime) -> None:
        pass


class Device:
    """The apps of one simulated device and which one is in the foreground."""

    def __init__(self, profile: Profile, store: Store, config: SandboxConfig, account_id: int | None,
                 loading_scale: float | None = None):
        self.profile, self.store, self.config = profile, store, config
        self.loading_scale = config.loading_scale if loading_scale is None else loading_scale
        self.serial = 0  # bumps whenever the screen changes: older element ids become stale
        ios = profile.platform == "ios"
        models: list[AppModel] = ([IOSParallelsApp(self)] if ios else [AndroidParallelsApp(self), ChromeApp(self)])
        home = HomeScreen(self, SPRINGBOARD if ios else LAUNCHER)
        self.home_id = home.app_id
        self.models: dict[str, AppModel] = {m.app_id: m for m in models + [home]}
        self.runtimes: dict[str, AppRuntime] = {m.app_id: AppRuntime(m.app_id) for m in self.models.values()}
        self.launched_app = models[0].app_id
        self.runtimes[self.launched_app].account_id = account_id
        self.runtimes[self.home_id].state = FOREGROUND
        home.launch(self.runtimes[self.home_id])
        self.foreground = self.home_id
        self.activate(self.launched_app)

    # -- navigation ------------------------------------------------------------
    def go(self, rt: AppRuntime, screen: str, push: bool = True, reload: bool = True) -> None:
        if push and rt.screen:
            rt.stack.append(rt.screen)
        rt.screen = screen
        rt.scroll = 0
        rt.keyboard = ""
        if reload or screen not in rt.shown_at:
            rt.shown_at[screen] = time.monotonic()
        self.serial += 1

    # -- progressive loading (LOADING_MS) ------------------------------------------------
    def loaded(self, rt: AppRuntime, *parts: str) -> bool:
        """Whether these parts of the current screen's data have arrived."""
        delays = LOADING_MS[self.profile.platform].get(rt.screen, {})
        wait_ms = max((delays.get(part, 0) for part in parts), default=0) * self.loading_scale
        shown_at = rt.shown_at.setdefault(rt.screen, time.monotonic())
        return (time.monotonic() - shown_at) * 1000 >= wait_ms

    def loaded_id(self, rt: AppRuntime, ident: str) -> str:
        """The screen's loaded signal, once all its data has arrived."""
        return ident if self.loaded(rt, *LOADING_MS[self.profile.platform].get(rt.screen, {})) else ""

    def spinner(self) -> Node:
        # UIActivityIndicatorView's accessibility label (« En cours » in French); Android: a ProgressBar, no text
        return Node("spinner", "loadingIndicator", "En cours" if self.profile.platform == "ios" else "")

    def current(self) -> tuple[AppModel, AppRuntime]:
        return self.models[self.foreground], self.runtimes[self.foreground]

    def screen(self) -> Screen:
        model, rt = self.current()
        screen = model.screen(rt)
        screen.scroll = rt.scroll
        if self.profile.platform == "ios":
            screen.keyboard = rt.keyboard
        return screen

    def focus(self, ident: str) -> None:
        """A text field gets the keyboard focus (iOS: the keyboard comes up and stays)."""
        if self.profile.platform == "ios" and ident:
            self.current()[1].keyboard = ident

    def scroll_by(self, dy: float, max_scroll: int) -> bool:
        """Scroll the content by dy (positive: towards the end); whether it moved."""
        _, rt = self.current()
        new = int(min(max(0, rt.scroll + dy), max_scroll))
        moved, rt.scroll = new != rt.scroll, new
        return moved

    def act(self, action: str) -> None:
        model, rt = self.current()
        if action == "keyboard:return":
            if isinstance(model, ParallelsApp):
                model.keyboard_return(rt)
            else:
                rt.keyboard = ""
            return
        if action == "keyboard:hide":
            rt.keyboard = ""
            return
        if action.startswith("keyboard:"):
            return  # a letter key: not modelled (no field here is typed into by tapping keys)
        model.act(rt, action)

    def back(self) -> None:
        model, rt = self.current()
        if not rt.stack and self.foreground not in (self.home_id, CHROME):
            if self.profile.platform == "android":  # back on the first screen leaves the app
                self._to_foreground(self.home_id, BACKGROUND)
            return
        model.back(rt)

    # -- apps --------------------------------------------------------------------
    def installed(self, app_id: str) -> bool:
        return app_id in self.models and app_id != self.home_id

    def query(self, app_id: str) -> int:
        if app_id == self.home_id:
            return FOREGROUND if self.foreground == self.home_id else BACKGROUND
        if app_id not in self.runtimes:
            return NOT_INSTALLED
        return self.runtimes[app_id].state

    def _to_foreground(self, app_id: str, previous_state: int) -> None:
        if self.foreground != app_id:
            old = self.runtimes[self.foreground]
            old.keyboard = ""
            if self.foreground != self.home_id:
                old.state = previous_state
            self.foreground = app_id
            self.serial += 1

    def activate(self, app_id: str) -> None:
        if not self.installed(app_id):
            raise WebDriverError("InvalidArgumentError",
                                 f"L'application '{app_id}' n'est pas installée sur l'appareil simulé / "
                                 f"app '{app_id}' is not installed. Installées / installed: "
                                 f"{', '.join(a for a in self.models if a != self.home_id)}", replace=True)
        rt = self.runtimes[app_id]
        if rt.state == NOT_RUNNING:
            self.models[app_id].launch(rt)
            rt.shown_at[rt.screen] = time.monotonic()
            self.serial += 1
        rt.state = FOREGROUND
        self._to_foreground(app_id, BACKGROUND)

    def terminate(self, app_id: str) -> bool:
        if not self.installed(app_id):
            raise WebDriverError("InvalidArgumentError",
                                 f"L'application '{app_id}' n'est pas installée / app '{app_id}' is not installed",
                                 replace=True)
        rt = self.runtimes[app_id]
        if rt.state == NOT_RUNNING:
            return False
        rt.state = NOT_RUNNING
        rt.pending_pack, rt.storekit = None, ""
        if self.foreground == app_id:
            self.foreground = self.home_id
        self.serial += 1
        return True

    def open_browser(self, url: str) -> None:
        rt = self.runtimes[CHROME]
        if rt.state == NOT_RUNNING:
            self.models[CHROME].launch(rt)
        rt.url = url
        rt.state = FOREGROUND
        self._to_foreground(CHROME, BACKGROUND)
        self.serial += 1


# -- sessions: capabilities -> device -----------------------------------------------
ACCEPTED = ("iOS + XCUITest : iPad… (ex. « iPad Pro (12.9-inch) ») ou iPhone… (ex. « iPhone 15 »), "
            "bundleId com.parallels.access ; Android + UIAutomator2 : téléphone Pixel…, Galaxy S…, "
            "emulator-… (ex. « Pixel 7 »), appPackage com.parallels.client. / Accepted: iOS + XCUITest with an "
            "iPad or iPhone deviceName; Android + UIAutomator2 with an Android phone deviceName.")


def profile_for(caps: dict) -> Profile:
    platform = str(caps.get("platformName", "")).lower()
    automation = str(caps.get("appium:automationName", "")).lower()
    device = str(caps.get("appium:deviceName", "")).strip()

    def refuse(why: str) -> WebDriverError:
        return WebDriverError("SessionNotCreatedError", f"{why} Appareils acceptés : {ACCEPTED}")

    if platform == "ios":
        if automation != "xcuitest":
            raise refuse(f"automationName '{caps.get('appium:automationName')}' ne convient pas à iOS "
                         f"(attendu XCUITest) / wrong automationName for iOS.")
        bundle = caps.get("appium:bundleId")
        if bundle not in (None, IOS_APP):
            raise refuse(f"bundleId '{bundle}' n'est pas installé / is not installed.")
        if device.startswith("iPad"):
            if "12.9" in device or "13-inch" in device:
                return Profile(device, "ios", "ipad", 1024, 1366, 1.0, 24)
            if "11" in device:
                return Profile(device, "ios", "ipad", 834, 1194, 1.0, 24)
            return Profile(device, "ios", "ipad", 820, 1180, 1.0, 24)
        if device.startswith("iPhone"):
            if "Max" in device or "Plus" in device:
                return Profile(device, "ios", "iphone", 430, 932, 1.0, 59)
            if "SE" in device:
                return Profile(device, "ios", "iphone", 375, 667, 1.0, 20)
            return Profile(device, "ios", "iphone", 393, 852, 1.0, 59)
        raise refuse(f"deviceName '{device}' n'est ni un iPad ni un iPhone / is neither an iPad nor an iPhone.")
    if platform == "android":
        if automation != "uiautomator2":
            raise refuse(f"automationName '{caps.get('appium:automationName')}' ne convient pas à Android "
                         f"(attendu UIAutomator2) / wrong automationName for Android.")
        package = caps.get("appium:appPackage")
        if package not in (None, ANDROID_APP):
            raise refuse(f"appPackage '{package}' n'est pas installé / is not installed.")
        if device.startswith(("Pixel", "Galaxy S", "emulator-", "Android")) and "Tablet" not in device \
                and "Pixel C" != device and not device.startswith("Pixel Tablet"):
            version = str(caps.get("appium:platformVersion") or "")
            major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else None
            return Profile(device, "android", "phone", 1080, 2400, 2.625, 118,
                           all_caps_buttons=major is not None and major < 12)
        raise refuse(f"deviceName '{device}' n'est pas un téléphone Android connu / is not a known Android phone.")
    raise refuse(f"platformName '{caps.get('platformName')}' n'est pas pris en charge / is not supported.")


def launch_token(caps: dict, platform: str) -> str | None:
    if platform == "ios":
        args = (caps.get("appium:processArguments") or {}).get("args") or []
        for flag, value in zip(args, args[1:], strict=False):
            if flag == "-PASessionToken":
                return str(value)
        return None
    raw = caps.get("appium:optionalIntentArguments") or ""
    try:
        parts = shlex.split(str(raw))
    except ValueError:
        return None
    for i in range(len(parts) - 2):
        if parts[i] == "--es" and parts[i + 1] == "PASessionToken":
            return parts[i + 2]
    return None

