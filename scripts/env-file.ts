import fs from "node:fs";

/**
 * On a fresh clone there is no .env: copy .env.example so the settings in use are
 * visible and editable in one place. Never overwrites an existing .env.
 */
export function ensureEnvFile() {
  if (fs.existsSync(".env") || !fs.existsSync(".env.example")) return;
  fs.copyFileSync(".env.example", ".env");
  console.log("已根据 .env.example 创建 .env / created .env from .env.example");
}
