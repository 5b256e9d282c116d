import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, signIn } from './test/e2e/helpers.ts';
import { ingest } from './src/ingest/index.ts';
import { loadGeography } from './src/geography/index.ts';
import { createAccess, createDemoAccount } from './src/access/index.ts';
const SD = '/work/wt/shared/data';
let acc = { name: '', password: '' };
const hub = await startHub('dbg', async (s, cfg) => {
  const gwent = join(SD, 'police_uk/street/gwent');
  await ingest(s, readdirSync(gwent).filter((f) => f >= '2022-06').map((f) => join(gwent, f)));
  await loadGeography(s, [join(SD, 'geography')]);
  acc = await createDemoAccount(createAccess(s, cfg), { name: 'analyst', role: 'national_analyst' }, { actor: 'dbg' });
});
const { page } = hub;
page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
await signIn(hub, acc);
await page.goto(`${hub.base}/#/forces/gwent`);
await page.waitForSelector('[data-ready="true"]');
await page.waitForLoadState('networkidle');
await page.waitForTimeout(1500);
await page.locator('[data-testid="map"]').first().scrollIntoViewIfNeeded();
const box = await page.locator('[data-testid="map"]').first().boundingBox();
console.log('box', box);
await page.evaluate(() => { const el = document.querySelector('[data-testid="map"]')!; el.addEventListener('mousemove', () => ((window as any).__mm = ((window as any).__mm ?? 0) + 1)); });
for (const [fx, fy] of [[0.5, 0.5], [0.4, 0.6], [0.6, 0.4]]) {
  await page.mouse.move(box!.x + box!.width * fx, box!.y + box!.height * fy, { steps: 3 });
  await page.waitForTimeout(200);
  console.log(await page.evaluate(() => ({ mm: (window as any).__mm, tip: (document.querySelector('[data-testid="map-tip"]') as HTMLElement).outerHTML })));
}
await page.screenshot({ path: '/tmp/w21/dbg.png' });
await hub.close();
