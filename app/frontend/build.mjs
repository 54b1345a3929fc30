// Bundles the process studio (BPMN/DMN viewers and editors of the web console) with esbuild:
//   src/studio.js → ../target/classes/static/console/studio/studio.js (+ studio.css, fonts/, licences)
//   src/viewer.js → viewer.js (+ viewer.css): the ticket page's read-only diagram
// Maven runs it in generate-resources (exec-maven-plugin); by hand: `node build.mjs`.
// Needs Node 20+ and npm. The dependencies are installed with `npm ci` only when node_modules is
// missing or was installed from another package-lock.json, so later builds work offline.

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'target', 'classes', 'static', 'console', 'studio');
const stamp = join(here, 'node_modules', '.linedesk-lock.sha256');


function installWhenLockChanged() {
  const lockHash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) {
    return;
  }
  console.log('studio: installing the locked dependencies (npm ci)');
  // No package here needs an install script: esbuild finds its binary through its optional
  // platform package, and inferno's script only prints an advert.
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: here,
    stdio: 'inherit',
    shell: process.platform === 'win32'
  });
  if (npm.status !== 0) {
    throw new Error(`npm ci failed (exit ${npm.status ?? npm.signal ?? npm.error})`);
  }
  writeFileSync(stamp, lockHash + '\n');
}

async function bundle(esbuild) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const fonts = Object.fromEntries(['.woff', '.woff2', '.ttf', '.eot', '.svg'].map((ext) => [ext, 'file']));
  return esbuild.build({
    absWorkingDir: here,
    entryPoints: { studio: 'src/studio.js', viewer: 'src/viewer.js' },
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    loader: fonts,
    assetNames: 'fonts/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
    plugins: [cspSafeStyles()]
  });
}

// The console's policy (style-src 'self') blocks style attributes written as markup and <style>
// elements, so these are
// rewritten while bundling; the build fails when a new version no longer has them, to look again.
// - the properties panel's two containers: dropped, src/studio.css has the same rules;
// - bpmn-js's align/distribute icons (SVG): turned into presentation attributes (fill="none" …);
// - dmn-js's drag image (decision table rows and columns): a class that src/studio.css hides;
// - style-mod (CodeMirror's theme styles, e.g. in the FEEL cells of a decision table) puts a <style>
//   element into documents (blocked by style-src) and uses constructable style sheets (CSSOM, which the
//   policy allows) only in shadow roots: it is made to use them in documents too.
// The bpmn.io watermark code is left exactly as it is.
const CSP_STYLE_FIXES = [
  {
    file: /bpmn-js-properties-panel[\\/]dist[\\/]index\.esm\.js$/,
    fix: (code) => ['style="height: 100%" ', 'style="flex: none; height: auto" ']
      .reduce((text, attribute) => text.replaceAll(attribute, ''), code)
  },
  {
    file: /bpmn-js[\\/]lib[\\/]features[\\/](align|distribute)-elements[\\/]\w+Icons\.js$/,
    fix: (code) => code.replace(/style="([^"]*)"/g, (_, declarations) => declarations.split(';')
      .map((declaration) => declaration.split(':').map((part) => part.trim()))
      .filter(([name, value]) => name && value)
      .map(([name, value]) => `${name}="${value}"`)
      .join(' '))
  },
  {
    file: /dmn-js-decision-table[\\/]lib[\\/]features[\\/]drag-and-drop[\\/]DragAndDrop\.js$/,
    fix: (code) => code.replace(/<span style="[^"]*"><\/span>/, '<span class="ld-drag-image"></span>')
  },
  {
    file: /style-mod[\\/]src[\\/]style-mod\.js$/,
    fix: (code) => code.replace('if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {',
      'if (root.adoptedStyleSheets && win.CSSStyleSheet) {')
  }
];

function cspSafeStyles() {
  return {
    name: 'csp-safe-styles',
    setup(build) {
      for (const { file, fix } of CSP_STYLE_FIXES) {
        build.onLoad({ filter: file }, ({ path }) => {
          const code = readFileSync(path, 'utf8');
          const contents = fix(code);
          if (contents === code || /style="/.test(contents)) {
            throw new Error(`${path}: its inline styles changed; check them against the console's CSP`);
          }
          return { contents, loader: 'js' };
        });
      }
    }
  };
}

// The bundled packages' licence texts, beside the bundle (legal comments alone miss most MIT notices).
function writeLicences(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const root = packageRoot(input);
    if (root && !packages.has(root)) {
      packages.set(root, JSON.parse(readFileSync(join(here, root, 'package.json'), 'utf8')));
    }
  }
  const sections = [...packages.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([root, pkg]) => {
      const text = licenceText(root);
      return `${pkg.name}@${pkg.version} (${pkg.license ?? 'see its package'})\n\n${text}`;
    });
  writeFileSync(join(outdir, 'studio.licenses.txt'),
    'Third-party software bundled into studio.js, viewer.js and their style sheets.\n\n' + sections.join('\n\n' + '-'.repeat(72) + '\n\n') + '\n');
}

function packageRoot(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) {
    return null;
  }
  const length = parts[at + 1].startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join(sep);
}

function licenceText(root) {
  for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'license', 'license.md']) {
    const file = join(here, root, name);
    if (existsSync(file)) {
      return readFileSync(file, 'utf8').trim();
    }
  }
  return '(no licence file in the package; see its package.json)';
}

function report(metafile) {
  for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
    if (!file.includes(`${sep}fonts${sep}`) && !file.includes('/fonts/')) {
      console.log(`studio: ${relative(here, join(here, file))} ${(bytes / 1024).toFixed(0)} KiB`);
    }
  }
}

installWhenLockChanged();
const result = await bundle(await import('esbuild'));
writeLicences(result.metafile);
report(result.metafile);
