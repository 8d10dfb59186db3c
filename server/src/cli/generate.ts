/**
 * `iam-policy generate [--from auto|actions|denied|cloudtrail] [--compact] [--account ID] [--region R]
 * [--partition P] [--format policy|json] FILE|-|ACTION...`: a least-privilege identity-based policy from
 * a list of actions (one a line, optionally followed by a resource ARN), AccessDenied messages or
 * CloudTrail records, validated with the product's own checks before it is printed.
 *
 * Exit codes: 0 a policy with no findings from every input; 1 some input was left out or the policy
 * has findings; 2 bad usage, unreadable input, or nothing to generate from.
 */
import { action as catalogAction } from '../iam/catalog/catalog';
import { generateFromTexts, type GenerateSource } from '../iam/author/index';
import { describeReadError, type CliIo } from './cliIo';
import type { CliCommand } from './commands';
import { isAccountId } from '../iam/principals/principalParse';

const GENERATE_USAGE = 'iam-policy generate [--from auto|actions|denied|cloudtrail] [--compact] [--account ID] [--region REGION] [--partition P] [--format policy|json] FILE|-|ACTION...';

const HELP = `${GENERATE_USAGE}

Generates a least-privilege identity-based policy from what a workload does:
  actions      one request a line: \`service:Action [resource-ARN]\` (or a JSON array of strings or
               {"action", "resource"} objects); ACTION arguments work the same way
  denied       AccessDenied messages, one a line (or separated by blank lines)
  cloudtrail   CloudTrail records: a trail log file ({"Records": [...]}), \`aws cloudtrail lookup-events\`
               output ({"Events": [...]}) or an array of records
  auto         (default) detects which of the three the input is
Statements are grouped by service and resource; each action gets ARNs of a resource type it takes
(given ARNs of another type are replaced, and missing ARNs are patterns with \`*\` to narrow); actions
without resource-level permissions are on \`*\` in a statement of their own. --compact replaces actions
with \`Prefix*\` wildcards only where the wildcard matches exactly listed actions in the bundled data.
  --format policy (default) prints the policy; json prints {policy, statements, wildcards, skipped,
  notes, findings}. Notes go to stderr with --format policy.
Exit codes: 0 generated from every input with no findings, 1 input left out or findings, 2 bad usage.
`;

/** Runs `iam-policy generate` with the arguments after the command name. */
function runGenerate(argv: readonly string[], io: CliIo): number {
  let from: GenerateSource = 'auto';
  let format: 'policy' | 'json' = 'policy';
  let compact = false;
  const options: { account?: string; region?: string; partition?: string } = {};
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    const fail = (message: string) => {
      io.stderr(`iam-policy generate: ${message}.\nUsage: ${GENERATE_USAGE}\n`);
      return 2;
    };
    switch (arg) {
      case '-h':
      case '--help':
        io.stdout(HELP);
        return 0;
      case '--compact':
        compact = true;
        break;
      case '--from': {
        const v = value();
        if (v !== 'auto' && v !== 'actions' && v !== 'denied' && v !== 'cloudtrail') return fail(`\`--from\` takes \`auto\`, \`actions\`, \`denied\` or \`cloudtrail\`${v ? `, not \`${v}\`` : ''}`);
        from = v;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'policy' && v !== 'json') return fail(`\`--format\` takes \`policy\` or \`json\`${v ? `, not \`${v}\`` : ''}`);
        format = v;
        break;
      }
      case '--account': {
        const v = value();
        if (!v || !isAccountId(v)) return fail('`--account` takes a 12-digit account id');
        options.account = v;
        break;
      }
      case '--region': {
        const v = value();
        if (!v || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v)) return fail('`--region` takes a Region such as `us-east-1`');
        options.region = v;
        break;
      }
      case '--partition': {
        const v = value();
        if (!v || !/^aws(-[a-z]+)*$/.test(v)) return fail('`--partition` takes a partition such as `aws`');
        options.partition = v;
        break;
      }
      default:
        if (arg.startsWith('--')) return fail(`unknown option \`${arg}\``);
        inputs.push(arg);
    }
  }
  if (inputs.length === 0) {
    io.stderr(`iam-policy generate: give a file, \`-\` for stdin, or actions.\nUsage: ${GENERATE_USAGE}\n`);
    return 2;
  }
  // Arguments that look like actions are the input themselves; anything else is a file.
  const texts: string[] = [];
  const inline = inputs.filter((a) => /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+(=.*)?$/.test(a) && catalogAction(a.split('=')[0]!) !== undefined || /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+=/.test(a));
  if (inline.length > 0) texts.push(inline.map((a) => a.replace('=', ' ')).join('\n'));
  for (const input of inputs.filter((a) => !inline.includes(a))) {
    try {
      texts.push(input === '-' ? io.readStdin() : io.readFile(input));
    } catch (error) {
      if (/^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/.test(input)) texts.push(input);
      else {
        io.stderr(`iam-policy generate: cannot read \`${input}\`: ${describeReadError(error)}.\n`);
        return 2;
      }
    }
  }

  const result = generateFromTexts(texts, from, { ...options, compact });
  if ('error' in result) {
    // Inputs that could not be read are named before the reason nothing was generated.
    if (result.error === 'no request to generate a policy from') for (const p of result.problems) io.stderr(`iam-policy generate: ${p}.\n`);
    io.stderr(`iam-policy generate: ${result.error}.\n`);
    return 2;
  }
  const { generated, text, findings, skipped } = result;
  if (format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          policy: generated.policy,
          statements: generated.statements,
          wildcards: generated.wildcards,
          skipped,
          notes: generated.notes,
          findings: findings.map((f) => ({ code: f.code, message: f.message })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout(text + '\n');
    for (const s of skipped) io.stderr(`skipped: ${s}\n`);
    for (const n of generated.notes) io.stderr(`note: ${n}\n`);
    for (const f of findings) io.stderr(`finding: ${f.code} ${f.message}\n`);
    if (findings.some((f) => f.code.startsWith('POLICY_SIZE_EXCEEDS')) && !compact) io.stderr('note: the policy is larger than the quota: split it into several policies, or try --compact.\n');
  }
  return skipped.length > 0 || findings.length > 0 ? 1 : 0;
}

/** The command entry for the CLI dispatcher's table. */
export const generateCommand: CliCommand = { name: 'generate', usage: GENERATE_USAGE, run: runGenerate };
