/**
 * Node entry of the in-memory Excel: reads Microsoft's client script from node_modules, then
 * re-exports everything of index.ts. Tests import from here ('../excel-sim/node').
 */
import * as fs from 'fs';
import { CLIENT_FILE } from './client';
import { setClientScript } from './index';

let text: string | undefined;
setClientScript(() => (text ??= fs.readFileSync(require.resolve(CLIENT_FILE), 'utf8')));

export * from './index';
