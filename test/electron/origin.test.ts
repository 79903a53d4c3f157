// Who the shell trusts: the app:// origin's top frame for IPC, plain http(s) links for
// the OS browser, nothing else.

import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppFrame, isAppUrl, isSafeExternalUrl } from '../../electron/origin.js';

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://muser/assets/index.js?x=1#y')).toBe(true);
    for (const url of ['app://other/index.html', 'app://muser:8080/', 'app://evil@muser/', 'https://muser/', 'file:///index.html', 'muser', '', 'app:muser/index.html', 'javascript:alert(1)']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAppFrame', () => {
  it('trusts the top frame on an app page, not a subframe, another page or a gone frame', () => {
    expect(isAppFrame({ url: APP_START_URL, parent: null })).toBe(true);
    expect(isAppFrame({ url: APP_START_URL, parent: {} })).toBe(false);
    expect(isAppFrame({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isAppFrame({ url: '', parent: null })).toBe(false);
    expect(isAppFrame(null)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('lets plain http(s) links out and keeps everything else in', () => {
    expect(isSafeExternalUrl('https://arxiv.org/abs/2312.10307')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/x?y')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://muser/', 'https://user:pw@example.com/', 'ms-settings:', 'not a url', 'data:text/html,x']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
