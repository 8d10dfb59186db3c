/**
 * Rule cases of the principal and trust families: principal values, service principals and role
 * trust policies, run by test/unit/rules.test.ts. Sources: IAM Access Analyzer policy check
 * reference (one section per code), IAM User Guide "AWS JSON policy elements: Principal", "The
 * confused deputy problem", "Configuring a role for GitHub OIDC identity provider", IAM Roles
 * Anywhere "Trust model". Each code has a case that hits it on its exact text and a close case
 * that must not.
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';
import type { PolicyKind } from '../../../server/src/iam/document/policyKind';

const S = (...bodies: string[]) => `{"Version":"2012-10-17","Statement":[${bodies.join(',')}]}`;
/** A resource-policy statement granting s3:GetObject to `principal`. */
const R = (principal: string, extra = '') => `{"Effect":"Allow","Principal":${principal},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"${extra}}`;
/** A trust statement. */
const T = (principal: string, action: string, extra = '') => `{"Effect":"Allow","Principal":${principal},"Action":${action}${extra}}`;
/** A Lambda permission statement for Alexa custom skills. */
const A = (extra = '') => `{"Effect":"Allow","Principal":{"Service":"alexa-appkit.amazon.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:skill"${extra}}`;
const GITHUB = '"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"';
const SAML = '"arn:aws:iam::123456789012:saml-provider/ExampleIdP"';

const cases: RuleCase[] = [
  // INVALID_PRINCIPAL_FORMAT, deeper than the grammar's shape check.
  { name: 'account id of 11 digits', kind: 'resource', policy: S(R('{"AWS":"12345678901"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"12345678901"']] },
  { name: 'account id of 12 digits', kind: 'resource', policy: S(R('{"AWS":"123456789012"}')), absent: ['INVALID_PRINCIPAL_FORMAT'] },
  { name: 'ARN with short account', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::1234:root"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:iam::1234:root"']] },
  { name: 'ARN with a Region', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam:us-east-1:123456789012:root"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:iam:us-east-1:123456789012:root"']] },
  { name: 'group ARN', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::123456789012:group/Admins"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:iam::123456789012:group/Admins"']] },
  { name: 'S3 bucket ARN as principal', kind: 'resource', policy: S(R('{"AWS":"arn:aws:s3:::b"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:s3:::b"']] },
  { name: 'valid user, role, session and federated user', kind: 'resource', policy: S(R('{"AWS":["arn:aws:iam::123456789012:user/a/Alice","arn:aws:iam::123456789012:role/R","arn:aws:sts::123456789012:assumed-role/R/s","arn:aws:sts::123456789012:federated-user/Bob","arn:aws-cn:iam::123456789012:root"]}')), absent: ['INVALID_PRINCIPAL_FORMAT', 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL'] },
  { name: 'assumed-role without session', kind: 'resource', policy: S(R('{"AWS":"arn:aws:sts::123456789012:assumed-role/R"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:sts::123456789012:assumed-role/R"']] },
  { name: 'bad canonical user', kind: 'resource', policy: S(R('{"CanonicalUser":"abc"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"abc"']] },
  { name: 'good canonical user', kind: 'resource', policy: S(R(`{"CanonicalUser":"${'a1'.repeat(32)}"}`)), absent: ['INVALID_PRINCIPAL_FORMAT'] },
  // INVALID_SERVICE_PRINCIPAL_FORMAT (Principal values and service-valued condition keys).
  { name: 'service without domain', kind: 'resource', policy: S(R('{"Service":"cloudtrail"}')), errors: [['INVALID_SERVICE_PRINCIPAL_FORMAT', '"cloudtrail"']] },
  { name: 'service in upper case', kind: 'resource', policy: S(R('{"Service":"CloudTrail.amazonaws.com"}', ',"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}')), errors: [['INVALID_SERVICE_PRINCIPAL_FORMAT', '"CloudTrail.amazonaws.com"']] },
  { name: 'well-formed service', kind: 'resource', policy: S(R('{"Service":"cloudtrail.amazonaws.com"}', ',"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}')), absent: ['INVALID_SERVICE_PRINCIPAL_FORMAT'] },
  { name: 'kms:ViaService without Region', kind: 'identity', policy: S('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.amazonaws.com"}}}'), errors: [['INVALID_SERVICE_PRINCIPAL_FORMAT', '"s3.amazonaws.com"']] },
  { name: 'kms:ViaService with Region', kind: 'identity', policy: S('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}'), absent: ['INVALID_SERVICE_PRINCIPAL_FORMAT'] },
  { name: 'aws:CalledVia with a bare name', kind: 'identity', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena"}}}'), errors: [['INVALID_SERVICE_PRINCIPAL_FORMAT', '"athena"']] },
  { name: 'aws:CalledVia with a service principal', kind: 'identity', policy: S('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":"athena.amazonaws.com"}}}'), absent: ['INVALID_SERVICE_PRINCIPAL_FORMAT'] },
  // UNSUPPORTED_WILDCARD_IN_PRINCIPAL.
  { name: 'partial wildcard in role ARN', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::123456789012:role/*"}')), errors: [['UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"arn:aws:iam::123456789012:role/*"']] },
  { name: 'Service "*"', kind: 'resource', policy: S(R('{"Service":"*"}')), errors: [['UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"*"']] },
  { name: 'AWS "*" is allowed', kind: 'resource', policy: S(R('{"AWS":"*"}')), absent: ['UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'INVALID_PRINCIPAL_FORMAT'] },
  { name: 'partial wildcard in trust', kind: 'trust', policy: S(T('{"AWS":"arn:aws:iam::123456789012:user/dev-?"}', '"sts:AssumeRole"')), errors: [['UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"arn:aws:iam::123456789012:user/dev-?"']] },
  // ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL.
  { name: 'Principal "*" in trust', kind: 'trust', policy: S(T('"*"', '"sts:AssumeRole"')), errors: [['ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL', '"*"']] },
  { name: 'Principal "*" in a resource policy', kind: 'resource', policy: S(R('"*"')), absent: ['ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL'] },
  // FEDERATED_PRINCIPAL_NOT_SUPPORTED.
  { name: 'Federated in bucket policy', kind: 'resource', policy: S(R('{"Federated":"cognito-identity.amazonaws.com"}')), errors: [['FEDERATED_PRINCIPAL_NOT_SUPPORTED', '"Federated"']] },
  { name: 'Federated in trust policy', kind: 'trust', policy: S(T('{"Federated":"cognito-identity.amazonaws.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:x"}}')), absent: ['FEDERATED_PRINCIPAL_NOT_SUPPORTED'] },
  // INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY.
  { name: 'Federated URL with scheme', kind: 'trust', policy: S(T('{"Federated":"https://accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"')), errors: [['INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', '"https://accounts.google.com"']] },
  { name: 'Federated role ARN', kind: 'trust', policy: S(T('{"Federated":"arn:aws:iam::123456789012:role/R"}', '"sts:AssumeRoleWithSAML"')), errors: [['INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY', '"arn:aws:iam::123456789012:role/R"']] },
  { name: 'Federated SAML provider ARN', kind: 'trust', policy: S(T(`{"Federated":${SAML}}`, '"sts:AssumeRoleWithSAML"')), absent: ['INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY'] },
  // INVALID_ROLE_REFERENCE / INVALID_USER_REFERENCE.
  { name: 'role unique id', kind: 'resource', policy: S(R('{"AWS":"AROA1234567890EXAMPLE"}')), errors: [['INVALID_ROLE_REFERENCE', '"AROA1234567890EXAMPLE"']], absent: ['INVALID_PRINCIPAL_FORMAT'] },
  { name: 'user unique id', kind: 'trust', policy: S(T('{"AWS":"AIDA1234567890EXAMPLE"}', '"sts:AssumeRole"')), errors: [['INVALID_USER_REFERENCE', '"AIDA1234567890EXAMPLE"']] },
  { name: 'role ARN is not a reference problem', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::123456789012:role/AROA1234567890EXAMPLE"}')), absent: ['INVALID_ROLE_REFERENCE'] },
  // ALLOW_WITH_NOT_PRINCIPAL.
  { name: 'Allow with NotPrincipal', kind: 'resource', policy: S('{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/M"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}'), errors: [['ALLOW_WITH_NOT_PRINCIPAL', '"NotPrincipal"']] },
  { name: 'Deny with NotPrincipal', kind: 'resource', policy: S('{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/A"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}'), absent: ['ALLOW_WITH_NOT_PRINCIPAL'] },
  // Service principals in resource policies.
  { name: 'service principal without source condition', kind: 'resource', policy: S(R('{"Service":"cloudtrail.amazonaws.com"}')), errors: [['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"']] },
  { name: 'service principal with aws:SourceArn', kind: 'resource', policy: S(R('{"Service":"cloudtrail.amazonaws.com"}', ',"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/t"}}')), absent: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'] },
  { name: 'service principal with aws:SourceOwner (Amazon SNS Developer Guide, S3 event notifications)', kind: 'resource', policy: S(R('{"Service":"s3.amazonaws.com"}', ',"Condition":{"StringEquals":{"aws:SourceOwner":"123456789012"}}')), absent: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'] },
  // Alexa names its source by the skill ID, the Lambda permission's EventSourceToken (Lambda API Reference, AddPermission; Alexa Skills Kit, skill ID verification).
  { name: 'Alexa with its skill ID (lambda:EventSourceToken)', kind: 'resource', policy: S(A(',"Condition":{"StringEquals":{"lambda:EventSourceToken":"amzn1.ask.skill.12345678-1234-1234-1234-123456789012"}}')), absent: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'] },
  { name: 'Alexa without a skill ID', kind: 'resource', policy: S(A()), errors: [['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"', 'Add a `lambda:EventSourceToken` condition']] },
  { name: 'lambda:EventSourceToken names no source of another service', kind: 'resource', policy: S(R('{"Service":"cloudtrail.amazonaws.com"}', ',"Condition":{"StringEquals":{"lambda:EventSourceToken":"t"}}')), errors: [['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"']] },
  { name: 'service principal in a trust policy needs no source', kind: 'trust', policy: S(T('{"Service":"ec2.amazonaws.com"}', '"sts:AssumeRole"')), absent: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'] },
  { name: 'service principal with aws:Referer', kind: 'resource', policy: S(R('{"Service":"cloudfront.amazonaws.com"}', ',"Condition":{"StringLike":{"aws:Referer":"https://example.com/*"}}')), errors: [['RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', '"aws:Referer"']], absent: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'] },
  { name: 'aws:PrincipalOrgID with a service principal', kind: 'resource', policy: S(R('{"Service":"cloudfront.amazonaws.com"}', ',"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}')), errors: [['UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', '"aws:PrincipalOrgID"']] },
  { name: 'Roles Anywhere trust on a certificate principal tag (Roles Anywhere User Guide, "Attribute mapping and trust policy")', kind: 'trust', policy: S(T('{"Service":"rolesanywhere.amazonaws.com"}', '["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"]', ',"Condition":{"StringEquals":{"aws:PrincipalTag/x509Issuer/CN":"Bob"},"ArnEquals":{"aws:SourceArn":"arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/TA_ID"}}')), absent: ['UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'] },
  { name: 'aws:PrincipalTag with another service principal', kind: 'trust', policy: S(T('{"Service":"ec2.amazonaws.com"}', '"sts:AssumeRole"', ',"Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}')), errors: [['UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', '"aws:PrincipalTag/team"']] },
  { name: 'CloudFront origin access identity (CloudFront Developer Guide, legacy OAI bucket policy)', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EH1HDMB1FH2TC"}')), absent: ['INVALID_PRINCIPAL_FORMAT'] },
  { name: 'other non-numeric account in a user ARN', kind: 'resource', policy: S(R('{"AWS":"arn:aws:iam::cloudfront:user/Alice"}')), errors: [['INVALID_PRINCIPAL_FORMAT', '"arn:aws:iam::cloudfront:user/Alice"']] },
  { name: 'aws:PrincipalOrgID with an AWS principal', kind: 'resource', policy: S(R('{"AWS":"*"}', ',"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}')), absent: ['UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'] },
  // Trust policy actions (UNSUPPORTED_ACTION_IN_POLICY for the role trust policy resource).
  { name: 's3 action in trust', kind: 'trust', policy: S(T('{"AWS":"123456789012"}', '["sts:AssumeRole","s3:GetObject"]')), errors: [['UNSUPPORTED_ACTION_IN_POLICY', '"s3:GetObject"']] },
  { name: 'misspelt trust action', kind: 'trust', policy: S(T('{"AWS":"123456789012"}', '"sts:AssumeRol"')), errors: [['UNSUPPORTED_ACTION_IN_POLICY', '"sts:AssumeRol"']] },
  { name: 'trust actions and wildcards', kind: 'trust', policy: S(T('{"AWS":"123456789012"}', '["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity","sts:SetContext"]'), T('{"AWS":"123456789012"}', '"sts:*"')), absent: ['UNSUPPORTED_ACTION_IN_POLICY'] },
  // MISMATCHED_ACTION_FOR_PRINCIPAL.
  { name: 'SAML with AssumeRole', kind: 'trust', policy: S(T(`{"Federated":${SAML}}`, '"sts:AssumeRole"')), errors: [['MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRole"']] },
  { name: 'SAML with web identity', kind: 'trust', policy: S(T(`{"Federated":${SAML}}`, '"sts:AssumeRoleWithWebIdentity"')), errors: [['MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRoleWithWebIdentity"']] },
  { name: 'Cognito with AssumeRole (aws-cli example)', kind: 'trust', policy: S(T('{"Federated":"cognito-identity.amazonaws.com"}', '["sts:AssumeRole","sts:TagSession"]', ',"Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-west-2_EXAMPLE"}}')), errors: [['MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRole"']] },
  { name: 'service with web identity', kind: 'trust', policy: S(T('{"Service":"ec2.amazonaws.com"}', '"sts:AssumeRoleWithWebIdentity"')), errors: [['MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRoleWithWebIdentity"']] },
  { name: 'SAML with AssumeRoleWithSAML', kind: 'trust', policy: S(T(`{"Federated":${SAML}}`, '["sts:AssumeRoleWithSAML","sts:TagSession"]')), absent: ['MISMATCHED_ACTION_FOR_PRINCIPAL'] },
  { name: 'AWS principal with AssumeRole', kind: 'trust', policy: S(T('{"AWS":"arn:aws:iam::123456789012:root"}', '"sts:AssumeRole"')), absent: ['MISMATCHED_ACTION_FOR_PRINCIPAL'] },
  // MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY.
  { name: 'Roles Anywhere with AssumeRole only', kind: 'trust', policy: S(T('{"Service":"rolesanywhere.amazonaws.com"}', '"sts:AssumeRole"')), errors: [['MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', '"rolesanywhere.amazonaws.com"']] },
  { name: 'Roles Anywhere with all three', kind: 'trust', policy: S(T('{"Service":"rolesanywhere.amazonaws.com"}', '["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"]')), absent: ['MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY'] },
  // OIDC conditions.
  { name: 'OIDC without condition', kind: 'trust', policy: S(T('{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"}', '"sts:AssumeRoleWithWebIdentity"')), errors: [['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', '"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"']] },
  { name: 'OIDC with its :sub condition', kind: 'trust', policy: S(T('{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:ns:sa"}}')), absent: ['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'] },
  { name: 'OIDC with only an unrelated condition', kind: 'trust', policy: S(T('{"Federated":"accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"Bool":{"aws:SecureTransport":"true"}}')), errors: [['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL', '"accounts.google.com"']] },
  { name: 'GitHub without :sub', kind: 'trust', policy: S(T(`{"Federated":${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}')), errors: [['MISSING_GITHUB_REPO_CONDITION_KEY', GITHUB]], absent: ['MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'] },
  { name: 'GitHub pinned to repo and branch', kind: 'trust', policy: S(T(`{"Federated":${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}')), absent: ['MISSING_GITHUB_REPO_CONDITION_KEY', 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL'] },
  { name: 'GitHub :sub with wildcard', kind: 'trust', policy: S(T(`{"Federated":${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/*"}}')), errors: [['SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED', '"repo:octo-org/*"']] },
  // Audience qualifiers.
  { name: 'ForAnyValue on aud', kind: 'trust', policy: S(T(`{"Federated":${GITHUB}}`, '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"ForAnyValue:StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}')), errors: [['FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE', '"ForAnyValue:StringEquals"']] },
  { name: 'ForAllValues on aud', kind: 'trust', policy: S(T('{"Federated":"accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"ForAllValues:StringEquals":{"accounts.google.com:aud":"app.apps.googleusercontent.com"}}')), errors: [['CONFIRM_AUDIENCE_CLAIM_TYPE', '"ForAllValues:StringEquals"']], absent: ['FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE'] },
  { name: 'unqualified aud', kind: 'trust', policy: S(T('{"Federated":"accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"accounts.google.com:aud":"app.apps.googleusercontent.com"}}')), absent: ['CONFIRM_AUDIENCE_CLAIM_TYPE', 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE'] },
  // REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY.
  { name: 'session with its role', kind: 'trust', policy: S(T('{"AWS":["arn:aws:iam::123456789012:role/R","arn:aws:sts::123456789012:assumed-role/R/s"]}', '"sts:AssumeRole"')), errors: [['REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', '"arn:aws:sts::123456789012:assumed-role/R/s"']] },
  { name: 'session of another role', kind: 'trust', policy: S(T('{"AWS":["arn:aws:iam::123456789012:role/R","arn:aws:sts::123456789012:assumed-role/Other/s"]}', '"sts:AssumeRole"')), absent: ['REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY'] },
];

/** Quick fixes: [name, policy, code, text under the finding, text after its first fix, kind]. */
const fixCases: Array<[string, string, string, string, string, PolicyKind]> = [
  ['SAML action', S(T(`{"Federated":${SAML}}`, '"sts:AssumeRole"')), 'MISMATCHED_ACTION_FOR_PRINCIPAL', '"sts:AssumeRole"', S(T(`{"Federated":${SAML}}`, '"sts:AssumeRoleWithSAML"')), 'trust'],
  ['Roles Anywhere actions', S(T('{"Service":"rolesanywhere.amazonaws.com"}', '"sts:AssumeRole"')), 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY', '"rolesanywhere.amazonaws.com"', S(T('{"Service":"rolesanywhere.amazonaws.com"}', '["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]')), 'trust'],
  ['redundant session', S(T('{"AWS":["arn:aws:iam::123456789012:role/R","arn:aws:sts::123456789012:assumed-role/R/s"]}', '"sts:AssumeRole"')), 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY', '"arn:aws:sts::123456789012:assumed-role/R/s"', S(T('{"AWS":["arn:aws:iam::123456789012:role/R"]}', '"sts:AssumeRole"')), 'trust'],
  ['ForAnyValue on aud', S(T('{"Federated":"accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"ForAnyValue:StringEquals":{"accounts.google.com:aud":"x"}}')), 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE', '"ForAnyValue:StringEquals"', S(T('{"Federated":"accounts.google.com"}', '"sts:AssumeRoleWithWebIdentity"', ',"Condition":{"StringEquals":{"accounts.google.com:aud":"x"}}')), 'trust'],
  ['trust action spelling', S(T('{"AWS":"123456789012"}', '"sts:AssumeRol"')), 'UNSUPPORTED_ACTION_IN_POLICY', '"sts:AssumeRol"', S(T('{"AWS":"123456789012"}', '"sts:AssumeRole"')), 'trust'],
  ['account id that lost its leading zero', S(R('{"AWS":"12345678901"}')), 'INVALID_PRINCIPAL_FORMAT', '"12345678901"', S(R('{"AWS":"012345678901"}')), 'resource'],
  ['source condition for a service principal', S(R('{"Service":"cloudtrail.amazonaws.com"}')), 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"', S(R('{"Service":"cloudtrail.amazonaws.com"}', ', "Condition": {"StringEquals": {"aws:SourceAccount": "ACCOUNT_ID"}}')), 'resource'],
  ['skill ID condition for Alexa', S(A()), 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"', S(A(', "Condition": {"StringEquals": {"lambda:EventSourceToken": "SKILL_ID"}}')), 'resource'],
  ['service principal case', S(R('{"Service":"CloudTrail.amazonaws.com"}')), 'INVALID_SERVICE_PRINCIPAL_FORMAT', '"CloudTrail.amazonaws.com"', S(R('{"Service":"cloudtrail.amazonaws.com"}')), 'resource'],
];

export const principalTests: RuleTests = ruleTests([
  ...cases,
  ...fixCases.map(([name, policy, code, text, output, kind]): RuleCase => ({ name: `quick fix: ${name}`, policy, kind, errors: [[code, text]], output })),
]);
