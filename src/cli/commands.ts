/**
 * The list of commands. Each command lives in its own file and exports
 * `register(program, io, setExit)`; add a line here to wire a new one.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';
import { register as analyzeCommand } from './analyze.js';
import { register as schemeCommand } from './scheme.js';
import { register as exportCommand } from './export.js';
import { register as gapsCommand } from './gaps.js';
import { register as fillCommand } from './fill.js';

export type Register = (program: Command, io: Io, setExit: (code: number) => void) => void;

const registry: Register[] = [
  analyzeCommand,
  schemeCommand,
  exportCommand,
  gapsCommand,
  fillCommand,
];

export function registerCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  for (const register of registry) register(program, io, setExit);
}
