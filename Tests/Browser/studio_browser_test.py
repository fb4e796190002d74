#!/usr/bin/env python3
"""The studio in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by
selenium. Starts the real `singan-edit serve` on a free loopback port, trains a model on a photo
from the page, paints on the canvas and runs paint-to-image, moves a region and runs editing,
places an object and runs harmonization, checks that each result appears, saves screenshots, and
stops the server with SIGINT.

Usage: studio_browser_test.py [path/to/singan-edit] [screenshot folder]
"""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/singan-edit"))
SHOTS = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "browser-output"))


def png_rgba(path, size, pixel):
    """A size×size RGBA PNG whose pixel (x, y) is pixel(x, y), a tuple of four bytes."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_with_alpha(path, size=40):
    """A red disc on a transparent background (RGBA PNG), the object to harmonize."""
    png_rgba(path, size, lambda x, y: (220, 40, 30, 255) if (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 2 - 2) ** 2
             else (0, 0, 0, 0))


def start_server(models, *extra):
    server = subprocess.Popen([BINARY, "serve", "--models", models, "--port", "0", *extra],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if not line.startswith("studio: "):
        server.kill()
        raise SystemExit("the server did not start: " + line + server.stderr.read())
    return server, line.split(" ", 1)[1].strip()


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def wait(driver, condition, seconds, what):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.2,
                             ignored_exceptions=[StaleElementReferenceException]).until(lambda d: condition(d))
    except Exception:
        driver.save_screenshot(os.path.join(SHOTS, "failure.png"))
        try:
            jobs = urllib.request.urlopen(driver.current_url.split("?")[0].rstrip("/") + "/api/jobs").read().decode()[:3000]
        except Exception as error:
            jobs = str(error)
        raise SystemExit(f"FAIL: {what} (within {seconds} s); screenshot in {SHOTS}/failure.png; jobs: {jobs}")


def check(condition, what):
    if not condition:
        raise SystemExit("FAIL: " + what)
    print("ok:", what)


def drag(driver, element, points):
    """Presses at the first point (offsets from the element's centre) and moves through the others."""
    actions = ActionChains(driver, duration=40)
    actions.move_to_element_with_offset(element, *points[0]).click_and_hold()
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        actions.move_by_offset(x1 - x0, y1 - y0)
    actions.release().perform()


def click(driver, selector):
    """Clicks the element, again if the page re-rendered it in between (the lists refresh live)."""
    for _ in range(20):
        try:
            driver.find_element(By.CSS_SELECTOR, selector).click()
            return
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise SystemExit("FAIL: could not click " + selector)


def open_panel(driver, model, plugin):
    click(driver, f'.model-card[data-id="{model}"]')
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#plugin-tabs button[data-plugin="{plugin}"]'), 10, "the plugin tabs")
    click(driver, f'#plugin-tabs button[data-plugin="{plugin}"]')
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f'#panel [data-plugin="{plugin}"] canvas.editor'), 10, plugin + " canvas")
    return driver.find_element(By.CSS_SELECTOR, "#panel canvas.editor")


def delete_model(driver, name):
    """Deletes a model from the page (the confirmation answered yes) and waits until it leaves the list."""
    click(driver, f'.model-card[data-id="{name}"]')
    driver.execute_script("window.confirm = () => true;")
    driver.find_element(By.CSS_SELECTOR, "#model-title .delete-model").click()
    wait(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, f'.model-card[data-id="{name}"]'), 10, f"the deleted model {name} leaves the list")


def run_and_wait_for_result(driver, plugin):
    driver.find_element(By.ID, "run-button").click()
    def done(d):
        error = d.find_element(By.ID, "run-error").text
        if error:
            raise SystemExit(f"FAIL: {plugin} answered {error}")
        return d.execute_script("const i = document.querySelector('#results img'); return i && i.complete && i.naturalWidth > 0;")
    wait(driver, done, 180, plugin + " result image")
    check(True, plugin + " result appears")


# Mean absolute difference between the result image and the canvas, both drawn at the canvas's size.
DIFFERENCE = """
const canvas = document.querySelector('#panel canvas.editor'), image = document.querySelector('#results img');
const w = canvas.width, h = canvas.height, c = document.createElement('canvas');
c.width = w; c.height = h;
const x = c.getContext('2d');
x.drawImage(image, 0, 0, w, h);
const a = x.getImageData(0, 0, w, h).data, b = canvas.getContext('2d').getImageData(0, 0, w, h).data;
let sum = 0;
for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
return sum / (w * h * 3);
"""


def main():
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="studio-browser-")
    models = os.path.join(work, "models")
    os.makedirs(models)
    for name in ["hubble-128", "rocket-128"]:
        shutil.copy(os.path.join(ROOT, "Samples/models", name + ".sgn"), models)
    cup = os.path.join(work, "object.png")
    png_with_alpha(cup)
    server, url = start_server(models)
    driver = None
    started = time.time()
    try:
        driver = browser()
        driver.get(url)
        wait(driver, lambda d: d.find_element(By.ID, "status").text == "ready", 20, "the page is ready")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".model-card")) == 2, "the models folder is listed")

        # Train on a photo from the page: live progress, then the new model in the list.
        form = driver.find_element(By.ID, "train-form")
        form.find_element(By.NAME, "image").send_keys(os.path.join(ROOT, "Samples/images/rocket.jpg"))
        for name, value in [("name", "my-rocket"), ("max-size", "40"), ("iterations", "60")]:
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        driver.find_element(By.ID, "train-button").click()
        wait(driver, lambda d: "it/s" in "".join(e.text for e in d.find_elements(By.CSS_SELECTOR, ".progress-line")), 240, "live progress")
        check(True, "training progress shows iterations, losses, it/s and ETA")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".job .samples img"), 240, "a sample after the first scale")
        driver.save_screenshot(os.path.join(SHOTS, "studio-training.png"))
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '.job[data-state="finished"]'), 400, "the training finishes")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '.model-card[data-id="my-rocket"]'), 20, "the new model is listed")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".job .samples img")) >= 2, "a sample after each finished scale")

        # Paint-to-image: palette of the training image's colours, brush strokes and a fill.
        canvas = open_panel(driver, "hubble-128", "paint2img")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#panel .swatch")) == 5, 20, "the 5-colour palette")
        # The training image's colours, brightest first: bright strokes, a fill of the background.
        swatches = sorted(driver.find_elements(By.CSS_SELECTOR, "#panel .swatch"),
                          key=lambda s: -sum(int(s.get_attribute("data-colour")[i:i + 2], 16) for i in (1, 3, 5)))
        swatches[0].click()
        drag(driver, canvas, [(-120, -60), (-40, -40), (40, -20), (120, 10)])
        swatches[1].click()
        drag(driver, canvas, [(-100, 60), (-20, 70), (60, 80)])
        driver.find_element(By.CSS_SELECTOR, '#panel button[data-mode="fill"]').click()
        swatches[-1].click()
        ActionChains(driver).move_to_element_with_offset(canvas, 150, -100).click().perform()
        painted = driver.execute_script("const c = document.querySelector('#panel canvas.editor'); return c.toDataURL();")
        colours = driver.execute_script("""
            const c = document.querySelector('#panel canvas.editor'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const seen = new Set(); for (let i = 0; i < d.length; i += 4) seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]); return seen.size;""")
        check(colours >= 3, f"strokes and a fill on the canvas ({colours} colours)")
        run_and_wait_for_result(driver, "paint2img")
        difference = driver.execute_script(DIFFERENCE)
        check(difference > 2, f"the paint2img result differs from the painting (mean difference {difference:.1f} levels)")
        check(painted != driver.execute_script("return document.querySelector('#results img').src"), "result is a new image")
        driver.save_screenshot(os.path.join(SHOTS, "studio-paint2img.png"))

        # Editing: select a rectangle, move a copy of it, brush the mask a little.
        canvas = open_panel(driver, "rocket-128", "edit")
        time.sleep(0.5)
        # The rocket (the middle of the picture) copied to the right, between the towers.
        drag(driver, canvas, [(-14, -75), (14, 85)])
        driver.find_element(By.CSS_SELECTOR, '#panel button[data-mode="move"]').click()
        drag(driver, canvas, [(0, 0), (85, 0)])
        driver.find_element(By.CSS_SELECTOR, '#panel button[data-mode="mask"]').click()
        drag(driver, canvas, [(120, -90), (130, -80)])
        run_and_wait_for_result(driver, "edit")
        driver.save_screenshot(os.path.join(SHOTS, "studio-edit.png"))

        # Harmonization: an object with alpha, dragged onto the picture.
        canvas = open_panel(driver, "hubble-128", "harmonize")
        time.sleep(0.5)
        driver.find_element(By.CSS_SELECTOR, "#panel .object-file").send_keys(cup)
        time.sleep(0.5)
        drag(driver, canvas, [(-60, -50), (10, 0)])
        run_and_wait_for_result(driver, "harmonize")
        driver.save_screenshot(os.path.join(SHOTS, "studio-harmonize.png"))
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#history .history-item")) == 2, 10, "paint2img and harmonize in the history of hubble-128")
        check(True, "paint2img and harmonize in the history of hubble-128")

        # A panel without a tool, generated from the descriptor: three samples at once.
        click(driver, '#plugin-tabs button[data-plugin="sample"]')
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '#panel [data-plugin="sample"] input[name="count"]'), 10, "the sample form")
        driver.find_element(By.CSS_SELECTOR, '#panel input[name="count"]').send_keys("3")
        run_and_wait_for_result(driver, "sample")
        wait(driver, lambda d: d.execute_script("return Array.from(document.querySelectorAll('#results img')).filter(i => i.complete && i.naturalWidth > 0).length") == 3, 20, "three samples")
        check(True, "three samples from the generated sample panel")
        captions = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "#results .result-caption")]
        check([c.split(" · ", 1)[-1] for c in captions] == [f"seed 1, image {k} of 3" for k in (1, 2, 3)],
              f"each sample says how to get it again: {captions}")

        # Each result came from the tool's pictures: the uploaded inputs are kept with the result.
        check(driver.execute_script("return fetch('/api/results').then(r => r.json()).then(a => a.map(r => Object.keys(r.inputs).sort().join('+')).sort().join(','))")
              == ",clipart,input+mask,input+mask", "paint2img sent its painting, edit and harmonize their picture and mask")
        # A scale that has not learned its picture (two iterations on a black picture with a white dot): the
        # job card shows the warning `train` gives on the command line.
        dot = os.path.join(work, "dot.png")
        png_rgba(dot, 40, lambda x, y: (255, 255, 255, 255) if (x - 20) ** 2 + (y - 20) ** 2 < 16 else (0, 0, 0, 255))
        form.find_element(By.NAME, "image").send_keys(dot)
        for name, value in [("name", "dot"), ("max-size", "40"), ("iterations", "2")]:
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        driver.find_element(By.ID, "train-button").click()
        wait(driver, lambda d: any("has not learned the image" in e.text for e in d.find_elements(By.CSS_SELECTOR, ".job .warning")),
             120, "the collapse warning on the job card")
        driver.save_screenshot(os.path.join(SHOTS, "studio-warning.png"))
        check(True, "a scale that has not learned its picture is reported on the job card")
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, '.job[data-state="finished"]')) == 2, 120, "the dot training finishes")
        # The page reloads the model list when a job ends: let it settle (the card complete, its
        # thumbnail loaded) before deleting, so no thumbnail is asked for after the file is gone.
        wait(driver, lambda d: d.execute_script(
            "const c = document.querySelector('.model-card[data-id=\"dot\"]'), i = c && c.querySelector('img');"
            "return !!c && /(\\d+)\\/\\1 scales/.test(c.textContent) && i.complete && i.naturalWidth > 0"), 20, "the dot model complete in the list")
        time.sleep(1)
        delete_model(driver, "dot")
        check(not os.path.exists(os.path.join(models, "dot.sgn")), "the dot model is deleted")

        # Deleting the model trained here (the confirmation answered yes).
        delete_model(driver, "my-rocket")
        check(not os.path.exists(os.path.join(models, "my-rocket.sgn")), "the model file is deleted")

        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(not severe, "no error in the browser console " + str(severe))
        server.send_signal(signal.SIGINT)
        check(server.wait(timeout=60) == 0, "the server stops cleanly on SIGINT")

        # With a token: the page works when opened with it (API calls, thumbnails), not without.
        token = "browsertest0123456789"
        server, url = start_server(models, "--token", token)
        driver.get(url + "?token=" + token)
        wait(driver, lambda d: d.find_element(By.ID, "status").text == "ready", 20, "the page with its token")
        wait(driver, lambda d: d.execute_script("return Array.from(document.querySelectorAll('.model-card img')).every(i => i.complete && i.naturalWidth > 0)"), 20, "thumbnails with the token")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".model-card")) == 2, "the page opened with the token lists the models")
        driver.get(url)
        wait(driver, lambda d: d.find_element(By.ID, "status").text.startswith("error: a valid token is required"), 20, "the token refusal")
        check(True, "without the token the page shows the API's refusal")
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGINT)
        status = server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    check(status == 0, "the server stops cleanly on SIGINT")
    print(f"browser test passed in {time.time() - started:.0f} s; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
