/**
 * LibreOffice conversions for the tests, safe when several run at once.
 *
 * Two `soffice` processes sharing one user profile (the default, ~/.config/libreoffice) do not
 * both convert: the second hands its work to the first or exits 0 without writing anything, so a
 * test run with several jest workers lost conversions now and then. Each conversion here gets a
 * user profile of its own (`-env:UserInstallation`), removed afterwards, and a conversion that
 * wrote nothing is an error naming the file, not a missing file later.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

let found: string | null | undefined;

/** The LibreOffice binary (`soffice`, else `libreoffice`), or null when it is not installed. */
export function sofficeBinary(): string | null {
  if (found !== undefined) return found;
  found = null;
  for (const name of ['soffice', 'libreoffice']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore', timeout: 60000 });
      found = name;
      break;
    } catch {
      /* try the next name */
    }
  }
  return found;
}

/**
 * Convert `file` with LibreOffice (`--convert-to <to>`, e.g. `pdf`, `xls`, `ods`, `html`,
 * `xlsx`) into `outDir`; returns the path of the file written. Throws when LibreOffice is not
 * installed or wrote nothing.
 */
export function sofficeConvert(file: string, to: string, outDir: string, timeout = 180000): string {
  const bin = sofficeBinary();
  if (!bin) throw new Error('LibreOffice (soffice) is not installed');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  const out = path.join(outDir, `${path.parse(file).name}.${to.split(':')[0]}`);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    fs.rmSync(out, { force: true });
    execFileSync(bin, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, file], {
      stdio: 'ignore',
      timeout,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote nothing converting ${file} to ${to}`);
  return out;
}
