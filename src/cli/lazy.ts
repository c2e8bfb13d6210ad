/**
 * Modules the CLI loads only when a command needs them: the report pulls in Vega, Vega-Lite and the
 * PDF printer, which the summary never uses. The executable (bin.ts) replaces a loader here when it
 * runs the CLI from its CommonJS bundle, which cannot import() an ES module itself: it hands over a
 * loader made in its own (ES) module.
 */
export const lazy = {
  report: (): Promise<typeof import('./report.js')> => import('./report.js'),
};
