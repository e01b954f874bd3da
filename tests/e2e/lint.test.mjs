// lint.test.mjs — `glossary-ls lint` end to end: the real binary (GLS_BINARY)
// on a temporary project of Markdown, C and Python files with the issue's
// examples (Lora, toolfromer, rotary positon embedding) and correct text.
// Checks the four formats (SARIF against the SARIF 2.1.0 JSON schema), --fix,
// standard input, git-aware walking and the exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { TEAM_GLOSSARY } from './workspace-session.mjs';

const require = createRequire(import.meta.url);
const BINARY = process.env.GLS_BINARY;
const TIMEOUT = { timeout: 60000 };

const FILES = {
  'README.md': [
    '# Adapters',
    '',
    'We fine-tune with Lora and LoRA, then evaluate the toolfromer model.',
    '',
    'Correct text: rotary position embedding, RoPE, toolformer and PyTorch.',
    '',
  ].join('\n'),
  'src/rope.c': [
    '/* Implements rotary positon embedding for the attention layer. */',
    'static const char *name = "Lora in a string literal is code, not prose";',
    'int heads; // LoRA rank, correctly written',
    '',
  ].join('\n'),
  'tools/train.py': [
    'def train():',
    '    """Train a Lora adapter."""',
    '    # toolformer is spelled correctly here',
    '    return "toolfromer"  # strings are not prose',
    '',
  ].join('\n'),
  'docs/clean.md': 'Nothing to report: LoRA adapters and the toolformer paper.\n',
};

function makeProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gls-lint-e2e-'));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function lint(cwd, args, input) {
  const r = spawnSync(BINARY, ['lint', ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) },
  });
  assert.equal(r.error, undefined, String(r.error));
  return r;
}

function withProject(fn) {
  return async () => {
    const dir = makeProject();
    try {
      await fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

const EXPECTED = [
  'README.md:3:19 term-case Lora -> LoRA',
  'README.md:3:52 misspelled-term toolfromer -> toolformer',
  'src/rope.c:1:15 misspelled-term rotary positon embedding -> rotary position embedding',
  'tools/train.py:2:16 term-case Lora -> LoRA',
];

test('binary is given', () => {
  assert.ok(BINARY, 'GLS_BINARY must name the glossary-ls binary');
});

test('text format: compiler-style lines, summary on stderr, exit 1', TIMEOUT, withProject((dir) => {
  const r = lint(dir, []);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'README.md:3:19: warning: “Lora” is written “LoRA” in the glossary [term-case]');
  assert.equal(lines[1], 'We fine-tune with Lora and LoRA, then evaluate the toolfromer model.');
  assert.equal(lines[2], '                  ^~~~');
  assert.equal(lines.filter((l) => / (warning|error): /.test(l)).length, EXPECTED.length);
  assert.match(r.stderr, /^4 findings in 3 files \(4 files checked\)$/m);
}));

test('json format: the expected findings, nothing from code or strings', TIMEOUT, withProject((dir) => {
  const r = lint(dir, ['--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const findings = JSON.parse(r.stdout);
  const surface = (f) => fs.readFileSync(path.join(dir, f.file), 'utf8').split('\n')[f.line - 1]
    .slice(f.column - 1, f.endColumn - 1);
  const got = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${surface(f)} -> ${f.replacement}`);
  assert.deepEqual(got, EXPECTED);
  for (const f of findings) {
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.replacements, [f.replacement]);
    assert.equal(f.fixable, true);
    assert.equal(typeof f.message, 'string');
  }
}));

function loadSarifValidator() {
  let Ajv, schema, draft4;
  try {
    Ajv = require('ajv');
    schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    draft4 = require('ajv/lib/refs/json-schema-draft-04.json');
  } catch {
    return null;
  }
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, logger: false });
  ajv.addMetaSchema(draft4);
  return ajv.compile(schema);
}

test('sarif format: valid SARIF 2.1.0 with what GitHub code scanning reads', TIMEOUT, withProject((dir) => {
  const out = path.join(dir, 'glossary.sarif');
  const r = lint(dir, ['--format', 'sarif', '--output', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, '', 'the report went to --output');
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));

  const validate = loadSarifValidator();
  assert.ok(validate, 'ajv and the SARIF schema are dev dependencies (npm ci)');
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'glossary-ls');
  const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
  assert.deepEqual(ruleIds, ['term-case', 'misspelled-term', 'preferred-term']);
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text);
    assert.equal(rule.defaultConfiguration.level, 'warning');
  }
  assert.equal(run.results.length, EXPECTED.length);
  const got = run.results.map((res) => {
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(ruleIds[res.ruleIndex], res.ruleId);
    assert.ok(res.message.text);
    const fix = res.fixes[0].artifactChanges[0].replacements[0];
    assert.deepEqual(fix.deletedRegion, loc.region);
    return `${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn} ${res.ruleId} ${fix.insertedContent.text}`;
  });
  const expected = EXPECTED.map((e) => {
    const [location, rule] = e.split(' ');
    return `${location} ${rule} ${e.split(' -> ')[1]}`;
  });
  assert.deepEqual(got, expected);
}));

test('github format: workflow commands', TIMEOUT, withProject((dir) => {
  const r = lint(dir, ['--format', 'github', 'README.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout,
    '::warning file=README.md,line=3,col=19,endLine=3,endColumn=23,title=term-case::“Lora” is written “LoRA” in the glossary\n' +
    '::warning file=README.md,line=3,col=52,endLine=3,endColumn=62,title=misspelled-term::' +
    '“toolfromer” looks like a misspelling of the glossary term “toolformer”\n');
}));

test('--fix rewrites the files, then nothing is left: exit 0', TIMEOUT, withProject((dir) => {
  const r = lint(dir, ['--fix']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^README\.md:3:19: fixed: Lora → LoRA$/m);
  assert.match(r.stderr, /^src\/rope\.c:1:15: fixed: rotary positon embedding → rotary position embedding$/m);
  assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'),
    FILES['README.md'].replace('with Lora', 'with LoRA').replace('the toolfromer', 'the toolformer'));
  assert.equal(fs.readFileSync(path.join(dir, 'tools/train.py'), 'utf8'),
    FILES['tools/train.py'].replace('a Lora adapter', 'a LoRA adapter'));
  assert.equal(fs.readFileSync(path.join(dir, 'docs/clean.md'), 'utf8'), FILES['docs/clean.md']);
  assert.equal(lint(dir, []).status, 0, 'a second run finds nothing');
}));

test('standard input: --stdin-filename picks the language; --fix prints the text', TIMEOUT, withProject((dir) => {
  const code = '/* Lora */\nchar *s = "Lora";\n';
  const r = lint(dir, ['--format', 'json', '--stdin-filename', 'x.c', '-'], code);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).map((f) => `${f.file}:${f.line}:${f.column}`), ['x.c:1:4']);

  const fixed = lint(dir, ['--fix', '--stdin-filename', 'x.c', '-'], code);
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.equal(fixed.stdout, '/* LoRA */\nchar *s = "Lora";\n');
}));

test('a git work tree: .gitignore is honoured', TIMEOUT, withProject((dir) => {
  const git = spawnSync('git', ['init', '-q'], { cwd: dir });
  if (git.error || git.status !== 0) {
    return; // no git on this machine: the unit tests cover the plain walk
  }
  fs.writeFileSync(path.join(dir, '.gitignore'), 'tools/\n');
  const r = lint(dir, ['--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  const files = [...new Set(JSON.parse(r.stdout).map((f) => f.file))];
  assert.deepEqual(files, ['README.md', 'src/rope.c']);
}));

test('exit codes: missing path 2, usage error 2, clean 0', TIMEOUT, withProject((dir) => {
  const missing = lint(dir, ['no-such-file.md', 'docs']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such-file\.md: No such file or directory/);
  assert.equal(lint(dir, ['--format', 'xml']).status, 2);
  assert.equal(lint(dir, ['--rule', 'no-such-rule=error']).status, 2);
  assert.equal(lint(dir, ['docs']).status, 0);
  assert.equal(lint(dir, ['--disable', 'term-case', '--disable', 'misspelled-term']).status, 0);
}));

test('--fix applies only safe fixes: number kept, a glossary spelling, unique (issue 11)', TIMEOUT, withProject((dir) => {
  const text = [
    // Tags of several words ("knowledge transfer" of the transfer-learning
    // entry) light up no prose but are misspelling targets (issue 11).
    'A mixture of experst, transfe learning, knowledge transfe and kv caceh. An attention mechanims.',
    '',
    'Paris is to France as Rome is to Italy. The port Llm.cs and LyCORIS (Lora beYond Conventional methods).',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'wrong.md'), text);
  const r = lint(dir, ['--fix', 'wrong.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^wrong\.md:1:23: fixed: transfe learning → transfer learning$/m);
  assert.match(r.stderr, /^wrong\.md:1:41: fixed: knowledge transfe → knowledge transfer$/m);
  assert.match(r.stderr, /^wrong\.md:1:63: fixed: kv caceh → kv cache$/m);
  assert.match(r.stderr, /3 fixed, 2 not fixed: several candidates or not a safe fix\)$/m);
  // The plurals are ambiguous: offered, not applied; the names are left alone.
  assert.equal(fs.readFileSync(path.join(dir, 'wrong.md'), 'utf8'),
    text.replace('transfe learning', 'transfer learning').replace('knowledge transfe', 'knowledge transfer')
      .replace('kv caceh', 'kv cache'));
  const json = lint(dir, ['--format', 'json', 'wrong.md']);
  const findings = JSON.parse(json.stdout);
  assert.deepEqual(findings.map((f) => [f.rule, f.fixable, f.replacements]), [
    ['misspelled-term', false, ['mixture of experts', 'mixture of expert']],
    ['misspelled-term', false, ['attention mechanism', 'attention mechanisms']],
  ]);
}));

test('CUDA files are C++; a named file of unknown type is a note; --verbose lists what was skipped', TIMEOUT,
  withProject((dir) => {
    fs.writeFileSync(path.join(dir, 'src/kernel.cu'), '// a Lora kernel\n__global__ void k(float Lora) {}\n');
    fs.writeFileSync(path.join(dir, 'src/kernel.xyz'), 'float Lora;\n');
    const walked = lint(dir, ['--format', 'json', '--verbose', 'src']);
    assert.equal(walked.status, 1, walked.stderr);
    assert.deepEqual(JSON.parse(walked.stdout).map((f) => `${f.file}:${f.line}:${f.column}`),
      ['src/kernel.cu:1:6', 'src/rope.c:1:15']);
    assert.match(walked.stderr, /^glossary-ls: skipped: src\/kernel\.xyz: unknown file type$/m);

    const named = lint(dir, ['--format', 'json', 'src/kernel.xyz']);
    assert.equal(named.status, 0, named.stderr);
    assert.deepEqual(JSON.parse(named.stdout), []);
    assert.match(named.stderr, /src\/kernel\.xyz: not linted: unknown file type/);
  }));

test('dump gives every name with its role and whether prose matches it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gls-dump-e2e-'));
  try {
    const file = path.join(dir, 'team.txt');
    fs.writeFileSync(file, TEAM_GLOSSARY);
    const r = spawnSync(BINARY, ['dump', '--no-default-glossary', '--no-cache', `--glossary=${file}`],
      { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const entries = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const roles = (line) => Object.fromEntries(entries.find((e) => e.line === line).names
      .map((n) => [n.text, `${n.role}${n.prose ? '+prose' : ''}`]));
    assert.deepEqual(roles(5), {
      'support': 'tag', 'premium support': 'tag', 'do you offer support': 'tag',
      'help': 'keyword', 'contact': 'keyword',
    });
    const split = roles(8);
    assert.equal(split['Vector Clock Merge Rules'], 'title+prose');
    assert.equal(split.vector, 'tag');
    assert.equal(split.CRDT, 'mention+prose');
    assert.equal(roles(1).wal, 'alias+prose');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
