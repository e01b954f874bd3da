// helpers.mjs — shared by the extension's tests: paths, the compiled plain
// modules (npm run compile puts them in out/), and a small .vsix (zip) reader.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

export const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// tests/clients/vscode.sh runs the tests on a copy in the build tree and
// names the repository in GLS_SOURCE_ROOT.
export const sourceRoot = process.env.GLS_SOURCE_ROOT || join(extensionDir, '..', '..');
export const packageJson = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));

const require = createRequire(import.meta.url);

// A module of src/ as compiled by tsc (`npm run compile`).
export function compiled(name) {
  const file = join(extensionDir, 'out', `${name}.js`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run npm run compile in clients/vscode first`);
  }
  return require(file);
}

// The entries of a zip file: Map of name -> Buffer (stored or deflated).
export function readZip(file) {
  const zip = readFileSync(file);
  // End of central directory: the last "PK\x05\x06" (a comment may follow).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
