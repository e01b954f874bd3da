// run.mjs — meson's entry point for one e2e test file: runs it with node's
// test runner, or exits 77 (meson: skipped) when the npm dev dependencies are
// not installed (npm ci in the source root installs them).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vscode-jsonrpc/node');
} catch {
  console.log('skipped: vscode-jsonrpc is not installed (run npm ci in the source root)');
  process.exit(77);
}

const files = process.argv.slice(2);
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
