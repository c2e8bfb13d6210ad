/**
 * node:child_process, loaded on first use. The CommonJS bundle (package.json `build:cli-cjs`,
 * `--alias:node:child_process=…`) puts this module in its place: commander requires it as it loads,
 * for executable subcommands, which this CLI has none of, and loading it (net, dgram, sockets …)
 * costs every start of the CLI ~4 ms. Every property read, key listing or lookup loads the real
 * module and answers from it (`fill --execute` spawns kubectl through it). `child_process` without
 * the `node:` prefix: the alias is for `node:child_process` only.
 */
'use strict';

let real;
const load = () => (real ??= require('child_process'));

module.exports = new Proxy(
  {},
  {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      // (a proxy may not report a property non-configurable that its own target lacks)
      return d === undefined ? undefined : { ...d, configurable: true };
    },
  },
);
