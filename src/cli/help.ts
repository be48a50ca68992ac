// `--help`: the commands (from main.ts's table) and every environment variable
// (from config.ts's table), so neither list can drift from what the code reads.
import { environmentVariables } from '../config.js';

export interface CommandHelp {
  usage: string;
  summary: string;
}

export function helpText(commands: CommandHelp[]): string {
  const usageWidth = Math.max(...commands.map((command) => command.usage.length));
  const nameWidth = Math.max(...environmentVariables.map((variable) => variable.name.length));
  const defaultWidth = Math.max(...environmentVariables.map((variable) => variable.default.length));
  return [
    'Engage Orders: the order hub service.',
    '',
    'Usage: npm start -- [command] [options]   (or: node dist/main.js [command] [options])',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(usageWidth)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h  Show this help',
    '',
    'Environment variables (default in brackets):',
    ...environmentVariables.map(
      (variable) => `  ${variable.name.padEnd(nameWidth)}  ${(variable.default ? `[${variable.default}]` : '').padEnd(defaultWidth + 2)}  ${variable.meaning}`,
    ),
    '',
  ].join('\n');
}
