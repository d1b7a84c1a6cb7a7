// The page every webview of the extension starts from: one bundled script and stylesheet from
// dist/webview, a strict CSP with a fresh nonce, no remote content.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function webviewHtml(
  webview: vscode.Webview,
  root: vscode.Uri,
  bundle: string,
  title: string,
  extraCsp: string[] = [],
): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    ...extraCsp,
  ].join('; ');
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${style}"><title>${escaped}</title></head>`,
    `<body><div id="app" role="application" aria-label="${escaped}"></div>`,
    `<script nonce="${nonce}" src="${script}"></script></body>`,
    '</html>',
  ].join('\n');
}
