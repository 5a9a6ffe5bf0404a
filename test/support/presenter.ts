import type { PresentationView } from '../../shared/presentation/figures';
import type { TourAction } from '../../shared/presentation/tour';
import type { WallUrls } from './wallProcess';
import { openWindow, type WindowClient } from './windowClient';

/**
 * The duty director at a console of a running browser wall, over its
 * WebSocket: enters and leaves presentation, steers the tour, chooses
 * highlights. Used by the e2e tests, the screenshots and the benchmark.
 */
export async function connectPresenter(urls: WallUrls, port: number) {
  const token = new URL(urls.queue).searchParams.get('token')!;
  const client: WindowClient = await openWindow(port, `role=queue&token=${token}`);
  const ok = async <T>(name: string, args: unknown): Promise<T> => {
    const answer = await client.request(name, args, { input: 'command' });
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value as T;
  };
  await ok('session.signIn', { operatorId: 'dir01', pin: '999999' });
  return {
    client,
    request: ok,
    present: (on: boolean) => ok('command.run', { text: on ? '进入演示模式' : '退出演示模式' }),
    tour: (action: TourAction) => ok('presentation.tour', action),
    show: (view: PresentationView) => ok('presentation.tour', { action: 'show', view }),
    close: () => client.close(),
  };
}
export type Presenter = Awaited<ReturnType<typeof connectPresenter>>;
