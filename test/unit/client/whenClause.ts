// A small evaluator of VS Code `when` clauses (the subset package.json uses: && || ! == != =~
// and bare keys), so tests can check which menu entries show for which node.
export type WhenContext = Record<string, string | boolean | undefined>;

function evalAtom(atom: string, ctx: WhenContext): boolean {
  const a = atom.trim();
  if (a.startsWith('!')) return !evalAtom(a.slice(1), ctx);
  if (a === 'true') return true;
  if (a === 'false') return false;
  const re = /^([\w.]+)\s*=~\s*\/(.*)\/([a-z]*)$/.exec(a);
  if (re) return new RegExp(re[2], re[3]).test(String(ctx[re[1]] ?? ''));
  const eq = /^([\w.]+)\s*(==|!=)\s*(.+)$/.exec(a);
  if (eq) {
    const same = String(ctx[eq[1]] ?? '') === eq[3].trim().replace(/^'(.*)'$/, '$1');
    return eq[2] === '==' ? same : !same;
  }
  return !!ctx[a];
}

export function evaluateWhen(when: string | undefined, ctx: WhenContext): boolean {
  if (!when) return true;
  return when.split('||').some((conj) => conj.split('&&').every((atom) => evalAtom(atom, ctx)));
}
