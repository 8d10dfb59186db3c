/**
 * Completion inside `Principal` / `NotPrincipal`: the element's forms (`"*"` and the object with `AWS`,
 * `Service`, `Federated`, `CanonicalUser`), account / role / user ARN templates, service principals
 * and identity providers.
 */
import { services } from '../catalog/catalog';
import { matchRank, type PrincipalForm, type RankedCandidate, type TemplateName } from './candidate';
import type { CompletionContext } from './completionContext';
import type { ArnDefaults } from './arnTemplates';

/** The principal types of the object form, in the order they are offered. */
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/**
 * Service principals that do not follow `<prefix>.amazonaws.com` or are used so often that they come
 * first. The rest of the list is derived from the catalog's service prefixes.
 */
const KNOWN_SERVICE_PRINCIPALS = [
  'ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'events.amazonaws.com',
  'scheduler.amazonaws.com', 'apigateway.amazonaws.com', 'sns.amazonaws.com', 'sqs.amazonaws.com', 's3.amazonaws.com',
  'cloudfront.amazonaws.com', 'logs.amazonaws.com', 'delivery.logs.amazonaws.com', 'vpc-flow-logs.amazonaws.com',
  'cloudtrail.amazonaws.com', 'config.amazonaws.com', 'codebuild.amazonaws.com', 'codepipeline.amazonaws.com',
  'codedeploy.amazonaws.com', 'cloudformation.amazonaws.com', 'glue.amazonaws.com', 'sagemaker.amazonaws.com',
  'bedrock.amazonaws.com', 'firehose.amazonaws.com', 'kinesis.amazonaws.com', 'edgelambda.amazonaws.com',
  'eks.amazonaws.com', 'eks-fargate-pods.amazonaws.com', 'pods.eks.amazonaws.com', 'elasticmapreduce.amazonaws.com',
  'batch.amazonaws.com', 'backup.amazonaws.com', 'datasync.amazonaws.com', 'monitoring.rds.amazonaws.com',
  'rds.amazonaws.com', 'ssm.amazonaws.com', 'spotfleet.amazonaws.com', 'autoscaling.amazonaws.com',
  'application-autoscaling.amazonaws.com', 'elasticloadbalancing.amazonaws.com', 'secretsmanager.amazonaws.com',
  'kms.amazonaws.com', 'dynamodb.amazonaws.com', 'replication.dynamodb.amazonaws.com', 'guardduty.amazonaws.com',
  'securityhub.amazonaws.com', 'access-analyzer.amazonaws.com', 'organizations.amazonaws.com', 'sso.amazonaws.com',
  'transfer.amazonaws.com', 'appsync.amazonaws.com', 'iot.amazonaws.com', 'pipes.amazonaws.com',
];

/** Catalog prefixes that are not service principal names. */
const NOT_PRINCIPALS = new Set(['iam', 'sts', 'aws-portal', 'execute-api', 'support', 'tag', 'pricing', 'account', 'billing', 'ce', 'cur', 'health', 'trustedadvisor', 'aws-marketplace']);

let principalList: readonly string[] | undefined;

/** Service principal names: the well-known ones, then `<prefix>.amazonaws.com` for catalog services. */
export function servicePrincipals(): readonly string[] {
  if (!principalList) {
    const names = new Set(KNOWN_SERVICE_PRINCIPALS);
    for (const info of services()) if (!NOT_PRINCIPALS.has(info.prefix)) names.add(`${info.prefix}.amazonaws.com`);
    principalList = [...names];
  }
  return principalList;
}

/** Identity providers for the `Federated` type. */
function federatedValues(account: string, partition: string): { value: string; body: string; form: PrincipalForm }[] {
  return [
    { value: `arn:${partition}:iam::${account}:oidc-provider/token.actions.githubusercontent.com`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:oidc-provider/token.actions.githubusercontent.com`, form: 'oidcProvider' },
    { value: `arn:${partition}:iam::${account}:saml-provider/\${ProviderName}`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:saml-provider/\${3:ProviderName}`, form: 'samlProvider' },
    { value: `arn:${partition}:iam::${account}:oidc-provider/\${ProviderUrl}`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:oidc-provider/\${3:ProviderUrl}`, form: 'oidcProvider' },
    { value: `arn:${partition}:iam::${account}:oidc-provider/oidc.eks.\${Region}.amazonaws.com/id/\${ClusterId}`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:oidc-provider/oidc.eks.\${3:region}.amazonaws.com/id/\${4:ClusterId}`, form: 'oidcProvider' },
    { value: 'cognito-identity.amazonaws.com', body: 'cognito-identity.amazonaws.com', form: 'webIdentity' },
    { value: 'accounts.google.com', body: 'accounts.google.com', form: 'webIdentity' },
    { value: 'graph.facebook.com', body: 'graph.facebook.com', form: 'webIdentity' },
    { value: 'www.amazon.com', body: 'www.amazon.com', form: 'webIdentity' },
  ];
}

/** Values for the `AWS` type. */
function awsValues(account: string, partition: string): { value: string; body: string; form: PrincipalForm }[] {
  return [
    { value: `arn:${partition}:iam::${account}:root`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:root`, form: 'account' },
    { value: `arn:${partition}:iam::${account}:role/\${RoleName}`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:role/\${3:RoleName}`, form: 'role' },
    { value: `arn:${partition}:iam::${account}:user/\${UserName}`, body: `arn:\${1:${partition}}:iam::\${2:${account}}:user/\${3:UserName}`, form: 'user' },
    { value: account, body: `\${1:${account}}`, form: 'accountId' },
    { value: `arn:${partition}:sts::${account}:assumed-role/\${RoleName}/\${SessionName}`, body: `arn:\${1:${partition}}:sts::\${2:${account}}:assumed-role/\${3:RoleName}/\${4:SessionName}`, form: 'assumedRole' },
    { value: `arn:${partition}:sts::${account}:federated-user/\${UserName}`, body: `arn:\${1:${partition}}:sts::\${2:${account}}:federated-user/\${3:UserName}`, form: 'federatedUser' },
    { value: '*', body: '*', form: 'anyone' },
  ];
}

function principalTemplate(name: TemplateName, label: string, body: string, priority: number): RankedCandidate {
  return { label, info: { kind: 'template', name }, body, snippet: true, raw: true, tier: 0, priority, filter: label };
}

/** Candidates for the Principal slots. */
export function principalCandidates(context: CompletionContext, defaults: ArnDefaults): RankedCandidate[] {
  const partial = context.partial.toLowerCase();
  const { account, partition } = defaults;
  const result: RankedCandidate[] = [];
  switch (context.slot) {
    case 'principal': {
      if (matchRank('*', partial) >= 0) result.push({ label: '*', info: { kind: 'principal', form: 'anyone', value: '*' }, body: '*', snippet: false, tier: 0, priority: 10 });
      if (!context.quoted && !context.inArray) {
        result.push(principalTemplate('principalAws', '{"AWS": ...}', `{\n\t"AWS": "arn:\${1:${partition}}:iam::\${2:${account}}:\${3:root}"\n}`, 0));
        result.push(principalTemplate('principalService', '{"Service": ...}', '{\n\t"Service": "${1:ec2.amazonaws.com}"\n}', 1));
        result.push(principalTemplate('principalFederated', '{"Federated": ...}', `{\n\t"Federated": "arn:\${1:${partition}}:iam::\${2:${account}}:\${3|oidc-provider,saml-provider|}/\${4:name}"\n}`, 2));
      }
      return result;
    }
    case 'principalKey': {
      const present = new Set(context.existingKeys);
      PRINCIPAL_TYPES.forEach((name, priority) => {
        if (present.has(name)) return;
        const tier = matchRank(name.toLowerCase(), partial);
        if (tier < 0) return;
        const body = context.hasColonAfter ? `"${name}"` : `"${name}": "$1"`;
        result.push({ label: name, info: { kind: 'principalType', name }, body, snippet: !context.hasColonAfter, raw: true, tier, priority, retrigger: !context.hasColonAfter });
      });
      return result;
    }
    case 'principalValue': {
      const type = context.principalType ?? '';
      if (type === 'Service') {
        servicePrincipals().forEach((value, priority) => {
          const tier = matchRank(value, partial);
          if (tier >= 0) result.push({ label: value, info: { kind: 'principal', form: 'service', value }, body: value, snippet: false, tier, priority });
        });
      } else if (type === 'AWS' || type === 'Federated') {
        const values = type === 'AWS' ? awsValues(account, partition) : federatedValues(account, partition);
        values.forEach(({ value, body, form }, priority) => {
          const tier = matchRank(value.toLowerCase(), partial);
          if (tier >= 0) result.push({ label: value, info: { kind: 'principal', form, value }, body, snippet: body !== value, tier, priority });
        });
      } else if (type === 'CanonicalUser') {
        result.push({ label: 'canonical user id', info: { kind: 'principal', form: 'canonicalUser', value: '' }, body: '${1:64-hex-digit canonical user id}', snippet: true, tier: 0, priority: 0, filter: '' });
      }
      return result;
    }
    default:
      return result;
  }
}
