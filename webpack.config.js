// Builds the add-in: the task pane and the ribbon commands, each with its HTML page; the help page
// the manifest's SupportUrl names (help.html); copies assets/ and the manifest into dist/.
// Build settings (environment variables):
//   ADDIN_PUBLIC_URL   the HTTPS address the add-in is served from (replaces https://localhost:3000
//                      in dist/manifest.xml);
//   ADDIN_PROVIDER     the publisher written as the manifest's ProviderName (default 双拥台账助手);
//   OFFICE_JS_SOURCE   where the pages load Office.js from:
//                        cdn       Microsoft's CDN (the default; development and Microsoft 365),
//                        fallback  the CDN, and the bundled copy in office-js/ when the CDN fails or
//                                  does not answer within OFFICE_JS_TIMEOUT_MS (default 5000),
//                        local     only the bundled copy in office-js/ (the offline package).
//                      With fallback and local the Excel files of @microsoft/office-js are copied
//                      into dist/office-js/ (OFFICE_JS_FILES below).
// Every page declares a Content Security Policy (contentSecurityPolicy below): scripts only from
// the add-in's own address (and the CDN in the cdn/fallback builds), no eval.
const path = require('path');
const fs = require('fs');
const os = require('os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';
const OFFICE_CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
const OFFICE_JS = `${OFFICE_CDN_ORIGIN}/lib/1/hosted/office.js`;
const DEFAULT_PROVIDER = '双拥台账助手';
const OFFICE_JS_DIST = path.join(__dirname, 'node_modules', '@microsoft', 'office-js', 'dist');

/**
 * What Office.js loads at run time in Excel, relative to its own folder: office.js itself, the
 * host scripts for Excel on Windows (16.00/16.01 and their -core variants), Mac and the web, the
 * loader table office.js uses outside a recognised host (o15apptofilemappingtable.js), its
 * telemetry sinks, and the zh-CN and en-US strings. (Checked against office.debug.js: hostType-
 * hostPlatform-version[-core].js, LOCALE/office_strings.js, telemetry/oteljs_agave.js,
 * ariatelemetry/aria-web-telemetry.js.)
 */
const OFFICE_JS_FILES = [
  'office.js',
  'o15apptofilemappingtable.js',
  'excel-win32-16.00.js',
  'excel-win32-16.01.js',
  'excel-win32-16.01-core.js',
  'excel-mac-16.00.js',
  'excel-mac-16.00-core.js',
  'excel-web-16.00.js',
  'excel-web-16.00-core.js',
  'zh-cn/office_strings.js',
  'en-us/office_strings.js',
  'telemetry/oteljs_agave.js',
  'ariatelemetry/aria-web-telemetry.js',
];
/** The address of the logging frame o15apptofilemappingtable.js opens 3 s after start. */
const OFFICE_TELEMETRY_FRAME = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';

/** cdn | fallback | local, from OFFICE_JS_SOURCE. */
function officeJsSource() {
  const v = (process.env.OFFICE_JS_SOURCE || 'cdn').trim().toLowerCase();
  if (!['cdn', 'fallback', 'local'].includes(v)) {
    throw new Error(`OFFICE_JS_SOURCE must be cdn, fallback or local, not "${v}"`);
  }
  return v;
}

/** The publisher named in the manifest's ProviderName: ADDIN_PROVIDER or the product's name. */
function provider() {
  const p = (process.env.ADDIN_PROVIDER || '').trim();
  return p || DEFAULT_PROVIDER;
}

function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The Content Security Policy of every page (a <meta http-equiv> as the first element of <head>,
 * so it covers Office.js too). Scripts from the add-in's own address, plus Microsoft's CDN only
 * when the build loads Office.js from there; no 'unsafe-eval', no inline script. Styles allow
 * 'unsafe-inline' because Fluent UI (Griffel) inserts its rules at run time. Frames from self
 * only: office.js's logging frame (OFFICE_TELEMETRY_FRAME) is refused, nothing else is framed.
 */
function contentSecurityPolicy(source) {
  const cdn = source === 'local' ? '' : ` ${OFFICE_CDN_ORIGIN}`;
  return [
    "default-src 'self'",
    `script-src 'self'${cdn}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The <head> tags that load Office.js for the given source (see OFFICE_JS_SOURCE above). */
function officeJsTags(source, bundles) {
  if (source === 'cdn') return `<script src="${OFFICE_JS}" type="text/javascript"></script>`;
  if (source === 'local') return '<script src="office-js/office.js" type="text/javascript"></script>';
  const timeout = Number(process.env.OFFICE_JS_TIMEOUT_MS) > 0 ? Number(process.env.OFFICE_JS_TIMEOUT_MS) : 5000;
  // The loader starts the page's bundles itself, once Office.js has run (from either place).
  return (
    `<script id="office-loader" src="office-loader.js" data-cdn="${OFFICE_JS}" data-local="office-js/office.js" ` +
    `data-timeout="${timeout}" data-bundles="${escapeXml(bundles.join(' '))}"></script>`
  );
}

/** The public URL the manifest points at: ADDIN_PUBLIC_URL (no trailing slash) or the dev server. */
function publicUrl() {
  const u = (process.env.ADDIN_PUBLIC_URL || '').trim().replace(/\/+$/, '');
  return u || DEV_URL;
}

/** HTTPS options from the files office-addin-dev-certs writes; plain self-signed HTTPS when absent. */
function httpsOptions() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  const ca = path.join(dir, 'ca.crt');
  try {
    if (fs.existsSync(cert) && fs.existsSync(key)) {
      const options = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
      if (fs.existsSync(ca)) options.ca = fs.readFileSync(ca);
      return options;
    }
  } catch (e) {
    console.warn(`dev-server: could not read the certificates in ${dir}: ${e.message}`);
  }
  console.warn(
    `dev-server: no certificates in ${dir}; serving HTTPS with a generated certificate ` +
      '(run `npx office-addin-dev-certs install` to create trusted ones).',
  );
  return undefined;
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const url = publicUrl();
  const source = officeJsSource();
  const csp = contentSecurityPolicy(source);
  /** HtmlWebpackPlugin settings shared by the pages that load Office.js. */
  const officePage = (filename, template, chunk) => ({
    filename,
    template,
    chunks: [chunk],
    // With the fallback loader the bundles are started by office-loader.js, not by script tags.
    inject: source === 'fallback' ? false : 'head',
    scriptLoading: 'defer',
    templateParameters: (compilation, assets) => ({
      officeJs: OFFICE_JS,
      csp,
      officeJsTags: officeJsTags(source, assets.js),
    }),
  });
  const manifestTransform = (content) => {
    let text = content.toString();
    if (url !== DEV_URL) text = text.split(DEV_URL).join(url);
    const name = provider();
    if (name !== DEFAULT_PROVIDER) {
      text = text.replace(/<ProviderName>[^<]*<\/ProviderName>/, `<ProviderName>${escapeXml(name)}</ProviderName>`);
    }
    return text === content.toString() ? content : text;
  };
  const officeCopies =
    source === 'cdn'
      ? []
      : OFFICE_JS_FILES.map((f) => ({
          from: path.join(OFFICE_JS_DIST, f),
          to: `office-js/${f}`,
          // Microsoft's files as published: not minified again (nor their comments moved out).
          info: { minimized: true },
          // The loader table's logging frame would be the one request to another host: it opens
          // about:blank instead (the CSP refuses frames from elsewhere anyway).
          ...(f === 'o15apptofilemappingtable.js'
            ? { transform: (c) => c.toString().split(OFFICE_TELEMETRY_FRAME).join('about:blank') }
            : {}),
        }));
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      // ADDIN_OUT_DIR: another folder than dist/ (scripts/package.js builds into a staging folder).
      path: process.env.ADDIN_OUT_DIR ? path.resolve(process.env.ADDIN_OUT_DIR) : path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
      // The runtime reads `globalThis` directly instead of probing with new Function (which the
      // CSP refuses and reports). Office's webviews for ExcelApi 1.9 all have globalThis.
      environment: { globalThis: true },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { sourceMap: dev, module: 'esnext' } },
          },
        },
      ],
    },
    // Office.js comes from Microsoft's CDN as a global, never bundled.
    externals: { 'office-js': 'Office' },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // The pane's views load on demand; React and Fluent are shared vendor chunks.
          react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: 'react', priority: 20 },
          fluent: { test: /[\\/]node_modules[\\/]@fluentui[\\/]/, name: 'fluent', priority: 10 },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin(officePage('taskpane.html', './src/taskpane/taskpane.html', 'taskpane')),
      new HtmlWebpackPlugin(officePage('commands.html', './src/commands/commands.html', 'commands')),
      // The help page the manifest's SupportUrl names: static, no script at all.
      new HtmlWebpackPlugin({
        filename: 'help.html',
        template: './src/help/help.html',
        chunks: [],
        inject: false,
        templateParameters: { csp: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/*.svg.txt'] } },
          { from: 'manifest.xml', to: 'manifest.xml', transform: manifestTransform },
          ...(source === 'fallback' ? [{ from: 'src/boot/office-loader.js', to: 'office-loader.js' }] : []),
          ...officeCopies,
        ],
      }),
    ],
    devServer: {
      port: 3000,
      host: 'localhost',
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: serving ? httpsOptions() : undefined },
      static: { directory: path.resolve(__dirname, 'dist'), watch: false },
      client: { overlay: false },
    },
  };
};

module.exports.OFFICE_JS_FILES = OFFICE_JS_FILES;
module.exports.OFFICE_JS = OFFICE_JS;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
