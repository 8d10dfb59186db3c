/**
 * Benchmark: policies inside a CloudFormation template. A generated YAML template of about 3,000
 * lines with 100 embedded policies (roles with trust and inline policies, bucket and queue policies,
 * `!Sub`, `!GetAtt`, `!Ref`): whole-template validation warm (median of runs after one warm-up) and
 * completion latency at action positions inside it (service layer, analysis cached as the server does).
 */
import { loadLibrary, summarize, emit, time, median } from './common.mjs';

const { lib } = loadLibrary();
const ROLES = Number(process.env.BENCH_TEMPLATE_ROLES ?? 34);

function template() {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:', '  Stage:', '    Type: String', '    Default: prod', 'Resources:'];
  const actionLines = [];
  for (let i = 0; i < ROLES; i++) {
    lines.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', `  Queue${i}:`, '    Type: AWS::SQS::Queue');
    lines.push(`  Role${i}:`, '    Type: AWS::IAM::Role', '    Properties:', '      AssumeRolePolicyDocument:', "        Version: '2012-10-17'", '        Statement:', '          - Effect: Allow', '            Principal:', '              Service: lambda.amazonaws.com', '            Action: sts:AssumeRole', '      Policies:');
    for (let p = 0; p < 1; p++) {
      lines.push(`        - PolicyName: Access${p}`, '          PolicyDocument:', "            Version: '2012-10-17'", '            Statement:');
      for (let s = 0; s < 6; s++) {
        lines.push(`              - Sid: S${s}`, '                Effect: Allow', '                Action:');
        actionLines.push(lines.length);
        lines.push('                  - s3:GetObject', '                  - s3:PutObject', '                  - sqs:SendMessage');
        lines.push('                Resource:', `                  - !Sub '\${Bucket${i}.Arn}/\${Stage}/*'`, `                  - !GetAtt Queue${i}.Arn`);
        lines.push('                Condition:', '                  StringEquals:', "                    aws:RequestedRegion: !Ref AWS::Region");
      }
    }
    lines.push(`  Policy${i}:`, '    Type: AWS::SQS::QueuePolicy', '    Properties:', `      Queues: [!Ref Queue${i}]`, '      PolicyDocument:', "        Version: '2012-10-17'", '        Statement:', '          - Effect: Allow', '            Principal:', '              Service: sns.amazonaws.com', '            Action: sqs:SendMessage', `            Resource: !GetAtt Queue${i}.Arn`, '            Condition:', '              ArnEquals:', "                aws:SourceArn: !Sub 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:topic'");
  }
  return { text: lines.join('\n') + '\n', actionLines };
}

const { text, actionLines } = template();
const lineCount = text.split('\n').length;
const first = lib.analyzeHostDocument(text);
const policies = first.policies.length;
// Typing: each run edits one policy (a different one each time), as an edit in the editor does;
// the other policies print to the same virtual text and reuse their validation.
const edited = [];
for (let i = 0; i < 15; i++) {
  const role = i % ROLES;
  const anchor = `      Queues: [!Ref Queue${role}]\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow`;
  const edit = text.replace(anchor, anchor.replace('- Effect: Allow', `- Sid: Edit${i}\n            Effect: Allow`));
  edited.push(time(() => lib.analyzeHostDocument(edit)).ms);
}
const warmMs = median(edited.slice(1));
// Every policy new (a first open, or an edit of something all policies use): nothing is reused.
const fresh = [];
for (let i = 0; i < 7; i++) fresh.push(time(() => lib.analyzeHostDocument(text.replace(/Version: '2012-10-17'/g, `Version: '2012-10-17'\n        Id: fresh${i}`))).ms);
const freshMs = median(fresh.slice(1));

const document = lib.TextDocument.create('file:///bench/template.yaml', 'yaml', 1, text);
const settings = lib.DEFAULT_SETTINGS;
const analysis = lib.analyzeDocument({ text, path: 'template.yaml', settings });
const starts = [];
const lineStarts = [0];
for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
for (const line of actionLines) starts.push(lineStarts[line] + '                  - s3:Get'.length);
for (const at of starts.slice(0, 20)) lib.completionsAt(document, analysis, document.positionAt(at), settings);
const samples = [];
let items = 0;
for (let i = 0; i < 500; i++) {
  const at = starts[(i * 7) % starts.length];
  const result = time(() => lib.completionsAt(document, analysis, document.positionAt(at), settings));
  samples.push(result.ms);
  items += result.value.items.length;
}
emit({ lines: lineCount, policies, findings: first.findings.length, validationWarmMs: warmMs, validationAllNewMs: freshMs, completion: summarize(samples), averageItems: Math.round(items / samples.length) });
