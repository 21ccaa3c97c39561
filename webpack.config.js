// Builds the add-in: the task pane and the ribbon commands, each with its HTML page; copies
// assets/ and the manifest (with the production URL when ADDIN_PUBLIC_URL is set) into dist/.
const path = require('path');
const fs = require('fs');
const os = require('os');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

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
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
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
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets', globOptions: { ignore: ['**/*.svg.txt'] } },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (url === DEV_URL ? content : content.toString().split(DEV_URL).join(url)),
          },
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
