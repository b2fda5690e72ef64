// Build-time values that Vite reads from VITE_* environment variables.
interface ImportMetaEnv {
  /** Label that distinguishes builds, such as a commit id; set VITE_BUILD_ID when running `vite build`. */
  readonly VITE_BUILD_ID?: string;
}
