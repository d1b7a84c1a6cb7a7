// Schedule specs: the input shape of shared/protocol.ts <-> the API's ScheduleSpec. Everything the
// server would reject (cron text, calendar ranges, time zones, intervals) is checked here first,
// so the error names the field and nothing is sent. Also renders a spec back into the input shape
// (compact cron-style field text) and into one summary line for trees.
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type {
  ScheduleCalendarField,
  ScheduleCalendarInput,
  ScheduleIntervalInput,
  ScheduleSpecInput,
} from '../../../../shared/src/protocol';
import type {
  CalendarSpec,
  Range,
  ScheduleSpec,
  ScheduleSpecSchema,
  StructuredCalendarSpec,
} from '../../temporal/gen/temporal/api/schedule/v1/message_pb.js';
import { WorkbenchError } from '../../errors';
import { durationSeconds, isoTime, parseDurationSeconds } from './common';

export type ScheduleSpecInit = Exclude<MessageInitShape<typeof ScheduleSpecSchema>, ScheduleSpec>;
type RangeInit = { start: number; end?: number; step?: number };
type CalendarInit = { [K in CalendarFieldName]: RangeInit[] } & {
  comment: string;
};

export function invalid(message: string): never {
  throw new WorkbenchError('InvalidInput', message);
}

// ---------------------------------------------------------------------------------------------
// Shape checks for JSON documents (types are not enforced on the wire)

export function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(`${field} must be an object, got ${describeJson(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Unknown keys are errors: a misspelt field must not be silently ignored in an edited document. */
export function checkKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  field: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      invalid(`${field}.${key} is not a field here (known: ${allowed.join(', ')})`);
    }
  }
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(`${field} must be a string, got ${describeJson(value)}`);
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    invalid(`${field} must be true or false, got ${describeJson(value)}`);
  return value;
}

export function optionalArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) invalid(`${field} must be a list, got ${describeJson(value)}`);
  return value;
}

export function optionalInteger(
  value: unknown,
  field: string,
  min = Number.MIN_SAFE_INTEGER,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    invalid(
      `${field} must be an integer${min === 0 ? ' (0 or more)' : ''}, got ${describeJson(value)}`,
    );
  }
  return value;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Time zones, times and durations

const zoneName = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Names Go's time.LoadLocation accepts (IANA, case-sensitive; `UTC`, `Local`); '' = UTC. */
export function checkTimeZone(name: string, field: string): void {
  if (name === '' || name === 'UTC' || name === 'Local') return;
  let resolved: string | undefined;
  if (zoneName.test(name)) {
    try {
      resolved = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
      }).resolvedOptions().timeZone;
    } catch {
      resolved = undefined;
    }
  }
  if (!resolved) {
    invalid(
      `${field} '${name}' is not a known time zone (IANA names such as Europe/Paris, America/New_York, UTC)`,
    );
  }
  // Intl ignores case, the server does not.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    invalid(
      `${field} '${name}' is not a known time zone: names are case-sensitive (did you mean '${resolved}'?)`,
    );
  }
}

/** ISO 8601 text -> Date, or InvalidInput naming the field. */
export function parseTime(text: string, field: string): Date {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    invalid(`${field} '${text}' is not an ISO 8601 time (e.g. 2025-01-31T09:00:00Z)`);
  return new Date(ms);
}

/** Seconds -> the shortest text of whole units (`1h`, `1m30s`, `250ms`), as people write them. */
export function humanDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (!Number.isInteger(seconds)) {
    const ms = Number((seconds * 1000).toFixed(6));
    return seconds < 1 && Number.isInteger(ms) ? `${ms}ms` : `${Number(seconds.toFixed(9))}s`;
  }
  let rest = seconds;
  let text = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text;
}

/** Seconds -> a protobuf Duration init. */
export function secondsDuration(seconds: number): {
  seconds: bigint;
  nanos: number;
} {
  const whole = Math.floor(seconds);
  return { seconds: BigInt(whole), nanos: Math.round((seconds - whole) * 1e9) };
}

function durationOf(text: unknown, field: string): number | undefined {
  const s = optionalString(text, field);
  if (s === undefined || s === '') return undefined;
  return parseDurationSeconds(s, field);
}

// ---------------------------------------------------------------------------------------------
// Calendar fields

type CalendarFieldName =
  'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'year' | 'dayOfWeek';

interface FieldRule {
  key: CalendarFieldName;
  /** Label in messages (cron-style). */
  label: string;
  min: number;
  max: number;
  /** Default when absent: the first value only, or every value. */
  absent: 'min' | 'any';
  names?: { list: string[]; minLength: number; first: number };
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export const CALENDAR_FIELDS: readonly FieldRule[] = [
  { key: 'second', label: 'second', min: 0, max: 59, absent: 'min' },
  { key: 'minute', label: 'minute', min: 0, max: 59, absent: 'min' },
  { key: 'hour', label: 'hour', min: 0, max: 23, absent: 'min' },
  { key: 'dayOfMonth', label: 'day of month', min: 1, max: 31, absent: 'any' },
  {
    key: 'month',
    label: 'month',
    min: 1,
    max: 12,
    absent: 'any',
    names: { list: MONTHS, minLength: 3, first: 1 },
  },
  { key: 'year', label: 'year', min: 2000, max: 2100, absent: 'any' },
  {
    key: 'dayOfWeek',
    label: 'day of week',
    min: 0,
    max: 6,
    absent: 'any',
    names: { list: DAYS, minLength: 2, first: 0 },
  },
];

const RULE = Object.fromEntries(CALENDAR_FIELDS.map((r) => [r.key, r])) as Record<
  CalendarFieldName,
  FieldRule
>;
const CALENDAR_KEYS = [...CALENDAR_FIELDS.map((r) => r.key), 'comment'];
const MAX_COMMENT = 200;

/** One value of cron-style text: a number or (for months and days) a name prefix. */
function fieldValue(text: string, rule: FieldRule, max: number, where: string): number {
  let value: number | undefined;
  if (/^\d+$/.test(text)) value = Number(text);
  else if (rule.names && text.length >= rule.names.minLength) {
    const lower = text.toLowerCase();
    const i = rule.names.list.findIndex((n) => n.startsWith(lower));
    if (i >= 0) value = i + rule.names.first;
  }
  if (value === undefined)
    invalid(`${where}: ${rule.label} '${text}' is not a number${rule.names ? ' or name' : ''}`);
  if (value < rule.min || value > max) {
    invalid(`${where}: ${rule.label} ${value} is out of range ${rule.min}-${max}`);
  }
  return value;
}

/**
 * Cron-style field text -> ranges: `*`, `5`, `1-5`, `*\/15`, `10/5` (10 to the end every 5),
 * `1-5/2`, and comma lists of those. `maxOverride` lets cron day-of-week take 7 (= Sunday).
 */
export function parseFieldText(
  text: string,
  rule: FieldRule,
  where: string,
  maxOverride?: number,
): RangeInit[] {
  const max = maxOverride ?? rule.max;
  const ranges: RangeInit[] = [];
  for (const part of text.trim().split(',')) {
    if (!part) invalid(`${where}: ${rule.label} '${text}' has an empty list item`);
    const [base, stepText, extra] = part.split('/');
    if (extra !== undefined || base === '')
      invalid(`${where}: ${rule.label} '${part}' is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        invalid(`${where}: ${rule.label} step '${stepText}' must be a whole number of 1 or more`);
      }
      step = Number(stepText);
    }
    let start = rule.min;
    let end = max;
    if (base !== '*') {
      const bounds = base.split('-');
      if (bounds.length > 2 || bounds.some((b) => !b))
        invalid(`${where}: ${rule.label} '${part}' is malformed`);
      start = fieldValue(bounds[0], rule, max, where);
      if (bounds.length === 2) {
        end = fieldValue(bounds[1], rule, max, where);
        if (end < start) invalid(`${where}: ${rule.label} range '${base}' ends before it starts`);
      } else if (stepText === undefined) {
        end = start;
      }
    }
    const range: RangeInit = { start };
    if (end !== start) range.end = end;
    if (step !== 1) range.step = step;
    ranges.push(range);
  }
  return ranges;
}

function rangesFromList(list: unknown[], rule: FieldRule, where: string): RangeInit[] {
  return list.map((item, i) => {
    const at = `${where}[${i}]`;
    if (typeof item === 'number') {
      const start = optionalInteger(item, at)!;
      checkBounds(start, rule, at);
      return { start };
    }
    const o = expectObject(item, at);
    checkKeys(o, ['start', 'end', 'step'], at);
    const start = optionalInteger(o.start, `${at}.start`);
    if (start === undefined) invalid(`${at}.start is required`);
    checkBounds(start, rule, `${at}.start`);
    const range: RangeInit = { start };
    const end = optionalInteger(o.end, `${at}.end`);
    // The API reads end 0 (unset) as "same as start".
    if (end !== undefined && end !== 0 && end !== start) {
      checkBounds(end, rule, `${at}.end`);
      if (end < start) invalid(`${at}.end ${end} is before start ${start}`);
      range.end = end;
    }
    const step = optionalInteger(o.step, `${at}.step`);
    if (step !== undefined && step !== 0) {
      if (step < 1) invalid(`${at}.step must be 1 or more, got ${step}`);
      if (step !== 1) range.step = step;
    }
    return range;
  });
}

function checkBounds(value: number, rule: FieldRule, where: string): void {
  if (value < rule.min || value > rule.max) {
    const hint = rule.key === 'dayOfWeek' && value === 7 ? ' (Sunday is 0)' : '';
    invalid(`${where} ${value} is out of range ${rule.min}-${rule.max}${hint}`);
  }
}

/**
 * `match` calendars default second/minute/hour to 0 as the SDKs do; `skip` calendars default
 * every field to any value, so `{ month: 12, dayOfMonth: 25 }` skips the whole day.
 */
export type CalendarMode = 'match' | 'skip';

function absentIsMin(rule: FieldRule, mode: CalendarMode): boolean {
  return mode === 'match' && rule.absent === 'min';
}

function fieldRanges(
  value: ScheduleCalendarField | undefined,
  rule: FieldRule,
  where: string,
  mode: CalendarMode,
): RangeInit[] {
  if (value === undefined || value === null) {
    if (rule.key === 'year') return [];
    return absentIsMin(rule, mode) ? [{ start: rule.min }] : [{ start: rule.min, end: rule.max }];
  }
  if (typeof value === 'string') {
    if (!value.trim()) invalid(`${where} is empty (use "*" for any ${rule.label})`);
    return parseFieldText(value, rule, where);
  }
  if (!Array.isArray(value)) {
    invalid(`${where} must be a list of ranges or text such as "1-5", got ${describeJson(value)}`);
  }
  return rangesFromList(value, rule, where);
}

/** One calendar of the input -> a StructuredCalendarSpec init, validated. */
export function calendarFromInput(
  value: unknown,
  where: string,
  mode: CalendarMode = 'match',
): CalendarInit {
  const o = expectObject(value, where);
  checkKeys(o, CALENDAR_KEYS, where);
  const comment = optionalString(o.comment, `${where}.comment`) ?? '';
  if (comment.length > MAX_COMMENT)
    invalid(`${where}.comment is longer than ${MAX_COMMENT} characters`);
  const out = { comment } as CalendarInit;
  for (const rule of CALENDAR_FIELDS) {
    out[rule.key] = fieldRanges(
      o[rule.key] as ScheduleCalendarField | undefined,
      rule,
      `${where}.${rule.key}`,
      mode,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cron text

const PREDEFINED: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELD_ORDER: Record<number, CalendarFieldName[]> = {
  5: ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'],
  6: ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'],
  7: ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'],
};

/** Validates one cron expression the way the server reads it; returns its CRON_TZ ('' if none). */
export function checkCronExpression(text: string, where: string): { timezone: string } {
  let c = text.trim();
  if (!c) invalid(`${where} is empty`);
  let timezone = '';
  const tz = /^(?:CRON_)?TZ=(\S*)(\s+|$)/.exec(c);
  if (tz) {
    if (!tz[2]) invalid(`${where} '${text}' has a time zone but no schedule after it`);
    timezone = tz[1];
    checkTimeZone(timezone, `${where} time zone`);
    c = c.slice(tz[0].length);
  }
  const hash = c.indexOf('#');
  if (hash >= 0) {
    if (c.length - hash - 1 > MAX_COMMENT)
      invalid(`${where} comment is longer than ${MAX_COMMENT} characters`);
    c = c.slice(0, hash).trim();
  }
  if (c.startsWith('@every')) {
    const m = /^@every\s+(\S+?)(?:\/(\S+))?$/.exec(c);
    if (!m)
      invalid(`${where} '${text}' is malformed (expected e.g. '@every 90m' or '@every 1h/15m')`);
    checkInterval(
      parseDurationSeconds(m[1], `${where} interval`),
      m[2] ? parseDurationSeconds(m[2], `${where} offset`) : 0,
      where,
    );
    return { timezone };
  }
  if (c.startsWith('@')) {
    if (!PREDEFINED[c]) {
      invalid(
        `${where} '${c}' is not one of ${Object.keys(PREDEFINED).join(', ')}, @every <duration>`,
      );
    }
    c = PREDEFINED[c];
  }
  const fields = c.split(/\s+/);
  const order = FIELD_ORDER[fields.length];
  if (!order) {
    invalid(
      `${where} '${text}' has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week), 6 (+ year) or 7 (second first, + year)`,
    );
  }
  order.forEach((key, i) => {
    // Cron day-of-week takes 7 for Sunday too.
    parseFieldText(fields[i], RULE[key], `${where} '${text}'`, key === 'dayOfWeek' ? 7 : undefined);
  });
  return { timezone };
}

// ---------------------------------------------------------------------------------------------
// Intervals and the whole spec

function checkInterval(every: number, offset: number, where: string): void {
  if (every < 1) invalid(`${where}: the interval must be at least 1s`);
  if (offset < 0) invalid(`${where}: the offset must not be negative`);
  if (offset > every) invalid(`${where}: the offset must not be more than the interval`);
}

function intervalFromInput(value: unknown, where: string) {
  const o = expectObject(value, where) as Partial<ScheduleIntervalInput> & Record<string, unknown>;
  checkKeys(o, ['every', 'offset'], where);
  const every = durationOf(o.every, `${where}.every`);
  if (every === undefined) invalid(`${where}.every is required (e.g. "1h")`);
  if (every < 1) invalid(`${where}.every must be at least 1s`);
  const offset = durationOf(o.offset, `${where}.offset`) ?? 0;
  if (offset > every) invalid(`${where}.offset must not be more than ${where}.every`);
  return {
    interval: secondsDuration(every),
    phase: offset ? secondsDuration(offset) : undefined,
  };
}

const SPEC_KEYS = [
  'intervals',
  'calendars',
  'cronExpressions',
  'skip',
  'startTime',
  'endTime',
  'jitter',
  'timezoneName',
];

/** The input spec -> a ScheduleSpec init; every field validated, errors name it (`spec.…`). */
export function specFromInput(value: unknown, where = 'spec'): ScheduleSpecInit {
  const o = expectObject(value ?? {}, where) as ScheduleSpecInput & Record<string, unknown>;
  checkKeys(o, SPEC_KEYS, where);
  const timezoneName = optionalString(o.timezoneName, `${where}.timezoneName`)?.trim() ?? '';
  checkTimeZone(timezoneName, `${where}.timezoneName`);

  const cronString = optionalArray(o.cronExpressions, `${where}.cronExpressions`).map((c, i) => {
    const at = `${where}.cronExpressions[${i}]`;
    const text = optionalString(c, at);
    if (text === undefined) invalid(`${at} must be a string`);
    return { text, at, ...checkCronExpression(text, at) };
  });
  // All cron expressions share one time zone (present or not), and it must agree with the spec's.
  cronString.forEach((c) => {
    if (c.timezone !== cronString[0].timezone) {
      invalid(
        `${c.at} time zone '${c.timezone || 'none'}' differs from ${cronString[0].at}'s ('${cronString[0].timezone || 'none'}'): all cron expressions must agree`,
      );
    }
    if (c.timezone && timezoneName && c.timezone !== timezoneName) {
      invalid(
        `${c.at} time zone '${c.timezone}' conflicts with ${where}.timezoneName '${timezoneName}'`,
      );
    }
  });

  const spec: ScheduleSpecInit = {
    interval: optionalArray(o.intervals, `${where}.intervals`).map((v, i) =>
      intervalFromInput(v, `${where}.intervals[${i}]`),
    ),
    structuredCalendar: optionalArray(o.calendars, `${where}.calendars`).map((v, i) =>
      calendarFromInput(v, `${where}.calendars[${i}]`),
    ),
    cronString: cronString.map((c) => c.text.trim()),
    excludeStructuredCalendar: optionalArray(o.skip, `${where}.skip`).map((v, i) =>
      calendarFromInput(v, `${where}.skip[${i}]`, 'skip'),
    ),
    timezoneName,
  };
  const start = optionalString(o.startTime, `${where}.startTime`);
  const end = optionalString(o.endTime, `${where}.endTime`);
  const startTime = start ? parseTime(start, `${where}.startTime`) : undefined;
  const endTime = end ? parseTime(end, `${where}.endTime`) : undefined;
  if (startTime && endTime && endTime <= startTime) {
    invalid(`${where}.endTime ${end} is not after ${where}.startTime ${start}`);
  }
  if (startTime) spec.startTime = timestampFromDate(startTime);
  if (endTime) spec.endTime = timestampFromDate(endTime);
  const jitter = durationOf(o.jitter, `${where}.jitter`);
  if (jitter) spec.jitter = secondsDuration(jitter);
  return spec;
}

/** Adds the field the server's own validation message is about, when it can be told. */
export function serverSpecError(err: unknown): unknown {
  if (!(err instanceof WorkbenchError) || err.kind !== 'InvalidInput') return err;
  const m = err.message;
  if (!/schedule spec/i.test(m)) return err;
  const field = /time ?zone/i.test(m)
    ? 'spec.timezoneName'
    : /calendar spec/i.test(m)
      ? 'spec.calendars'
      : /interval|phase/i.test(m)
        ? 'spec.intervals'
        : /cron|not in range|malformed/i.test(m)
          ? 'spec.cronExpressions'
          : 'spec';
  return new WorkbenchError('InvalidInput', `${field}: ${m}`, err.data);
}

// ---------------------------------------------------------------------------------------------
// Rendering: API spec -> input shape, and a summary line

function rangeText(r: Range | RangeInit, rule: FieldRule): string {
  const end = r.end && r.end > r.start ? r.end : r.start;
  const step = r.step && r.step > 1 ? r.step : 1;
  if (r.start === rule.min && end === rule.max && step === 1) return '*';
  if (end === r.start) return String(r.start);
  if (end === rule.max && step > 1) return `${r.start === rule.min ? '*' : r.start}/${step}`;
  return `${r.start}-${end}${step > 1 ? `/${step}` : ''}`;
}

/** A field's ranges as cron-style text (`*`, `9-17/2`, `1,15`); '' for an empty list. */
export function fieldText(ranges: readonly (Range | RangeInit)[], rule: FieldRule): string {
  return ranges.map((r) => rangeText(r, rule)).join(',');
}

function isDefault(text: string, rule: FieldRule, mode: CalendarMode): boolean {
  return absentIsMin(rule, mode) ? text === String(rule.min) : text === '*';
}

/** A structured calendar -> the input shape, leaving out fields that are at their default. */
export function calendarToInput(
  cal: StructuredCalendarSpec,
  mode: CalendarMode = 'match',
): ScheduleCalendarInput {
  const out: ScheduleCalendarInput = {};
  for (const rule of CALENDAR_FIELDS) {
    const ranges = cal[rule.key];
    if (rule.key === 'year' && !ranges.length) continue;
    // An empty list matches nothing; only a list can say so.
    const text = ranges.length ? fieldText(ranges, rule) : undefined;
    if (text !== undefined && isDefault(text, rule, mode)) continue;
    out[rule.key] = text ?? [];
  }
  if (cal.comment) out.comment = cal.comment;
  return out;
}

/**
 * A legacy text calendar (CalendarSpec) is nearly the input shape already; its empty fields
 * mean the match defaults, which skip calendars must then spell out.
 */
function legacyCalendarToInput(
  cal: CalendarSpec,
  mode: CalendarMode = 'match',
): ScheduleCalendarInput {
  const out: ScheduleCalendarInput = {};
  for (const rule of CALENDAR_FIELDS) {
    if (cal[rule.key]) out[rule.key] = cal[rule.key];
    else if (mode === 'skip' && rule.absent === 'min') out[rule.key] = String(rule.min);
  }
  if (cal.comment) out.comment = cal.comment;
  return out;
}

export function specToInput(spec: ScheduleSpec | undefined): ScheduleSpecInput {
  const out: ScheduleSpecInput = {};
  if (!spec) return out;
  if (spec.interval.length) {
    out.intervals = spec.interval.map((iv) => {
      const every: ScheduleIntervalInput = {
        every: humanDuration(durationSeconds(iv.interval) ?? 0),
      };
      const offset = durationSeconds(iv.phase);
      if (offset) every.offset = humanDuration(offset);
      return every;
    });
  }
  const calendars = [
    ...spec.structuredCalendar.map((c) => calendarToInput(c)),
    ...spec.calendar.map((c) => legacyCalendarToInput(c)),
  ];
  if (calendars.length) out.calendars = calendars;
  if (spec.cronString.length) out.cronExpressions = [...spec.cronString];
  const skip = [
    ...spec.excludeStructuredCalendar.map((c) => calendarToInput(c, 'skip')),
    ...spec.excludeCalendar.map((c) => legacyCalendarToInput(c, 'skip')),
  ];
  if (skip.length) out.skip = skip;
  const start = isoTime(spec.startTime);
  const end = isoTime(spec.endTime);
  if (start) out.startTime = start;
  if (end) out.endTime = end;
  const jitter = durationSeconds(spec.jitter);
  if (jitter) out.jitter = humanDuration(jitter);
  if (spec.timezoneName) out.timezoneName = spec.timezoneName;
  return out;
}

/** A calendar as cron text: 5 fields when second is 0 and any year, else 7. */
export function calendarCron(cal: StructuredCalendarSpec): string {
  const text = (key: CalendarFieldName) => {
    const ranges = cal[key];
    if (key === 'year' && !ranges.length) return '*';
    return ranges.length ? fieldText(ranges, RULE[key]) : '-';
  };
  const five = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'].map((k) =>
    text(k as CalendarFieldName),
  );
  const second = text('second');
  const year = text('year');
  return second === '0' && year === '*' ? five.join(' ') : [second, ...five, year].join(' ');
}

/** One line: `every 1m; 0 9 * * 1-5 (weekdays); skip 1; Europe/Paris`. */
export function specSummary(spec: ScheduleSpec | undefined): string {
  if (!spec) return 'no times (trigger only)';
  const parts: string[] = [];
  for (const iv of spec.interval) {
    const offset = durationSeconds(iv.phase);
    parts.push(
      `every ${humanDuration(durationSeconds(iv.interval) ?? 0)}${offset ? ` (offset ${humanDuration(offset)})` : ''}`,
    );
  }
  for (const cal of spec.structuredCalendar) {
    parts.push(`${calendarCron(cal)}${cal.comment ? ` (${cal.comment})` : ''}`);
  }
  for (const cal of spec.calendar) {
    const fields = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
    parts.push(fields.map((k) => cal[k] || (RULE[k].absent === 'min' ? '0' : '*')).join(' '));
  }
  parts.push(...spec.cronString);
  if (!parts.length) return 'no times (trigger only)';
  const skips = spec.excludeStructuredCalendar.length + spec.excludeCalendar.length;
  if (skips) parts.push(`skip ${skips}`);
  if (spec.timezoneName) parts.push(spec.timezoneName);
  const end = spec.endTime && isoTime(spec.endTime);
  if (end && timestampDate(spec.endTime!) < new Date()) parts.push('ended');
  return parts.join('; ');
}
