/** The part of the pane loaded once Office is ready: the views and the Excel host layer. */
import { createExcelHost } from '../excel/host-impl';
import type { HostOps } from '../excel/host';

export { App } from './App';

export function createHost(): HostOps {
  return createExcelHost();
}
