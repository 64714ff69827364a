// The Nunjucks environment: our templates live beside their capability (src/<capability>/views),
// GOV.UK Frontend's macros come from the package. Autoescaping is on for everything.
import path from 'node:path';
import nunjucks from 'nunjucks';
import { GOVUK_DIST, ROOT_DIR } from './assets.ts';
import { financialYearLabel, formatDate, formatDateTime, formatPence, type DatePrecision } from './format.ts';
import { dateInputParts, penceToInput } from './form-input.ts';
import { labelFor } from './labels.ts';

export function createViewEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(ROOT_DIR, 'src'), GOVUK_DIST], { noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('date', (iso: string, precision?: DatePrecision) => formatDate(iso, precision ?? 'day'));
  env.addFilter('dateTime', (value: Date | string) => formatDateTime(value));
  env.addFilter('money', (pence: number) => formatPence(pence));
  env.addFilter('financialYear', (year: number) => financialYearLabel(year));
  env.addFilter('penceInput', (pence: number) => penceToInput(pence));
  env.addFilter('label', (value: string, kind: string) => labelFor(kind, value));
  env.addGlobal('dateParts', dateInputParts);
  return env;
}

export function renderView(env: nunjucks.Environment, template: string, context: object): Promise<string> {
  return new Promise((resolve, reject) => {
    env.render(template, context, (err, html) => (err ? reject(err) : resolve(html ?? '')));
  });
}
