// Schedule specs without a server: local validation names the field, and the API's spec renders
// back into the compact input shape (also from the server's canonical form of a cron string).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create } from '@bufbuild/protobuf';
import { WorkbenchError } from '../../../server/src/errors';
import {
  checkCronExpression,
  checkTimeZone,
  humanDuration,
  specFromInput,
  specSummary,
  specToInput,
} from '../../../server/src/backends/temporal/scheduleSpec';
import { parseDocument } from '../../../server/src/backends/temporal/scheduleDocument';
import { ScheduleSpecSchema } from '../../../server/src/temporal/gen/temporal/api/schedule/v1/message_pb.js';

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WorkbenchError, `not a WorkbenchError: ${err}`);
    assert.equal(err.kind, 'InvalidInput');
    return err.message;
  }
  assert.fail('expected InvalidInput');
}

describe('cron expressions', () => {
  test('forms the server reads are accepted', () => {
    for (const cron of [
      '*/5 * * * *',
      '0 9 * * MON-FRI',
      '0 9 1,15 jan-mar *',
      '30 9 * * 1-5 2030',
      '0 30 9 * * 1-5 2030-2035',
      '0 0 * * 7',
      '5/10 * * * *',
      '@daily',
      '@every 90m',
      '@every 1h/15m',
      '0 12 * * * # noon',
    ]) {
      assert.deepEqual(checkCronExpression(cron, 'c'), { timezone: '' }, cron);
    }
    assert.deepEqual(checkCronExpression('CRON_TZ=Europe/Paris 0 9 * * *', 'c'), {
      timezone: 'Europe/Paris',
    });
  });

  test('mistakes name the field and what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['61 * * * *', /spec\.cronExpressions\[0\] '61 \* \* \* \*': minute 61 is out of range 0-59/],
      ['* * *', /has 3 fields; expected 5/],
      ['0 9 ? * *', /day of month '\?' is not a number/],
      ['0 9 * * 8', /day of week 8 is out of range 0-7/],
      ['0 9-5 * * *', /ends before it starts/],
      ['*/0 * * * *', /step '0' must be/],
      ['@sometimes', /is not one of @yearly/],
      ['@every 0s', /at least 1s/],
      ['CRON_TZ=Mars/Olympus 0 * * * *', /time zone 'Mars\/Olympus' is not a known time zone/],
      ['', /is empty/],
    ];
    for (const [cron, pattern] of cases) {
      const message = invalidMessage(() => checkCronExpression(cron, 'spec.cronExpressions[0]'));
      assert.match(message, pattern, cron);
      assert.match(message, /^spec\.cronExpressions\[0\]/);
    }
  });
});

describe('time zones', () => {
  test('IANA names, UTC and Local pass; unknown or wrongly cased names do not', () => {
    for (const tz of ['', 'UTC', 'Local', 'Europe/Paris', 'America/New_York', 'Etc/GMT+5']) {
      checkTimeZone(tz, 'spec.timezoneName');
    }
    assert.match(
      invalidMessage(() => checkTimeZone('Mars/Olympus', 'spec.timezoneName')),
      /^spec\.timezoneName 'Mars\/Olympus' is not a known time zone/,
    );
    assert.match(
      invalidMessage(() => checkTimeZone('europe/paris', 'spec.timezoneName')),
      /case-sensitive \(did you mean 'Europe\/Paris'\?\)/,
    );
    assert.match(
      invalidMessage(() => checkTimeZone('+01:00', 'tz')),
      /not a known time zone/,
    );
  });
});

describe('spec input', () => {
  test('every part is converted; calendar defaults as the SDKs have them', () => {
    const spec = specFromInput({
      intervals: [{ every: '1h', offset: '15m' }],
      calendars: [{ hour: '9-17/2', dayOfWeek: 'MON-FRI', comment: 'office hours' }],
      cronExpressions: ['0 12 * * *'],
      skip: [{ month: [12], dayOfMonth: [{ start: 24, end: 26 }] }],
      startTime: '2030-01-01T00:00:00Z',
      endTime: '2031-01-01T00:00:00Z',
      jitter: '30s',
      timezoneName: 'Europe/Paris',
    });
    assert.deepEqual(spec.interval, [
      {
        interval: { seconds: 3600n, nanos: 0 },
        phase: { seconds: 900n, nanos: 0 },
      },
    ]);
    assert.deepEqual(spec.structuredCalendar, [
      {
        comment: 'office hours',
        second: [{ start: 0 }],
        minute: [{ start: 0 }],
        hour: [{ start: 9, end: 17, step: 2 }],
        dayOfMonth: [{ start: 1, end: 31 }],
        month: [{ start: 1, end: 12 }],
        year: [],
        dayOfWeek: [{ start: 1, end: 5 }],
      },
    ]);
    assert.deepEqual(spec.cronString, ['0 12 * * *']);
    // Skip calendars default every field to any value: the whole of Dec 24-26 is skipped.
    assert.deepEqual(spec.excludeStructuredCalendar?.[0], {
      comment: '',
      second: [{ start: 0, end: 59 }],
      minute: [{ start: 0, end: 59 }],
      hour: [{ start: 0, end: 23 }],
      dayOfMonth: [{ start: 24, end: 26 }],
      month: [{ start: 12 }],
      year: [],
      dayOfWeek: [{ start: 0, end: 6 }],
    });
    assert.equal(spec.timezoneName, 'Europe/Paris');
    assert.equal(spec.jitter?.seconds, 30n);
  });

  test('invalid parts name their field', () => {
    const cases: [unknown, RegExp][] = [
      [{ calendars: [{ hour: [25] }] }, /^spec\.calendars\[0\]\.hour\[0\] 25 is out of range 0-23/],
      [{ calendars: [{}, { hour: '25' }] }, /^spec\.calendars\[1\]\.hour: hour 25 is out of range/],
      [{ calendars: [{ dayOfWeek: [7] }] }, /out of range 0-6 \(Sunday is 0\)/],
      [
        { calendars: [{ minute: [{ start: 30, end: 10 }] }] },
        /minute\[0\]\.end 10 is before start 30/,
      ],
      [{ calendars: [{ hour: [{ start: 1, step: -1 }] }] }, /hour\[0\]\.step must be 1 or more/],
      [{ calendars: [{ year: [1999] }] }, /year\[0\] 1999 is out of range 2000-2100/],
      [{ calendars: [{ hours: '9' }] }, /^spec\.calendars\[0\]\.hours is not a field here/],
      [
        { skip: [{ month: 'Smarch' }] },
        /^spec\.skip\[0\]\.month: month 'Smarch' is not a number or name/,
      ],
      [{ interval: [{ every: '1m' }] }, /^spec\.interval is not a field here \(known: intervals/],
      [{ intervals: [{ every: '500ms' }] }, /^spec\.intervals\[0\]\.every must be at least 1s/],
      [{ intervals: [{ every: '1m', offset: '2m' }] }, /offset must not be more than/],
      [{ intervals: [{}] }, /^spec\.intervals\[0\]\.every is required/],
      [{ intervals: [{ every: 'soon' }] }, /^spec\.intervals\[0\]\.every 'soon' is not a duration/],
      [{ cronExpressions: ['0 9 * *'] }, /^spec\.cronExpressions\[0\] '0 9 \* \*' has 4 fields/],
      [{ timezoneName: 'Nowhere/Town' }, /^spec\.timezoneName 'Nowhere\/Town' is not a known/],
      [{ startTime: 'tomorrow' }, /^spec\.startTime 'tomorrow' is not an ISO 8601 time/],
      [
        { startTime: '2030-01-02T00:00:00Z', endTime: '2030-01-01T00:00:00Z' },
        /^spec\.endTime .* is not after spec\.startTime/,
      ],
      [
        { cronExpressions: ['CRON_TZ=Europe/Paris 0 9 * * *', '0 10 * * *'] },
        /^spec\.cronExpressions\[1\] time zone 'none' differs/,
      ],
      [
        {
          cronExpressions: ['CRON_TZ=Europe/Paris 0 9 * * *'],
          timezoneName: 'UTC',
        },
        /conflicts with spec\.timezoneName 'UTC'/,
      ],
      [{ jitter: 5 }, /^spec\.jitter must be a string/],
    ];
    for (const [input, pattern] of cases) {
      assert.match(
        invalidMessage(() => specFromInput(input)),
        pattern,
        JSON.stringify(input),
      );
    }
  });
});

describe('spec rendering', () => {
  test('input -> API -> input keeps the compact form', () => {
    const input = {
      intervals: [{ every: '1h30m', offset: '10s' }],
      calendars: [{ hour: '9-17/2', dayOfWeek: '1-5', comment: 'office hours' }],
      skip: [{ month: '12', dayOfMonth: '24-26' }],
      startTime: '2030-01-01T00:00:00.000Z',
      jitter: '5s',
      timezoneName: 'Europe/Paris',
    };
    const spec = create(ScheduleSpecSchema, specFromInput(input));
    assert.deepEqual(specToInput(spec), input);
    assert.equal(
      specSummary(spec),
      'every 1h30m (offset 10s); 0 9-17/2 * * 1-5 (office hours); skip 1; Europe/Paris',
    );
  });

  test("the server's canonical form of a cron string renders compactly", () => {
    // What DescribeSchedule returns for `CRON_TZ=Europe/Paris 0 9 * * MON-FRI # weekdays`.
    const spec = create(ScheduleSpecSchema, {
      structuredCalendar: [
        {
          second: [{ step: 1 }],
          minute: [{ step: 1 }],
          hour: [{ start: 9, end: 9, step: 1 }],
          dayOfMonth: [{ start: 1, end: 31, step: 1 }],
          month: [{ start: 1, end: 12, step: 1 }],
          dayOfWeek: [{ start: 1, end: 5, step: 1 }],
          comment: 'weekdays',
        },
      ],
      timezoneName: 'Europe/Paris',
    });
    assert.deepEqual(specToInput(spec), {
      calendars: [{ hour: '9', dayOfWeek: '1-5', comment: 'weekdays' }],
      timezoneName: 'Europe/Paris',
    });
    assert.equal(specSummary(spec), '0 9 * * 1-5 (weekdays); Europe/Paris');
    // And the rendered document is valid input again.
    specFromInput(specToInput(spec));
  });

  test('steps, lists, seconds and years', () => {
    const spec = create(
      ScheduleSpecSchema,
      specFromInput({
        calendars: [
          {
            second: '*/15',
            minute: '5,35',
            year: '2030-2032',
            month: 'jan,jul',
          },
        ],
      }),
    );
    assert.deepEqual(specToInput(spec).calendars, [
      { second: '*/15', minute: '5,35', month: '1,7', year: '2030-2032' },
    ]);
    assert.equal(specSummary(spec), '*/15 5,35 0 * 1,7 * 2030-2032');
    assert.equal(specSummary(create(ScheduleSpecSchema, {})), 'no times (trigger only)');
  });

  test('durations read the way people write them', () => {
    const cases: [number, string][] = [
      [1, '1s'],
      [90, '1m30s'],
      [3600, '1h'],
      [86400 + 60, '1d1m'],
      [0.25, '250ms'],
      [1.5, '1.5s'],
    ];
    for (const [seconds, text] of cases) assert.equal(humanDuration(seconds), text);
  });
});

describe('documents', () => {
  test('text with a syntax error names line and column', () => {
    assert.match(
      invalidMessage(() => parseDocument('{\n  "spec": {,\n}')),
      /not valid JSON: .* at line 2, column 12 \(nothing was saved\)/,
    );
    assert.deepEqual(parseDocument('{"spec": {}}'), { spec: {} });
    assert.match(
      invalidMessage(() => parseDocument('[1]')),
      /document must be an object/,
    );
  });
});
