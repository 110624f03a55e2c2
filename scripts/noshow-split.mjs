#!/usr/bin/env node
// Development only: splits the public no-show CSV by appointment day into .tmp/ (not committed).
// Rows keep their original text and order. Default: the earliest ~80% of days train, the rest test.
//   node scripts/noshow-split.mjs [--in ../shared/data/noshow/train.csv] [--cut 2016-05-12] [--out .tmp/noshow]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const input = arg('in', '../shared/data/noshow/train.csv');
const out = arg('out', '.tmp/noshow');
const lines = readFileSync(input, 'utf8')
  .split(/\r?\n/)
  .filter((l) => l !== '');
const header = lines[0];
const col = header.split(',').indexOf('AppointmentDay');
const day = (l) => l.split(',')[col].slice(0, 10);
let cut = arg('cut');
if (!cut) {
  const days = lines.slice(1).map(day).sort();
  cut = days[Math.floor(days.length * 0.8)];
}
const train = lines.slice(1).filter((l) => day(l) < cut);
const test = lines.slice(1).filter((l) => day(l) >= cut);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'train.csv'), `${[header, ...train].join('\n')}\n`);
writeFileSync(join(out, 'test.csv'), `${[header, ...test].join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ cut, train: train.length, test: test.length, out })}\n`);
