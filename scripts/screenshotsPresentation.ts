import type { Browser } from '@playwright/test';
import { presentationViews } from '../shared/presentation/figures';
import { connectPresenter } from '../test/support/presenter';
import type { StartedWall } from '../test/support/wallProcess';

/** An illustrative street scene drawn on a canvas (the demo ships no photos): piled rubbish before, a swept pavement after. */
async function drawScene(browser: Browser, rubbish: boolean): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
  try {
    return await page.evaluate((withRubbish) => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 400;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#6d7f8f';
      g.fillRect(0, 0, 640, 400);
      g.fillStyle = '#8e9aa3';
      g.fillRect(0, 0, 640, 170);
      for (let x = 20; x < 640; x += 150) {
        g.fillStyle = '#c9b79c';
        g.fillRect(x, 30, 110, 140);
        g.fillStyle = '#3b4a57';
        g.fillRect(x + 20, 60, 30, 40);
        g.fillRect(x + 60, 60, 30, 40);
      }
      g.fillStyle = '#b8b2a6';
      g.fillRect(0, 170, 640, 110);
      g.fillStyle = '#444b52';
      g.fillRect(0, 280, 640, 120);
      if (withRubbish) {
        const colours = ['#2f6b3a', '#d9d2c0', '#7a5230', '#1f3d7a', '#a33', '#555'];
        for (let i = 0; i < 60; i++) {
          g.fillStyle = colours[i % colours.length]!;
          g.beginPath();
          g.ellipse(200 + ((i * 37) % 260), 230 + ((i * 23) % 50), 18 + (i % 5) * 4, 12 + (i % 4) * 3, 0, 0, Math.PI * 2);
          g.fill();
        }
      }
      return canvas.toDataURL('image/png').split(',')[1]!;
    }, rubbish);
  } finally {
    await page.close();
  }
}

/**
 * Screenshots of every presentation view for the README, on a visitors'
 * window at 1920×1080: a closed case becomes a highlight with a before and
 * an after picture, and the tour is stopped on each view in turn.
 */
export async function presentationScreenshots(wall: StartedWall, browser: Browser, english: boolean): Promise<void> {
  const presenter = await connectPresenter(wall.urls, wall.port);
  try {
    const closed = await presenter.request<{ cases: Array<{ id: number }> }>('cases.query', { statuses: ['closed'], sort: 'newest', limit: 1 });
    const caseId = closed.cases[0]!.id;
    const setup = await presenter.request<{ highlights: unknown[] }>('presentation.setup', {});
    if (setup.highlights.length === 0) {
      const before = await presenter.request<{ id: number }>('case.attach', { caseId, kind: 'photo', mime: 'image/png', dataBase64: await drawScene(browser, true), caption: '' });
      const after = await presenter.request<{ id: number }>('case.attach', { caseId, kind: 'photo', mime: 'image/png', dataBase64: await drawScene(browser, false), caption: '' });
      await presenter.request('presentation.highlight', { caseId, chosen: true, before: [before.id], after: [after.id] });
    }
    await presenter.tour({ action: 'stop' });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${wall.urls.presentation}${english ? '&lang=en' : ''}`);
    for (const view of presentationViews) {
      await presenter.show(view);
      await page.locator(`[data-view="${view}"] .view[data-ready="true"]`).waitFor();
      if (view === 'highlights') await page.locator('.highlight img').nth(1).waitFor();
      await page.waitForTimeout(700);
      await page.screenshot({ path: `docs/screenshots/presentation-${view}${english ? '-en' : ''}.png` });
    }
    await page.close();
    await presenter.tour({ action: 'resume' });
  } finally {
    await presenter.close();
  }
}
