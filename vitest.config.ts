import { defineConfig } from "vitest/config";

// One project per runtime: the domain core in plain Node, the Worker inside workerd.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "shared",
          include: ["test/shared/**/*.test.ts"],
          environment: "node",
        },
      },
    ],
  },
});
