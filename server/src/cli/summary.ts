/**
 * `iam-policy summary FILE [--format text|json|markdown]`: prints what a policy grants and denies,
 * per service and access level. The main CLI dispatcher passes the arguments after `summary`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../iam/document/parse';
import { summarizePolicy } from '../iam/summary/policySummary';
import { summaryMarkdown, summaryText } from '../service/summary';

/** What the command needs from the outside world, so that tests can run it in memory. */
export interface SummaryIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'Usage: iam-policy summary FILE [--format text|json|markdown]\n';
const FORMATS = new Set(['text', 'json', 'markdown']);

/** Runs the command; returns the exit code (0 on success, 2 on bad usage or an unreadable file). */
export function runSummary(argv: string[], io: SummaryIo): number {
  let format = 'text';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--format' || arg === '-f') {
      const value = argv[++i];
      if (value === undefined || !FORMATS.has(value)) {
        io.stderr(`iam-policy summary: \`--format\` must be text, json or markdown${value === undefined ? '' : `, not \`${value}\``}.\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (!FORMATS.has(value)) {
        io.stderr(`iam-policy summary: \`--format\` must be text, json or markdown, not \`${value}\`.\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`iam-policy summary: unknown option \`${arg}\`.\n${USAGE}`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    io.stderr(`iam-policy summary: ${files.length === 0 ? 'a policy file is required' : 'give exactly one policy file'}.\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : error instanceof Error ? error.message : String(error);
    io.stderr(`iam-policy summary: cannot read \`${file}\` (${reason}).\n`);
    return 2;
  }
  const parsed = parsePolicy(text);
  // A summary of blanked too-deep content would describe a different policy.
  const tooDeep = parsed.problems.filter((problem) => problem.kind === 'depth');
  if (tooDeep.length > 0) {
    const document = TextDocument.create('file:///summary', 'json', 0, text);
    for (const problem of tooDeep) {
      const at = document.positionAt(problem.span.offset);
      io.stderr(`${file}:${at.line + 1}:${at.character + 1}: ${problem.message}\n`);
    }
    io.stderr(`iam-policy summary: \`${file}\` nests JSON too deep to be summarised.\n`);
    return 2;
  }
  const summary = summarizePolicy(parsed.document);
  if (format === 'json') io.stdout(`${JSON.stringify({ file, ...summary }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(`${summaryMarkdown(summary, `Policy summary: ${file}`)}\n`);
  else io.stdout(summaryText(summary));
  return 0;
}
