import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", ".data/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: [
      "scripts/**",
      "tests/**",
      "db/seed/**",
      "db/migrate.ts",
      "db/reports-rebuild.ts",
      "db/backup.ts",
      "db/restore.ts",
      "server.ts",
      "*.config.*",
    ],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: { "no-console": "off", "react-hooks/rules-of-hooks": "off" },
  },
);
