import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `tributary-source` export condition
// points every @tributary/* package at its src/ so no build is needed first.
export default defineConfig({
  resolve: { conditions: ['tributary-source'] },
  ssr: { resolve: { conditions: ['tributary-source'] } },
  test: {
    include: ['{core,plugins,bridges,tests,examples}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
