/** Entry of the task pane bundle. */
import { start } from './bootstrap';

void start(document.getElementById('root') as HTMLElement, {
  createHost: () => null,
  loadApp: () => import(/* webpackChunkName: "pane-app" */ './App').then((m) => m.App),
});
