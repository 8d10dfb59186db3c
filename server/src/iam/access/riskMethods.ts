/**
 * The table of risks in identity policies: one entry per method, with the actions it needs, the
 * resource each action must reach, the request context the method implies, and the source that
 * documents it. Sources:
 * - Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (the 21 numbered
 *   methods; cited as `Rhino #n`);
 * - Bishop Fox, `iam-vulnerable` (its privilege-escalation paths, cited by the name of the Terraform
 *   file that builds each path, e.g. `privesc15-PassExistingRoleToNewLambdaThenInvoke`);
 * - AWS, IAM User Guide, "Grant a user permissions to pass a role to an AWS service" (`iam:PassRole`
 *   lets the passed role's permissions be used by code the caller controls) and the Service
 *   Authorization Reference (access level "Permissions management" for the actions that rewrite
 *   resource policies, and each action's description for those that return credentials).
 */

/** What a method step's action must reach for the method to work. */
export type RiskTarget =
  /** The caller's own user (`${aws:username}` resources count). */
  | 'self-user'
  /** Another user. */
  | 'other-user'
  | 'group'
  | 'role'
  | 'policy'
  /** Any resource of the action's resource types, not one the policy names. */
  | 'any';

/** One action a method needs. */
export interface RiskStep {
  readonly action: string;
  readonly target: RiskTarget;
  /** Context keys the method's request carries, e.g. the service a role is passed to. */
  readonly context?: Readonly<Record<string, string>>;
}

/** The families of risk, each with its own diagnostic code. */
export type RiskFamily = 'privilege-escalation' | 'resource-exposure' | 'credential-exposure';

/** One method. */
export interface RiskMethod {
  readonly id: string;
  readonly family: RiskFamily;
  readonly title: string;
  readonly steps: readonly RiskStep[];
  /** What would block it: the condition keys, resource limits or denies to add. */
  readonly blockedBy: string;
  readonly source: string;
}

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const RHINO = 'Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation"';
const BISHOP = 'Bishop Fox, iam-vulnerable, path';
const PASSROLE_DOC = 'IAM User Guide, "Grant a user permissions to pass a role to an AWS service"';
const SAR_PERMISSIONS = 'Service Authorization Reference, access level "Permissions management"';
const SAR_CREDENTIALS = 'Service Authorization Reference, action description (returns credentials)';

const passRole = (service: string): RiskStep => ({ action: 'iam:PassRole', target: 'role', context: { 'iam:PassedToService': service } });
const PASS_BLOCK = 'an `iam:PassedToService` condition on `iam:PassRole`, a `Resource` that names the roles that may be passed, or a `Deny`';

/** Every method, one entry each. */
export const RISK_METHODS: readonly RiskMethod[] = [
  { id: 'CreateNewPolicyVersion', family: 'privilege-escalation', title: 'create a new version of a managed policy and make it the default', steps: [{ action: 'iam:CreatePolicyVersion', target: 'policy' }], blockedBy: 'a `Resource` that names the policies, or a `Deny` on `iam:CreatePolicyVersion`', source: `${RHINO} #1; ${BISHOP} privesc1-CreateNewPolicyVersion` },
  { id: 'SetExistingDefaultPolicyVersion', family: 'privilege-escalation', title: 'make an older, broader version of a managed policy the default', steps: [{ action: 'iam:SetDefaultPolicyVersion', target: 'policy' }], blockedBy: 'a `Resource` that names the policies, or a `Deny` on `iam:SetDefaultPolicyVersion`', source: `${RHINO} #2; ${BISHOP} privesc2-SetExistingDefaultPolicyVersion` },
  { id: 'CreateEC2WithExistingInstanceProfile', family: 'privilege-escalation', title: 'launch an EC2 instance with a more privileged role and use its credentials', steps: [passRole('ec2.amazonaws.com'), { action: 'ec2:RunInstances', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #3; ${BISHOP} privesc3-CreateEC2WithExistingIP; ${PASSROLE_DOC}` },
  { id: 'CreateAccessKey', family: 'privilege-escalation', title: 'create an access key for another user', steps: [{ action: 'iam:CreateAccessKey', target: 'other-user' }], blockedBy: 'a `Resource` limited to `arn:aws:iam::ACCOUNT:user/${aws:username}`, or a `Deny`', source: `${RHINO} #4; ${BISHOP} privesc4-CreateAccessKey` },
  { id: 'CreateLoginProfile', family: 'privilege-escalation', title: 'set a console password for another user', steps: [{ action: 'iam:CreateLoginProfile', target: 'other-user' }], blockedBy: 'a `Resource` limited to `arn:aws:iam::ACCOUNT:user/${aws:username}`, or a `Deny`', source: `${RHINO} #5; ${BISHOP} privesc5-CreateLoginProfile` },
  { id: 'UpdateLoginProfile', family: 'privilege-escalation', title: "change another user's console password", steps: [{ action: 'iam:UpdateLoginProfile', target: 'other-user' }], blockedBy: 'a `Resource` limited to `arn:aws:iam::ACCOUNT:user/${aws:username}`, or a `Deny`', source: `${RHINO} #6; ${BISHOP} privesc6-UpdateLoginProfile` },
  { id: 'AttachUserPolicy', family: 'privilege-escalation', title: 'attach AdministratorAccess to a user (oneself included)', steps: [{ action: 'iam:AttachUserPolicy', target: 'self-user', context: { 'iam:PolicyARN': ADMIN_POLICY } }], blockedBy: 'an `iam:PolicyARN` condition naming the policies that may be attached, or a `Deny`', source: `${RHINO} #7; ${BISHOP} privesc7-AttachUserPolicy` },
  { id: 'AttachGroupPolicy', family: 'privilege-escalation', title: "attach AdministratorAccess to a group (the caller's included)", steps: [{ action: 'iam:AttachGroupPolicy', target: 'group', context: { 'iam:PolicyARN': ADMIN_POLICY } }], blockedBy: 'an `iam:PolicyARN` condition, a `Resource` that names the groups, or a `Deny`', source: `${RHINO} #8; ${BISHOP} privesc8-AttachGroupPolicy` },
  { id: 'AttachRolePolicy', family: 'privilege-escalation', title: 'attach AdministratorAccess to a role and assume it', steps: [{ action: 'iam:AttachRolePolicy', target: 'role', context: { 'iam:PolicyARN': ADMIN_POLICY } }, { action: 'sts:AssumeRole', target: 'role' }], blockedBy: 'an `iam:PolicyARN` condition, a `Resource` that names the roles, or a `Deny`', source: `${RHINO} #9; ${BISHOP} privesc9-AttachRolePolicy` },
  { id: 'PutUserPolicy', family: 'privilege-escalation', title: 'write an inline policy granting anything to a user (oneself included)', steps: [{ action: 'iam:PutUserPolicy', target: 'self-user' }], blockedBy: 'a `Resource` that names the users (not oneself), or a `Deny`', source: `${RHINO} #10; ${BISHOP} privesc10-PutUserPolicy` },
  { id: 'PutGroupPolicy', family: 'privilege-escalation', title: "write an inline policy granting anything to a group (the caller's included)", steps: [{ action: 'iam:PutGroupPolicy', target: 'group' }], blockedBy: 'a `Resource` that names the groups, or a `Deny`', source: `${RHINO} #11; ${BISHOP} privesc11-PutGroupPolicy` },
  { id: 'PutRolePolicy', family: 'privilege-escalation', title: 'write an inline policy granting anything to a role and assume it', steps: [{ action: 'iam:PutRolePolicy', target: 'role' }, { action: 'sts:AssumeRole', target: 'role' }], blockedBy: 'a `Resource` that names the roles, or a `Deny`', source: `${RHINO} #12; ${BISHOP} privesc12-PutRolePolicy` },
  { id: 'AddUserToGroup', family: 'privilege-escalation', title: 'add oneself to a more privileged group', steps: [{ action: 'iam:AddUserToGroup', target: 'group' }], blockedBy: 'a `Resource` that names the groups, or a `Deny`', source: `${RHINO} #13; ${BISHOP} privesc13-AddUserToGroup` },
  { id: 'UpdateAssumeRolePolicy', family: 'privilege-escalation', title: "rewrite a role's trust policy to trust oneself, then assume the role", steps: [{ action: 'iam:UpdateAssumeRolePolicy', target: 'role' }, { action: 'sts:AssumeRole', target: 'role' }], blockedBy: 'a `Resource` that names the roles, or a `Deny` on `iam:UpdateAssumeRolePolicy`', source: `${RHINO} #14; ${BISHOP} privesc14-UpdatingAssumeRolePolicy` },
  { id: 'PassRoleToNewLambdaThenInvoke', family: 'privilege-escalation', title: 'create a Lambda function that runs as a more privileged role and invoke it', steps: [passRole('lambda.amazonaws.com'), { action: 'lambda:CreateFunction', target: 'any' }, { action: 'lambda:InvokeFunction', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #15; ${BISHOP} privesc15-PassExistingRoleToNewLambdaThenInvoke; ${PASSROLE_DOC}` },
  { id: 'PassRoleToNewLambdaThenTrigger', family: 'privilege-escalation', title: 'create a Lambda function that runs as a more privileged role and trigger it from an event source', steps: [passRole('lambda.amazonaws.com'), { action: 'lambda:CreateFunction', target: 'any' }, { action: 'lambda:CreateEventSourceMapping', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #16; ${BISHOP} privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo; ${PASSROLE_DOC}` },
  { id: 'UpdateExistingLambdaCode', family: 'privilege-escalation', title: "replace the code of an existing Lambda function and run it with the function's role", steps: [{ action: 'lambda:UpdateFunctionCode', target: 'any' }], blockedBy: 'a `Resource` that names the functions, or a `Deny` on `lambda:UpdateFunctionCode`', source: `${RHINO} #17; ${BISHOP} privesc17-EditExistingLambdaFunctionWithRole` },
  { id: 'PassRoleToNewGlueDevEndpoint', family: 'privilege-escalation', title: 'create a Glue development endpoint with a more privileged role and log in to it', steps: [passRole('glue.amazonaws.com'), { action: 'glue:CreateDevEndpoint', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #18; ${BISHOP} privesc18-PassExistingRoleToNewGlueDevEndpoint; ${PASSROLE_DOC}` },
  { id: 'UpdateExistingGlueDevEndpoint', family: 'privilege-escalation', title: "add one's SSH key to an existing Glue development endpoint and use its role", steps: [{ action: 'glue:UpdateDevEndpoint', target: 'any' }], blockedBy: 'a `Resource` that names the endpoints, or a `Deny` on `glue:UpdateDevEndpoint`', source: `${RHINO} #19; ${BISHOP} privesc19-UpdateExistingGlueDevEndpoint` },
  { id: 'PassRoleToCloudFormation', family: 'privilege-escalation', title: 'create a CloudFormation stack that runs as a more privileged role', steps: [passRole('cloudformation.amazonaws.com'), { action: 'cloudformation:CreateStack', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #20; ${BISHOP} privesc20-PassExistingRoleToCloudFormation; ${PASSROLE_DOC}` },
  { id: 'CloudFormationUpdateStack', family: 'privilege-escalation', title: "update an existing CloudFormation stack so that it acts with the stack's more privileged service role", steps: [{ action: 'cloudformation:UpdateStack', target: 'any' }], blockedBy: 'a `Resource` that names the stacks, or a `Deny` on `cloudformation:UpdateStack`', source: `${BISHOP} privesc-cloudFormationUpdateStack` },
  { id: 'PassRoleToDataPipeline', family: 'privilege-escalation', title: 'create a Data Pipeline that runs commands as a more privileged role', steps: [passRole('datapipeline.amazonaws.com'), { action: 'datapipeline:CreatePipeline', target: 'any' }, { action: 'datapipeline:PutPipelineDefinition', target: 'any' }], blockedBy: PASS_BLOCK, source: `${RHINO} #21; ${BISHOP} privesc21-PassExistingRoleToNewDataPipeline; ${PASSROLE_DOC}` },
  { id: 'PassRoleToSageMakerNotebook', family: 'privilege-escalation', title: 'create a SageMaker notebook instance with a more privileged role and open it', steps: [passRole('sagemaker.amazonaws.com'), { action: 'sagemaker:CreateNotebookInstance', target: 'any' }, { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', target: 'any' }], blockedBy: PASS_BLOCK, source: `${BISHOP} privesc-sageMakerCreateNotebookPassRole; ${PASSROLE_DOC}` },
  { id: 'PassRoleToSageMakerTrainingJob', family: 'privilege-escalation', title: 'run a SageMaker training job with a more privileged role', steps: [passRole('sagemaker.amazonaws.com'), { action: 'sagemaker:CreateTrainingJob', target: 'any' }], blockedBy: PASS_BLOCK, source: `${BISHOP} privesc-sageMakerCreateTrainingJob; ${PASSROLE_DOC}` },
  { id: 'PassRoleToSageMakerProcessingJob', family: 'privilege-escalation', title: 'run a SageMaker processing job with a more privileged role', steps: [passRole('sagemaker.amazonaws.com'), { action: 'sagemaker:CreateProcessingJob', target: 'any' }], blockedBy: PASS_BLOCK, source: `${BISHOP} privesc-sageMakerCreateProcessingJob; ${PASSROLE_DOC}` },
  { id: 'SageMakerExistingNotebook', family: 'privilege-escalation', title: "open an existing SageMaker notebook and use its role", steps: [{ action: 'sagemaker:CreatePresignedNotebookInstanceUrl', target: 'any' }], blockedBy: 'a `Resource` that names the notebook instances, or a `Deny`', source: `${BISHOP} privesc-sageMakerCreatePresignedNotebookURL` },
  { id: 'PassRoleToCodeBuild', family: 'privilege-escalation', title: 'create and start a CodeBuild project that runs as a more privileged role', steps: [passRole('codebuild.amazonaws.com'), { action: 'codebuild:CreateProject', target: 'any' }, { action: 'codebuild:StartBuild', target: 'any' }], blockedBy: PASS_BLOCK, source: `${BISHOP} privesc-codeBuildCreateProjectPassRole; ${PASSROLE_DOC}` },
  { id: 'PassRoleToEcsTask', family: 'privilege-escalation', title: 'register and run an ECS task whose task role is more privileged', steps: [passRole('ecs-tasks.amazonaws.com'), { action: 'ecs:RegisterTaskDefinition', target: 'any' }, { action: 'ecs:RunTask', target: 'any' }], blockedBy: PASS_BLOCK, source: PASSROLE_DOC },
  { id: 'PassRoleToGlueJob', family: 'privilege-escalation', title: 'create and run a Glue job with a more privileged role', steps: [passRole('glue.amazonaws.com'), { action: 'glue:CreateJob', target: 'any' }, { action: 'glue:StartJobRun', target: 'any' }], blockedBy: PASS_BLOCK, source: PASSROLE_DOC },
  { id: 'SsmSendCommand', family: 'privilege-escalation', title: "run commands on an EC2 instance and use its role's credentials", steps: [{ action: 'ssm:SendCommand', target: 'any' }], blockedBy: 'a `Resource` that names the instances and documents, or a `Deny` on `ssm:SendCommand`', source: `${BISHOP} privesc-ssmSendCommand` },
  { id: 'SsmStartSession', family: 'privilege-escalation', title: "open a shell on an EC2 instance and use its role's credentials", steps: [{ action: 'ssm:StartSession', target: 'any' }], blockedBy: 'a `Resource` that names the instances, or a `Deny` on `ssm:StartSession`', source: `${BISHOP} privesc-ssmStartSession` },
  { id: 'Ec2InstanceConnect', family: 'privilege-escalation', title: "push an SSH key to an EC2 instance and use its role's credentials", steps: [{ action: 'ec2-instance-connect:SendSSHPublicKey', target: 'any' }], blockedBy: 'a `Resource` that names the instances, or a `Deny`', source: `${BISHOP} privesc-ec2InstanceConnect` },

  // Resource exposure: actions that rewrite a resource policy or ACL, on resources the policy does not name.
  ...(
    [
      ['s3:PutBucketPolicy', 'rewrite bucket policies'],
      ['s3:PutBucketAcl', 'rewrite bucket ACLs'],
      ['s3:PutObjectAcl', 'rewrite object ACLs'],
      ['s3:PutAccessPointPolicy', 'rewrite access point policies'],
      ['s3:PutBucketPublicAccessBlock', 'turn off a bucket\'s Block Public Access'],
      ['kms:PutKeyPolicy', 'rewrite key policies'],
      ['kms:CreateGrant', 'grant use of keys to other principals'],
      ['sqs:SetQueueAttributes', 'rewrite queue policies'],
      ['sqs:AddPermission', 'share queues with other accounts'],
      ['sns:SetTopicAttributes', 'rewrite topic policies'],
      ['sns:AddPermission', 'share topics with other accounts'],
      ['lambda:AddPermission', 'let other principals invoke functions'],
      ['lambda:AddLayerVersionPermission', 'share layers with other accounts'],
      ['secretsmanager:PutResourcePolicy', 'rewrite secret policies'],
      ['ecr:SetRepositoryPolicy', 'rewrite repository policies'],
      ['glacier:SetVaultAccessPolicy', 'rewrite vault policies'],
      ['logs:PutResourcePolicy', 'rewrite CloudWatch Logs resource policies'],
      ['events:PutPermission', 'let other accounts put events on event buses'],
      ['backup:PutBackupVaultAccessPolicy', 'rewrite backup vault policies'],
      ['elasticfilesystem:PutFileSystemPolicy', 'rewrite file system policies'],
      ['ec2:ModifySnapshotAttribute', 'share EBS snapshots with other accounts or the public'],
      ['ec2:ModifyImageAttribute', 'share AMIs with other accounts or the public'],
      ['rds:ModifyDBSnapshotAttribute', 'share database snapshots with other accounts or the public'],
      ['ram:CreateResourceShare', 'share resources through AWS RAM'],
      ['glue:PutResourcePolicy', 'rewrite the Data Catalog resource policy'],
      ['apigateway:UpdateRestApiPolicy', 'rewrite API resource policies'],
    ] as const
  ).map(([action, what]): RiskMethod => ({
    id: `Expose:${action}`,
    family: 'resource-exposure',
    title: `${what} (\`${action}\`) on any resource`,
    steps: [{ action, target: 'any' }],
    blockedBy: `a \`Resource\` that names the resources, or a \`Deny\` on \`${action}\``,
    source: SAR_PERMISSIONS,
  })),

  // Credential exposure: actions whose answer is a credential.
  ...(
    [
      ['iam:CreateAccessKey', 'create access keys'],
      ['iam:CreateServiceSpecificCredential', 'create service-specific credentials'],
      ['iam:ResetServiceSpecificCredential', 'reset service-specific credentials'],
      ['ec2:GetPasswordData', 'read Windows administrator passwords'],
      ['ecr:GetAuthorizationToken', 'get registry credentials'],
      ['redshift:GetClusterCredentials', 'get database credentials'],
      ['rds-db:connect', 'connect to databases with IAM authentication'],
      ['lightsail:GetInstanceAccessDetails', 'get SSH keys and passwords of Lightsail instances'],
      ['lightsail:GetRelationalDatabaseMasterUserPassword', 'read database master passwords'],
      ['sts:GetFederationToken', 'create federated user credentials'],
      ['cognito-identity:GetOpenIdTokenForDeveloperIdentity', 'mint OpenID tokens'],
      ['gamelift:RequestUploadCredentials', 'get upload credentials'],
      ['secretsmanager:GetSecretValue', 'read secrets'],
    ] as const
  ).map(([action, what]): RiskMethod => ({
    id: `Credentials:${action}`,
    family: 'credential-exposure',
    title: `${what} (\`${action}\`) on any resource`,
    steps: [{ action, target: 'any' }],
    blockedBy: `a \`Resource\` that names the resources, or a \`Deny\` on \`${action}\``,
    source: SAR_CREDENTIALS,
  })),
];
