/**
 * `KAARI_NATIVE_BINDING` points main at a better-sqlite3 build for Electron's ABI (`npm start`
 * builds one into .cache/electron-native). Only in development: the installed app loads its own
 * unpacked module, and an environment variable must not load arbitrary native code into it
 * (that would step around the Electron fuses).
 */
export function nativeBindingFor({ packaged, env }: { packaged: boolean; env: NodeJS.ProcessEnv }): string | undefined {
  return packaged ? undefined : env.KAARI_NATIVE_BINDING || undefined;
}
