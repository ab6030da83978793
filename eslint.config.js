// Lint: type-aware rules from typescript-eslint over all TypeScript in the repo.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "**/*.mjs", "**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "Pass time in as an argument (the core reads no clock)." },
      ],
    },
  },
  {
    files: ["src/action/**", "src/cli/**", "src/github/**", "src/store/**", "src/notify/senders/**", "src/notify/http.ts", "test/**", "bench/**", "scripts/**", "**/*.test.ts", "**/*.test-helpers.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
);
