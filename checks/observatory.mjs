// Grade pages of one host with the MDN HTTP Observatory's own retriever, tests and grader.
// Its CLI (src/scan.js) scans only "/"; this does what its scan() does, for any path.
// Usage: node observatory.mjs HOST PATH... (prints one JSON object per path, in a list)
import { retrieve } from "@mdn/mdn-http-observatory/src/retriever/retriever.js";
import { ALL_TESTS, NUM_TESTS } from "@mdn/mdn-http-observatory/src/constants.js";
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from "@mdn/mdn-http-observatory/src/grader/charts.js";
import {
  getGradeForScore,
  getScoreDescription,
  getScoreModifier,
} from "@mdn/mdn-http-observatory/src/grader/grader.js";

async function grade(host, path) {
  const r = await retrieve(host, { path });
  if (!r.responses.auto) {
    return { path, error: "no answer from the site" };
  }
  const status = r.responses.auto.status;
  if (status < 200 || (status >= 400 && ![401, 403].includes(status))) {
    return { path, error: `unexpected HTTP status ${status}`, status };
  }
  let passed = 0;
  let withExtraCredit = 100;
  let uncurved = 100;
  const tests = ALL_TESTS.map((test) => {
    const result = test(r);
    const modifier = result.result ? getScoreModifier(result.result) : 0;
    passed += result.pass ? 1 : 0;
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    return {
      name: result.constructor.name,
      pass: result.pass,
      result: result.result,
      scoreModifier: modifier,
      description: result.result ? getScoreDescription(result.result) : "",
    };
  });
  const final = getGradeForScore(
    uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved
  );
  return {
    path,
    status,
    grade: final.grade,
    score: final.score,
    testsPassed: passed,
    testsQuantity: NUM_TESTS,
    tests,
  };
}

const [host, ...paths] = process.argv.slice(2);
const out = [];
for (const path of paths) {
  try {
    out.push(await grade(host, path));
  } catch (error) {
    out.push({ path, error: String(error?.message ?? error) });
  }
}
console.log(JSON.stringify(out, null, 2));
