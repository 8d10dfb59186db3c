/**
 * AWS partitions and their Region codes, for checking the partition and Region fields of ARNs and the
 * values of `aws:RequestedRegion`. Source: the partition table of the AWS SDKs
 * (`@aws-sdk/util-endpoints` `partitions.json`, SDK 3.9xx, late 2025), cross-checked with the AWS
 * Regions list. The SDK's pseudo-Regions such as `aws-global` are left out because they never appear
 * in ARNs or in the request context. Update this table by hand when AWS opens a Region; until then an
 * unknown but well-formed code should be reported as a hint, not an error.
 */

/** The partition identifiers, as they appear in the second field of an ARN. */
export type Partition =
  | 'aws'
  | 'aws-cn'
  | 'aws-us-gov'
  | 'aws-iso'
  | 'aws-iso-b'
  | 'aws-iso-e'
  | 'aws-iso-f'
  | 'aws-eusc';

/** One Region with its display name. */
export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly partition: Partition;
}

const TABLE: Readonly<Record<Partition, readonly (readonly [code: string, name: string])[]>> = {
  aws: [
    ['af-south-1', 'Africa (Cape Town)'],
    ['ap-east-1', 'Asia Pacific (Hong Kong)'],
    ['ap-east-2', 'Asia Pacific (Taipei)'],
    ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
    ['ap-northeast-2', 'Asia Pacific (Seoul)'],
    ['ap-northeast-3', 'Asia Pacific (Osaka)'],
    ['ap-south-1', 'Asia Pacific (Mumbai)'],
    ['ap-south-2', 'Asia Pacific (Hyderabad)'],
    ['ap-southeast-1', 'Asia Pacific (Singapore)'],
    ['ap-southeast-2', 'Asia Pacific (Sydney)'],
    ['ap-southeast-3', 'Asia Pacific (Jakarta)'],
    ['ap-southeast-4', 'Asia Pacific (Melbourne)'],
    ['ap-southeast-5', 'Asia Pacific (Malaysia)'],
    ['ap-southeast-6', 'Asia Pacific (New Zealand)'],
    ['ap-southeast-7', 'Asia Pacific (Thailand)'],
    ['ca-central-1', 'Canada (Central)'],
    ['ca-west-1', 'Canada West (Calgary)'],
    ['eu-central-1', 'Europe (Frankfurt)'],
    ['eu-central-2', 'Europe (Zurich)'],
    ['eu-north-1', 'Europe (Stockholm)'],
    ['eu-south-1', 'Europe (Milan)'],
    ['eu-south-2', 'Europe (Spain)'],
    ['eu-west-1', 'Europe (Ireland)'],
    ['eu-west-2', 'Europe (London)'],
    ['eu-west-3', 'Europe (Paris)'],
    ['il-central-1', 'Israel (Tel Aviv)'],
    ['me-central-1', 'Middle East (UAE)'],
    ['me-south-1', 'Middle East (Bahrain)'],
    ['mx-central-1', 'Mexico (Central)'],
    ['sa-east-1', 'South America (Sao Paulo)'],
    ['us-east-1', 'US East (N. Virginia)'],
    ['us-east-2', 'US East (Ohio)'],
    ['us-west-1', 'US West (N. California)'],
    ['us-west-2', 'US West (Oregon)'],
  ],
  'aws-cn': [
    ['cn-north-1', 'China (Beijing)'],
    ['cn-northwest-1', 'China (Ningxia)'],
  ],
  'aws-us-gov': [
    ['us-gov-east-1', 'AWS GovCloud (US-East)'],
    ['us-gov-west-1', 'AWS GovCloud (US-West)'],
  ],
  'aws-iso': [
    ['us-iso-east-1', 'US ISO East'],
    ['us-iso-west-1', 'US ISO West'],
  ],
  'aws-iso-b': [['us-isob-east-1', 'US ISOB East (Ohio)']],
  'aws-iso-e': [['eu-isoe-west-1', 'EU ISOE West']],
  'aws-iso-f': [
    ['us-isof-east-1', 'US ISOF East'],
    ['us-isof-south-1', 'US ISOF South'],
  ],
  'aws-eusc': [['eusc-de-east-1', 'AWS European Sovereign Cloud (Germany)']],
};

const PARTITIONS = Object.freeze(Object.keys(TABLE) as Partition[]);
const BY_CODE = new Map<string, RegionInfo>();
const BY_PARTITION = new Map<Partition, readonly RegionInfo[]>();
for (const partition of PARTITIONS) {
  const regions = TABLE[partition].map(([code, name]) => Object.freeze({ code, name, partition }));
  BY_PARTITION.set(partition, Object.freeze(regions));
  for (const r of regions) BY_CODE.set(r.code, r);
}

/** All partition identifiers. */
export function partitions(): readonly Partition[] {
  return PARTITIONS;
}

/** Whether `p` is a partition identifier; ARNs are case-sensitive, so the comparison is exact. */
export function isKnownPartition(p: string): p is Partition {
  return BY_PARTITION.has(p as Partition);
}

/** Whether `code` is a Region code of any partition (exact, lower case as AWS writes them). */
export function isKnownRegion(code: string): boolean {
  return BY_CODE.has(code);
}

/** The Regions of a partition; empty for an unknown partition. */
export function regionsOf(partition: string): readonly RegionInfo[] {
  return BY_PARTITION.get(partition as Partition) ?? [];
}

/** The Region with this code, if known. */
export function region(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** The partition a known Region belongs to, e.g. `aws-cn` for `cn-north-1`. */
export function partitionOfRegion(code: string): Partition | undefined {
  return BY_CODE.get(code)?.partition;
}
