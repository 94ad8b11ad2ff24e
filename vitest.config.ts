import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The executable's tests parse 100,000 nested parentheses and an
    // 800,000-node sum as whole processes: seconds each on a slow machine.
    testTimeout: 60_000,
  },
});
