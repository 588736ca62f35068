// Report URLs on loopback HTTP (the local reference service) only in their canonical spellings:
// the URL parser turns 127.1, 0x7f000001 and friends into 127.0.0.1, so the text is what counts.
import { describe, expect, it } from 'vitest';
import { isDevelopmentReportUrl, parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';

const withReportUrl = (url: string) => {
  const demo = structuredClone(EXAMPLE_PROFILES[0]) as { report: { url: string } };
  demo.report.url = url;
  return parseProfile(demo);
};

describe('loopback report URLs', () => {
  it.each([
    'http://127.0.0.1:47615/crossrole/v1/connections',
    'http://127.0.0.1/r',
    'http://localhost:3000/r?x=1',
    'http://localhost',
    'http://[::1]:8080/r',
    'http://127.0.0.1:65535#f',
  ])('accepts the canonical %s', (url) => {
    expect(isDevelopmentReportUrl(url)).toBe(true);
    expect(withReportUrl(url).ok).toBe(true);
  });

  it.each([
    'http://127.1:9',
    'http://0x7f000001:9',
    'http://2130706433',
    'http://127.000.000.001',
    'http://127.0.0.01:9/r',
    'http://0177.0.0.1:9',
    'http://[0:0:0:0:0:0:0:1]:9',
    'http://[::ffff:127.0.0.1]:9',
    'http://LOCALHOST:9',
    'http://localhost.:9',
    'http://127.0.0.1:09/r',
    'http://127.0.0.1:9\\r',
  ])('refuses %s, saying which spellings are allowed', (url) => {
    expect(isDevelopmentReportUrl(url)).toBe(false);
    const result = withReportUrl(url);
    expect(!result.ok && result.errors).toEqual([
      {
        path: 'report.url',
        message: expect.stringMatching(
          /^must (spell a development address exactly http:\/\/127\.0\.0\.1:<port>|use https:\/\/)/,
        ),
        // Coded, so the popup says it in the customer's language (src/popup/problems.ts).
        problem: expect.objectContaining({
          code: expect.stringMatching(/^reportUrl(LoopbackSpelling|Https)$/),
        }),
      },
    ]);
  });

  it('refuses spaces and control characters the URL parser would drop', () => {
    for (const url of [
      'http://127.0.0.\n1:9/r',
      'http://127.0.0.1:9/r\t',
      'https://api.example.com/a\nb',
    ]) {
      expect(withReportUrl(url)).toMatchObject({
        ok: false,
        errors: [{ path: 'report.url', message: 'must not contain spaces or control characters' }],
      });
    }
  });
});
