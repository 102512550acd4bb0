import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Jest runs from the project root (ESM tests have no __dirname). */
const ROOT = process.cwd();
/** Git-ignored: every run's pictures of each page, for a look after a failure. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** dist/dashboard as the app serves it; rebuilt only when its sources changed (~2 s). */
export function buildDashboard(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-changed.mjs'), '--dashboard'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Debian's Chromium (Playwright's own browser downloads are not reachable here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Pixels of the chart's canvases in the colours of its candles (up green, down red): more
 * than a few hundred means candles were drawn, not just an empty grid and axes.
 */
export function candlePixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').evaluateAll((canvases) => {
    const near = (r: number, g: number, b: number, [R, G, B]: number[]) =>
      Math.abs(r - R) < 40 && Math.abs(g - G) < 40 && Math.abs(b - B) < 40;
    let count = 0;
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (near(r, g, b, [26, 127, 55]) || near(r, g, b, [207, 34, 46])) count++;
      }
    }
    return count;
  });
}

/** The widths every page is looked at: a laptop and a phone (iPhone 12 to 15). */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** One serious or critical accessibility problem axe found, with where it is. */
export interface AxeViolation {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page (from node_modules: no network) and returns its serious and
 * critical violations; minor and moderate ones are left to review. The source is evaluated
 * through DevTools, not a script tag, which the dashboard's CSP (script-src 'self') refuses.
 */
export async function accessibilityViolations(page: Page, name: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => ({ page: name, ...violation }));
}

/** The little of axe's API the check uses (its own typings declare a global module). */
interface AxeApi {
  run(
    context: Document,
    options: { resultTypes: string[] },
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
}

/** Waits for two frames: a resized page has laid out and its charts have redrawn. */
export function settled(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}
