import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { createMainServices } from '../services';
import { confFileFactory } from '../settings/conf-file';

describe('the workstation configured with a remote backend', () => {
  const configure = (backendUrl: string) => () =>
    createMainServices({
      dataDir: tempDir('ws-tls'),
      backendUrl,
      host: 'browser',
      version: 'test',
      settingsFile: confFileFactory,
    });

  it('refuses plain http:// to it before connecting anywhere, saying to use https://', () => {
    expect(configure('http://kaari.hyvinvointialue.fi')).toThrow(
      'The backend kaari.hyvinvointialue.fi is not on this computer, so it must be reached over TLS: use https://kaari.hyvinvointialue.fi instead of http://.',
    );
  });

  it('accepts https:// to it', async () => {
    const services = configure('https://kaari.hyvinvointialue.fi')();
    await services.dispose();
  });
});
