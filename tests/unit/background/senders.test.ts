import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../src/background/senders.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const tab = { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false };

describe('classifySender', () => {
  it('accepts our content script in the top frame of an IAM console page', () => {
    const s = classifySender(
      { id: ID, tab, frameId: 0, url: 'https://us-east-1.console.aws.amazon.com/iam/home#/roles' },
      ID,
      ORIGIN,
    );
    expect(s).toMatchObject({ kind: 'content', tabId: 7, partition: 'aws', console: 'iam' });
  });

  it('accepts our content script on a CloudFormation console page, and says which console', () => {
    const s = classifySender(
      {
        id: ID,
        tab,
        frameId: 0,
        url: 'https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacksets/create',
      },
      ID,
      ORIGIN,
    );
    expect(s).toMatchObject({
      kind: 'content',
      tabId: 7,
      partition: 'aws',
      console: 'cloudformation',
    });
    expect(
      classifySender(
        { id: ID, tab, frameId: 0, url: 'https://console.amazonaws.cn/cloudformation/home' },
        ID,
        ORIGIN,
      ),
    ).toMatchObject({ kind: 'content', partition: 'aws-cn', console: 'cloudformation' });
  });

  it.each([
    [
      'another extension',
      { id: 'other', tab, frameId: 0, url: 'https://console.aws.amazon.com/iam/home' },
    ],
    ['a sub-frame', { id: ID, tab, frameId: 3, url: 'https://console.aws.amazon.com/iam/home' }],
    [
      'a console page outside IAM',
      { id: ID, tab, frameId: 0, url: 'https://console.aws.amazon.com/ec2/home' },
    ],
    [
      'a look-alike host',
      { id: ID, tab, frameId: 0, url: 'https://console.aws.amazon.com.evil.example/iam/home' },
    ],
    ['plain http', { id: ID, tab, frameId: 0, url: 'http://console.aws.amazon.com/iam/home' }],
    ['no URL', { id: ID, tab, frameId: 0 }],
    [
      'a CloudFormation sub-frame',
      { id: ID, tab, frameId: 2, url: 'https://console.aws.amazon.com/cloudformation/home' },
    ],
    [
      'a path that only starts like CloudFormation',
      { id: ID, tab, frameId: 0, url: 'https://console.aws.amazon.com/cloudformationx/home' },
    ],
  ])('refuses %s', (_name, sender) => {
    expect(classifySender(sender, ID, ORIGIN).kind).toBe('unknown');
  });

  it('accepts our own extension pages, and only those', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}src/popup/index.html` }, ID, ORIGIN).kind).toBe(
      'extension-page',
    );
    expect(
      classifySender({ id: ID, url: 'chrome-extension://zzzz/src/popup/index.html' }, ID, ORIGIN)
        .kind,
    ).toBe('unknown');
  });
});
