/** Entry of the task pane bundle. */
import { start } from './bootstrap';

void start(document.getElementById('root') as HTMLElement, {
  load: () => import(/* webpackChunkName: "pane-app", webpackPrefetch: true */ './pane').then((m) => ({ App: m.App, createHost: m.createHost })),
});
