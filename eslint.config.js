// Lint of the add-in with Microsoft's office-addins rules (eslint-plugin-office-addins): load before
// read, sync before read, sync after load, no sync in loops, null checks with isNullObject. Only those
// rules: formatting is not what this lint is for.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const officeRules = Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, "error"]));

export default [
  {
    files: ["addin/**/*.ts"],
    languageOptions: { parser: tseslint.parser, sourceType: "module" },
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
];
