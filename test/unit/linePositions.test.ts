/**
 * The CLI's offset → position mapping gives exactly what `TextDocument.positionAt` gives (the LSP
 * positions the editor shows), on texts with every kind of line break, at every offset.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linePositions } from '../../server/src/cli/linePositions';

const PIECES = ['a', 'bc', '\n', '\r', '\r\n', '\n\r', ' ', '{"x":1}', '\u2028', '😀'];

/** A seeded generator, so that a failure names a text that can be replayed. */
function texts(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => Array.from({ length: next() % 30 }, () => PIECES[next() % PIECES.length]).join(''));
}

test('every offset of 500 generated texts (and past either end) maps as TextDocument.positionAt does', () => {
  for (const text of ['', '\n', '\r', '\r\n', 'a\r\nb', ...texts(500)]) {
    const document = TextDocument.create('file:///t', 'json', 0, text);
    const positionAt = linePositions(text);
    for (let offset = -2; offset <= text.length + 2; offset++) assert.deepEqual(positionAt(offset), document.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
  }
});
