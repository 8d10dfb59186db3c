/**
 * The value formats of the condition operator families (IAM User Guide, "IAM JSON policy elements:
 * Condition operators"): numbers for Numeric operators, W3C/ISO 8601 dates or epoch seconds for Date
 * operators, `true`/`false` for Bool and Null, base64 for BinaryEquals. JSON numbers and booleans
 * are accepted where their text fits, as IAM compares the text. Validation asks whether a value
 * fits; the evaluator reads numbers and dates with the same rules (`readNumber`, `readDate`).
 */

/**
 * Integer or decimal, optionally signed ("Numeric condition operators": comparing a key "to an
 * integer or decimal value"; no exponent form).
 */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Whether a value is a number that Numeric operators accept. */
export function isNumericValue(text: string): boolean {
  return NUMBER.test(text);
}

/** The number a Numeric operator reads from a value (surrounding white space ignored), or undefined. */
export function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Epoch seconds (Date operators accept them; Access Analyzer suggests ISO 8601 instead). */
export function isEpochValue(text: string): boolean {
  return /^\d+$/.test(text);
}

/**
 * W3C date and time formats (a profile of ISO 8601): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
 * `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD`, with `Z` or `±hh:mm`.
 * A missing zone is tolerated, as AWS reads such times as UTC.
 */
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** Whether a value is an ISO 8601 date or date-time that Date operators accept. */
export function isIsoDateValue(text: string): boolean {
  return readIsoDate(text) !== undefined;
}

/** Milliseconds since the epoch of a W3C/ISO 8601 date or date-time, or undefined. */
function readIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return undefined;
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`) * 1000;
  let time = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  // Without a zone designator the time is read as UTC, the zone AWS uses for aws:CurrentTime.
  const zone = match[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

/**
 * The time a Date operator reads from a value, in milliseconds since the epoch: epoch seconds (as
 * `aws:EpochTime` carries them, a fraction allowed) or a W3C/ISO 8601 date or date-time (as
 * `aws:CurrentTime` carries it); surrounding white space ignored. Undefined for anything else.
 */
export function readDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  return readIsoDate(trimmed);
}

/** Whether a value is a Boolean as Bool and Null read it (`true` / `false`, any case). */
export function isBooleanValue(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false';
}

/** Whether a value is base64 as BinaryEquals expects. */
export function isBase64Value(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** VPC IDs: `vpc-` and 8 or 17 hexadecimal characters (Amazon VPC resource IDs). */
export function isVpcId(text: string): boolean {
  return /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/i.test(text);
}

/** VPC endpoint IDs: `vpce-` and 8 or 17 hexadecimal characters. */
export function isVpceId(text: string): boolean {
  return /^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/i.test(text);
}
