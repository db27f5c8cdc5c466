// The DuckDB side of bench/duckdb.sh.
//   node run.mjs load DB CSVDIR        one table per CSVDIR/NAME.csv (header row, types detected)
//   node run.mjs query DB FILE.sql [NAME=VALUE...]
//                                      the query's rows as JSON on stdout, $NAME bound to VALUE;
//                                      on stderr, the seconds from opening DB to the last row
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

function plain(value) {
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') return String(value);
  return value;
}

async function load(db, dir) {
  const connection = await (await DuckDBInstance.create(db)).connect();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const table = basename(file, '.csv');
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name: ${table}`);
    await connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv($path, header = true)`,
      { path: join(dir, file) });
  }
  connection.closeSync();
}

async function query(db, file, bindings) {
  const start = process.hrtime.bigint();
  const connection = await (await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' })).connect();
  const reader = await connection.runAndReadAll(readFileSync(file, 'utf8'), bindings);
  const rows = reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  process.stderr.write(`${Number(process.hrtime.bigint() - start) / 1e9}\n`);
  process.stdout.write(JSON.stringify(rows) + '\n');
}

const [command, db, arg, ...rest] = process.argv.slice(2);
if (command === 'load' && db && arg) await load(db, arg);
else if (command === 'query' && db && arg)
  await query(db, arg, Object.fromEntries(rest.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])));
else {
  process.stderr.write('usage: node run.mjs load DB CSVDIR | query DB FILE.sql [NAME=VALUE...]\n');
  process.exit(2);
}
