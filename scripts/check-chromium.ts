/** Fails the e2e run early, with instructions, when there is no Chromium to drive. */
import fs from "node:fs";
import { chromiumPath } from "@/tests/e2e/chromium";

const executable = chromiumPath();
try {
  fs.accessSync(executable, fs.constants.X_OK);
} catch {
  console.error(
    [
      `未找到 Chromium：${executable}`,
      `No Chromium found at ${executable}. The end-to-end tests drive a locally installed Chromium.`,
      "  Debian/Ubuntu:  sudo apt-get install -y chromium fonts-noto-cjk",
      "  Or point CHROMIUM_PATH at another Chromium or Chrome binary, e.g.",
      "  CHROMIUM_PATH=/path/to/chrome npm test",
    ].join("\n"),
  );
  process.exit(1);
}
