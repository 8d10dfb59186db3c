/**
 * Reference data for the IAM Access Analyzer ValidatePolicy finding codes that the workbench
 * aims to reproduce offline. One entry per code of
 * `shared/reference/access-analyzer-checks.tsv` (153 codes).
 *
 * Provenance: descriptions are paraphrased (our own words) from the AWS "IAM Access Analyzer
 * policy check reference" page of the IAM User Guide, as published in the public
 * awsdocs/iam-user-guide repository (last content snapshot: May 2023). Codes added to Access
 * Analyzer after that snapshot (RCP checks, OIDC/audience checks, newer security warnings...)
 * could not be read from a primary source during this research; their entries say so in
 * `notes`, keep `decidable: 'no'` unless the trigger is evident from the code name alone, and
 * carry no examples. See docs/checks-research.md.
 *
 * Category: the TSV uses `GENERAL_WARNING`; the ValidatePolicy API reports these findings with
 * findingType `WARNING`, which is what `category` holds here.
 *
 * Examples are minimal policies written for this project. Unless `kinds` says otherwise they
 * are identity policies. A failing example may trigger other findings as well; a passing
 * example only promises not to trigger *this* code.
 *
 * Pure data: no imports, no logic.
 */

export interface CheckReferenceEntry {
  /** Access Analyzer finding code, e.g. `MISSING_VERSION`. */
  readonly code: string;
  /** ERROR | SECURITY_WARNING | WARNING | SUGGESTION as in Access Analyzer. */
  readonly category: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  readonly title: string;
  /** One or two sentences in our own words: what triggers the finding. */
  readonly description: string;
  /** What the user should do, one sentence. */
  readonly resolution: string;
  /** Whether it can be decided offline from the policy document, its kind and the Service
   *  Authorization Reference data (actions, resource types, ARN formats, condition keys). */
  readonly decidable: 'yes' | 'partly' | 'no';
  /** Why not, when decidable is not 'yes' (needs account/org data, service-specific runtime
   *  knowledge not in the reference, ...). */
  readonly notes?: string;
  /** Policy kinds the check applies to (identity, resource, trust, scp, rcp, boundary, session). */
  readonly kinds?: readonly string[];
  /** A minimal policy JSON (as a string) that triggers it, when you can write one confidently. */
  readonly failingExample?: string;
  /** A close policy that must NOT trigger it. */
  readonly passingExample?: string;
}

export const CHECK_REFERENCE: readonly CheckReferenceEntry[] = [
  // ---------------------------------------------------------------------------------------
  // ERROR
  // ---------------------------------------------------------------------------------------
  {
    code: 'ARN_ACCOUNT_NOT_ALLOWED',
    category: 'ERROR',
    title: 'ARN account not allowed',
    description:
      'A resource ARN fills in the account field although the ARN format of that service/resource type has no account component (for example S3 bucket and object ARNs, whose names are global).',
    resolution: 'Remove the account ID so the account field of the ARN is empty.',
    decidable: 'yes',
    notes: 'Decided from the ARN formats of the Service Authorization Reference: every format of the service leaves the account field empty.',
    kinds: ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3::123456789012:example-bucket"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-bucket"}]}',
  },
  {
    code: 'ARN_REGION_NOT_ALLOWED',
    category: 'ERROR',
    title: 'ARN Region not allowed',
    description:
      'A resource ARN fills in the Region field although the service is global and its ARN formats keep the Region empty (for example IAM).',
    resolution: 'Remove the Region so the Region field of the ARN is empty.',
    decidable: 'yes',
    notes: 'Decided from the ARN formats of the Service Authorization Reference: every format of the service leaves the Region field empty.',
    kinds: ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam:us-east-1:123456789012:role/Example"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::123456789012:role/Example"}]}',
  },
  {
    code: 'DATA_TYPE_MISMATCH',
    category: 'ERROR',
    title: 'Data type mismatch',
    description:
      'A piece of the policy has a JSON type other than the one the grammar expects at that place (for example a number or object where a string is required).',
    resolution: 'Change the value to the JSON type the element expects (usually a string or an array of strings).',
    decidable: 'yes',
    notes:
      'The AWS page only gives a vague example; which malformed values produce this code rather than a more specific one (INVALID_EFFECT, INVALID_VERSION, INVALID_PRINCIPAL_FORMAT...) was not documented, so no example is given.',
  },
  {
    code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    category: 'ERROR',
    title: 'Duplicate keys with different case',
    description:
      'Within one condition operator block the same condition key appears twice spelled with different capitalization; key names are case-insensitive, so they collide.',
    resolution: 'Keep a single spelling of the condition key and merge the values under it.',
    decidable: 'yes',
    notes: 'Needs the raw object keys of each operator block (compare them lower-cased).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-12345678","aws:sourcevpc":"vpc-87654321"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":["vpc-12345678","vpc-87654321"]}}}]}',
  },
  {
    code: 'INVALID_ACTION',
    category: 'ERROR',
    title: 'Invalid action',
    description:
      'An Action/NotAction entry names a known service prefix but an action that the service does not define (typo, wrong name); AWS may suggest a close valid action.',
    resolution: 'Correct the action name to one the service defines (see the Service Authorization Reference).',
    decidable: 'yes',
    notes: 'Compare case-insensitively against the service action list; a wildcard pattern is presumably only flagged when it matches no action (not documented).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'INVALID_ARN_ACCOUNT',
    category: 'ERROR',
    title: 'Invalid ARN account',
    description:
      'The account field of a resource ARN is filled with something that is not a 12-digit account ID (wildcards and policy variables aside).',
    resolution: 'Use a 12-digit AWS account ID (or a wildcard) in the account field.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::12345:role/Example"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::123456789012:role/Example"}]}',
  },
  {
    code: 'INVALID_ARN_PREFIX',
    category: 'ERROR',
    title: 'Invalid ARN prefix',
    description: 'A resource value (other than "*") does not start with the literal `arn:` prefix.',
    resolution: 'Start the resource ARN with `arn:`.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"urn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_ARN_REGION',
    category: 'ERROR',
    title: 'Invalid ARN Region',
    description:
      'The Region field of a resource ARN is not a Region in which that service/resource type exists (unknown Region code, or a Region where the service is not offered).',
    resolution: 'Put a Region where the service is available (or a wildcard) in the ARN.',
    decidable: 'partly',
    notes:
      'Unknown Region codes can be caught with a bundled Region list; per-service Region availability is not part of the Service Authorization Reference.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:us-east-9:123456789012:instance/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:us-east-1:123456789012:instance/*"}]}',
  },
  {
    code: 'INVALID_ARN_RESOURCE',
    category: 'ERROR',
    title: 'Invalid ARN resource',
    description:
      'The resource part of an ARN (after the account field) matches none of the ARN formats the service defines for its resource types.',
    resolution: 'Rewrite the resource part to follow one of the service\'s ARN formats.',
    decidable: 'yes',
    notes: 'Match against the ARN formats of the service in the Service Authorization Reference, treating wildcards and variables as matching any segment text.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:tables/Books"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"arn:aws:dynamodb:us-east-1:123456789012:table/Books"}]}',
  },
  {
    code: 'INVALID_ARN_SERVICE_CASE',
    category: 'ERROR',
    title: 'Invalid ARN service case',
    description: 'The service field of a resource ARN is a known service prefix written with uppercase letters.',
    resolution: 'Write the service prefix in the ARN in lowercase.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:S3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_CONDITION_DATA_TYPE',
    category: 'ERROR',
    title: 'Invalid condition data type',
    description:
      'The values given for a condition key do not fit the data type required by the key and its operator, or the value list mixes JSON types (e.g. strings and booleans in one array).',
    resolution: 'Use condition values of a single JSON type that matches the key\'s type and the operator family.',
    decidable: 'partly',
    notes:
      'Key types come from the Service Authorization Reference and the global-key list. The exact boundary between this error and the TYPE_MISMATCH_* warnings (which also cover key/operator type disagreement) is not documented; no example given.',
  },
  {
    code: 'INVALID_CONDITION_KEY_FORMAT',
    category: 'ERROR',
    title: 'Invalid condition key format',
    description: 'A condition key is not of the form `prefix:keyname` (for example it has no colon/prefix).',
    resolution: 'Write the condition key as `service:keyname` (or `aws:keyname` for global keys).',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"SourceVpc":"vpc-12345678"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}}]}',
  },
  {
    code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    category: 'ERROR',
    title: 'Invalid condition multiple Boolean',
    description: 'A single-valued Boolean condition key is given more than one Boolean value in one condition.',
    resolution: 'Give the Boolean key exactly one value.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":["true","false"]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}',
  },
  {
    code: 'INVALID_CONDITION_OPERATOR',
    category: 'ERROR',
    title: 'Invalid condition operator',
    description:
      'A key of the Condition object is not a known condition operator (after removing an optional ForAllValues:/ForAnyValue: prefix and IfExists suffix).',
    resolution: 'Use a valid condition operator name such as StringEquals, ArnLike or NumericLessThan.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqual":{"aws:SourceVpc":"vpc-12345678"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}}]}',
  },
  {
    code: 'INVALID_EFFECT',
    category: 'ERROR',
    title: 'Invalid effect',
    description: 'The Effect value of a statement is something other than `Allow` or `Deny`.',
    resolution: 'Set Effect to Allow or Deny.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'INVALID_GLOBAL_CONDITION_KEY',
    category: 'ERROR',
    title: 'Invalid global condition key',
    description: 'A condition key with the `aws:` prefix is not one of the defined global condition keys.',
    resolution: 'Replace it with an existing global condition key.',
    decidable: 'yes',
    notes: 'Needs a bundled list of global condition keys (including the tag-key forms aws:RequestTag/, aws:ResourceTag/, aws:PrincipalTag/).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIpAddress":"203.0.113.0/24"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}',
  },
  {
    code: 'INVALID_PARTITION',
    category: 'ERROR',
    title: 'Invalid partition',
    description:
      'The partition field of a resource ARN is not a partition in which the service exists (unknown partition such as a typo, or a partition the service is not offered in).',
    resolution: 'Use a partition the service supports (aws, aws-cn, aws-us-gov, ...).',
    decidable: 'partly',
    notes: 'Unknown partition names are decidable with a bundled partition list; per-service partition availability is not in the Service Authorization Reference.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws-xyz:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_POLICY_ELEMENT',
    category: 'ERROR',
    title: 'Invalid policy element',
    description:
      'The policy or one of its statements contains a key that is not a policy-language element (for example a misspelled `Condtion`).',
    resolution: 'Remove or correct the unknown element.',
    decidable: 'yes',
    notes: 'Top level allows Version, Id, Statement; a statement allows Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition. Whether keys are matched case-sensitively was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condtion":{"Bool":{"aws:SecureTransport":"true"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}',
  },
  {
    code: 'INVALID_PRINCIPAL_FORMAT',
    category: 'ERROR',
    title: 'Invalid principal format',
    description:
      'The Principal/NotPrincipal value is neither the string "*" nor an object mapping principal keys to values (e.g. a bare account ID or ARN string, or an empty string).',
    resolution: 'Write the principal as an object such as {"AWS": "123456789012"}.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::123456789012:root","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_PRINCIPAL_KEY',
    category: 'ERROR',
    title: 'Invalid principal key',
    description: 'A key of the Principal/NotPrincipal object is not one of AWS, CanonicalUser, Federated or Service.',
    resolution: 'Use one of the principal keys AWS, CanonicalUser, Federated or Service.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"User":"arn:aws:iam::123456789012:user/Alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_REGION',
    category: 'ERROR',
    title: 'Invalid Region',
    description: 'A condition value that should be a Region code (for example of aws:RequestedRegion) is not a valid Region.',
    resolution: 'Use an existing Region code in the condition value.',
    decidable: 'partly',
    notes: 'Needs a bundled Region list that must be kept current; which keys besides aws:RequestedRegion are Region-typed is not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-7"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}',
  },
  {
    code: 'INVALID_SERVICE',
    category: 'ERROR',
    title: 'Invalid service',
    description: 'The service prefix used in a condition key (or elsewhere outside the action list) is not a known service prefix.',
    resolution: 'Use an existing service prefix, spelled exactly as in the Service Authorization Reference.',
    decidable: 'yes',
    notes: 'For Action/NotAction entries the more specific INVALID_SERVICE_IN_ACTION is reported.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s4:prefix":"home/"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}}]}',
  },
  {
    code: 'INVALID_SERVICE_CONDITION_KEY',
    category: 'ERROR',
    title: 'Invalid service condition key',
    description: 'A condition key uses a known service prefix but names a key that the service does not define.',
    resolution: 'Use a condition key that the service defines.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefixes":"home/"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}}]}',
  },
  {
    code: 'INVALID_SERVICE_IN_ACTION',
    category: 'ERROR',
    title: 'Invalid service in action',
    description: 'The service prefix of an Action/NotAction entry is not a known service prefix; AWS may suggest a close one.',
    resolution: 'Correct the service prefix of the action.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s4:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'INVALID_VARIABLE_FOR_OPERATOR',
    category: 'ERROR',
    title: 'Invalid variable for operator',
    description:
      'A policy variable `${...}` appears in the value of a condition whose operator is not a String or ARN operator (Numeric, Date, Bool, Binary, IpAddress, Null).',
    resolution: 'Use the variable only with String* or Arn* operators, or replace it by a literal value.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"${aws:username}"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/owner":"${aws:username}"}}}]}',
  },
  {
    code: 'INVALID_VERSION',
    category: 'ERROR',
    title: 'Invalid version',
    description: 'The top-level Version is present but is not one of the accepted language versions (2012-10-17, 2008-10-17).',
    resolution: 'Set Version to "2012-10-17".',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'JSON_SYNTAX_ERROR',
    category: 'ERROR',
    title: 'Json syntax error',
    description:
      'The document is not valid JSON. Two message variants exist: one locating the error by index/line/column, one without a location.',
    resolution: 'Fix the JSON syntax at the reported position.',
    decidable: 'yes',
    notes: 'When and why AWS omits the position (second variant) was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'MISSING_ACTION',
    category: 'ERROR',
    title: 'Missing action',
    description: 'A statement has neither an Action nor a NotAction element.',
    resolution: 'Add an Action or NotAction element to the statement.',
    decidable: 'yes',
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'MISSING_ARN_FIELD',
    category: 'ERROR',
    title: 'Missing ARN field',
    description:
      'A resource ARN has fewer colon-separated fields than the `arn:partition:service:region:account:resource` structure requires.',
    resolution: 'Supply all ARN fields, leaving Region/account empty (but present) where the format has none.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'MISSING_ARN_REGION',
    category: 'ERROR',
    title: 'Missing ARN Region',
    description: 'A resource ARN leaves the Region field empty although the service\'s ARN formats require a Region.',
    resolution: 'Fill in the Region (or a wildcard) in the ARN.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2::123456789012:instance/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"arn:aws:ec2:*:123456789012:instance/*"}]}',
  },
  {
    code: 'MISSING_EFFECT',
    category: 'ERROR',
    title: 'Missing effect',
    description: 'A statement has no Effect element.',
    resolution: 'Add "Effect": "Allow" or "Effect": "Deny" to the statement.',
    decidable: 'yes',
    failingExample: '{"Version":"2012-10-17","Statement":[{"Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'MISSING_PRINCIPAL',
    category: 'ERROR',
    title: 'Missing principal',
    description: 'A statement of a resource-based policy (or role trust policy) has neither Principal nor NotPrincipal.',
    resolution: 'Add a Principal element naming who the statement applies to.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'MISSING_QUALIFIER',
    category: 'ERROR',
    title: 'Missing qualifier',
    description:
      'A condition tests a multivalued request key (for example aws:TagKeys) with a plain operator instead of one prefixed by ForAllValues: or ForAnyValue:.',
    resolution: 'Prefix the operator with ForAllValues: or ForAnyValue: as intended.',
    decidable: 'yes',
    notes: 'Multivalued keys are those typed ArrayOf... in the Service Authorization Reference / global-key list.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":["team","env"]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}}]}',
  },
  {
    code: 'MISSING_RESOURCE',
    category: 'ERROR',
    title: 'Missing resource',
    description: 'A statement of a policy kind that needs one has neither a Resource nor a NotResource element.',
    resolution: 'Add a Resource or NotResource element to the statement.',
    decidable: 'yes',
    notes:
      'AWS documents it for identity-based policies. A public report says ValidatePolicy also raises it for a role trust policy validated as a generic resource policy; never raise it for the trust kind (see ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE).',
    kinds: ['identity', 'boundary', 'session', 'resource'],
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'MISSING_STATEMENT',
    category: 'ERROR',
    title: 'Missing statement',
    description: 'The policy has no Statement element.',
    resolution: 'Add a Statement element with at least one statement.',
    decidable: 'yes',
    notes: 'Whether an empty Statement array also produces this code was not documented.',
    failingExample: '{"Version":"2012-10-17"}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'NULL_WITH_IF_EXISTS',
    category: 'ERROR',
    title: 'Null with if exists',
    description: 'The Null operator is written with the IfExists suffix (`NullIfExists`), which is not allowed.',
    resolution: 'Use plain Null, or another operator with IfExists.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"NullIfExists":{"aws:RequestTag/team":"true"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"Null":{"aws:RequestTag/team":"true"}}}]}',
  },
  {
    code: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    category: 'ERROR',
    title: 'SCP syntax error action wildcard',
    description: 'In a service control policy an Action/NotAction entry has a wildcard (*) somewhere other than at the very end.',
    resolution: 'Keep wildcards only at the end of the action (e.g. iam:Get*) or list the actions individually.',
    decidable: 'yes',
    notes: 'Whether "?" is treated the same way was not documented.',
    kinds: ['scp'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*Role","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:Delete*","Resource":"*"}]}',
  },
  {
    code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    category: 'ERROR',
    title: 'SCP syntax error principal',
    description: 'A service control policy statement contains a Principal or NotPrincipal element.',
    resolution: 'Remove the element; restrict principals with the aws:PrincipalArn condition key instead.',
    decidable: 'yes',
    kinds: ['scp'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin"}}}]}',
  },
  {
    code: 'UNIQUE_SIDS_REQUIRED',
    category: 'ERROR',
    title: 'Unique Sids required',
    description: 'Two statements share the same Sid in a policy type where statement IDs must be unique (IAM policies).',
    resolution: 'Give every statement a distinct Sid.',
    decidable: 'partly',
    notes:
      'The list of policy types requiring unique Sids is not given by AWS ("some policy types"); IAM identity policies are named. Other types get UNIQUE_SIDS_RECOMMENDED. Assumed here: identity, boundary, session and trust require; to be confirmed.',
    kinds: ['identity', 'boundary', 'session', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"Read","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadObjects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"ListBuckets","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
  },
  {
    code: 'UNSUPPORTED_ACTION_IN_POLICY',
    category: 'ERROR',
    title: 'Unsupported action in policy',
    description:
      'In a resource-based policy attached to a given resource type, an action belongs to a service that cannot be authorized by that resource\'s policy (for example a KMS action in an S3 bucket policy).',
    resolution: 'Keep only actions that apply to the resource type the policy is attached to.',
    decidable: 'partly',
    notes:
      'Requires knowing the attached resource type (ValidatePolicy\'s validatePolicyResourceType, e.g. AWS::S3::Bucket); the set of services allowed per resource type is not in the Service Authorization Reference (same-service is a good first approximation). The AWS page lists this section twice with identical text.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"kms:Decrypt","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'UNSUPPORTED_ELEMENT_COMBINATION',
    category: 'ERROR',
    title: 'Unsupported element combination',
    description:
      'A statement contains both members of a mutually exclusive pair: Action/NotAction, Resource/NotResource or Principal/NotPrincipal.',
    resolution: 'Remove one element of the pair.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    category: 'ERROR',
    title: 'Unsupported global condition key',
    description: 'The condition uses the global key aws:ARN, which AWS does not support in policies.',
    resolution: 'Use aws:PrincipalArn (caller ARN) or aws:SourceArn (calling resource ARN) instead.',
    decidable: 'yes',
    notes: 'aws:ARN is the only key named by AWS for this code.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:ARN":"arn:aws:iam::123456789012:role/*"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/*"}}}]}',
  },
  {
    code: 'UNSUPPORTED_PRINCIPAL',
    category: 'ERROR',
    title: 'Unsupported principal',
    description: 'A statement of an identity-based policy (a kind that has no Principal) contains a Principal element.',
    resolution: 'Remove the Principal element from the identity policy.',
    decidable: 'yes',
    notes: 'SCPs and RCPs have their own codes (SCP_SYNTAX_ERROR_PRINCIPAL, RCP_SYNTAX_ERROR_PRINCIPAL). Whether NotPrincipal is reported under this code too was not documented.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    category: 'ERROR',
    title: 'Unsupported resource ARN in policy',
    description:
      'In a resource-based policy attached to a given resource type, the Resource element names an ARN of a type that policy cannot govern (for example a KMS key ARN in an S3 bucket policy).',
    resolution: 'Use only ARNs of the resource the policy is attached to (or its sub-resources).',
    decidable: 'partly',
    notes:
      'Requires the attached resource type (validatePolicyResourceType); the allowed ARN types per attachment are not in the Service Authorization Reference. The AWS page lists this section twice with identical text.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'UNSUPPORTED_SID',
    category: 'ERROR',
    title: 'Unsupported Sid',
    description: 'A Sid contains characters other than ASCII letters and digits (e.g. spaces, hyphens, underscores).',
    resolution: 'Restrict the Sid to characters a-z, A-Z and 0-9.',
    decidable: 'yes',
    notes: 'Some resource policies (e.g. S3, SNS) accept other Sid characters; which policy kinds are checked was not documented. Apply to IAM-stored kinds first.',
    kinds: ['identity', 'boundary', 'session', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"allow-read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"AllowRead","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    category: 'ERROR',
    title: 'Unsupported wildcard in principal',
    description:
      'A principal value under a key such as AWS contains * or ? as part of a name or ARN (e.g. all users, all sessions, partial ARNs); only the bare "*" is accepted.',
    resolution: 'Name specific principals, or use "*" with a condition such as aws:PrincipalArn ArnLike.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'MISSING_BRACE_IN_VARIABLE',
    category: 'ERROR',
    title: 'Missing brace in variable',
    description: 'A policy variable opened with `${` is never closed with `}`.',
    resolution: 'Add the closing brace after the variable name.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
  },
  {
    code: 'MISSING_QUOTE_IN_VARIABLE',
    category: 'ERROR',
    title: 'Missing quote in variable',
    description: 'The default value of a policy variable (`${key, \'default\'}`) is not enclosed in single quotes at both ends.',
    resolution: 'Surround the default value with single quotes.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket-${aws:PrincipalTag/team, company-wide}/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket-${aws:PrincipalTag/team, \'company-wide\'}/*"}]}',
  },
  {
    code: 'UNSUPPORTED_SPACE_IN_VARIABLE',
    category: 'ERROR',
    title: 'Unsupported space in variable',
    description: 'The variable name inside `${...}` contains a space (spaces are only allowed around/inside a quoted default value).',
    resolution: 'Remove the space from the variable name.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws: username}/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
  },
  {
    code: 'EMPTY_VARIABLE',
    category: 'ERROR',
    title: 'Empty variable',
    description: 'A policy variable structure `${}` contains no variable name.',
    resolution: 'Put a variable name inside the braces or remove the `${}`.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${}/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
  },
  {
    code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    category: 'ERROR',
    title: 'Variable unsupported in element',
    description:
      'A policy variable appears in an element other than Resource/NotResource or a Condition value (for example in Action or Principal).',
    resolution: 'Remove the variable from that element; use it in Resource or in a condition instead.',
    decidable: 'yes',
    notes: 'NotResource is assumed to accept variables like Resource (not stated by AWS).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:${aws:username}","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
  },
  {
    code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    category: 'ERROR',
    title: 'Variable unsupported in version',
    description:
      'The policy uses `${...}` variables while its Version is 2008-10-17 (or absent), where variables are treated as literal text.',
    resolution: 'Set Version to "2012-10-17".',
    decidable: 'yes',
    notes: 'The failing example necessarily uses Version 2008-10-17. Whether a missing Version also triggers it (versus MISSING_VERSION only) was not documented.',
    failingExample:
      '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/${aws:username}/*"}]}',
  },
  {
    code: 'PRIVATE_IP_ADDRESS',
    category: 'ERROR',
    title: 'Private IP address',
    description:
      'An IpAddress condition on aws:SourceIp lists only private (RFC 1918-style) addresses; aws:SourceIp only carries public addresses, so the condition never matches.',
    resolution: 'Use public IP ranges, or use aws:VpcSourceIp / aws:SourceVpc(e) for private traffic.',
    decidable: 'yes',
    notes: 'When only some values are private, PRIVATE_IP_ADDRESS_SUBSET (suggestion) applies instead. The exact set of "private" ranges AWS uses was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}',
  },
  {
    code: 'PRIVATE_NOT_IP_ADDRESS',
    category: 'ERROR',
    title: 'Private NotIpAddress',
    description:
      'A NotIpAddress condition on aws:SourceIp lists only private addresses; since aws:SourceIp is never private, the condition always matches and has no effect.',
    resolution: 'Use public IP ranges in the NotIpAddress condition, or a VPC-oriented key.',
    decidable: 'yes',
    notes: 'When only some values are private, PRIVATE_NOT_IP_ADDRESS_SUBSET (suggestion) applies instead.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.168.0.0/16"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}',
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    category: 'ERROR',
    title: 'Policy size exceeds SCP quota',
    description: 'The service control policy document has more characters than the Organizations SCP size quota.',
    resolution: 'Shrink the SCP (remove whitespace, merge statements) or split it into several SCPs.',
    decidable: 'yes',
    notes:
      'The AWS message reports policySize and policySizeQuota but the page does not state the number or how whitespace is counted (the resolution text on the page is a copy of the action-wildcard section). The Organizations quota for SCPs is 5,120 characters; confirm the counting rule before implementing.',
    kinds: ['scp'],
  },
  {
    code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    category: 'ERROR',
    title: 'Invalid service principal format',
    description:
      'A condition value that must be a service principal does not have the expected shape: normally `service.amazonaws.com`, or `service.region.amazonaws.com` for keys such as kms:ViaService.',
    resolution: 'Write the service principal in the format the message indicates.',
    decidable: 'partly',
    notes: 'Which condition keys are service-principal-typed, and the expected format per key, is not in the Service Authorization Reference; needs a curated table (kms:ViaService, aws:PrincipalServiceName, iam:AWSServiceName, ...).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.amazonaws.com"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}]}',
  },
  {
    code: 'MISSING_TAG_KEY_IN_CONDITION',
    category: 'ERROR',
    title: 'Missing tag key in condition',
    description:
      'A tag condition key that needs a tag-key suffix (aws:ResourceTag/, aws:RequestTag/, aws:PrincipalTag/, service equivalents) is used without one.',
    resolution: 'Append the tag key, e.g. aws:ResourceTag/owner.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag":"JaneDoe"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/owner":"JaneDoe"}}}]}',
  },
  {
    code: 'INVALID_VPC_FORMAT',
    category: 'ERROR',
    title: 'Invalid vpc format',
    description: 'A value of aws:SourceVpc is not `vpc-` followed by 8 or 17 alphanumeric characters.',
    resolution: 'Use a VPC ID of the form vpc-xxxxxxxx or vpc-xxxxxxxxxxxxxxxxx.',
    decidable: 'yes',
    notes: 'How wildcards/variables in the value are treated was not documented; skip values containing them.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-123"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}}]}',
  },
  {
    code: 'INVALID_VPCE_FORMAT',
    category: 'ERROR',
    title: 'Invalid vpce format',
    description: 'A value of aws:SourceVpce is not `vpce-` followed by 8 or 17 alphanumeric characters.',
    resolution: 'Use a VPC endpoint ID of the form vpce-xxxxxxxx or vpce-xxxxxxxxxxxxxxxxx.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-123"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d5e6f7a8b9"}}}]}',
  },
  {
    code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    category: 'ERROR',
    title: 'Federated principal not supported',
    description:
      'A Principal uses the Federated key (SAML/OIDC identity provider) in a policy type other than a role trust policy, e.g. an S3 bucket policy.',
    resolution: 'Use an AWS, Service or CanonicalUser principal; federated principals belong in role trust policies only.',
    decidable: 'yes',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    category: 'ERROR',
    title: 'Unsupported action for condition key',
    description:
      'A statement\'s condition uses a (service-specific or per-action) condition key that some of the statement\'s explicitly listed actions do not support, so the condition is not evaluated for those actions. Actions written with wildcards are not considered.',
    resolution: 'Move the actions that do not support the key into a separate statement without that condition.',
    decidable: 'partly',
    notes:
      'Per-action condition keys are in the Service Authorization Reference. Global keys that apply to all requests (aws:SourceIp, aws:PrincipalArn, ...) must be excluded; how AWS treats tag keys and keys of other services was not documented. Whether "some" or "all" actions must lack support is inferred from the message (it lists the unsupported actions).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    category: 'ERROR',
    title: 'Unsupported condition key for service principal',
    description:
      'A statement whose Principal is a service principal uses a condition key that is never present when that service calls (example given by AWS: aws:PrincipalOrgID with cloudfront.amazonaws.com).',
    resolution: 'Remove the condition keys that do not apply to that service principal (use aws:SourceArn / aws:SourceAccount instead).',
    decidable: 'partly',
    notes:
      'Which keys each service principal sends is not in the Service Authorization Reference; only a curated table (starting with principal-identity keys such as aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalTag/ for service principals) can approximate it.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"}}}]}',
  },
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    category: 'ERROR',
    title: 'Role trust policy syntax error notprincipal',
    description: 'A role trust policy statement uses NotPrincipal.',
    resolution: 'Replace NotPrincipal with an explicit Principal element.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/Mallory"},"Action":"sts:AssumeRole"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":"sts:AssumeRole"}]}',
  },
  {
    code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    category: 'ERROR',
    title: 'Role trust policy unsupported wildcard in principal',
    description: 'A role trust policy statement uses `"Principal": "*"`.',
    resolution: 'Name the principals allowed to assume the role instead of "*".',
    decidable: 'yes',
    notes: 'Whether {"AWS": "*"} is also reported here was not documented.',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}',
  },
  {
    code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    category: 'ERROR',
    title: 'Role trust policy syntax error resource',
    description: 'A role trust policy statement contains Resource or NotResource; the resource is implicitly the role itself.',
    resolution: 'Remove the Resource/NotResource element.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
  },
  {
    code: 'TYPE_MISMATCH_IP_RANGE',
    category: 'ERROR',
    title: 'Type mismatch IP range',
    description:
      'An IpAddress/NotIpAddress condition has a value that is not a valid IPv4/IPv6 address or CIDR range.',
    resolution: 'Write the value as an IP address or CIDR block (e.g. 203.0.113.0/24).',
    decidable: 'yes',
    notes: 'The TSV classifies it ERROR; the May 2023 AWS page listed it as a general warning. Category may have changed; keep the TSV value.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/33"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}',
  },
  {
    code: 'MISSING_ACTION_FOR_CONDITION_KEY',
    category: 'ERROR',
    title: 'Missing action for condition key',
    description:
      'The statement uses a condition key whose value can only be set by a particular action, but that action is not in the statement\'s Action list, so the condition is never evaluated as intended.',
    resolution: 'Add the action named in the finding to the Action element.',
    decidable: 'partly',
    notes:
      'AWS does not list the key-to-action pairs. Plausible pairs (unconfirmed): in role trust policies sts:SourceIdentity needs sts:SetSourceIdentity, and aws:RequestTag/ or sts:TransitiveTagKeys need sts:TagSession. Needs a curated table; no example given.',
  },
  {
    code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    category: 'ERROR',
    title: 'Invalid federated principal syntax in role trust policy',
    description:
      'In a role trust policy a Federated principal value is neither a provider domain name (e.g. an OIDC issuer host such as cognito-identity.amazonaws.com) nor an IAM identity-provider ARN (saml-provider/ or oidc-provider/).',
    resolution: 'Use the identity provider\'s domain name or its IAM provider ARN as the Federated value.',
    decidable: 'yes',
    notes: 'The exact grammar AWS accepts for domain names was not documented.',
    kinds: ['trust'],
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/ExampleIdP"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}',
  },
  {
    code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    category: 'ERROR',
    title: 'Mismatched action for principal',
    description:
      'In a role trust policy the federation action does not fit the federated principal: a SAML provider with sts:AssumeRoleWithWebIdentity, an OIDC provider with sts:AssumeRoleWithSAML, or either action used without a Federated principal.',
    resolution: 'Pair SAML providers with sts:AssumeRoleWithSAML and OIDC providers with sts:AssumeRoleWithWebIdentity.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/ExampleIdP"},"Action":"sts:AssumeRoleWithWebIdentity"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/ExampleIdP"},"Action":"sts:AssumeRoleWithSAML"}]}',
  },
  {
    code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    category: 'ERROR',
    title: 'Missing action for roles anywhere trust policy',
    description:
      'A role trust policy trusts the rolesanywhere.amazonaws.com service principal but does not allow all three of sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.',
    resolution: 'Allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession for the Roles Anywhere principal.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":["sts:AssumeRole","sts:SetSourceIdentity","sts:TagSession"]}]}',
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    category: 'ERROR',
    title: 'Policy size exceeds RCP quota',
    description:
      '[Unconfirmed, from the title] The resource control policy document is longer than the Organizations size quota for RCPs.',
    resolution: 'Shrink the RCP or split it into several RCPs.',
    decidable: 'yes',
    notes:
      'No AWS policy-check text was available for this code (added after the May 2023 snapshot). The Organizations RCP syntax page says all characters count against the RCP maximum size; the number (believed to be 5,120 characters, as for SCPs) must be confirmed.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_SYNTAX_ERROR_PRINCIPAL',
    category: 'ERROR',
    title: 'RCP syntax error principal',
    description:
      '[Unconfirmed, from the title] A resource control policy statement has a Principal element that RCPs do not accept (RCP statements are written with "Principal": "*" and narrowed by conditions), or uses NotPrincipal.',
    resolution: 'Use "Principal": "*" and express exceptions with conditions such as aws:PrincipalArn or aws:PrincipalOrgID.',
    decidable: 'partly',
    notes:
      'Check text not available. The Organizations RCP syntax page lists Principal (not NotPrincipal) among RCP elements and shows only "*" in its examples; the exact rule (only "*"? missing Principal?) must be confirmed before implementing.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_SYNTAX_ERROR_ALLOW',
    category: 'ERROR',
    title: 'RCP syntax error allow',
    description:
      '[Unconfirmed, from the title] A resource control policy statement uses "Effect": "Allow"; Organizations only supports Allow in the AWS-managed RCPFullAWSAccess policy, custom RCPs must Deny.',
    resolution: 'Rewrite the statement as a Deny with the appropriate conditions.',
    decidable: 'yes',
    notes: 'Check text not available; the Allow restriction itself is documented on the Organizations RCP syntax page. Whether RCPFullAWSAccess-shaped documents are exempt is unknown.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_SYNTAX_ERROR_NOTACTION',
    category: 'ERROR',
    title: 'RCP syntax error NotAction',
    description:
      '[Unconfirmed, from the title] A resource control policy statement uses NotAction, which is not among the elements RCPs support.',
    resolution: 'Replace NotAction with an explicit Action list.',
    decidable: 'yes',
    notes: 'Check text not available; the Organizations RCP element table lists Action but not NotAction.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_SYNTAX_ERROR_ACTION',
    category: 'ERROR',
    title: 'RCP syntax error action',
    description:
      '[Unconfirmed] Some Action value of a resource control policy is not allowed in RCPs; what exactly (actions of services RCPs do not support, wildcard placement as for SCPs, a bare "*") could not be established.',
    resolution: 'Use only actions of services supported by RCPs, written as RCPs require.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available; do not implement until the AWS check text is obtained.',
    kinds: ['rcp'],
  },
  {
    code: 'MISSING_ARN_ACCOUNT',
    category: 'ERROR',
    title: 'Missing ARN account',
    description:
      '[Unconfirmed, from the title; by analogy with MISSING_ARN_REGION] A resource ARN leaves the account field empty although the ARN format of the service requires an account ID.',
    resolution: 'Fill in the account ID (or a wildcard) in the ARN.',
    decidable: 'yes',
    notes: 'Check text not available. Decidable from the ARN formats of the Service Authorization Reference if the analogy holds.',
  },
  {
    code: 'INVALID_KMS_KEY_VALUE',
    category: 'ERROR',
    title: 'Invalid kms key value',
    description:
      '[Unconfirmed] A value related to a KMS key (presumably a key ID/ARN/alias given in a kms: condition key or resource) does not have a valid format.',
    resolution: 'Use a well-formed KMS key ID, key ARN or alias as the finding indicates.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available; which element/key is checked is unknown.',
  },
  {
    code: 'VARIABLE_USAGE_TOO_PERMISSIVE',
    category: 'ERROR',
    title: 'Variable usage too permissive',
    description:
      '[Unconfirmed] A policy variable is used in a way that makes a value match far more than intended (presumably a variable standing alone or with too little literal context in a Resource or condition value).',
    resolution: 'Add literal context around the variable so that it only matches the intended resources/values.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available.',
  },
  {
    code: 'WILDCARD_USAGE_TOO_PERMISSIVE',
    category: 'ERROR',
    title: 'Wildcard usage too permissive',
    description:
      '[Unconfirmed] A wildcard in a value (observed for the token.actions.githubusercontent.com:sub condition of OIDC trust policies) has too few literal characters in front of it, so it matches more than intended.',
    resolution: 'Put more literal text before the wildcard (or pin the value with StringEquals).',
    decidable: 'partly',
    notes:
      'No AWS check text available. Public third-party reports (not verified) say ValidatePolicy returns it with findingType WARNING for a GitHub OIDC `sub` pattern and wants at least six literal characters before each "*"; the TSV says ERROR. Scope beyond GitHub `sub` is unknown.',
    kinds: ['trust'],
  },
  // ---------------------------------------------------------------------------------------
  // WARNING (GENERAL_WARNING in the TSV)
  // ---------------------------------------------------------------------------------------
  {
    code: 'CREATE_SLR_WITH_NOT_RESOURCE',
    category: 'WARNING',
    title: 'Create SLR with NotResource',
    description:
      'An Allow statement explicitly lists iam:CreateServiceLinkedRole and scopes resources with NotResource, which permits creating service-linked roles on everything not excluded.',
    resolution: 'Replace NotResource with a Resource list of the allowed service-linked role ARNs.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","NotResource":"arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"}]}',
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    category: 'WARNING',
    title: 'Create SLR with star in action and NotResource',
    description:
      'An Allow statement has a wildcard action that covers iam:CreateServiceLinkedRole (e.g. "*", "iam:*", "iam:Create*") together with NotResource.',
    resolution: 'Use a Resource list of specific ARNs instead of NotResource, or narrow the action pattern.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Create*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
  },
  {
    code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    category: 'WARNING',
    title: 'Create SLR with NotAction and NotResource',
    description:
      'An Allow statement combines NotAction (not excluding iam:CreateServiceLinkedRole) with NotResource, so service-linked role creation is granted on many resources.',
    resolution: 'Add iam:CreateServiceLinkedRole to NotAction, or grant it separately on specific Resource ARNs.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["s3:*","iam:*"],"NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
    category: 'WARNING',
    title: 'Create SLR with star in resource',
    description:
      'An Allow statement explicitly lists iam:CreateServiceLinkedRole with a Resource containing a wildcard (typically "*").',
    resolution: 'List the service-linked role ARNs that may be created.',
    decidable: 'partly',
    notes: 'Whether any wildcard inside an ARN counts, or only a bare "*", and whether an iam:AWSServiceName condition suppresses it, were not documented.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"}]}',
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
    category: 'WARNING',
    title: 'Create SLR with star in action and resource',
    description:
      'An Allow statement has an action wildcard that covers iam:CreateServiceLinkedRole ("*", "iam:*", "iam:Create*") and a wildcard Resource.',
    resolution: 'Narrow the actions or the resources so service-linked role creation is limited to specific ARNs.',
    decidable: 'partly',
    notes: 'Same open questions about partial wildcards in Resource as CREATE_SLR_WITH_STAR_IN_RESOURCE.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}',
  },
  {
    code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    category: 'WARNING',
    title: 'Create SLR with star in resource and NotAction',
    description:
      'An Allow statement uses NotAction (not excluding iam:CreateServiceLinkedRole) with a wildcard Resource.',
    resolution: 'Add iam:CreateServiceLinkedRole to NotAction, or scope Resource to specific ARNs.',
    decidable: 'partly',
    notes: 'Same open questions about partial wildcards in Resource as CREATE_SLR_WITH_STAR_IN_RESOURCE.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["s3:*","iam:*"],"Resource":"*"}]}',
  },
  {
    code: 'DEPRECATED_GLOBAL_CONDITION_KEY',
    category: 'WARNING',
    title: 'Deprecated global condition key',
    description: 'The policy uses a deprecated global condition key; the example AWS gives is aws:ARN (superseded by aws:PrincipalArn).',
    resolution: 'Replace the deprecated key with its current equivalent (aws:PrincipalArn for aws:ARN).',
    decidable: 'partly',
    notes:
      'The AWS page names aws:ARN both here and under UNSUPPORTED_GLOBAL_CONDITION_KEY (error); which one ValidatePolicy emits today is unclear, and the full list of deprecated keys is not given.',
  },
  {
    code: 'INVALID_DATE_VALUE',
    category: 'WARNING',
    title: 'Invalid date value',
    description:
      'A Date-operator condition value is written as Unix epoch time (a number) rather than a W3C/ISO 8601 date, which may not resolve as expected.',
    resolution: 'Write the date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssTZD.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"1735689600"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2025-01-01T00:00:00Z"}}}]}',
  },
  {
    code: 'INVALID_ROLE_REFERENCE',
    category: 'WARNING',
    title: 'Invalid role reference',
    description: 'The Principal element names an IAM role by its unique ID (AROA...) instead of its ARN.',
    resolution: 'Reference the role by ARN.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"AROA1234567890EXAMPLE"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/Example"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'INVALID_USER_REFERENCE',
    category: 'WARNING',
    title: 'Invalid user reference',
    description: 'The Principal element names an IAM user by its unique ID (AIDA...) instead of its ARN.',
    resolution: 'Reference the user by ARN.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"AIDA1234567890EXAMPLE"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'MISSING_VERSION',
    category: 'WARNING',
    title: 'Missing version',
    description: 'The policy has no top-level Version element (policy variables and newer features then do not work).',
    resolution: 'Add "Version": "2012-10-17" before Statement.',
    decidable: 'yes',
    notes: 'The failing example necessarily omits Version.',
    failingExample: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'UNIQUE_SIDS_RECOMMENDED',
    category: 'WARNING',
    title: 'Unique Sids recommended',
    description: 'Two statements share the same Sid in a policy type where duplicates are tolerated but discouraged.',
    resolution: 'Give every statement a distinct Sid.',
    decidable: 'partly',
    notes: 'Counterpart of UNIQUE_SIDS_REQUIRED; the split of policy types between the two codes is not documented (assumed: resource, scp, rcp here).',
    kinds: ['resource', 'scp', 'rcp'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"},{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-bucket"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadObjects","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"},{"Sid":"ListBucket","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::example-bucket"}]}',
  },
  {
    code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    category: 'WARNING',
    title: 'Wildcard without like operator',
    description:
      'A condition value contains * or ? while the operator is an exact-match one (e.g. StringEquals), so the characters are compared literally instead of as wildcards.',
    resolution: 'Switch to the Like form of the operator (StringLike / StringNotLike) if a pattern was meant.',
    decidable: 'yes',
    notes: 'ArnEquals behaves like ArnLike (wildcards allowed), so Arn operators are presumably exempt; not stated by AWS.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/job-category":"admin-*"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalTag/job-category":"admin-*"}}}]}',
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    category: 'WARNING',
    title: 'Policy size exceeds identity policy quota',
    description:
      'The identity policy, counted without whitespace, is longer than the IAM character quota (6,144 for a managed policy).',
    resolution: 'Split the permissions into several smaller policies.',
    decidable: 'yes',
    notes: 'Inline policies have per-identity aggregate quotas (user/group/role differ) that depend on the other inline policies; only the single-document managed quota is decidable offline.',
    kinds: ['identity', 'boundary'],
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    category: 'WARNING',
    title: 'Policy size exceeds resource policy quota',
    description: 'The resource-based policy is longer than the size quota of the resource type it is attached to.',
    resolution: 'Reduce the policy (merge statements, remove redundancy) below the resource type\'s quota.',
    decidable: 'partly',
    notes: 'Quotas are per service/resource type (S3, SQS, KMS, ...) and are not in the Service Authorization Reference; needs a curated table and the attached resource type.',
    kinds: ['resource'],
  },
  {
    code: 'TYPE_MISMATCH',
    category: 'WARNING',
    title: 'Type mismatch',
    description:
      'The condition operator family does not fit the condition key\'s data type (e.g. a String operator on the Boolean key aws:MultiFactorAuthPresent); the message names the operator type to use.',
    resolution: 'Use an operator of the family matching the key type (Bool, Numeric, Date, IpAddress, Arn, String, Binary).',
    decidable: 'yes',
    notes: 'Key types come from the Service Authorization Reference and the global-key list. Whether AWS accepts String operators on Arn-typed keys (and vice versa) was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:MultiFactorAuthPresent":"true"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}',
  },
  {
    code: 'TYPE_MISMATCH_BOOLEAN',
    category: 'WARNING',
    title: 'Type mismatch Boolean',
    description: 'A Bool operator is given a value that is not a Boolean (true/false, as JSON boolean or string).',
    resolution: 'Use true or false as the value.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"yes"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}',
  },
  {
    code: 'TYPE_MISMATCH_DATE',
    category: 'WARNING',
    title: 'Type mismatch date',
    description: 'A Date operator is given a value that is not a valid ISO 8601 date/time.',
    resolution: 'Use a YYYY-MM-DD or full ISO 8601 date/time value.',
    decidable: 'yes',
    notes: 'Epoch numbers produce INVALID_DATE_VALUE instead (assumption).',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"next-monday"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2025-01-01"}}}]}',
  },
  {
    code: 'TYPE_MISMATCH_NUMBER',
    category: 'WARNING',
    title: 'Type mismatch number',
    description: 'A Numeric operator is given a value that is not a number.',
    resolution: 'Use a numeric value.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":"ten"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"}}}]}',
  },
  {
    code: 'TYPE_MISMATCH_STRING',
    category: 'WARNING',
    title: 'Type mismatch string',
    description:
      'Despite the title, the AWS message asks for a valid base64-encoded string: a Binary operator (BinaryEquals) is given a value that is not valid base64.',
    resolution: 'Give the Binary operator a base64-encoded value.',
    decidable: 'yes',
    notes: 'Which keys are Binary-typed is rare in the reference; the trigger is inferred from the message text ("base64") and should be confirmed.',
  },
  {
    code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    category: 'WARNING',
    title: 'Specific github repo and branch recommended',
    description:
      'A role trust policy for the GitHub OIDC provider constrains token.actions.githubusercontent.com:sub with a value containing a wildcard, so workflows of other repositories/branches may assume the role.',
    resolution: 'Pin :sub to specific repository and branch values (repo:org/repo:ref:refs/heads/branch).',
    decidable: 'partly',
    notes:
      'Decidable from the document, but how much wildcarding AWS tolerates (e.g. repo:org/repo:* versus repo:org/*) is not documented; the relation to MISSING_GITHUB_REPO_CONDITION_KEY and WILDCARD_USAGE_TOO_PERMISSIVE is unclear.',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"*"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:example-org/example-repo:ref:refs/heads/main"}}}]}',
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    category: 'WARNING',
    title: 'Policy size exceeds role trust policy quota',
    description: 'The role trust policy, counted without whitespace, is longer than the default trust-policy length quota.',
    resolution: 'Shorten the trust policy, or request a quota increase (ignore the warning if already raised).',
    decidable: 'yes',
    notes: 'The default IAM role trust policy length quota is 2,048 characters (adjustable); account-specific increases cannot be known offline.',
    kinds: ['trust'],
  },
  {
    code: 'RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY',
    category: 'WARNING',
    title: 'RCP missing related principal condition key',
    description:
      '[Unconfirmed] A resource control policy uses a principal-related condition key without a companion principal key that is normally needed with it (e.g. to exempt AWS service principals or the organization\'s own principals).',
    resolution: 'Add the related principal condition key indicated by the finding.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available (RCP checks postdate the May 2023 snapshot); the key pairs are unknown.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY',
    category: 'WARNING',
    title: 'RCP missing related service principal condition key',
    description:
      '[Unconfirmed] A resource control policy restricts principals (e.g. by aws:PrincipalOrgID) without a service-principal exemption key (such as aws:PrincipalIsAWSService), so calls by AWS services could be blocked.',
    resolution: 'Add the service-principal condition key indicated by the finding.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available; the description is a guess from the title and must not be implemented as is.',
    kinds: ['rcp'],
  },
  {
    code: 'RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK',
    category: 'WARNING',
    title: 'RCP missing service condition key null check',
    description:
      '[Unconfirmed] A resource control policy compares a service-specific condition key without a Null check for requests in which that key is absent.',
    resolution: 'Add the Null check for the condition key indicated by the finding.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available.',
    kinds: ['rcp'],
  },
  {
    code: 'USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES',
    category: 'WARNING',
    title: 'Use condition key only with supported services',
    description:
      '[Unconfirmed] A condition key that only some services populate is used in a statement whose actions include services that never supply it.',
    resolution: 'Restrict the statement\'s actions to services that support the condition key.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available; which keys are concerned is unknown (per-service support of global keys is not in the Service Authorization Reference).',
  },
  // ---------------------------------------------------------------------------------------
  // SECURITY_WARNING
  // ---------------------------------------------------------------------------------------
  {
    code: 'UNTRUSTWORTHY_CONDITION_KEY',
    category: 'SECURITY_WARNING',
    title: 'Untrustworthy condition key',
    description:
      '[Unconfirmed] The statement relies on a condition key whose value can be influenced by the caller (for example a user-controlled request parameter) and therefore should not be used for authorization.',
    resolution: 'Replace the key with one whose value AWS sets authoritatively.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available; the list of keys AWS considers untrustworthy is unknown.',
  },
  {
    code: 'ALLOW_WITH_NOT_PRINCIPAL',
    category: 'SECURITY_WARNING',
    title: 'Allow with NotPrincipal',
    description: 'A statement with "Effect": "Allow" uses NotPrincipal, which grants access to everyone not listed, possibly including anonymous principals.',
    resolution: 'Use Principal to list who needs access, or keep NotPrincipal only in Deny statements.',
    decidable: 'yes',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/Mallory"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/Alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    category: 'SECURITY_WARNING',
    title: 'ForAllValues with single valued key',
    description:
      'ForAllValues: is applied to a single-valued condition key; since ForAllValues is also true when the key is absent or empty, the condition can be overly permissive.',
    resolution: 'Drop the ForAllValues: qualifier for single-valued keys.',
    decidable: 'yes',
    notes: 'Single-valued = key type without the ArrayOf prefix in the Service Authorization Reference / global-key list.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}',
  },
  {
    code: 'PASS_ROLE_WITH_NOT_RESOURCE',
    category: 'SECURITY_WARNING',
    title: 'Pass role with NotResource',
    description: 'An Allow statement explicitly lists iam:PassRole and scopes resources with NotResource, allowing any role not excluded to be passed.',
    resolution: 'Use a Resource list of passable role ARNs, optionally with iam:PassedToService.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/AppRole"}]}',
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
    category: 'SECURITY_WARNING',
    title: 'Pass role with star in action and NotResource',
    description: 'An Allow statement has a wildcard action covering iam:PassRole (e.g. "*", "iam:*", "iam:Pass*") together with NotResource.',
    resolution: 'Use a Resource list of specific role ARNs, or narrow the action pattern.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
  },
  {
    code: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    category: 'SECURITY_WARNING',
    title: 'Pass role with NotAction and NotResource',
    description: 'An Allow statement combines NotAction (not excluding iam:PassRole) with NotResource, granting PassRole on many roles.',
    resolution: 'Exclude iam:PassRole via NotAction or grant it separately on specific Resource ARNs.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["s3:*","iam:*"],"NotResource":"arn:aws:iam::123456789012:role/Admin"}]}',
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
    category: 'SECURITY_WARNING',
    title: 'Pass role with star in resource',
    description:
      'An Allow statement explicitly lists iam:PassRole with a wildcard in Resource (typically "*"), allowing many roles to be passed to any service.',
    resolution: 'List specific role ARNs or add an iam:PassedToService condition.',
    decidable: 'partly',
    notes:
      'AWS says role ARN patterns that follow service naming conventions (e.g. arn:aws:iam::*:role/Service*) may not be flagged, and that iam:PassedToService is the recommended mitigation; the exact exemption heuristics are not documented.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/AppRole"}]}',
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
    category: 'SECURITY_WARNING',
    title: 'Pass role with star in action and resource',
    description: 'An Allow statement has a wildcard action covering iam:PassRole and a wildcard Resource.',
    resolution: 'Narrow actions or resources, or add an iam:PassedToService condition.',
    decidable: 'partly',
    notes: 'Same exemption questions as PASS_ROLE_WITH_STAR_IN_RESOURCE.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}',
  },
  {
    code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    category: 'SECURITY_WARNING',
    title: 'Pass role with star in resource and NotAction',
    description: 'An Allow statement uses NotAction (not excluding iam:PassRole) with a wildcard Resource.',
    resolution: 'Exclude iam:PassRole via NotAction, scope Resource, or add an iam:PassedToService condition.',
    decidable: 'partly',
    notes: 'Same exemption questions as PASS_ROLE_WITH_STAR_IN_RESOURCE.',
    kinds: ['identity', 'boundary', 'session'],
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["s3:*","iam:*"],"Resource":"*"}]}',
  },
  {
    code: 'MISSING_PAIRED_CONDITION_KEYS',
    category: 'SECURITY_WARNING',
    title: 'Missing paired condition keys',
    description:
      'A condition key that is only safe together with a related key is used without that key in the same condition block (AWS example: aws:VpcSourceIp without aws:SourceVpc).',
    resolution: 'Add the related condition key(s) named in the finding to the same condition block.',
    decidable: 'partly',
    notes: 'Decidable once the pairs are known, but AWS documents only the aws:VpcSourceIp -> aws:SourceVpc pair; the full pair table is not public in the sources read.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-12345678"}}}]}',
  },
  {
    code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    category: 'SECURITY_WARNING',
    title: 'Deny with unsupported tag condition key for service',
    description:
      'A Deny statement conditions on a tag key (e.g. aws:ResourceTag/...) and lists actions that do not support that key; for those actions the key is absent, the condition is false and nothing is denied.',
    resolution: 'Move the unsupported actions to a separate Deny statement that scopes by resource ARN/naming instead of tags (do not use ...IfExists as a workaround).',
    decidable: 'yes',
    notes:
      'Per-action support of aws:ResourceTag/ (and aws:RequestTag/, aws:TagKeys) comes from the Service Authorization Reference (action and resource-type condition keys). The finding is per action, reported by service prefix. Wildcard actions: handling not documented.',
    kinds: ['identity', 'boundary', 'session', 'scp', 'resource'],
  },
  {
    code: 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    category: 'SECURITY_WARNING',
    title: 'Deny NotAction with unsupported tag condition key for service',
    description:
      'A Deny statement uses NotAction together with a tag condition key; every action (present or future) that does not support the key escapes the deny.',
    resolution: 'Rewrite the statement with an explicit Action list.',
    decidable: 'yes',
    notes: 'Raised on the shape alone (Deny + NotAction + tag condition key); no action expansion needed.',
    kinds: ['identity', 'boundary', 'session', 'scp', 'resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/status":"Confidential"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/status":"Confidential"}}}]}',
  },
  {
    code: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    category: 'SECURITY_WARNING',
    title: 'Restrict access to service principal',
    description:
      'An Allow statement of a resource-based policy grants a service principal access without constraining the source via aws:SourceArn or aws:SourceAccount (confused-deputy risk).',
    resolution: 'Add an aws:SourceArn or aws:SourceAccount condition scoping the calling resource/account.',
    decidable: 'partly',
    notes: 'Which service principals AWS checks (not all services send these keys) and whether other keys (aws:SourceOrgID, aws:SourceOrgPaths) also satisfy it were not documented.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:example-queue"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:example-queue","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:example-topic"}}}]}',
  },
  {
    code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    category: 'SECURITY_WARNING',
    title: 'Missing condition key for oidc principal',
    description:
      'A role trust statement trusts an OIDC federated principal but has no condition key whose prefix matches that provider (e.g. <provider>:aud / :sub), so any identity of the provider could assume the role.',
    resolution: 'Add conditions on the provider\'s keys (audience, subject) to pin the intended identities.',
    decidable: 'yes',
    notes: 'GitHub\'s provider has the more specific MISSING_GITHUB_REPO_CONDITION_KEY; whether both are raised together was not documented.',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.example.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.example.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.example.com:aud":"example-client-id","oidc.example.com:sub":"user-1234"}}}]}',
  },
  {
    code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    category: 'SECURITY_WARNING',
    title: 'Missing github repo condition key',
    description:
      'A role trust statement trusts the GitHub OIDC provider (token.actions.githubusercontent.com) without a token.actions.githubusercontent.com:sub condition, so workflows of any repository could assume the role.',
    resolution: 'Add a token.actions.githubusercontent.com:sub condition naming the repository and branch.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:example-org/example-repo:ref:refs/heads/main"}}}]}',
  },
  {
    code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    category: 'SECURITY_WARNING',
    title: 'String like operator with ARN condition keys',
    description:
      '[Unconfirmed, from the title] A String-like operator (StringLike, presumably also StringEquals variants) is used on an ARN-typed condition key such as aws:SourceArn or aws:PrincipalArn, where wildcards are not confined to ARN segments.',
    resolution: 'Use ArnLike/ArnEquals for ARN-typed condition keys.',
    decidable: 'no',
    notes: 'No AWS check text available (added after May 2023). ARN-typed keys are identifiable from the Service Authorization Reference, so it would be decidable once the exact operator set is confirmed.',
  },
  {
    code: 'DYNAMODB_ATTRIBUTES_WITHOUT_SELECT',
    category: 'SECURITY_WARNING',
    title: 'DynamoDB attributes without select',
    description:
      '[Unconfirmed, from the title] A statement restricts DynamoDB access with dynamodb:Attributes but does not also constrain dynamodb:Select (to SPECIFIC_ATTRIBUTES), so queries/scans could still return non-allowed attributes (e.g. via index projections).',
    resolution: 'Add a dynamodb:Select condition (StringEqualsIfExists SPECIFIC_ATTRIBUTES) next to dynamodb:Attributes.',
    decidable: 'no',
    notes: 'No AWS check text available; the pairing rationale comes from the IAM example policy "DynamoDB: allows access to specific attributes". Confirm before implementing.',
  },
  {
    code: 'S3_PREFIX_IN_NEGATIVE_CONTEXT',
    category: 'SECURITY_WARNING',
    title: 'S3 prefix in negative context',
    description:
      '[Unconfirmed] The s3:prefix condition key is used in a negated way (a Deny statement and/or a negated operator), where requests that omit the prefix parameter may escape the intended restriction.',
    resolution: 'Not established; see the AWS check text once available.',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available.',
  },
  {
    code: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
    category: 'SECURITY_WARNING',
    title: 'ForAnyValue with audience claim type',
    description:
      '[Unconfirmed] The ForAnyValue: qualifier is used with an OIDC audience (aud) claim condition key in a role trust policy, which may match tokens that carry additional, unintended audiences.',
    resolution: 'Not established; likely use ForAllValues or no qualifier depending on the claim type (see CONFIRM_AUDIENCE_CLAIM_TYPE).',
    decidable: 'no',
    notes: 'Trigger undocumented in the sources available.',
    kinds: ['trust'],
  },
  // ---------------------------------------------------------------------------------------
  // SUGGESTION
  // ---------------------------------------------------------------------------------------
  {
    code: 'EMPTY_ARRAY_ACTION',
    category: 'SUGGESTION',
    title: 'Empty array action',
    description: 'The Action (or NotAction) element is an empty array, so the statement has no effect.',
    resolution: 'List the intended actions or remove the statement.',
    decidable: 'yes',
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}',
  },
  {
    code: 'EMPTY_ARRAY_CONDITION',
    category: 'SUGGESTION',
    title: 'Empty array condition',
    description: 'A condition key (under a plain operator, no set qualifier or IfExists) is given an empty array of values.',
    resolution: 'Give the condition key values or remove it.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":[]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":["vpc-12345678"]}}}]}',
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
    category: 'SUGGESTION',
    title: 'Empty array condition ForAllValues',
    description:
      'A ForAllValues: condition key has an empty value array; it then only matches when the key is missing from the request.',
    resolution: 'Use the Null operator with "true" to test for absence, or supply values.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":[]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"Null":{"aws:TagKeys":"true"}}}]}',
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
    category: 'SUGGESTION',
    title: 'Empty array condition ForAnyValue',
    description: 'A ForAnyValue: condition key has an empty value array; it can never match, so the statement has no effect.',
    resolution: 'Supply values or rewrite the condition.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":[]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}]}',
  },
  {
    code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
    category: 'SUGGESTION',
    title: 'Empty array condition IfExists',
    description: 'An ...IfExists operator has a condition key with an empty value array; it only matches when the key is absent.',
    resolution: 'Use the Null operator with "true" to test for absence, or supply values.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpc":[]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Null":{"aws:SourceVpc":"true"}}}]}',
  },
  {
    code: 'EMPTY_ARRAY_PRINCIPAL',
    category: 'SUGGESTION',
    title: 'Empty array principal',
    description: 'A principal key inside Principal/NotPrincipal has an empty array of values, so the statement names nobody and has no effect.',
    resolution: 'List the intended principals.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["123456789012"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'EMPTY_ARRAY_RESOURCE',
    category: 'SUGGESTION',
    title: 'Empty array resource',
    description: 'The Resource (or NotResource) element is an empty array, so the statement has no effect.',
    resolution: 'List the intended resource ARNs.',
    decidable: 'yes',
    failingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[]}]}',
    passingExample: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["*"]}]}',
  },
  {
    code: 'EMPTY_OBJECT_CONDITION',
    category: 'SUGGESTION',
    title: 'Empty object condition',
    description: 'The Condition element (or an operator block inside it) is an empty object.',
    resolution: 'Remove the empty Condition or add conditions.',
    decidable: 'yes',
    notes: 'Whether an empty operator block ({"StringEquals": {}}) is reported under this code too was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'EMPTY_OBJECT_PRINCIPAL',
    category: 'SUGGESTION',
    title: 'Empty object principal',
    description: 'The Principal/NotPrincipal element is an empty object, so the statement names nobody and has no effect.',
    resolution: 'Specify the principals that need access.',
    decidable: 'yes',
    kinds: ['resource', 'trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'EMPTY_SID_VALUE',
    category: 'SUGGESTION',
    title: 'Empty Sid value',
    description: 'A statement has a Sid element whose value is the empty string.',
    resolution: 'Give the Sid a value or remove the element.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Sid":"AllowRead","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  },
  {
    code: 'EQUIVALENT_TO_NULL_FALSE',
    category: 'SUGGESTION',
    title: 'Equivalent to null false',
    description:
      '[Unconfirmed, from the title] A condition is logically equivalent to `"Null": {key: "false"}` (it only tests that the key is present), e.g. a Like operator whose only value is "*".',
    resolution: 'Replace the condition with an explicit Null check (false) if presence is what is meant.',
    decidable: 'no',
    notes: 'No AWS check text available; the exact patterns AWS recognizes are unknown. (A third-party write-up associates it with negated operators on absent keys; not verified.)',
  },
  {
    code: 'EQUIVALENT_TO_NULL_TRUE',
    category: 'SUGGESTION',
    title: 'Equivalent to null true',
    description:
      '[Unconfirmed, from the title] A condition is logically equivalent to `"Null": {key: "true"}` (it only matches when the key is absent).',
    resolution: 'Replace the condition with an explicit Null check (true) if absence is what is meant.',
    decidable: 'no',
    notes: 'No AWS check text available; the exact patterns AWS recognizes are unknown. Related documented cases: EMPTY_ARRAY_CONDITION_FORALLVALUES / _IFEXISTS.',
  },
  {
    code: 'IMPROVE_IP_RANGE',
    category: 'SUGGESTION',
    title: 'Improve IP range',
    description: 'A CIDR value in an IP condition has non-zero bits after the prefix length (e.g. 203.0.113.5/24); those bits are ignored.',
    resolution: 'Replace the address by the network address suggested in the finding (e.g. 203.0.113.0/24).',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.5/24"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}',
  },
  {
    code: 'NULL_WITH_QUALIFIER',
    category: 'SUGGESTION',
    title: 'Null with qualifier',
    description: 'The Null operator is prefixed with ForAllValues: or ForAnyValue:, which makes it constantly true or false respectively.',
    resolution: 'Use plain Null, or a string operator with the set qualifier.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:Null":{"aws:TagKeys":"false"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"Null":{"aws:TagKeys":"false"}}}]}',
  },
  {
    code: 'PRIVATE_IP_ADDRESS_SUBSET',
    category: 'SUGGESTION',
    title: 'Private IP address subset',
    description: 'An IpAddress condition on aws:SourceIp mixes public and private ranges; the private ones never match.',
    resolution: 'Remove the private ranges or express them with aws:VpcSourceIp.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","10.0.0.0/8"]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}]}',
  },
  {
    code: 'PRIVATE_NOT_IP_ADDRESS_SUBSET',
    category: 'SUGGESTION',
    title: 'Private NotIpAddress subset',
    description: 'A NotIpAddress condition on aws:SourceIp mixes public and private ranges; the private ones have no effect.',
    resolution: 'Remove the private ranges or use NotIpAddress on aws:VpcSourceIp for them.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","172.16.0.0/12"]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24"]}}}]}',
  },
  {
    code: 'REDUNDANT_ACTION',
    category: 'SUGGESTION',
    title: 'Redundant action',
    description:
      'An entry of Action is entirely covered by another entry of the same list (e.g. iam:GetCredentialReport next to iam:Get*). Entries only partly covered (iam:*CredentialReport) are not redundant.',
    resolution: 'Remove the redundant action entries.',
    decidable: 'yes',
    notes: 'Coverage is computed on the action sets the patterns expand to in the Service Authorization Reference. Whether NotAction lists are checked too was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","iam:GetCredentialReport"],"Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","iam:*CredentialReport"],"Resource":"*"}]}',
  },
  {
    code: 'REDUNDANT_CONDITION_VALUE_NUM',
    category: 'SUGGESTION',
    title: 'Redundant condition value num',
    description:
      'A Numeric comparison operator lists several values for one key where a single extreme value is equivalent (e.g. NumericLessThan [2700, 3600] equals NumericLessThan 3600).',
    resolution: 'Keep only the greatest (or least) value as the finding suggests.',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}]}',
  },
  {
    code: 'REDUNDANT_RESOURCE',
    category: 'SUGGESTION',
    title: 'Redundant resource',
    description: 'An ARN in the Resource list is already matched by a wildcard ARN in the same list (e.g. role/jane-admin next to role/jane*).',
    resolution: 'Remove the covered ARNs (or the wildcard, if only the listed resources were intended).',
    decidable: 'yes',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":["arn:aws:iam::111122223333:role/jane-admin","arn:aws:iam::111122223333:role/jane*"]}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":["arn:aws:iam::111122223333:role/jane-admin","arn:aws:iam::111122223333:role/bob*"]}]}',
  },
  {
    code: 'REDUNDANT_STATEMENT',
    category: 'SUGGESTION',
    title: 'Redundant statement',
    description: 'The same statement appears more than once in the policy (identical permissions).',
    resolution: 'Remove the duplicate statement.',
    decidable: 'yes',
    notes: 'Whether statements differing only by Sid or element order count as duplicates was not documented; compare normalized statements ignoring Sid as a starting point.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}',
  },
  {
    code: 'WILDCARD_IN_SERVICE_NAME',
    category: 'SUGGESTION',
    title: 'Wildcard in service name',
    description: 'A service name contains * or ? (e.g. the service field of a resource ARN such as arn:aws:*code*::...), which may match other or future services.',
    resolution: 'Spell out the service names.',
    decidable: 'yes',
    notes: 'AWS\'s example is a resource ARN; whether service prefixes of actions (e.g. "*code*:Get*") are also reported was not documented.',
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codecommit:GitPull","Resource":"arn:aws:*code*:us-east-1:111122223333:*"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codecommit:GitPull","Resource":"arn:aws:codecommit:us-east-1:111122223333:*"}]}',
  },
  {
    code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    category: 'SUGGESTION',
    title: 'Allow with unsupported tag condition key for service',
    description:
      'An Allow statement conditions on a tag key (e.g. aws:ResourceTag/...) and lists actions that do not support it; for those actions the condition is false and nothing is granted.',
    resolution: 'Move the unsupported actions to another statement scoped by ARN instead of tags (not by Not... or ...IfExists operators).',
    decidable: 'yes',
    notes: 'Same data need as DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE (per-action tag-key support from the Service Authorization Reference).',
    kinds: ['identity', 'boundary', 'session', 'resource'],
  },
  {
    code: 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
    category: 'SUGGESTION',
    title: 'Allow NotAction with unsupported tag condition key for service',
    description:
      'An Allow statement uses NotAction with a tag condition key; only actions that support the key are effectively allowed.',
    resolution: 'Rewrite the statement with an explicit Action list.',
    decidable: 'yes',
    kinds: ['identity', 'boundary', 'session', 'resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"BumbleBee"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"BumbleBee"}}}]}',
  },
  {
    code: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    category: 'SUGGESTION',
    title: 'Recommended condition key for service principal',
    description:
      'A statement granting a service principal restricts it with a key other than aws:SourceArn/aws:SourceAccount (AWS example: aws:Referer), which does not protect against the confused deputy.',
    resolution: 'Use aws:SourceArn or aws:SourceAccount for service principals.',
    decidable: 'partly',
    notes: 'Which keys trigger it besides aws:Referer was not documented.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringLike":{"aws:Referer":"https://www.example.com/*"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
  },
  {
    code: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
    category: 'SUGGESTION',
    title: 'Irrelevant condition key in policy',
    description:
      'A resource-based policy uses a condition key that has no meaning for the resource type it is attached to (AWS example: s3:ResourceAccount in an S3 bucket or access point policy); such keys belong in identity policies.',
    resolution: 'Move the condition to an identity-based policy or drop it.',
    decidable: 'partly',
    notes: 'Needs the attached resource type and a curated list of irrelevant keys; only s3:ResourceAccount is named by AWS.',
    kinds: ['resource'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*","Condition":{"StringEquals":{"s3:ResourceAccount":"123456789012"}}}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}',
  },
  {
    code: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
    category: 'SUGGESTION',
    title: 'Redundant key due to wildcard in condition',
    description:
      '[Unconfirmed, from the title] A condition key is made redundant because a wildcard value (e.g. "*" under a Like operator) already matches everything for it.',
    resolution: 'Remove the redundant key or replace the wildcard with specific values.',
    decidable: 'no',
    notes: 'No AWS check text available; exact trigger unknown.',
  },
  {
    code: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
    category: 'SUGGESTION',
    title: 'Redundant principal in role trust policy',
    description:
      'The Principal lists both a role ARN and an assumed-role session ARN of that same role (assumed-role/<role>/<session>); the session entry adds nothing.',
    resolution: 'Remove the assumed-role principal.',
    decidable: 'yes',
    kinds: ['trust'],
    failingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/Deployer","arn:aws:sts::123456789012:assumed-role/Deployer/ci-session"]},"Action":"sts:AssumeRole"}]}',
    passingExample:
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/Deployer"]},"Action":"sts:AssumeRole"}]}',
  },
  {
    code: 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
    category: 'SUGGESTION',
    title: 'Redundant statement due to wildcard in condition',
    description:
      '[Unconfirmed, from the title] A statement is redundant with another one because a wildcard condition value makes its condition vacuous, so both grant the same access.',
    resolution: 'Remove the redundant statement or tighten the wildcard.',
    decidable: 'no',
    notes: 'No AWS check text available; exact trigger unknown.',
  },
  {
    code: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    category: 'SUGGESTION',
    title: 'Confirm audience claim type',
    description:
      'A role trust policy conditions on an OIDC audience (aud) claim key; since aud may be single- or multivalued depending on the provider, the author should confirm whether a ForAllValues/ForAnyValue qualifier belongs there.',
    resolution: 'Use a set qualifier only if the provider issues a multivalued aud claim; otherwise use a plain operator.',
    decidable: 'partly',
    notes:
      'The AWS text explains the advice but not the exact trigger (any aud key, or only aud keys used with/without a qualifier); the claim type depends on the identity provider, which is not knowable offline.',
    kinds: ['trust'],
  },
];
