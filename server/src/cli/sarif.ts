/**
 * SARIF 2.1.0 output for `iam-policy lint --format sarif`, in the shape GitHub code scanning
 * accepts: one run, the rules that fired with their descriptions, results with 1-based regions and
 * workspace-relative artifact URIs.
 */
import * as path from 'node:path';
import { ruleFor, severityOfCategory, type Severity } from '../iam/validate';
import { dataInfo } from '../iam/catalog/catalog';
import type { LintedFile } from './lint';
import { VERSION } from '../version';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const HELP_URI = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

function toUri(filePath: string, cwd: string): string {
  const relative = path.isAbsolute(filePath) ? path.relative(cwd, filePath) : filePath;
  const portable = relative.split(path.sep).join('/');
  return portable.split('/').map(encodeURIComponent).join('/');
}

export function toSarif(files: readonly LintedFile[], cwd: string): object {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  const results: object[] = [];
  for (const file of files) {
    for (const finding of file.findings) {
      let index = ruleIndex.get(finding.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(finding.code, index);
        const rule = ruleFor(finding.code);
        const title = rule?.title ?? finding.code;
        rules.push({
          id: finding.code,
          name: title.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : '')).replace(/^./, (first) => first.toUpperCase()),
          shortDescription: { text: title },
          fullDescription: { text: rule ? `${rule.description} ${rule.resolution}`.trim() : title },
          helpUri: HELP_URI,
          help: { text: rule?.resolution ?? title },
          defaultConfiguration: { level: SARIF_LEVEL[rule ? severityOfCategory(rule.category) : finding.severity] },
          properties: { tags: ['security', 'iam'], category: rule?.category },
        });
      }
      results.push({
        ruleId: finding.code,
        ruleIndex: index,
        level: SARIF_LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(file.path, cwd), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: finding.range.start.line + 1,
                startColumn: finding.range.start.character + 1,
                endLine: finding.range.end.line + 1,
                endColumn: finding.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iam-policy',
            fullName: 'IAM Policy Workbench',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/iam-policy-workbench/iam-policy-workbench',
            rules,
            properties: { iamDataDate: dataInfo().dataDate },
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${cwd.split(path.sep).join('/').replace(/\/?$/, '/')}` } },
        results,
      },
    ],
  };
}
