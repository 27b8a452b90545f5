// The scripted user: every second one step of a fixed 15 s cycle (sorting, typing, scrolling,
// navigating between the two views, moving the mouse), for `seconds` seconds.

/** Drives the page for `seconds` seconds. */
export async function runWorkload(page, seconds) {
  const end = Date.now() + seconds * 1000;
  for (let t = 0; Date.now() < end; t++) {
    const step = t % 15;
    if (step === 0) await page.click("#sort-name");
    else if (step === 5) await page.click("#sort-qty");
    else if (step === 7) await page.click("#to-b");
    else if (step === 12) await page.click("#to-a");
    if (step % 3 === 1) await page.type("#q", "abc", { delay: 60 });
    if (step % 3 === 2) await page.fill("#q", "");
    if (step % 2 === 0) await page.mouse.wheel(0, step % 4 === 0 ? 600 : -600);
    await page.mouse.move(100 + ((t * 137) % 900), 100 + ((t * 89) % 500), { steps: 8 });
    const rest = end - Date.now();
    if (rest > 0) await page.waitForTimeout(Math.min(1000 - (Date.now() % 1000), rest));
  }
}
