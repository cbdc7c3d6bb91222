import { defineConfig } from 'vitest/config';

// The suites bench/fresh-org.ts times, kept out of `npm test`.
export default defineConfig({ test: { root: import.meta.dirname, include: ['*.test.ts'] } });
