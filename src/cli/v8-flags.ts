/**
 * The V8 flags the executable sets for itself (process-wide: the worker threads too), before it
 * compiles its bundle; its code cache is made under them (npm run build), and V8 rejects a cache
 * made under other flags, so whatever checks the cache sets them the same way.
 *
 * `--no-allocation-site-pretenuring`: V8 moves an allocation site's objects straight to the old
 * generation once most of them have survived a scavenge. On a large campaign that happens,
 * depending on when scavenges fall, to sites whose objects mostly die young (a file's samples and
 * digest), and the old generation then fills with them until a full collection: on 100,000 files
 * the peak RSS was 660-730 MB instead of ~360 MB in 6 of 11 runs without the flag, in none of 18
 * with it (wall and CPU within the host's noise).
 */
import v8 from 'node:v8';

export const CLI_V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

/** Set {@link CLI_V8_FLAGS} in this process. */
export function applyCliV8Flags(): void {
  for (const flag of CLI_V8_FLAGS) v8.setFlagsFromString(flag);
}
