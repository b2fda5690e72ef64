import { version } from '../../package.json';

/** The app version from package.json. */
export const APP_VERSION: string = version;

/** Build label from VITE_BUILD_ID, or '' when the build did not set one. */
export const BUILD_ID: string = import.meta.env.VITE_BUILD_ID ?? '';

/** Returns the version as shown to the learner, such as "0.1.0" or "0.1.0 (build 4f2c1a9)". */
export function versionLabel(): string {
  return BUILD_ID === '' ? APP_VERSION : `${APP_VERSION} (build ${BUILD_ID})`;
}
