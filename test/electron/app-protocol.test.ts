// The app:// scheme serves the renderer build and nothing outside it, every response
// with the Content-Security-Policy.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFilePath, unpackedPath } from '../../electron/app-path.js';
import { appResponse, CONTENT_SECURITY_POLICY } from '../../electron/app-protocol.js';
import { tempDir } from '../helpers.js';

function site() {
  const dir = tempDir();
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  return root;
}

describe('appFilePath', () => {
  const root = site();

  it('maps app:// paths into the renderer build', () => {
    expect(appFilePath(root, 'app://muser/')).toBe(join(root, 'index.html'));
    expect(appFilePath(root, 'app://muser/index.html')).toBe(join(root, 'index.html'));
    expect(appFilePath(root, 'app://muser/assets/app.js?v=2#x')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses paths that escape the build, folders, missing files and other origins', () => {
    for (const url of [
      'app://muser/../secret.txt',
      'app://muser/%2e%2e/secret.txt',
      'app://muser/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://muser/..%5csecret.txt',
      'app://muser/%00index.html',
      'app://muser/%E0%A4%A',
      'app://muser/assets',
      'app://muser/missing.js',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(appFilePath(root, url), url).toBeNull();
    }
  });
});

describe('appResponse', () => {
  const root = site();

  it('serves files with their type and the CSP', async () => {
    const r = appResponse(root, 'app://muser/assets/app.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toBe('export {}');
  });

  it('answers 404, also with the CSP, for anything it does not serve', () => {
    const r = appResponse(root, 'app://muser/../secret.txt');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows only the app itself to run, connect and load', () => {
    const policy = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
  });
});

describe('unpackedPath', () => {
  it('moves a path inside app.asar to app.asar.unpacked and leaves others alone', () => {
    expect(unpackedPath('/opt/MusER Studio/resources/app.asar/dist/electron/engine-host.js')).toBe('/opt/MusER Studio/resources/app.asar.unpacked/dist/electron/engine-host.js');
    expect(unpackedPath('C:\\Apps\\MusER\\resources\\app.asar\\dist\\electron\\engine-host.js')).toBe('C:\\Apps\\MusER\\resources\\app.asar.unpacked\\dist\\electron\\engine-host.js');
    expect(unpackedPath('/home/me/muser/dist/electron/engine-host.js')).toBe('/home/me/muser/dist/electron/engine-host.js');
    expect(unpackedPath('/x/app.asar.unpacked/y.js')).toBe('/x/app.asar.unpacked/y.js');
  });
});
