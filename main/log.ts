// A scoped logger: every line names the module it comes from, so a user's log file can be read
// without the source. Output goes to stderr; the Electron shell may redirect it to a file.

export interface Logger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

type Level = 'info' | 'warn' | 'error';

export function createLogger(scope: string, sink: (line: string) => void = defaultSink): Logger {
  const write = (level: Level, message: string, context?: Record<string, unknown>) => {
    const extra = context ? ` ${safeJson(context)}` : '';
    sink(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${extra}`);
  };
  return {
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (sub) => createLogger(`${scope}:${sub}`, sink),
  };
}

function defaultSink(line: string): void {
  if (process.env.INTERVIEW_RECORDER_QUIET !== '1') process.stderr.write(`${line}\n`);
}

function safeJson(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    );
  } catch {
    return '[unserializable context]';
  }
}
