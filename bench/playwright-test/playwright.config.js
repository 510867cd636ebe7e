// Playwright Test as a team would configure it for CI: one worker per machine here (the bench runs one
// scenario), traces only on a retry (Playwright Test's CI convention), the system Chromium (no browser download).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  workers: 1,
  retries: 0,
  reporter: 'dot',
  timeout: 60_000,
  use: {
    baseURL: process.env.PA_PORTAL_URL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: process.env.PA_CHROMIUM ? { executablePath: process.env.PA_CHROMIUM } : {},
  },
});
