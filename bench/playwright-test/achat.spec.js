// The "1 an" purchase of features/web/achat_compte.feature: the same actions and checks as the harness's
// scenario and as bench/run.py's bare script (raw_purchase), timed the same way: from the account creation to
// the context closed, in an already launched browser. Each run appends {"seconds": ...} to PA_BENCH_OUT.
import { appendFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

const api = `${process.env.PA_PORTAL_URL}/_sandbox/api`;
const headers = { Authorization: `Bearer ${process.env.PA_SANDBOX_TOKEN}`, 'Content-Type': 'application/json' };

async function call(method, path, body) {
  const response = await fetch(api + path, { method, headers, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

test('acheter un abonnement de 1 an depuis le compte', async ({ browser }) => {
  const started = performance.now();
  const email = `bench.pwt.${process.pid}.${Date.now()}@exemple.fr`;
  await call('POST', '/accounts', {
    email, password: 'motdepasse-bench', first_name: 'Jeanne', last_name: 'Martin',
    computers: [{ name: 'iMac de Jeanne', os: 'macOS' }, { name: 'PC du bureau de Jeanne', os: 'Windows' }],
  });
  const context = await browser.newContext({ baseURL: process.env.PA_PORTAL_URL });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { cookie } = await call('POST', `/accounts/${email}/session`);
  await context.addCookies([{ ...cookie, url: process.env.PA_PORTAL_URL }]);
  await page.goto('/parallels-access');
  await page.getByRole('tab', { name: 'Ordinateurs' }).click();
  await expect(page.getByRole('tab', { selected: true })).toHaveText('Ordinateurs');
  const computers = page.getByRole('list', { name: 'Mes ordinateurs' }).getByRole('listitem');
  await expect(computers).toHaveCount(2);
  for (const name of ['iMac de Jeanne', 'PC du bureau de Jeanne']) {
    await expect(computers.filter({ hasText: name })).toHaveCount(1);
  }
  const panel = page.getByRole('complementary', { name: 'Abonnement' });
  const buy = panel.getByRole('button', { name: "Acheter l'abonnement" });
  await expect(buy).toBeVisible();
  expect((await buy.boundingBox()).x).toBeGreaterThanOrEqual((await page.getByRole('tabpanel').boundingBox()).x);
  await buy.click();
  await expect(page.getByRole('heading', { name: 'Panier' })).toBeVisible();
  const packs = page.getByRole('group', { name: "Pack d'abonnement" });
  await expect(packs.getByRole('radio')).toHaveCount(3);
  for (const pack of ['1 mois', '1 an', '2 ans']) await expect(page.getByLabel(pack, { exact: true })).toBeVisible();
  await packs.getByLabel('1 an', { exact: true }).check();
  await expect(page.getByRole('status', { name: 'Total' })).toHaveText('19,99 €');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByRole('heading', { name: 'Vos coordonnées' })).toBeVisible();
  for (const [label, value] of [['Prénom', 'Jeanne'], ['Nom', 'Martin'], ['Adresse e-mail', 'jeanne.martin@exemple.fr'],
    ['Adresse', '12 rue de la Paix'], ['Code postal', '75002'], ['Ville', 'Paris']]) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByLabel('Pays', { exact: true }).selectOption({ label: 'France' });
  for (const [label, value] of [['Numéro de carte', '4111 1111 1111 1111'], ["Date d'expiration (MM/AA)", '12/30'],
    ['Cryptogramme visuel', '123']]) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Valider la commande' }).click()]);
  await expect(page.getByRole('status').filter({ hasText: 'en cours de traitement' })).toBeVisible();
  const number = page.url().replace(/\/$/, '').split('/').pop();
  // Same wait as the harness (pages/portal/order.py): the page reloads when the partner answers.
  const confirmed = page.getByRole('heading', { level: 1, name: 'Commande confirmée' });
  let loads = 0;
  page.on('domcontentloaded', () => { loads += 1; });
  while (!(await confirmed.isVisible())) {
    if (!loads) await page.waitForEvent('domcontentloaded', { timeout: 30_000 });
    loads = 0;
  }
  const valueOf = 'xpath=following-sibling::dd[1]';
  await expect(page.locator('dt', { hasText: 'Numéro de commande' }).locator(valueOf)).toHaveText(number);
  await expect(page.locator('dt', { hasText: 'Montant débité' }).locator(valueOf)).toHaveText('19,99 €');
  const state = await call('GET', `/accounts/${email}`);
  expect(state.orders.map((o) => o.charged_cents)).toEqual([1999]);
  expect(state.subscription.pack).toBe('1y');
  const [year, month, day] = state.subscription.ends_at.slice(0, 10).split('-');
  await expect(page.getByText("Votre abonnement Parallels Access est actif jusqu'au")).toContainText(`${day}/${month}/${year}`);
  // What the customer sees, read as the harness reads it (fixtures/account_views.py, PortalView): a page of its own
  // in the customer's signed-in context, the Commandes tab then the subscription panel, each freshly loaded.
  const reader = await context.newPage();
  reader.setDefaultTimeout(10_000);
  const account = reader.getByRole('navigation', { name: 'Compte' });
  await reader.goto('/parallels-access');
  await expect(account).toContainText(email);
  await reader.getByRole('tab', { name: 'Commandes' }).click();
  const table = reader.getByRole('tabpanel', { name: 'Commandes' }).getByRole('table', { name: 'Mes commandes' });
  const row = table.getByRole('row').filter({ hasText: number });
  await expect(row.getByRole('cell')).toHaveText([number, '1 an', '19,99 €', '19,99 €', 'Confirmée']);
  await reader.goto('/parallels-access');
  await expect(account).toContainText(email);
  const fact = (label) => reader.getByRole('complementary', { name: 'Abonnement' })
    .getByText(new RegExp(`^${label}`)).getByRole('strong');
  await expect(fact('Abonnement actif')).toHaveText('1 an');
  await expect(fact("Actif jusqu'au")).toHaveText(`${day}/${month}/${year}`);
  await expect(fact('Acheté sur')).toHaveText('Site web');
  await page.goto('/parallels-access');
  await page.getByRole('tab', { name: 'Ordinateurs' }).click();
  await expect(page.getByRole('tab', { selected: true })).toHaveText('Ordinateurs');
  await expect(panel).toBeVisible();
  await expect(buy).toHaveCount(0);
  await context.close();
  appendFileSync(process.env.PA_BENCH_OUT, JSON.stringify({ seconds: (performance.now() - started) / 1000 }) + '\n');
});
