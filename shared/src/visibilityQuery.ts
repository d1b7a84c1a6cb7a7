// Pieces of the visibility query language (`WorkflowType = 'x' AND ...`) both sides write.

/**
 * A string literal of the visibility query language: single-quoted, with backslashes and single
 * quotes escaped, so any value (ids, type names) is matched as typed.
 */
export function quoteQueryString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
