import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { SecurityPolicy } from '../lifecycle/policy';
import { checkedBackendUrl } from './backend-url';
import { isExternalLinkAllowed } from './external-links';
import { backendUrlFor, machinePolicyPath, readMachinePolicy, strictestPolicy } from './machine-policy';
import { nativeBindingFor } from './native-binding';
import { spellcheckFor } from './spellcheck';

describe('the machine policy', () => {
  const dir = tempDir('policy');
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('is the strictest one when IT deployed no file: no external hosts, no extra CA, no spellcheck', () => {
    expect(readMachinePolicy(join(dir, 'missing.json'))).toEqual({ policy: strictestPolicy, problem: null });
    expect(strictestPolicy).toMatchObject({
      externalLinkHosts: [],
      extraCaCertificates: [],
      spellcheckDictionaryUrl: null,
    });
    expect(strictestPolicy.session).toEqual(SecurityPolicy.parse({}));
  });

  it('reads what IT set', () => {
    const path = write(
      'ok.json',
      JSON.stringify({
        externalLinkHosts: ['thl.fi', '*.terveyskyla.fi'],
        extraCaCertificates: ['/etc/kaari/county-ca.pem'],
      }),
    );
    expect(readMachinePolicy(path)).toEqual({
      policy: {
        ...strictestPolicy,
        externalLinkHosts: ['thl.fi', '*.terveyskyla.fi'],
        extraCaCertificates: ['/etc/kaari/county-ca.pem'],
      },
      problem: null,
    });
  });

  it('carries the session rules of the desktop app (idle lock and the like) for IT to set', () => {
    const path = write('session.json', JSON.stringify({ session: { idleLockMinutes: 5 } }));
    expect(readMachinePolicy(path).policy.session).toEqual({ ...SecurityPolicy.parse({}), idleLockMinutes: 5 });
    expect(
      readMachinePolicy(write('bad-session.json', JSON.stringify({ session: { idleLockMinutes: -1 } }))).problem,
    ).toMatch(/session\.idleLockMinutes/);
  });

  it('names the backend for every user of the machine; the environment only where IT set none', () => {
    const policy = readMachinePolicy(
      write('backend.json', JSON.stringify({ backendUrl: 'https://kaari.hyvinvointialue.fi' })),
    ).policy;
    expect(backendUrlFor(policy, { KAARI_BACKEND_URL: 'https://elsewhere.example' })).toBe(
      'https://kaari.hyvinvointialue.fi',
    );
    expect(backendUrlFor(strictestPolicy, { KAARI_BACKEND_URL: 'http://127.0.0.1:6000' })).toBe(
      'http://127.0.0.1:6000',
    );
    expect(backendUrlFor(strictestPolicy, {})).toBe('http://127.0.0.1:5180');
  });

  it('falls back to the strictest settings, and says why, when the file is broken or has unknown fields', () => {
    const broken = readMachinePolicy(write('broken.json', '{ "externalLinkHosts": ['));
    expect(broken.policy).toEqual(strictestPolicy);
    expect(broken.problem).toMatch(/not JSON; using the strictest settings/);
    const typo = readMachinePolicy(write('typo.json', JSON.stringify({ externalLinkHost: ['evil.example'] })));
    expect(typo.policy).toEqual(strictestPolicy);
    expect(typo.problem).toMatch(/is not valid/);
    expect(
      readMachinePolicy(write('http.json', JSON.stringify({ spellcheckDictionaryUrl: 'http://dictionaries.example/' })))
        .problem,
    ).toMatch(/spellcheckDictionaryUrl/);
  });

  it('comes from the administrator-owned location; the environment chooses it only in development', () => {
    const env = { KAARI_MACHINE_POLICY: '/home/user/my-policy.json', ProgramData: 'C:\\ProgramData' };
    expect(machinePolicyPath({ packaged: true, env, platform: 'linux' })).toBe('/etc/kaari/policy.json');
    expect(machinePolicyPath({ packaged: true, env, platform: 'darwin' })).toBe(
      '/Library/Application Support/Kaari/policy.json',
    );
    expect(machinePolicyPath({ packaged: true, env, platform: 'win32' })).toMatch(/ProgramData.Kaari.policy\.json$/);
    expect(machinePolicyPath({ packaged: false, env, platform: 'linux' })).toBe('/home/user/my-policy.json');
    expect(machinePolicyPath({ packaged: false, env: {}, platform: 'linux' })).toBe('/etc/kaari/policy.json');
  });
});

describe('external links', () => {
  const hosts = ['thl.fi', '*.terveyskyla.fi'];
  it('open only for https to a host the organisation listed', () => {
    expect(isExternalLinkAllowed('https://thl.fi/fi/web/rokottaminen', hosts)).toBe(true);
    expect(isExternalLinkAllowed('https://www.terveyskyla.fi/mielitalo', hosts)).toBe(true);
    expect(isExternalLinkAllowed('https://thl.fi.evil.example/', hosts)).toBe(false);
    expect(isExternalLinkAllowed('https://eviltl.fi/', ['*.tl.fi'])).toBe(false);
    expect(isExternalLinkAllowed('https://evil.example/', hosts)).toBe(false);
    expect(isExternalLinkAllowed('http://thl.fi/', hosts)).toBe(false);
    expect(isExternalLinkAllowed('https://user:pw@thl.fi/', hosts)).toBe(false);
    expect(isExternalLinkAllowed('https://thl.fi:8443/', hosts)).toBe(false);
    expect(isExternalLinkAllowed('file:///etc/passwd', hosts)).toBe(false);
    expect(isExternalLinkAllowed('not a url', hosts)).toBe(false);
  });
  it('never open when the policy lists no host', () => {
    expect(isExternalLinkAllowed('https://thl.fi/', [])).toBe(false);
  });
});

describe('the backend address', () => {
  it('may be plain http only on this computer', () => {
    for (const url of [
      'http://127.0.0.1:5180',
      'http://localhost:5180',
      'http://[::1]:5180',
      'https://kaari.example.fi',
    ]) {
      expect(() => checkedBackendUrl(url)).not.toThrow();
    }
  });
  it('refuses http:// to any other host with a message that says what to write instead', () => {
    expect(() => checkedBackendUrl('http://kaari.hyvinvointialue.fi/api')).toThrow(
      'The backend kaari.hyvinvointialue.fi is not on this computer, so it must be reached over TLS: use https://kaari.hyvinvointialue.fi/api instead of http://.',
    );
    expect(() => checkedBackendUrl('http://10.0.0.5:5180')).toThrow(
      /must be reached over TLS: use https:\/\/10\.0\.0\.5:5180 /,
    );
    expect(() => checkedBackendUrl('http://127.0.0.1.evil.example')).toThrow(/over TLS/);
    expect(() => checkedBackendUrl('ftp://kaari.example.fi')).toThrow(/must start with https:\/\//);
    expect(() => checkedBackendUrl('kaari.example.fi')).toThrow(/is not a URL/);
  });
});

describe('the native module override', () => {
  it('is honoured in development and ignored in the installed app', () => {
    const env = { KAARI_NATIVE_BINDING: '/tmp/evil.node' };
    expect(nativeBindingFor({ packaged: false, env })).toBe('/tmp/evil.node');
    expect(nativeBindingFor({ packaged: true, env })).toBeUndefined();
    expect(nativeBindingFor({ packaged: false, env: {} })).toBeUndefined();
  });
});

describe('spellcheck', () => {
  it('is off unless the organisation serves the dictionaries itself', () => {
    expect(spellcheckFor(strictestPolicy)).toEqual({ enabled: false });
    const dictionaries = join(tempDir('dictionaries'), 'bdic');
    mkdirSync(dictionaries);
    expect(
      spellcheckFor({ spellcheckDictionaryUrl: `file://${dictionaries}`, spellcheckLanguages: ['fi', 'sv'] }),
    ).toEqual({
      enabled: true,
      dictionaryUrl: `file://${dictionaries}/`,
      languages: ['fi', 'sv'],
    });
    expect(
      spellcheckFor({ spellcheckDictionaryUrl: 'https://sanakirjat.example.fi/', spellcheckLanguages: [] }),
    ).toEqual({ enabled: false });
  });
});
