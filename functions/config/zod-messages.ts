import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * Everything that runs in a Lambda validates with zod's tree-shakeable `zod/mini` API (functions
 * instead of methods, imported as `import * as z from 'zod/mini'`), so a bundle carries only the
 * validators it uses: classic `zod` brings every method of every schema type, ~100 kB minified
 * even as `import * as z` (`npm run bench:bundle`). Mini ships without messages; importing this
 * module installs the English ones, so errors read exactly as classic zod's
 * ("Too small: expected number to be >=1").
 */
config(en());
