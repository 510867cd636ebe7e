"""Benchmarks of the harness (issue 5). `make bench` or `.venv/bin/python bench/run.py [--no-full]`.

Every figure comes from runs made in this invocation, against a sandbox started here with the
default partner delay (1 s), and every ratio against a baseline measured in the same invocation:

 (a) web purchase, outline row "1 an" of features/web/achat_compte.feature: the harness (pytest on
     that one scenario, attached to this sandbox with --sandbox-url) vs the same purchase in Playwright
     Test (Node, bench/playwright-test/, @playwright/test installed here from npm, system Chromium, no
     browser download) vs a bare Playwright script (Python) doing the same actions and checks. Runs are
     interleaved so that drift in machine load hits all three. Per scenario: from the account creation
     to the context closed, in an already launched browser. Whole command: the wall time of one process
     running that one scenario (start-up, collection, plugins, browser launch, first page, scenario).
 (b) delay between orders.finished_at (sandbox, microseconds) and the moment the harness sees the
     order page's answer, over the harness's orders of (a) (and the bare script's, for reference).
 (c) device simulator through the real Appium client: find_element + click, page source (p50/p95);
     time of an iOS purchase scenario (pytest, same sandbox).
 (d) --full: the whole suite as `make e2e` runs it, serial vs -n 2 (each starts its own sandbox); then
     the suite in N shards (pytest-split's --splits N --group i, -n 2, balanced on the durations of the -n 2 run),
     each shard's time against 1/N of the whole -n 2 run.
 (e) start-up: collection, sandbox boot, browser launch, first page.
 (g) --cibles: the wall time of `make test` and of `make verifier` (the harness's own tests), after set-up.
Every whole run also prints the CPU-seconds the machine spent during it (all processes, /proc/stat: Chromium's
processes included, which a process-tree count misses) and, for -n 2, the ceiling that this CPU allows on the
machine's cores (CPU-seconds / cores): the wall time of -n 2 can come no closer to it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.sandbox_process import SandboxProcess  # noqa: E402

PYTHON = sys.executable
ONE_AN = "acheter_un_abonnement_de_pack_depuis_le_compte[1 an-"
IOS_PURCHASE = "acheter_un_abonnement_à_formule_formule_sur_appareil_par_lapp_store[iPad-annuelle"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# ------------------------------------------------------------------------------------------ harness runs
def run_pytest(sandbox: dict, select: str, out: pathlib.Path, marker: str,
               extra: tuple[str, ...] = ()) -> tuple[list[dict], float]:
    """One pytest session on the tests whose node id contains `select`; returns the bench events
    (bench/timing_plugin.py) and the wall time of the whole process."""
    out.mkdir(parents=True, exist_ok=True)
    events = out / "events.jsonl"
    events.unlink(missing_ok=True)
    env = {**os.environ, "PA_SANDBOX_TOKEN": sandbox["token"], "PA_BENCH_OUT": str(events),
           "PA_BENCH_SELECT": select}
    env.pop("PA_SANDBOX_MUTATIONS", None)
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "steps", "-m", marker, "-p", "bench.timing_plugin", "-p", "no:cacheprovider", "-q",
         "--sandbox-url", sandbox["portal_url"], "--appium-url", sandbox["appium_url"],
         "--output", str(out / "artefacts"), "--html-report", str(out / "index.html"), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"pytest a échoué ({select}) :\n{(result.stdout + result.stderr)[-3000:]}")
    return [json.loads(line) for line in events.read_text().splitlines()], wall


# ------------------------------------------------------------------------------------------ bare script
def raw_purchase(playwright, sandbox: dict, http, index: int, executable: str | None) -> dict:
    """The "1 an" scenario's actions and checks, in plain Playwright, in a fresh browser."""
    from playwright.sync_api import expect

    base = sandbox["portal_url"]
    browser = playwright.chromium.launch(**({"executable_path": executable} if executable else {}))
    started = time.perf_counter()
    email = f"bench.raw.{os.getpid()}.{index}@exemple.fr"
    http.post("/accounts", json={"email": email, "password": "motdepasse-bench", "first_name": "Jeanne",
                                 "last_name": "Martin", "computers": [{"name": "iMac de Jeanne", "os": "macOS"},
                                                                     {"name": "PC du bureau de Jeanne",
                                                                      "os": "Windows"}]}).raise_for_status()
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.set_default_timeout(10_000)
    context.clear_cookies()
    context.add_cookies([{**http.post(f"/accounts/{email}/session").json()["cookie"], "url": base}])
    page.goto("/parallels-access")
    page.get_by_role("tab", name="Ordinateurs").click()
    expect(page.get_by_role("tab", selected=True)).to_have_text("Ordinateurs")
    computers = page.get_by_role("list", name="Mes ordinateurs").get_by_role("listitem")
    expect(computers).to_have_count(2)
    for name in ("iMac de Jeanne", "PC du bureau de Jeanne"):
        expect(computers.filter(has_text=name)).to_have_count(1)
    panel = page.get_by_role("complementary", name="Abonnement")
    buy = panel.get_by_role("button", name="Acheter l'abonnement")
    expect(buy).to_be_visible()
    assert buy.bounding_box()["x"] >= page.get_by_role("tabpanel").bounding_box()["x"]
    buy.click()
    expect(page.get_by_role("heading", name="Panier")).to_be_visible()
    packs = page.get_by_role("group", name="Pack d'abonnement")
    expect(packs.get_by_role("radio")).to_have_count(3)
    for pack in ("1 mois", "1 an", "2 ans"):
        expect(page.get_by_label(pack, exact=True)).to_be_visible()
    packs.get_by_label("1 an", exact=True).check()
    expect(page.get_by_role("status", name="Total")).to_have_text("19,99 €")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Vos coordonnées")).to_be_visible()
    for label, value in (("Prénom", "Jeanne"), ("Nom", "Martin"), ("Adresse e-mail", "jeanne.martin@exemple.fr"),
                         ("Adresse", "12 rue de la Paix"), ("Code postal", "75002"), ("Ville", "Paris")):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Pays", exact=True).select_option(label="France")
    for label, value in (("Numéro de carte", "4111 1111 1111 1111"), ("Date d'expiration (MM/AA)", "12/30"),
                         ("Cryptogramme visuel", "123")):
        page.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Valider la commande").click()
    expect(page.get_by_role("status").filter(has_text="en cours de traitement")).to_be_visible()
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    # Same wait as the harness (pages/portal/order.py): the page reloads when the partner answers.
    confirmed = page.get_by_role("heading", level=1, name="Commande confirmée")
    loads = []
    page.on("domcontentloaded", lambda *_: loads.append(1))
    while not confirmed.is_visible():
        if not loads:
            page.wait_for_event("domcontentloaded", timeout=30_000)
        loads.clear()
    seen_at = time.time()
    value_of = "xpath=following-sibling::dd[1]"
    expect(page.locator("dt", has_text="Numéro de commande").locator(value_of)).to_have_text(number)
    expect(page.locator("dt", has_text="Montant débité").locator(value_of)).to_have_text("19,99 €")
    state = http.get(f"/accounts/{email}").json()
    assert [o["charged_cents"] for o in state["orders"]] == [1999]
    assert state["subscription"]["pack"] == "1y"
    end = dt.date.fromisoformat(state["subscription"]["ends_at"][:10])
    expect(page.get_by_text("Votre abonnement Parallels Access est actif jusqu'au")).to_contain_text(f"{end:%d/%m/%Y}")
    # What the customer sees, read as the harness reads it (fixtures/account_views.py, PortalView): a page of its
    # own in the customer's signed-in context, the Commandes tab then the subscription panel, each freshly loaded.
    reader = context.new_page()
    reader.set_default_timeout(10_000)
    account = reader.get_by_role("navigation", name="Compte")
    reader.goto("/parallels-access")
    expect(account).to_contain_text(email)
    reader.get_by_role("tab", name="Commandes").click()
    table = reader.get_by_role("tabpanel", name="Commandes").get_by_role("table", name="Mes commandes")
    row = table.get_by_role("row").filter(has_text=number)
    expect(row.get_by_role("cell")).to_have_text([number, "1 an", "19,99 €", "19,99 €", "Confirmée"])
    reader.goto("/parallels-access")
    expect(account).to_contain_text(email)
    subscription = reader.get_by_role("complementary", name="Abonnement")
    for label, value in (("Abonnement actif", "1 an"), ("Actif jusqu'au", f"{end:%d/%m/%Y}"),
                         ("Acheté sur", "Site web")):
        expect(subscription.get_by_text(re.compile(f"^{re.escape(label)}")).get_by_role("strong")).to_have_text(value)
    page.goto("/parallels-access")
    page.get_by_role("tab", name="Ordinateurs").click()
    expect(page.get_by_role("tab", selected=True)).to_have_text("Ordinateurs")
    expect(panel).to_be_visible()
    expect(buy).to_have_count(0)
    context.close()
    seconds = time.perf_counter() - started
    browser.close()
    return {"seconds": seconds, "number": number, "seen_at": seen_at, "email": email}


def finished_at(orders: list[dict], number: str) -> float:
    stamp = next(o["finished_at"] for o in orders if o["number"] == number)
    return dt.datetime.fromisoformat(stamp).timestamp()


def side_by_side(title: str, harness: list[float], pwt: list[float], bare: list[float], digits: int,
                 bare_target: str) -> tuple[float, float, float]:
    """Medians of the three versions of the same purchase, printed with every run and the ratios."""
    print(f"    {title} :")
    medians = []
    for name, values in (("harnais", harness), ("Playwright Test", pwt), ("nu", bare)):
        medians.append(statistics.median(values) if values else float("nan"))
        if values:
            print(f"      {name:<16}{medians[-1]:.{digits}f} s  {sorted(round(x, digits) for x in values)}")
    h, p, b = medians
    if pwt:
        print(f"      ratio harnais / Playwright Test : {h / p:.2f}   (cible <= 1,00)")
    print(f"      ratio harnais / nu : {h / b:.2f}" + (f"   ({bare_target})" if bare_target else ""))
    return h, p, b


# ------------------------------------------------------------------------------------- Playwright Test
PWT_DIR = ROOT / "bench" / "playwright-test"


def pinned_playwright_test() -> str:
    return json.loads((PWT_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["@playwright/test"]


def ensure_playwright_test() -> str:
    """Install the pinned @playwright/test from npm (no browser download); '' when ready, else why not."""
    import shutil

    if not shutil.which("node") or not shutil.which("npm"):
        return "node et npm introuvables (apt-get install -y nodejs npm)"
    installed = PWT_DIR / "node_modules" / "@playwright" / "test" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == pinned_playwright_test():
        return ""
    env = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock"],
                          cwd=PWT_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return f"npm install @playwright/test@{pinned_playwright_test()} a échoué : {done.stderr[-500:]}"
    return ""


def run_playwright_test(sandbox: dict, executable: str | None, out: pathlib.Path) -> tuple[float, float]:
    """One `playwright test` command on the purchase; returns (scenario seconds, wall time of the command)."""
    out.mkdir(parents=True, exist_ok=True)
    events = out / "events.jsonl"
    events.unlink(missing_ok=True)
    env = {**os.environ, "PA_PORTAL_URL": sandbox["portal_url"], "PA_SANDBOX_TOKEN": sandbox["token"],
           "PA_BENCH_OUT": str(events), "PA_CHROMIUM": executable or "", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    started = time.perf_counter()
    result = subprocess.run(["node", str(PWT_DIR / "node_modules" / "@playwright" / "test" / "cli.js"), "test",
                             "--output", str(out / "test-results")], cwd=PWT_DIR, env=env, capture_output=True,
                            text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"Playwright Test a échoué :\n{(result.stdout + result.stderr)[-3000:]}")
    return json.loads(events.read_text().splitlines()[-1])["seconds"], wall


def run_bare_process(sandbox: dict, executable: str | None) -> float:
    """The bare script as one command (python start-up, Playwright, browser launch, the purchase): wall time."""
    env = {**os.environ, "PA_PORTAL_URL": sandbox["portal_url"], "PA_SANDBOX_TOKEN": sandbox["token"],
           "PA_CHROMIUM": executable or ""}
    started = time.perf_counter()
    result = subprocess.run([PYTHON, str(ROOT / "bench" / "run.py"), "--bare-once"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"le script nu a échoué :\n{(result.stdout + result.stderr)[-3000:]}")
    return wall


def bare_once() -> None:
    import httpx
    from playwright.sync_api import sync_playwright

    sandbox = {"portal_url": os.environ["PA_PORTAL_URL"], "token": os.environ["PA_SANDBOX_TOKEN"]}
    with httpx.Client(base_url=sandbox["portal_url"] + "/_sandbox/api", timeout=30,
                      headers={"Authorization": f"Bearer {sandbox['token']}"}) as http, sync_playwright() as pw:
        raw_purchase(pw, sandbox, http, os.getpid(), os.environ.get("PA_CHROMIUM") or None)


# ------------------------------------------------------------------------------------------ simulator
def simulator_latency(sandbox: dict, http, samples: int) -> dict:
    from appium import webdriver
    from appium.options.common.base import AppiumOptions
    from appium.webdriver.client_config import AppiumClientConfig
    from appium.webdriver.common.appiumby import AppiumBy

    from harness import devices

    email = f"bench.ios.{os.getpid()}@exemple.fr"
    http.post("/accounts", json={"email": email, "password": "motdepasse-bench",
                                 "computers": [{"name": "iMac", "os": "macOS"}]}).raise_for_status()
    token = http.post(f"/accounts/{email}/session").json()["token"]
    capabilities = dict(devices.load("simulator").device("iPad").capabilities)
    capabilities["appium:processArguments"] = {"args": ["-PASessionToken", token]}
    started = time.perf_counter()
    driver = webdriver.Remote(sandbox["appium_url"], options=AppiumOptions().load_capabilities(capabilities),
                              client_config=AppiumClientConfig(sandbox["appium_url"], timeout=60))
    session_seconds = time.perf_counter() - started
    click, source = [], []
    try:
        for _ in range(3):  # warm-up: connection, first look-ups
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "helpButton").click()
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "backButton").click()
        for _ in range(samples):
            for element in ("helpButton", "backButton"):  # open the help, come back: state unchanged
                t = time.perf_counter()
                driver.find_element(AppiumBy.ACCESSIBILITY_ID, element).click()
                click.append(time.perf_counter() - t)
            t = time.perf_counter()
            assert "helpButton" in driver.page_source
            source.append(time.perf_counter() - t)
    finally:
        driver.quit()
    return {"click": click, "source": source, "session": session_seconds}


# ------------------------------------------------------------------------------------------ whole suite
def machine_cpu_seconds() -> float:
    """CPU-seconds spent by the whole machine since boot (every core, every process; /proc/stat: user, nice,
    system, irq, softirq; not idle, I/O wait or steal)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, _steal = fields
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


class Measured:
    """Wall time and machine-wide CPU-seconds of what runs inside the `with`."""

    def __enter__(self) -> "Measured":
        self._wall, self._cpu = time.perf_counter(), machine_cpu_seconds()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = machine_cpu_seconds() - self._cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s, {self.cpu:.0f} CPU-s ({self.cpu / self.wall:.2f} cœurs occupés en moyenne)"


SUITE_CPU: dict[str, Measured] = {}  # what each whole run of full_suite cost, by its output folder's name


def full_suite(workers: int, out: pathlib.Path, *extra: str) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("PA_SANDBOX_MUTATIONS", "PA_SANDBOX_URL", "PA_APPIUM_URL")}
    out.mkdir(parents=True, exist_ok=True)
    with Measured() as measured:
        result = subprocess.run(
            [PYTHON, "-m", "pytest", "steps", "-n", str(workers), "-p", "no:cacheprovider", "-q",
             "--junitxml", str(out / "junit.xml"), "--cucumberjson", str(out / "cucumber.json"),
             "--output", str(out / "artefacts"), "--html-report", str(out / "index.html"),
             "--created-accounts", str(out / "comptes-crees.txt"), *extra],
            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"la suite a échoué (-n {workers}) :\n{(result.stdout + result.stderr)[-3000:]}")
    SUITE_CPU[out.name] = measured
    return measured.wall


def make_target(target: str) -> Measured:
    """`make <target>` as a developer runs it (set-up already done), timed; its pytest duration line kept."""
    with Measured() as measured:
        result = subprocess.run(["make", target], cwd=ROOT, capture_output=True, text=True,
                                env={k: v for k, v in os.environ.items() if not k.startswith("PA_")})
    if result.returncode != 0:
        raise SystemExit(f"make {target} a échoué :\n{(result.stdout + result.stderr)[-3000:]}")
    lines = [line.strip("= ") for line in result.stdout.splitlines() if re.search(r"\d+ passed.* in ", line)]
    measured.summary = lines[-1] if lines else ""
    return measured


def same_reports(a: pathlib.Path, b: pathlib.Path) -> str:
    import xml.etree.ElementTree as ET

    def junit(path):
        return sorted((tc.get("classname"), tc.get("name"),
                       next((k for k in ("failure", "error", "skipped") if tc.find(k) is not None), "passed"))
                      for tc in ET.parse(path).getroot().iter("testcase"))

    def cucumber(path):
        def strip(o):
            if isinstance(o, dict):
                return {k: strip(v) for k, v in o.items() if k != "duration"}
            return [strip(x) for x in o] if isinstance(o, list) else o
        features = sorted(strip(json.loads(path.read_text())), key=lambda f: f.get("uri", ""))
        for f in features:
            f["elements"] = sorted(f.get("elements", []), key=lambda e: (e.get("id", ""), e.get("line", 0)))
        return features

    j = junit(a / "junit.xml") == junit(b / "junit.xml")
    c = cucumber(a / "cucumber.json") == cucumber(b / "cucumber.json")
    same = {True: "identique", False: "DIFFÉRENT"}
    return f"junit {same[bool(j)]}, cucumber.json {same[bool(c)]} (durées exclues)"


# ------------------------------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action=argparse.BooleanOptionalAction, default=False,
                        help="(d, f) mesurer aussi la suite entière, série puis -n 2, puis en boîte noire")
    parser.add_argument("--runs", type=int, default=5, help="scénarios « 1 an » de chaque côté pour (a) et (b)")
    parser.add_argument("--samples", type=int, default=100, help="commandes Appium mesurées pour (c)")
    parser.add_argument("--shards", type=int, default=3, help="parties de la suite pour (d) (défaut 3 ; 0 : non)")
    parser.add_argument("--suite", default="", metavar="MARQUEUR",
                        help="(d) sur les seuls scénarios de ce marqueur (-m), pour un essai rapide ; défaut : tous")
    parser.add_argument("--cibles", action=argparse.BooleanOptionalAction, default=False,
                        help="(g) mesurer aussi `make test` et `make verifier` (après la mise en place)")
    parser.add_argument("--bare-once", action="store_true", help=argparse.SUPPRESS)  # one bare purchase, for (a)
    args = parser.parse_args()
    if args.bare_once:
        return bare_once()

    import httpx
    from playwright.sync_api import sync_playwright

    from fixtures.browser import find_chromium

    work = pathlib.Path(tempfile.mkdtemp(prefix="pa-bench-"))
    print(f"Machine : {os.cpu_count()} cœurs, {_cpu_model()}, {_ram_gb():.0f} Go de RAM ; "
          f"Python {sys.version.split()[0]} ; charge au départ (1, 5, 15 min) : {_load()}")
    no_pwt = ensure_playwright_test()
    if no_pwt:
        print(f"Playwright Test (Node) non mesuré : {no_pwt}")

    t = time.perf_counter()
    process = SandboxProcess(work / "sandbox.log", env={"PA_SANDBOX_MUTATIONS": None, "PA_PARTNER_DELAY": None})
    urls = process.start()
    boot = time.perf_counter() - t
    sandbox = {**urls, "token": process.token}
    http = httpx.Client(base_url=sandbox["portal_url"] + "/_sandbox/api", timeout=30,
                        headers={"Authorization": f"Bearer {process.token}"})
    print(f"Bac à sable : {sandbox['portal_url']} (délai du partenaire de paiement "
          f"{http.get('/').json()['partner_delay']} s)\n")
    try:
        with sync_playwright() as playwright:
            executable = find_chromium(playwright.chromium.executable_path, headless=True)  # as the harness
            # (e) start-up of a browser and its first page
            t = time.perf_counter()
            browser = playwright.chromium.launch(**({"executable_path": executable} if executable else {}))
            launch = time.perf_counter() - t
            t = time.perf_counter()
            first = browser.new_page()
            first.goto(sandbox["portal_url"] + "/connexion")
            first_page = time.perf_counter() - t
            browser.close()

            # (a) + (b): alternate harness and bare runs so that drift in machine load hits both
            harness, raw, delays_h, delays_r, pytest_wall, session_setup, collection = [], [], [], [], [], [], []
            pwt, pwt_wall, bare_wall = [], [], []
            raw_purchase(playwright, sandbox, http, -1, executable)  # warm-up (disk cache, first process)
            if not no_pwt:
                run_playwright_test(sandbox, executable, work / "pwt-warm-up")
            for i in range(args.runs):
                events, wall = run_pytest(sandbox, ONE_AN, work / f"h{i}", "web")
                test = next(e for e in events if e["kind"] == "test")
                harness.append(test["seconds"] - test["session_setup"])
                session_setup.append(test["session_setup"])
                pytest_wall.append(wall)
                collection.append(next(e["seconds"] for e in events if e["kind"] == "collection"))
                orders = [o for e in events if e["kind"] == "orders" and e["account"] == test["account"]
                          for o in e["orders"]]
                for seen in (e for e in events if e["kind"] == "order_seen"):
                    delays_h.append(seen["seen_at"] - finished_at(orders, seen["number"]))
                if not no_pwt:
                    seconds, wall = run_playwright_test(sandbox, executable, work / f"p{i}")
                    pwt.append(seconds)
                    pwt_wall.append(wall)
                bare_wall.append(run_bare_process(sandbox, executable))
                r = raw_purchase(playwright, sandbox, http, i, executable)
                raw.append(r["seconds"])
                raw_orders = http.get(f"/accounts/{r['email']}").json()["orders"]
                delays_r.append(r["seen_at"] - finished_at(raw_orders, r["number"]))

        # (c)
        latency = simulator_latency(sandbox, http, args.samples)
        ios_events, ios_wall = run_pytest(sandbox, IOS_PURCHASE, work / "ios", "ios")
        ios = next(e for e in ios_events if e["kind"] == "test")
    finally:
        http.close()
        process.stop()

    print("(a) Achat web « 1 an » : harnais vs Playwright Test (Node) vs script Playwright nu (Python), médianes de "
          f"{args.runs} runs entrelacés")
    h, p, r = side_by_side(
        "par scénario (de la création du compte à la fermeture du contexte, navigateur déjà lancé)",
        harness, pwt, raw, 3, "cible <= 1,05, preuves d'échec disponibles : relance tracée")
    hw, pw, bw = side_by_side(
        "commande entière (un processus : démarrage, collecte, greffons, navigateur, première page, scénario)",
        pytest_wall, pwt_wall, bare_wall, 2, "")
    print(f"      dans le processus pytest : fixtures de session (Playwright, navigateur, client) "
          f"{statistics.median(session_setup):.2f} s ; démarrage hors scénario {hw - h:.2f} s "
          f"(Playwright Test {pw - p:.2f} s, nu {bw - r:.2f} s)" if pwt_wall else "")
    print(f"(b) Délai orders.finished_at -> page de confirmation vue : harnais p50 {ms(statistics.median(delays_h))}"
          f", max {ms(max(delays_h))} sur {len(delays_h)} commandes (cible <= 150 ms) ; script nu p50 "
          f"{ms(statistics.median(delays_r))}, max {ms(max(delays_r))}")
    print(f"(c) Simulateur (client Appium réel) : find_element + click p50 {ms(pct(latency['click'], 50))}, "
          f"p95 {ms(pct(latency['click'], 95))} ({len(latency['click'])}) ; page source p50 "
          f"{ms(pct(latency['source'], 50))}, p95 {ms(pct(latency['source'], 95))} ; nouvelle session "
          f"{ms(latency['session'])} (cible p50 <= 5 ms)")
    print(f"    scénario iOS (achat annuel sur iPad) : {ios['seconds'] - ios['session_setup']:.3f} s "
          f"(processus pytest complet {ios_wall:.2f} s)")
    print(f"(e) Démarrage : collecte {statistics.median(collection):.3f} s, bac à sable {boot:.2f} s, "
          f"lancement du navigateur {launch:.2f} s, première page {first_page:.2f} s")
    if args.full:
        only = ("-m", args.suite) if args.suite else ()
        serial = full_suite(0, work / "serial", *only)
        durations = work / "n2" / ".test_durations"  # pytest-split's, written by the -n 2 run for the shards below
        parallel = full_suite(2, work / "n2", *only, "--store-durations", "--durations-path", str(durations))
        which = f"(-m {args.suite}) " if args.suite else "entière "
        print(f"(d) Suite {which}: série {serial:.1f} s, -n 2 {parallel:.1f} s, accélération "
              f"{serial / parallel:.2f}x (cible >= 1,6x) ; rapports : {same_reports(work / 'serial', work / 'n2')}")
        cores = os.cpu_count() or 1
        n2 = SUITE_CPU["n2"]
        scenarios = _scenario_count(work / "n2" / "junit.xml")
        print(f"    CPU de la machine (/proc/stat) : série {SUITE_CPU['serial']} ; -n 2 {n2} ; "
              f"{n2.cpu / max(scenarios, 1):.2f} CPU-s par scénario ({scenarios} scénarios)")
        print(f"    plafond de -n 2 sur {cores} cœurs (CPU-s / cœurs) : {n2.cpu / cores:.1f} s ; -n 2 à "
              f"{parallel / (n2.cpu / cores):.2f} × ce plafond (cible <= 1,10)")
        if args.shards > 1:
            ideal = parallel / args.shards
            walls = [full_suite(2, work / f"shard-{i}", *only, "--splits", str(args.shards), "--group", str(i),
                                "--durations-path", str(durations)) for i in range(1, args.shards + 1)]
            print(f"    en {args.shards} parties (-n 2 chacune, équilibrées sur les durées du run -n 2) : "
                  + ", ".join(f"{i} : {w:.1f} s ({w / ideal:.2f} × 1/{args.shards})" for i, w in enumerate(walls, 1))
                  + f" ; écart max à 1/{args.shards} : {max(abs(w / ideal - 1) for w in walls):.0%} (cible <= 10 %)")
        black_box = full_suite(2, work / "boite-noire", *only, "--target", "sandbox-scelle")
        print(f"(f) Suite {which}en boîte noire (bac à sable scellé, -n 2) : {black_box:.1f} s, soit "
              f"{black_box / parallel:.2f}x le contrôle total (-n 2)")
    else:
        print("(d) Suite entière : non mesurée (--full)")
    if args.cibles:
        for target in ("test", "verifier"):
            measured = make_target(target)
            print(f"(g) make {target} : {measured} — pytest : {measured.summary}")
    print(f"\nJournaux et rapports : {work}")


def _scenario_count(junit: pathlib.Path) -> int:
    import xml.etree.ElementTree as ET

    return sum(1 for _ in ET.parse(junit).getroot().iter("testcase"))


def _load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "inconnue"


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "processeur inconnu"


def _ram_gb() -> float:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


if __name__ == "__main__":
    main()
