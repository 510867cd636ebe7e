"""Developer tools of the harness: Gherkin guard and step catalogue (no browser, no device)."""
