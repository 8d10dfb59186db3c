/**
 * The policy author's commands on the server, with the same core as the CLI:
 * - `iam/explainDenied` (as `iam-policy explain-denied --scenario`): reads an AccessDenied
 *   message, simulates it against the first of the client's scenario files that defines the caller
 *   (or else the given open policy), and returns the report and the verified fix as workspace edits
 *   of the policy files it targets, and every scenario file that defines the caller when there are
 *   several (the client offers them to choose from).
 * - `iam/generatePolicy` (as `iam-policy generate`): a least-privilege policy from actions,
 *   AccessDenied messages or CloudTrail records.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { explainDenial, generateFromTexts, isAccessDeniedProblem, isTemplateText, normalizeDenied, parseAccessDenied, scenarioDefinesCaller, scenarioDenialRequest, targetFixEdits, templateCallerScenario, type FixTarget } from '../../iam/author/index';
import { action as catalogAction } from '../../iam/catalog/catalog';
import { limitNesting } from '../../iam/document/jsonNesting';
import type { EvaluationRequest } from '../../iam/evaluate/types';
import { PolicySet, checkPolicyFiles, parseScenario, type Scenario } from '../../iam/scenario/index';
import { ExplainDeniedRequest, GeneratePolicyRequest, type ExplainDeniedParams, type ExplainDeniedResult, type GeneratePolicyParams, type GeneratePolicyResult } from '../../protocol';
import { explainDeniedMarkdown } from '../../service/explainDeniedView';
import type { ServerFeature } from '../serverContext';
import { ScenarioFiles } from './scenarioFeature';
import { uriBaseName as baseName } from '../documentUris';


/** How the report names a policy the fix edits: its file, and where in a template it is. */
function targetName(target: { readonly uri: string; readonly target: FixTarget }): string {
  return target.target.template ? `${baseName(target.uri)}#${target.target.template.pointer}` : baseName(target.uri);
}

export const authorFeature: ServerFeature = {
  name: 'author',
  register(context) {
    const files = new ScenarioFiles(context);
    const isKnownAction = (name: string) => catalogAction(name) !== undefined;

    context.connection.onRequest(ExplainDeniedRequest, (params: ExplainDeniedParams, token) =>
      context.runSafe<ExplainDeniedResult>('explainDenied', token, { status: 'no-fix', markdown: '# Access denied\n\nThe explanation failed; see the server output.\n', deniedBy: [] }, async () => {
        const read = parseAccessDenied(params.message);
        if (isAccessDeniedProblem(read)) return { status: 'unreadable', markdown: `# Access denied\n\nThis is not an AccessDenied message that can be explained: ${read.error}.\n`, deniedBy: [] };
        const { message, resource, notes } = normalizeDenied(read);
        let request: EvaluationRequest = { principal: message.principal === 'anonymous' ? '*' : message.principal, action: message.action, resource, ...(message.context ? { context: message.context } : {}) };
        // Evaluator policy id → the file it is and its text, for the fix's edits.
        const targets = new Map<string, { uri: string; target: FixTarget }>();
        const fixedPolicies = new Set<string>();
        let source = 'no policies';
        let scenarioUri: string | undefined;
        // Every scenario file that defines the caller, in the client's order: the first one that can
        // build the request is used, and the client may offer the others (a picker).
        const candidates = (params.scenarios ?? []).map((file) => ({ file, parsed: parseScenario(file.text) })).filter(({ parsed }) => scenarioDefinesCaller(parsed.scenario, message.principal));
        /** Builds the request from a scenario read relative to `baseUri`; false (with a note) when it cannot. */
        const useScenario = async (baseUri: string, scenario: Scenario, label: string, from: 'scenario' | 'template' = 'scenario'): Promise<boolean> => {
          // Policy files are read through the I/O edge (disk, or the client's workspace.fs) as they are asked for.
          const { scenarioNotes, built } = await files.withReader(baseUri, (reader) => {
            const policies = new PolicySet(reader);
            const scenarioNotes: string[] = checkPolicyFiles(scenario, policies).map((p) => `${from === 'template' ? 'Template' : 'Scenario'}: ${p.message}.`);
            return { scenarioNotes, built: scenarioDenialRequest(scenario, policies, message, resource, scenarioNotes, from) };
          });
          if (typeof built === 'string') {
            notes.push(`${label}: ${built}.`);
            return false;
          }
          notes.push(...scenarioNotes);
          request = built.request;
          for (const id of built.fixedPolicies) fixedPolicies.add(id);
          for (const [id, target] of built.texts) {
            // A policy in a template is edited in the template's file.
            const uri = files.uriFor(baseUri, target.template?.file ?? id);
            if (uri) targets.set(id, { uri, target });
          }
          return true;
        };
        for (const { file: scenarioFile, parsed } of candidates) {
          if (!(await useScenario(scenarioFile.uri, parsed.scenario, `\`${baseName(scenarioFile.uri)}\``))) continue;
          scenarioUri = scenarioFile.uri;
          source = `the scenario \`${baseName(scenarioFile.uri)}\``;
          break;
        }
        if (!scenarioUri && params.policyUri) {
          const document = context.documents.get(params.policyUri);
          const text = document?.getText();
          // The active document is a template that defines the caller: its role or user, with what the template attaches.
          const fromTemplate = text !== undefined ? templateCallerScenario(baseName(params.policyUri), text, message.principal, resource, message.action) : undefined;
          if (fromTemplate && (await useScenario(params.policyUri, fromTemplate.scenario, `\`${baseName(params.policyUri)}\``, 'template'))) {
            source = fromTemplate.what;
            notes.push(...fromTemplate.notes);
          } else if (!fromTemplate && text !== undefined && !isTemplateText(baseName(params.policyUri), text)) {
            const errors: ParseError[] = [];
            const policy: unknown = limitNesting(text).tooDeep.length === 0 ? parseJsonc(text, errors, { allowTrailingComma: true }) : undefined;
            if (policy && typeof policy === 'object' && !Array.isArray(policy) && errors.length === 0) {
              const id = baseName(params.policyUri);
              request = { ...request, identityPolicies: [{ id, document: policy }] };
              targets.set(id, { uri: params.policyUri, target: { text } });
              source = `the policy \`${id}\` as the caller's identity-based policy`;
            }
          }
        }
        const others = candidates.map(({ file }) => file.uri).filter((uri) => uri !== scenarioUri);
        if (scenarioUri && others.length > 0) notes.push(`The caller is also defined in ${others.map((uri) => `\`${baseName(uri)}\``).join(', ')}; this explanation uses \`${baseName(scenarioUri)}\`.`);
        if (source === 'no policies') notes.push(`No scenario file of the workspace defines the caller${params.policyUri ? ', and the active document is neither a policy nor a template that defines it' : ''}: the caller was simulated with no policies.`);

        const explanation = explainDenial(message, request, { isKnownAction, fixedPolicies });
        const edits: { uri: string; description: string; edit: WorkspaceEdit }[] = [];
        let newPolicy: string | undefined;
        for (const fix of explanation.fixes) {
          const target = targets.get(fix.policy);
          const fixed = target ? targetFixEdits(target.target, fix) : undefined;
          if (target && fixed) {
            const document = TextDocument.create(target.uri, 'json', 0, target.target.text);
            const changes: TextEdit[] = fixed.map((e) => ({ range: { start: document.positionAt(e.offset), end: document.positionAt(e.offset + e.length) }, newText: e.newText }));
            const description = fix.kind === 'new-policy' ? `${fix.description}, as the inline policy \`${targetName(target)}\`` : fix.description.replace(`\`${fix.policy}\``, `\`${targetName(target)}\``);
            edits.push({ uri: target.uri, description, edit: { changes: { [target.uri]: changes } } });
          } else if (fix.kind === 'new-policy') {
            newPolicy = JSON.stringify(fix.document, null, 2);
          } else {
            notes.push(
              target?.target.template
                ? `The fix edits \`${fix.policy}\`, a policy of a template written in a way this edit cannot be made to (\`dynamic "statement"\` blocks, a JSON string with escapes): make the change shown by hand.`
                : `The fix edits \`${fix.policy}\`, which is not a policy file that can take a text edit (an inline policy): make the change shown by hand.`,
            );
          }
        }
        const name = (id: string) => (targets.has(id) ? targetName(targets.get(id)!) : id);
        return {
          status: explanation.status,
          markdown: explainDeniedMarkdown(message, explanation, notes, source, name),
          deniedBy: explanation.deniedBy.map((d) => d.policyType),
          ...(scenarioUri ? { scenarioUri } : {}),
          ...(candidates.length > 1 ? { callerScenarioUris: candidates.map(({ file }) => file.uri) } : {}),
          ...(explanation.verification ? { verifiedDecision: explanation.verification.decision } : {}),
          ...(edits.length > 0 ? { edits } : {}),
          ...(newPolicy !== undefined ? { newPolicy } : {}),
        };
      }),
    );

    context.connection.onRequest(GeneratePolicyRequest, (params: GeneratePolicyParams, token) =>
      context.runSafe<GeneratePolicyResult>('generatePolicy', token, { notes: [], error: 'The generation failed; see the server output.' }, () => {
        const result = generateFromTexts([params.text], 'auto', { compact: params.compact === true });
        if ('error' in result) return { error: result.error, notes: result.problems.map((p) => `skipped: ${p}`) };
        return {
          policy: result.text,
          notes: [
            ...result.skipped.map((s) => `skipped: ${s}`),
            ...result.generated.notes.map((n) => `note: ${n}`),
            ...result.generated.wildcards.map((w) => `wildcard: \`${w.pattern}\` matches exactly ${w.covers.map((a) => `\`${a}\``).join(', ')} in the bundled IAM data (actions AWS adds later may match it too)`),
            ...result.findings.map((f) => `finding: ${f.code} ${f.message}`),
          ],
        };
      }),
    );
  },
};
