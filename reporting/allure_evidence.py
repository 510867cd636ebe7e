"""With --alluredir (allure-pytest-bdd): attach what the user saw when a step failed to that step."""
from __future__ import annotations


def attach(page, mobile_apps) -> None:
    """The live Playwright page and the screens of the opened mobile apps; best effort."""
    try:
        import allure
    except ImportError:
        return
    if page is not None:
        try:
            allure.attach(page.screenshot(), name="Capture d'écran (navigateur)",
                          attachment_type=allure.attachment_type.PNG)
        except Exception:  # a closed page must not hide the real failure
            pass
    for app in getattr(mobile_apps, "opened", {}).values():
        try:
            allure.attach(app.driver.get_screenshot_as_png(), name="Capture d'écran (appareil)",
                          attachment_type=allure.attachment_type.PNG)
            allure.attach(app.driver.page_source, name="Source de l'écran (Appium)",
                          attachment_type=allure.attachment_type.XML)
        except Exception:  # a lost session must not hide the real failure
            continue
