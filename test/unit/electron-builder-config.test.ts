import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { z } from 'zod';

// electron-builder cannot package here (it downloads Electron), so its config is checked as data.
const Fuses = z.object({
  runAsNode: z.literal(false),
  enableNodeOptionsEnvironmentVariable: z.literal(false),
  enableNodeCliInspectArguments: z.literal(false),
  enableEmbeddedAsarIntegrityValidation: z.literal(true),
  onlyLoadAppFromAsar: z.literal(true),
  grantFileProtocolExtraPrivileges: z.literal(false),
});
const Config = z.object({
  appId: z.string().regex(/^[a-z]+(\.[a-z]+)+$/),
  productName: z.literal('Kaari'),
  files: z.array(z.string()).min(1),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()).refine((a) => a.some((p) => p.includes('.node')), 'native modules must be unpacked'),
  npmRebuild: z.literal(true),
  electronFuses: Fuses,
  win: z.object({ target: z.array(z.object({ target: z.string() })) }),
  msi: z.object({ perMachine: z.literal(true) }),
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as unknown;

  it("validates against electron-builder's own configuration schema", () => {
    const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it('hardens the packaged app with fuses and installs per machine', () => {
    expect(Config.safeParse(config).error?.issues ?? []).toEqual([]);
  });

  it('packages the built output that electron-vite writes and the main entry in package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(Config.parse(config).files).toContain('out/**');
    expect(pkg.main.startsWith('out/')).toBe(true);
  });
});
