/**
 * Date operators (IAM User Guide, "Condition operators" > "Date condition operators"): values are
 * ISO 8601 dates or times (as `aws:CurrentTime` carries) or epoch seconds (as `aws:EpochTime`
 * carries); wildcards and policy variables are not supported.
 */
import type { ConditionOperator } from './conditionOperator';
import { q } from './conditionOperator';

const EPOCH = /^\d+(\.\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads an ISO 8601 date/time or epoch seconds as milliseconds since the epoch. */
export function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (EPOCH.test(trimmed)) return Number(trimmed) * 1000;
  const m = ISO.exec(trimmed);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let time = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  // Without a zone designator the time is read as UTC, the zone AWS uses for aws:CurrentTime.
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

function dateOperator(name: string, verb: string, compare: (a: number, b: number) => boolean): ConditionOperator {
  return {
    name,
    test(requestValue, policyValue) {
      const left = parseDate(requestValue);
      const right = parseDate(policyValue.text);
      if (right === undefined) {
        return { matched: false, explanation: `policy value ${q(policyValue.text)} is not a date`, problem: `${name}: policy value \`${policyValue.text}\` is not an ISO 8601 date or epoch seconds` };
      }
      if (left === undefined) {
        return { matched: false, explanation: `request value ${q(requestValue)} is not a date`, problem: `${name}: request value \`${requestValue}\` is not an ISO 8601 date or epoch seconds` };
      }
      const matched = compare(left, right);
      return { matched, explanation: `${q(requestValue)} ${matched ? 'is' : 'is not'} ${verb} ${q(policyValue.text)}` };
    },
  };
}

export const DateEquals = dateOperator('DateEquals', 'the same time as', (a, b) => a === b);
export const DateNotEquals = dateOperator('DateNotEquals', 'the same time as', (a, b) => a === b);
export const DateLessThan = dateOperator('DateLessThan', 'before', (a, b) => a < b);
export const DateLessThanEquals = dateOperator('DateLessThanEquals', 'at or before', (a, b) => a <= b);
export const DateGreaterThan = dateOperator('DateGreaterThan', 'after', (a, b) => a > b);
export const DateGreaterThanEquals = dateOperator('DateGreaterThanEquals', 'at or after', (a, b) => a >= b);
